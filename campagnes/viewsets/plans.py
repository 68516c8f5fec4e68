"""Monthly gifts in the Mécénat admin: their listing and pages, read only (Stripe is their source;
the donor changes them from the donor space)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import DateColumn

from campagnes.models import Plan
from campagnes.models.donations import GiftStatus
from campagnes.viewsets.records import (
    AmountColumn,
    RecordInspectView,
    RecordViewSet,
    campaign_filter,
)


class PlanInspectView(RecordInspectView):
    def get_instalments_display_value(self):
        paid = self.object.instalments.filter(status=GiftStatus.PAID).count()
        return ngettext("%(count)s paid instalment", "%(count)s paid instalments", paid) % {
            "count": paid
        }


class PlanFilterSet(WagtailFilterSet):
    campaign = campaign_filter()

    class Meta:
        model = Plan
        fields = ["status", "campaign"]


class PlanViewSet(RecordViewSet):
    model = Plan
    name = "plans"
    icon = "calendar-alt"
    menu_label = _("Monthly gifts")
    inspect_view_class = PlanInspectView
    list_select_related = ("donor", "campaign")
    list_display = [
        "donor",
        AmountColumn("amount_cents", label=_("Per month"), sort_key="amount_cents"),
        "status",
        "campaign",
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    filterset_class = PlanFilterSet
    search_fields = ["donor__first_name", "donor__last_name", "donor__email", "donor__company_name"]
    inspect_view_fields = [
        "donor",
        "amount_cents",
        "status",
        "created_at",
        "cancelled_at",
        "payment_failed_at",
        "next_attempt_at",
        "lapsed_at",
        "recovered_at",
        "campaign",
        "lieu",
        "instalments",
        "stripe_subscription_id",
    ]
    labels = {
        "donor": _("Donor"),
        "amount_cents": _("Per month"),
        "instalments": _("Instalments"),
        "stripe_subscription_id": _("Stripe subscription"),
    }
