"""Gifts and monthly gifts in the Mécénat admin: their listings and pages, and the form that
records a cheque, transfer or cash gift.

Stripe is the source of online gifts and plans: staff add offline gifts only, and edit none.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.log_actions import log

import django_filters

from campagnes.choices import Civility, PaymentMethod, ReceiptPreference
from campagnes.donations import payments
from campagnes.fields import EurosFormField
from campagnes.models import CampaignPage, Donor, Gift, Plan
from campagnes.models.donations import GiftStatus, siren_validator
from campagnes.money import format_amount
from campagnes.receipts import issue as receipts
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

# Gifts ------------------------------------------------------------------------------------------

OFFLINE_METHODS = [
    (method.value, method.label)
    for method in (PaymentMethod.CHEQUE, PaymentMethod.TRANSFER, PaymentMethod.CASH)
]


class OfflineGiftForm(WagtailAdminModelForm):
    """A cheque, transfer or cash gift the association received, typed in by staff.

    The donor is found by email. A new email needs the name and address its receipt prints; for a
    known donor, the fields filled in update their details, as an online gift would.
    """

    email = forms.EmailField(
        label=_("Email"),
        help_text=_("A donor with this email already? The gift is theirs."),
    )
    civility = forms.ChoiceField(label=_("Civility"), choices=Civility.choices, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    company_name = forms.CharField(label=_("Company name"), max_length=150, required=False)
    siren = forms.CharField(label=_("SIREN"), max_length=11, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    receipt_preference = forms.ChoiceField(
        label=_("Tax receipt"),
        choices=ReceiptPreference.choices,
        initial=ReceiptPreference.PER_GIFT,
        help_text=_("For a new donor; a known donor keeps their choice."),
    )
    amount = EurosFormField(label=_("Amount (€)"), help_text=_("For example 150 or 150,50"))
    method = forms.ChoiceField(label=_("Method"), choices=OFFLINE_METHODS)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=CampaignPage.objects.none(), required=False
    )
    lieu = forms.ModelChoiceField(label=_("Lieu"), queryset=LieuPage.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].required = True
        self.fields["campaign"].queryset = campaigns()
        # Gifts point to source pages, as the donation form's lieu choices do.
        self.fields["lieu"].queryset = LieuPage.objects.filter(
            locale_id=default_locale_id()
        ).order_by("title")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_siren(self):
        siren = self.cleaned_data["siren"].replace(" ", "")
        if siren:
            siren_validator(siren)
        return siren

    def clean_amount(self):
        cents = self.cleaned_data["amount"]
        if not cents:
            raise ValidationError(_("Type an amount in euros, for example 150 or 150,50."))
        if cents > MAX_AMOUNT_CENTS:
            raise ValidationError(_("This amount is too large."))
        return cents

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return received_on

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        self.donor = Donor.objects.filter(email__iexact=email).first() if email else None
        required = ["company_name", "siren"] if cleaned.get("company_name") else []
        if self.donor is None:
            required += ["first_name", "last_name", "address", "postcode", "city"]
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("The tax receipt needs this."))
        return cleaned

    def record(self) -> Gift:
        """Saves the gift as paid, which issues its receipt if the donor wants one per gift."""
        gift = self.save(commit=False)
        gift.donor = self.save_donor()
        gift.amount_cents = self.cleaned_data["amount"]
        gift.is_offline = True
        # Dated from the day the money came in: a December cheque belongs to that year's receipt.
        gift.paid_at = timezone.make_aware(
            datetime.datetime.combine(gift.received_on, datetime.time(12))
        )
        payments.move(gift, GiftStatus.PAID)
        return gift

    def save_donor(self) -> Donor:
        typed = {
            name: self.cleaned_data[name]
            for name in Donor.IDENTITY_FIELDS
            if self.cleaned_data[name]
        }
        if self.donor is None:
            return Donor.objects.create(
                email=self.cleaned_data["email"],
                receipt_preference=self.cleaned_data["receipt_preference"],
                **typed,
            )
        if typed:
            Donor.objects.filter(pk=self.donor.pk).update(**typed)
            self.donor.refresh_from_db()
        return self.donor


class OfflineGiftCreateView(generic.CreateView):
    page_title = _("Record an offline gift")
    submit_button_label = _("Record the gift")
    inspect_url_name = None

    def get_initial(self):
        initial = {"received_on": timezone.localdate()}
        donor_id = self.request.GET.get("donor", "")
        donor = Donor.objects.filter(pk=donor_id).first() if donor_id.isdigit() else None
        if donor is not None:
            initial["email"] = donor.email
        return initial

    def save_instance(self):
        gift = self.form.record()
        log(instance=gift, action="wagtail.create", user=self.request.user)
        return gift

    def get_success_message(self, instance):
        return _("Gift of %(amount)s from %(donor)s recorded.") % {
            "amount": format_amount(instance.amount_cents, instance.currency),
            "donor": instance.donor,
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class GiftInspectView(RecordInspectView):
    def get_refunded_cents_display_value(self):
        return format_amount(self.object.refunded_cents, self.object.currency)

    def get_plan_display_value(self):
        return record_link("plans", self.object.plan)

    def get_receipt_display_value(self):
        return record_link("receipts", self.object.receipt)


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
