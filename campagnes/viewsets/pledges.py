"""Partners and pledges in the Mécénat admin: the form, the views and their viewsets.

A pledge saved as received gets its company receipt in the same transaction
(campagnes/mecenat/pledges.py); the form refuses that state until the partner has what the receipt
prints. Counterparts worth more than a quarter of the gift are saved, with a warning: the staff
decide, the tax rule is told.
"""

import os

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton

import django_filters

from campagnes.mecenat import pledges
from campagnes.models import Partner, Pledge
from campagnes.models.pledges import COUNTERPART_LIMIT_PERCENT, PledgeStatus, overdue
from campagnes.money import format_amount, percent
from campagnes.viewsets.records import (
    MAX_AMOUNT_CENTS,
    AmountColumn,
    RecordInspectView,
    RecordViewSet,
    campaign_filter,
    campaigns,
    record_link,
    short_date,
)
from home.locales import default_locale_id
from lieux.models import LieuPage

# Partners ---------------------------------------------------------------------------------------


class PartnerInspectView(RecordInspectView):
    def get_pledges_display_value(self):
        pledged = self.object.pledges.select_related("campaign").order_by("-created_at")
        if not pledged:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> · {}</li>',
                (
                    (
                        reverse("pledges:inspect", args=[pledge.pk]),
                        format_amount(pledge.amount_cents, pledge.currency),
                        pledge.get_status_display(),
                    )
                    for pledge in pledged
                ),
            ),
        )

    def get_donor_display_value(self):
        return record_link("donors", self.object.donor)

    @cached_property
    def header_buttons(self):
        url = f"{reverse('pledges:add')}?partner={self.object.pk}"
        return [HeaderButton(_("Record a pledge"), url=url, icon_name="plus")]


class PartnerViewSet(RecordViewSet):
    model = Partner
    name = "partners"
    icon = "site"
    menu_label = _("Partners")
    addable = editable = True
    inspect_view_class = PartnerInspectView
    list_display = [
        "name",
        "kind",
        "city",
        Column("contact", label=_("Contact"), accessor="contact_name"),
        Column("pledged", label=_("Pledges"), accessor="pledged"),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "siren", "contact_last_name", "contact_email"]
    inspect_view_fields = [
        "name",
        "kind",
        "siren",
        "address",
        "postcode",
        "city",
        "contact_first_name",
        "contact_last_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "notes",
        "pledges",
        "donor",
    ]
    labels = {"pledges": _("Pledges"), "donor": _("Donor record (its receipts)")}

    def list_queryset(self):
        return super().list_queryset().annotate(pledged=Count("pledges"))


# Pledges ----------------------------------------------------------------------------------------


class PledgeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pledges point to source pages, as gifts do.
        self.fields["campaign"].queryset = campaigns()
        self.fields["lieu"].queryset = LieuPage.objects.filter(
            locale_id=default_locale_id()
        ).order_by("title")

    def clean_amount_cents(self):
        cents = self.cleaned_data["amount_cents"]
        if not cents:
            raise ValidationError(_("Type an amount in euros, for example 150 or 150,50."))
        if cents > MAX_AMOUNT_CENTS:
            raise ValidationError(_("This amount is too large."))
        return cents

    def clean(self):
        cleaned = super().clean()
        received_on = cleaned.get("received_on")
        if received_on and received_on > timezone.localdate():
            self.add_error("received_on", _("This date is in the future."))
        if cleaned.get("status") != PledgeStatus.RECEIVED:
            return cleaned
        if not received_on and "received_on" not in self.errors:
            self.add_error("received_on", _("The receipt is dated from the day it was received."))
        partner = cleaned.get("partner")
        for problem in pledges.receipt_problems(partner) if partner else ():
            self.add_error("partner", problem)
        return cleaned


class PledgeSaveMixin:
    def get_initial(self):
        initial = super().get_initial()
        partner = self.request.GET.get("partner", "")
        if partner.isdigit():
            initial["partner"] = partner
        return initial

    def save_instance(self):
        pledge = super().save_instance()
        pledges.update_receipt(pledge)
        counterparts = pledge.counterparts_cents()
        if pledge.counterparts_exceed_limit(counterparts):
            messages.warning(self.request, counterpart_warning(pledge, counterparts))
        return pledge


def counterpart_warning(pledge: Pledge, counterparts_cents: int) -> str:
    return _(
        "The counterparts are worth %(value)s, more than %(limit)s %% of the gift "
        "(%(ceiling)s): the tax reduction of the partner may be refused."
    ) % {
        "value": format_amount(counterparts_cents, pledge.currency),
        "limit": COUNTERPART_LIMIT_PERCENT,
        "ceiling": format_amount(percent(pledge.amount_cents, COUNTERPART_LIMIT_PERCENT)),
    }


class PledgeCreateView(PledgeSaveMixin, generic.CreateView):
    pass


