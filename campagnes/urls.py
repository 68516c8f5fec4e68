from django.urls import path

from . import views

app_name = "campagnes"

urlpatterns = [
    path("don/", views.donate, name="donate"),
    path("don/merci/<uuid:public_id>/", views.thanks, name="thanks"),
    path("don/annule/<uuid:public_id>/", views.cancelled, name="cancelled"),
]
