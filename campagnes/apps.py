from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampagnesConfig(AppConfig):
    name = "campagnes"
    verbose_name = _("Campaigns")