class PledgeEditView(PledgeSaveMixin, generic.EditView):
    pass


class PledgeInspectView(RecordInspectView):
    def get_partner_display_value(self):
        return record_link("partners", self.object.partner)

    def get_status_display_value(self):
        status = self.object.get_status_display()
        if self.object.is_overdue():
            return format_html("{} · <strong>{}</strong>", status, _("Overdue"))
        return status

    def get_agreement_display_value(self):
        if not self.object.agreement:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("pledges:agreement", args=[self.object.pk]),
            os.path.basename(self.object.agreement.name),
        )

    def get_counterparts_display_value(self):
        counterparts = list(self.object.counterparts.all())
        if not counterparts:
            return "—"
        total = sum(counterpart.value_cents for counterpart in counterparts)
        items = format_html_join(
            "",
            "<li>{} · {}</li>",
            (
                (counterpart.description, format_amount(counterpart.value_cents))
                for counterpart in counterparts
            ),
        )
        summary = _("%(total)s, %(percent)s %% of the gift") % {
            "total": format_amount(total),
            "percent": total * 100 // self.object.amount_cents if self.object.amount_cents else 0,
        }
        warning = ""
        if self.object.counterparts_exceed_limit(total):
            warning = format_html(
                '<div class="help-block help-warning">{}</div>',
                counterpart_warning(self.object, total),
            )
        return format_html("<ul>{}</ul><p>{}</p>{}", items, summary, warning)

    def get_receipt_display_value(self):
        return record_link("receipts", self.object.receipt)


class AgreementView(PermissionCheckedMixin, View):
    """The signed agreement, kept outside the media folder: only through this view."""

    permission_required = "view"
    model = Pledge

    def get(self, request, pk):
        pledge = get_object_or_404(Pledge, pk=pk)
        if not pledge.agreement:
            raise Http404
        return FileResponse(
            pledge.agreement.open("rb"),
            as_attachment=True,
            filename=os.path.basename(pledge.agreement.name),
        )


class PledgeFilterSet(WagtailFilterSet):
    campaign = campaign_filter()
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    # Set by the link on a partner's page, not shown as a control.
    partner = django_filters.ModelChoiceFilter(
        queryset=Partner.objects.all(), label=_("Partner"), widget=forms.HiddenInput
    )

    class Meta:
        model = Pledge
        fields = ["status", "campaign", "overdue", "partner"]

    def filter_overdue(self, queryset, name, value):
        condition = overdue(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


def status_with_flag(pledge: Pledge) -> str:
    if pledge.is_overdue():
        return format_html("{} · <strong>{}</strong>", pledge.get_status_display(), _("Overdue"))
    return pledge.get_status_display()


def counterparts_share(pledge: Pledge) -> str:
    if not pledge.counterparts_value:
        return ""
    share = f"{pledge.counterparts_value * 100 // pledge.amount_cents} %"
    if pledge.counterparts_exceed_limit(pledge.counterparts_value):
        return format_html("<strong>{}</strong> {}", share, _("(over 25 %)"))
    return share


class PledgeViewSet(RecordViewSet):
    model = Pledge
    name = "pledges"
    icon = "pick"
    menu_label = _("Pledges")
    addable = editable = True
    add_view_class = PledgeCreateView
    edit_view_class = PledgeEditView
    inspect_view_class = PledgeInspectView
    edit_handler = ObjectList(Pledge.panels, base_form_class=PledgeForm)
    export_dataset = "pledges"
    list_select_related = ("partner", "campaign")
    list_display = [
        "partner",
        AmountColumn("amount_cents", label=_("Amount"), sort_key="amount_cents"),
        Column("status", label=_("Status"), accessor=status_with_flag),
        "campaign",
        Column(
            "expected_payment_on",
            label=_("Payment expected"),
            accessor=lambda pledge: short_date(pledge.expected_payment_on),
            sort_key="expected_payment_on",
        ),
        Column(
            "received_on",
            label=_("Received on"),
            accessor=lambda pledge: short_date(pledge.received_on),
            sort_key="received_on",
        ),
        Column("counterparts", label=_("Counterparts"), accessor=counterparts_share),
    ]
    filterset_class = PledgeFilterSet
    search_fields = ["partner__name", "purpose", "partner__contact_last_name"]
    inspect_view_fields = [
        "partner",
        "amount_cents",
        "purpose",
        "campaign",
        "lieu",
        "status",
        "expected_signature_on",
        "expected_payment_on",
        "signed_on",
        "received_on",
        "method",
        "agreement",
        "counterparts",
        "receipt",
        "notes",
        "created_at",
    ]
    labels = {"partner": _("Partner"), "counterparts": _("Counterparts")}

    def list_queryset(self):
        return super().list_queryset().annotate(counterparts_value=Sum("counterparts__value_cents"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("agreement/<int:pk>/", self.construct_view(AgreementView), name="agreement"),
        ]
