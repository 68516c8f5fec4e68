"""The share register in the Finance admin: its movements (numbered as they are written),
shareholders, the waiting list, and the totals per offering.

The register only grows: a mistake is put right by a correction entry, never by an edit.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from campagnes.models import (
    RegisterCounter,
    Shareholder,
    ShareMovement,
    Subscription,
    WaitingListEntry,
)
from campagnes.models.register import MovementNature
from campagnes.shares import drafts, figures
from campagnes.viewsets.dates import AssociationTimeMixin, LegalDateColumn
from campagnes.viewsets.records import RecordViewSet
from home.reauth import ReauthRequiredMixin

# The register -----------------------------------------------------------------------------------


class MovementForm(forms.ModelForm):
    """A transfer, a redemption or a correction, written by hand: numbered when saved."""

    class Meta:
        model = ShareMovement
        fields = [
            "nature",
            "recorded_on",
            "shares",
            "first_number",
            "last_number",
            "transferor",
            "transferee",
            "for_value",
            "amount_cents",
            "supporting_act",
            "corrects",
        ]
        widgets = {"recorded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nature"].choices = [
            choice for choice in MovementNature.choices if choice[0] != "subscription"
        ]

    def clean(self):
        cleaned = super().clean()
        first, last, shares = (
            cleaned.get(name) for name in ("first_number", "last_number", "shares")
        )
        if (first is None) != (last is None):
            raise forms.ValidationError(
                _("Give both the first and the last share number, or none.")
            )
        if first is not None and shares is not None and last - first + 1 != abs(shares):
            raise forms.ValidationError(
                _("The number range must hold exactly the number of shares.")
            )
        if cleaned.get("nature") == MovementNature.CORRECTION and not cleaned.get("corrects"):
            self.add_error("corrects", _("Say which entry this corrects."))
        return cleaned


class MovementCreateView(ReauthRequiredMixin, CreateView):
    def save_instance(self):
        movement = self.form.save(commit=False)
        with transaction.atomic():
            # The counter row is locked until the movement is saved: two staff writing at once
            # get consecutive order numbers, never the same one.
            RegisterCounter.objects.get_or_create(pk=1)
            counter = RegisterCounter.objects.select_for_update().get(pk=1)
            movement.order_number = counter.next_order
            movement.recorded_by = self.request.user
            movement.save()
            counter.next_order += 1
            counter.save(update_fields=["next_order"])
        return movement


class ShareMovementViewSet(RecordViewSet):
    model = ShareMovement
    name = "share-register"
    icon = "list-ol"
    menu_label = _("Share register")
    addable = True
    add_view_class = MovementCreateView
    form_fields = None
    list_select_related = ("transferee",)
    list_display = [
        "order_number",
        LegalDateColumn("recorded_on", label=_("Date"), sort_key="recorded_on"),
        "nature",
        "shares",
        Column("number_range", label=_("Share numbers")),
        "transferor",
        "transferee",
        BooleanColumn("for_value", label=_("For value")),
        "supporting_act",
    ]
    list_filter = ["nature", "page"]
    search_fields = ["transferor", "transferee__name", "supporting_act"]
    # The register's CSV (and spreadsheet) export: every column a registre needs.
    list_export = [
        "order_number",
        "recorded_on",
        "nature",
        "shares",
        "first_number",
        "last_number",
        "transferor",
        "transferee",
        "for_value",
        "amount_cents",
        "supporting_act",
        "corrects",
        "created_at",
    ]
    export_filename = "registre-des-mouvements-de-titres"
    inspect_view_fields = [*list_export, "subscription", "recorded_by"]

    def get_form_class(self, for_update=False):
        return MovementForm


class ShareholderViewSet(RecordViewSet):
    model = Shareholder
    name = "shareholders"
    icon = "group"
    menu_label = _("Shareholders")
    list_display = [
        "number",
        "name",
        "email",
        Column("held", label=_("Shares held"), accessor="held"),
        LegalDateColumn("created_at", label=_("Since"), sort_key="created_at"),
    ]
    search_fields = ["name", "email"]
    list_export = ["number", "name", "email", "address", "held", "created_at"]
    inspect_view_fields = ["number", "name", "email", "address", "created_at"]

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        kwargs["queryset"] = kwargs["queryset"].annotate(held=Sum("movements__shares"))
        return kwargs


class WaitingListViewSet(RecordViewSet):
    model = WaitingListEntry
    name = "share-waiting-list"
    icon = "time"
    menu_label = _("Waiting list")
    list_display = [
        "name",
        "email",
        "shares",
        "status",
        "offered_shares",
        LegalDateColumn("created_at", label=_("Joined"), sort_key="created_at", with_time=True),
    ]
    list_filter = ["status", "page"]
    search_fields = ["name", "email"]
    inspect_view_fields = [
        "page",
        "name",
        "email",
        "shares",
        "status",
        "offered_shares",
        "offered_until",
        "created_at",
    ]


# Totals per offering ----------------------------------------------------------------------------


class OfferingTotalsView(
    AssociationTimeMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    permission_policy = policy_registry.get_by_type(Subscription)
    permission_required = "view"
    template_name = "campagnes/viewsets/offering_totals.html"
    page_title = _("Totals per offering")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            offerings=figures.offerings(),
            storage=drafts.storage_usage(),
            draft_hours=settings.SHARE_DRAFT_TTL_HOURS,
            **kwargs,
        )


class TotalsMenuItem(MenuItem):
    """The totals page in the menu, for those who may see subscriptions."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Subscription).user_has_permission(request.user, "view")
