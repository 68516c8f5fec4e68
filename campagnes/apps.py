from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampagnesConfig(AppConfig):
    name = "campagnes"
    verbose_name = _("Campaigns")

    def ready(self):
        """The one place where domains are wired together: each payable thing registers its
        Stripe handlers, and receipts follow the gifts and the receipts issued.

        Imported here because these modules use models, which are not loaded when this module is.
        """
        from campagnes.donations import payments as donations  # noqa: PLC0415 (models not ready)
        from campagnes.receipts import tasks as receipts  # noqa: PLC0415 (models not ready)
        from campagnes.shares import payments as shares  # noqa: PLC0415 (models not ready)
        from campagnes.stripe.webhooks import registry  # noqa: PLC0415 (models not ready)

        # Claims are tried in registration order, before the donations' fallback.
        shares.register(registry)
        donations.register(registry)
        receipts.connect()
