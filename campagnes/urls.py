from django.urls import path

from campagnes.donations import views
from campagnes.shares import views as shares
from campagnes.spaces.views import donor as donor_space
from campagnes.spaces.views import erasure as space_erasure
from campagnes.spaces.views import identity as donor_identity
from campagnes.spaces.views import investor as investor_space
from campagnes.spaces.views import signin, space
from home.routes import moved, translated_paths

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
    # The thank-you page's monthly offer (campagnes.donations.upsell): both POST only.
    (
        {
            "fr": "don/merci/<uuid:public_id>/mensuel/",
            "en": "donation/thanks/<uuid:public_id>/monthly/",
        },
        views.upsell_accept,
        "upsell",
    ),
    (
        {
            "fr": "don/merci/<uuid:public_id>/non-merci/",
            "en": "donation/thanks/<uuid:public_id>/no-thanks/",
        },
        views.upsell_decline,
        "upsell_decline",
    ),
]

# The personal space, "Mon espace": one for donors and investors, signed in by a one-time link
# (its token in the query string). The names are the donor space's and the investor space's
# of old, which emails and pages reverse; `investor_login` and `investor_space` redirect.
SPACE = [
    ({"fr": "mon-espace/", "en": "my-space/"}, space.space, "donor_space"),
    ({"fr": "mon-espace/connexion/", "en": "my-space/sign-in/"}, signin.login, "donor_login"),
    ({"fr": "mon-espace/lien/", "en": "my-space/link/"}, signin.link, "donor_link"),
    (
        {"fr": "mon-espace/deconnexion/", "en": "my-space/sign-out/"},
        signin.logout,
        "donor_logout",
    ),
    (
        {"fr": "mon-espace/recus/<str:number>.pdf", "en": "my-space/receipts/<str:number>.pdf"},
        donor_space.receipt,
        "donor_receipt",
    ),
    (
        {
            "fr": "mon-espace/don-mensuel/<uuid:public_id>/",
            "en": "my-space/monthly-gift/<uuid:public_id>/",
        },
        donor_space.manage_plan,
        "donor_plan",
    ),
    (
        {
            "fr": "mon-espace/don-mensuel/<uuid:public_id>/moyen-de-paiement/",
            "en": "my-space/monthly-gift/<uuid:public_id>/payment-method/",
        },
        donor_space.payment_method,
        "donor_payment_method",
    ),
    (
        {"fr": "mon-espace/coordonnees/", "en": "my-space/details/"},
        donor_identity.edit,
        "donor_identity",
    ),
    (
        {"fr": "mon-espace/adresse-associe/", "en": "my-space/shareholder-address/"},
        investor_space.address,
        "investor_address",
    ),
    (
        {"fr": "mon-espace/consentements/", "en": "my-space/consents/"},
        space.consent,
        "space_consent",
    ),
    (
        {"fr": "mon-espace/supprimer/", "en": "my-space/delete/"},
        space_erasure.erase,
        "space_erase",
    ),
    (
        {"fr": "mon-espace/mes-donnees.json", "en": "my-space/my-data.json"},
        space.export_json,
        "donor_export",
    ),
    (
        {"fr": "mon-espace/mes-donnees-csv.zip", "en": "my-space/my-data-csv.zip"},
        space.export_csv,
        "donor_export_csv",
    ),
    (
        {
            "fr": "mon-espace/attestations/<uuid:public_id>.pdf",
            "en": "my-space/certificates/<uuid:public_id>.pdf",
        },
        investor_space.certificate,
        "investor_certificate",
    ),
    (
        {"fr": "mon-espace/investisseur/", "en": "my-space/investor/"},
        signin.alias("campagnes:donor_space"),
        "investor_space",
    ),
    (
        {"fr": "mon-espace/investisseur/connexion/", "en": "my-space/investor/sign-in/"},
        signin.alias("campagnes:donor_login"),
        "investor_login",
    ),
]

# The two spaces' addresses before they were one, in links of emails already sent: each leads,
# permanently and with its query string (a sign-in token), to its route in the page's language.
SPACE_MOVED = [
    (["donateur/", "donor/", "investisseur/", "investor/"], "donor_login"),
    (["donateur/lien/", "donor/link/"], "donor_link"),
    (
        ["donateur/espace/", "donor/space/", "investisseur/espace/", "investor/space/"],
        "donor_space",
    ),
    (["donateur/recus/<str:number>.pdf", "donor/receipts/<str:number>.pdf"], "donor_receipt"),
    (
        ["donateur/don-mensuel/<uuid:public_id>/", "donor/monthly-gift/<uuid:public_id>/"],
        "donor_plan",
    ),
    (
        [
            "donateur/don-mensuel/<uuid:public_id>/moyen-de-paiement/",
            "donor/monthly-gift/<uuid:public_id>/payment-method/",
        ],
        "donor_payment_method",
    ),
    (["donateur/export/", "donor/export/"], "donor_export"),
    (["donateur/coordonnees/", "donor/details/"], "donor_identity"),
    (["donateur/deconnexion/", "donor/sign-out/"], "donor_logout"),
    (
        [
            "investisseur/attestation/<uuid:public_id>.pdf",
            "investor/certificate/<uuid:public_id>.pdf",
        ],
        "investor_certificate",
    ),
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

urlpatterns = translated_paths(app_name, DONATIONS + SPACE + SHARES, formerly="fr") + [
    path(old, moved, {"to": f"{app_name}:{name}"}) for olds, name in SPACE_MOVED for old in olds
]
