from campagnes.donations import views
from campagnes.shares import views as shares
from campagnes.spaces.views import donor as donor_space
from campagnes.spaces.views import identity as donor_identity
from campagnes.spaces.views import investor as investor_space
from campagnes.spaces.views import signin
from home.routes import translated_paths

app_name = "campagnes"

# Every route in each language. The French spellings once served English too: those addresses
# (in emails already sent, Stripe's return addresses, bookmarks) redirect to the English ones.
# "donation/", not "donate/": /en/donate/ is the donate page's English address.
DONATIONS = [
    ({"fr": "don/", "en": "donation/"}, views.donate, "donate"),
    (
        {"fr": "don/merci/<uuid:public_id>/", "en": "donation/thanks/<uuid:public_id>/"},
        views.thanks,
        "thanks",
    ),
    (
        {"fr": "don/annule/<uuid:public_id>/", "en": "donation/cancelled/<uuid:public_id>/"},
        views.cancelled,
        "cancelled",
    ),
]

# The donor space: signed in by a one-time link (its token in the query string).
DONOR_SPACE = [
    ({"fr": "donateur/", "en": "donor/"}, signin.login, "donor_login"),
    ({"fr": "donateur/lien/", "en": "donor/link/"}, signin.link, "donor_link"),
    ({"fr": "donateur/espace/", "en": "donor/space/"}, donor_space.space, "donor_space"),
    (
        {"fr": "donateur/recus/<str:number>.pdf", "en": "donor/receipts/<str:number>.pdf"},
        donor_space.receipt,
        "donor_receipt",
    ),
    (
        {
            "fr": "donateur/don-mensuel/<uuid:public_id>/",
            "en": "donor/monthly-gift/<uuid:public_id>/",
        },
        donor_space.manage_plan,
        "donor_plan",
    ),
    (
        {
            "fr": "donateur/don-mensuel/<uuid:public_id>/moyen-de-paiement/",
            "en": "donor/monthly-gift/<uuid:public_id>/payment-method/",
        },
        donor_space.payment_method,
        "donor_payment_method",
    ),
    ({"fr": "donateur/export/", "en": "donor/export/"}, donor_space.export, "donor_export"),
    (
        {"fr": "donateur/coordonnees/", "en": "donor/details/"},
        donor_identity.edit,
        "donor_identity",
    ),
    ({"fr": "donateur/deconnexion/", "en": "donor/sign-out/"}, signin.logout, "donor_logout"),
]

# Share subscriptions: the bulletin's steps, then its private documents (never under MEDIA_URL).
# The step slugs (…/identite/) are the bulletin's own keys, the same in both languages.
SHARES = [
    (
        {"fr": "souscription/<int:page_id>/", "en": "subscription/<int:page_id>/"},
        shares.start,
        "share_start",
    ),
    (
        {
            "fr": "souscription/<int:page_id>/merci/<uuid:public_id>/",
            "en": "subscription/<int:page_id>/thanks/<uuid:public_id>/",
        },
        shares.done,
        "share_done",
    ),
    (
        {
            "fr": "souscription/<int:page_id>/payer/<uuid:public_id>/",
            "en": "subscription/<int:page_id>/pay/<uuid:public_id>/",
        },
        shares.pay,
        "share_pay",
    ),
    (
        {
            "fr": "souscription/<int:page_id>/liste-attente/",
            "en": "subscription/<int:page_id>/waiting-list/",
        },
        shares.waiting_list,
        "share_waiting_list",
    ),
    (
        {
            "fr": "souscription/<int:page_id>/offre/<uuid:public_id>/",
            "en": "subscription/<int:page_id>/offer/<uuid:public_id>/",
        },
        shares.waiting_offer,
        "share_waiting_offer",
    ),
    (
        {
            "fr": "souscription/<int:page_id>/<slug:slug>/",
            "en": "subscription/<int:page_id>/<slug:slug>/",
        },
        shares.step,
        "share_step",
    ),
    (
        {
            "fr": "souscription/justificatif/<uuid:public_id>/",
            "en": "subscription/document/<uuid:public_id>/",
        },
        shares.document,
        "share_document",
    ),
    (
        {
            "fr": "souscription/bulletin/<uuid:public_id>.pdf",
            "en": "subscription/form/<uuid:public_id>.pdf",
        },
        shares.bulletin,
        "share_bulletin",
    ),
]

# The investor space: the donors' one-time link sign-in, for the email of the subscriptions.
INVESTOR_SPACE = [
    (
        {"fr": "investisseur/", "en": "investor/"},
        signin.login,
        {"space": "investor"},
        "investor_login",
    ),
    (
        {"fr": "investisseur/espace/", "en": "investor/space/"},
        investor_space.space,
        "investor_space",
    ),
    (
        {
            "fr": "investisseur/attestation/<uuid:public_id>.pdf",
            "en": "investor/certificate/<uuid:public_id>.pdf",
        },
        investor_space.certificate,
        "investor_certificate",
    ),
]

urlpatterns = translated_paths(
    app_name, DONATIONS + DONOR_SPACE + SHARES + INVESTOR_SPACE, formerly="fr"
)
