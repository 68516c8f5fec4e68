from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LieuxConfig(AppConfig):
    name = "lieux"
    verbose_name = _("Lieux")
