from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LieuxConfig(AppConfig):
    name = "lieux"
    verbose_name = _("Places")

    def ready(self):
        from lieux.editors import connect_signals  # noqa: PLC0415 (it imports models, not loaded yet)

        connect_signals(self.get_model("LieuPage"))
