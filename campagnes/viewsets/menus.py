"""The two menu groups of the admin, Giving (the Mécénat team) and Finance, and what each lists.
Registered by campagnes.wagtail_hooks.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.base import ViewSetGroup

from campagnes.viewsets.donors import DonorViewSet
from campagnes.viewsets.erasures import ErasureViewSet
from campagnes.viewsets.exports import ExportViewSet
from campagnes.viewsets.finance import SubscriptionViewSet
from campagnes.viewsets.gifts import GiftViewSet
from campagnes.viewsets.mecenat import DashboardViewSet
from campagnes.viewsets.plans import PlanViewSet
from campagnes.viewsets.pledges import PartnerViewSet, PledgeViewSet
from campagnes.viewsets.posting import ToPostViewSet
from campagnes.viewsets.receipts import DeclarationViewSet, ReceiptViewSet
from campagnes.viewsets.register import ShareholderViewSet, ShareMovementViewSet, WaitingListViewSet
from campagnes.viewsets.stripe_events import StripeEventViewSet


class MecenatGroup(ViewSetGroup):
    menu_label = _("Giving")
    menu_icon = "tag"
    menu_order = 250
    items = (
        DashboardViewSet,
        DonorViewSet,
        GiftViewSet,
        PlanViewSet,
        PartnerViewSet,
        PledgeViewSet,
        ReceiptViewSet,
        ToPostViewSet,
        DeclarationViewSet,
        ExportViewSet,
        StripeEventViewSet,
        ErasureViewSet,
    )


class FinanceGroup(ViewSetGroup):
    menu_label = _("Finance")
    menu_icon = "doc-full-inverse"
    menu_order = 260
    items = (SubscriptionViewSet, ShareMovementViewSet, ShareholderViewSet, WaitingListViewSet)
