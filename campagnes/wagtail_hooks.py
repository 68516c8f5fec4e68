"""The Mécénat admin: its dashboard, donors, gifts, monthly gifts, partners and their pledges,
tax receipts and their yearly declaration, exports and Stripe events.

Every view checks model permissions, which only the "Mécénat" group holds (migration 0002): the
Communication group, which edits pages, sees neither the menu nor these URLs. Staff write donors
and offline gifts only. Stripe is the source of online gifts and plans, and an issued receipt never
changes: it is downloaded or re-sent as a copy marked DUPLICATA.
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup

import django_filters

from campagnes.models import Donor, Gift, Plan, Receipt, StripeEvent
from campagnes.receipts import issue as receipts
from campagnes.stripe import webhooks
from campagnes.viewsets.mecenat import (
    DashboardView,
    DashboardViewSet,
    DeclarationViewSet,
    ExportViewSet,
    MecenatPanel,
)
from campagnes.viewsets.pledges import PartnerViewSet, PledgeViewSet
from campagnes.viewsets.records import (
    AmountColumn,
    DonorInspectView,
    DonorMergeView,
    GiftInspectView,
    OfflineGiftCreateView,
    OfflineGiftForm,
    PlanInspectView,
    ProcessEventView,
    ReceiptInspectView,
    ReceiptPdfView,
    RecordViewSet,
    ResendReceiptView,
    StripeEventInspectView,
    campaign_filter,
    event_state,
    short_date,
)

# Donors -----------------------------------------------------------------------------------------


class DonorViewSet(RecordViewSet):
    model = Donor
    name = "donors"
    icon = "user"
    menu_label = _("Donors")
    addable = editable = True
    inspect_view_class = DonorInspectView
    list_display = [
        "__str__",
        "email",
        "city",
        "receipt_preference",
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    list_filter = ["receipt_preference", "receipt_by_email", "newsletter"]
    search_fields = ["first_name", "last_name", "email", "company_name"]
    export_dataset = "donors"
    inspect_view_fields = [
        "email",
        "civility",
        "first_name",
        "last_name",
        "company_name",
        "siren",
        "address",
        "postcode",
        "city",
        "country",
        "receipt_preference",
        "receipt_by_email",
        "newsletter",
        "created_at",
        "gifts",
        "receipts",
    ]
    labels = {"__str__": _("Name"), "gifts": _("Gifts"), "receipts": _("Tax receipts")}
    panels = [
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("civility"), FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("company_name"), FieldPanel("siren")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("receipt_preference"), FieldPanel("receipt_by_email")]),
        FieldPanel("newsletter"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/<int:pk>/", self.construct_view(DonorMergeView), name="merge"),
        ]


# Gifts ------------------------------------------------------------------------------------------


class GiftFilterSet(WagtailFilterSet):
    campaign = campaign_filter()
    # Set by the link on a donor's page, not shown as a control.
    donor = django_filters.ModelChoiceFilter(
        queryset=Donor.objects.all(), label=_("Donor"), widget=forms.HiddenInput
    )

    class Meta:
        model = Gift
        fields = ["status", "campaign", "method", "is_offline", "frequency", "donor"]


class GiftViewSet(RecordViewSet):
    model = Gift
    name = "gifts"
    icon = "tag"
    menu_label = _("Gifts")
    addable = True
    add_view_class = OfflineGiftCreateView
    inspect_view_class = GiftInspectView
    list_select_related = ("donor", "campaign")
    list_display = [
        "donor",
        AmountColumn("amount_cents", label=_("Amount"), sort_key="amount_cents"),
        "status",
        "campaign",
        "method",
        BooleanColumn("is_offline", label=_("Offline")),
        Column("date", label=_("Date"), accessor=lambda gift: short_date(receipts.gift_date(gift))),
    ]
    filterset_class = GiftFilterSet
    search_fields = ["donor__first_name", "donor__last_name", "donor__email", "donor__company_name"]
    export_dataset = "gifts"
    inspect_view_fields = [
        "donor",
        "amount_cents",
        "refunded_cents",
        "status",
        "frequency",
        "plan",
        "method",
        "is_offline",
        "received_on",
        "created_at",
        "paid_at",
        "campaign",
        "lieu",
        "note",
        "receipt",
        "stripe_payment_intent_id",
        "stripe_invoice_id",
    ]
    labels = {
        "donor": _("Donor"),
        "plan": _("Monthly gift"),
        "refunded_cents": _("Refunded"),
        "stripe_payment_intent_id": _("Stripe payment"),
        "stripe_invoice_id": _("Stripe invoice"),
    }
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("email"),
                    FieldRowPanel(
                        [FieldPanel("civility"), FieldPanel("first_name"), FieldPanel("last_name")]
                    ),
                    FieldRowPanel([FieldPanel("company_name"), FieldPanel("siren")]),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                    FieldPanel("receipt_preference"),
                ],
                heading=_("Donor"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("amount"), FieldPanel("method"), FieldPanel("received_on")]
                    ),
                    FieldRowPanel([FieldPanel("campaign"), FieldPanel("lieu")]),
                    FieldPanel("note"),
                ],
                heading=_("Gift"),
            ),
        ],
        base_form_class=OfflineGiftForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label=_("Record an offline gift"), **kwargs)


# Monthly gifts ----------------------------------------------------------------------------------


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


# Tax receipts -----------------------------------------------------------------------------------


class ReceiptFilterSet(WagtailFilterSet):
    cancelled = django_filters.BooleanFilter(
        field_name="cancelled_on",
        lookup_expr="isnull",
        exclude=True,
        label=pgettext_lazy("receipt", "Cancelled"),
    )
    donor = django_filters.ModelChoiceFilter(
        queryset=Donor.objects.all(), label=_("Donor"), widget=forms.HiddenInput
    )

    class Meta:
        model = Receipt
        fields = ["year", "is_annual", "kind", "cancelled", "donor"]


class ReceiptViewSet(RecordViewSet):
    model = Receipt
    name = "receipts"
    icon = "doc-full"
    menu_label = _("Tax receipts")
    inspect_view_class = ReceiptInspectView
    list_select_related = ("donor",)
    list_display = [
        "number",
        "donor",
        AmountColumn("amount_cents", label=_("Amount"), sort_key="amount_cents"),
        "kind",
        BooleanColumn("is_annual", label=_("Annual")),
        Column(
            "issued_on",
            label=_("Issued on"),
            accessor=lambda receipt: short_date(receipt.issued_on),
            sort_key="issued_on",
        ),
        Column(
            "cancelled_on",
            label=pgettext_lazy("receipt", "Cancelled"),
            accessor=lambda receipt: short_date(receipt.cancelled_on),
        ),
    ]
    filterset_class = ReceiptFilterSet
    search_fields = [
        "number",
        "last_name",
        "first_name",
        "company_name",
        "donor__email",
    ]
    export_dataset = "receipts"
    inspect_view_fields = [
        "number",
        "donor",
        "kind",
        "is_annual",
        "amount_cents",
        "gift_date",
        "period_start",
        "period_end",
        "method",
        "issued_on",
        "cancelled_on",
        "replaces",
        "gifts",
        "pdf_sha256",
    ]
    labels = {
        "donor": _("Donor"),
        "period_start": _("From"),
        "period_end": _("To"),
        "gifts": _("Gifts"),
        "pdf_sha256": _("Fingerprint of the issued PDF (SHA-256)"),
    }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("pdf/<int:pk>/", self.construct_view(ReceiptPdfView), name="pdf"),
            path("resend/<int:pk>/", self.construct_view(ResendReceiptView), name="resend"),
        ]


# Stripe events ----------------------------------------------------------------------------------


class StripeEventFilterSet(WagtailFilterSet):
    processed = django_filters.BooleanFilter(
        field_name="processed_at", lookup_expr="isnull", exclude=True, label=_("Processed")
    )
    type = django_filters.ChoiceFilter(
        choices=[(name, name) for name in sorted(webhooks.HANDLERS)], label=_("Type")
    )

    class Meta:
        model = StripeEvent
        fields = ["processed", "type"]


class StripeEventViewSet(RecordViewSet):
    model = StripeEvent
    name = "stripe-events"
    icon = "resubmit"
    menu_label = _("Stripe events")
    inspect_view_class = StripeEventInspectView
    list_display = [
        "type",
        "event_id",
        Column("state", label=_("State"), accessor=event_state),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        "attempts",
        Column("error", label=_("Error"), accessor=lambda event: event.error[:80]),
    ]
    filterset_class = StripeEventFilterSet
    search_fields = ["event_id", "type"]
    inspect_view_fields = [
        "event_id",
        "type",
        "created",
        "received_at",
        "processed_at",
        "attempts",
        "error",
        "payload",
    ]
    labels = {
        "event_id": _("Stripe id"),
        "type": _("Type"),
        "created": _("Created at Stripe"),
        "received_at": _("Received"),
        "processed_at": _("Processed"),
        "attempts": _("Attempts"),
        "error": _("Error"),
        "payload": _("Content"),
    }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("process/<int:pk>/", self.construct_view(ProcessEventView), name="process"),
        ]


# Menu -------------------------------------------------------------------------------------------


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
        DeclarationViewSet,
        ExportViewSet,
        StripeEventViewSet,
    )


@hooks.register("register_admin_viewset")
def register_mecenat_admin():
    return MecenatGroup()


@hooks.register("construct_homepage_panels")
def add_mecenat_panel(request, panels):
    if DashboardView.user_may(request.user):
        panels.append(MecenatPanel())


@hooks.register("register_log_actions")
def register_mecenat_log_actions(actions):
    actions.register_action("campagnes.export", _("Export"), _("Data exported"))
    actions.register_action("campagnes.merge", _("Merge donors"), _("Donors merged"))


# The Finance admin (share subscriptions and the register) lives in its own module.
from campagnes.viewsets import finance  # noqa: E402, F401
