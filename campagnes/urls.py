from django.urls import path

from campagnes.donations import views
from campagnes.shares import views as shares
from campagnes.spaces.views import donor as donor_space
from campagnes.spaces.views import investor as investor_space
from campagnes.spaces.views import signin

app_name = "campagnes"

urlpatterns = [
    path("don/", views.donate, name="donate"),
    path("don/merci/<uuid:public_id>/", views.thanks, name="thanks"),
    path("don/annule/<uuid:public_id>/", views.cancelled, name="cancelled"),
]

# The donor space: signed in by a one-time link (its token in the query string).
urlpatterns += [
    path("donateur/", signin.login, name="donor_login"),
    path("donateur/lien/", signin.link, name="donor_link"),
    path("donateur/espace/", donor_space.space, name="donor_space"),
    path("donateur/recus/<str:number>.pdf", donor_space.receipt, name="donor_receipt"),
    path("donateur/don-mensuel/<uuid:public_id>/", donor_space.manage_plan, name="donor_plan"),
    path(
        "donateur/don-mensuel/<uuid:public_id>/moyen-de-paiement/",
        donor_space.payment_method,
        name="donor_payment_method",
    ),
    path("donateur/export/", donor_space.export, name="donor_export"),
    path("donateur/deconnexion/", signin.logout, name="donor_logout"),
]

# Share subscriptions: the bulletin's steps, then its private documents (never under MEDIA_URL).
urlpatterns += [
    path("souscription/<int:page_id>/", shares.start, name="share_start"),
    path("souscription/<int:page_id>/merci/<uuid:public_id>/", shares.done, name="share_done"),
    path("souscription/<int:page_id>/payer/<uuid:public_id>/", shares.pay, name="share_pay"),
    path(
        "souscription/<int:page_id>/liste-attente/",
        shares.waiting_list,
        name="share_waiting_list",
    ),
    path(
        "souscription/<int:page_id>/offre/<uuid:public_id>/",
        shares.waiting_offer,
        name="share_waiting_offer",
    ),
    path("souscription/<int:page_id>/<slug:slug>/", shares.step, name="share_step"),
    path("souscription/justificatif/<uuid:public_id>/", shares.document, name="share_document"),
    path("souscription/bulletin/<uuid:public_id>.pdf", shares.bulletin, name="share_bulletin"),
]

# The investor space: the donors' one-time link sign-in, for the email of the subscriptions.
urlpatterns += [
    path("investisseur/", signin.login, {"space": "investor"}, name="investor_login"),
    path("investisseur/espace/", investor_space.space, name="investor_space"),
    path(
        "investisseur/attestation/<uuid:public_id>.pdf",
        investor_space.certificate,
        name="investor_certificate",
    ),
]
