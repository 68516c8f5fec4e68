from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import address  # noqa: PLC0415, F401 (registers the public address's deploy check)
        from home.cache import connect_signals  # noqa: PLC0415 (it imports models, not loaded yet)
        from home.otp import remember_sign_in  # noqa: PLC0415, F401 (connects it; imports models)

        connect_signals()
        # After the page cache's: on commit, its generation moves before the front cache purges.
        from home.frontcache import connect_signals as connect_front_cache  # noqa: PLC0415 (models)

        connect_front_cache()
