"""Gifts in the Mécénat admin: their listing and pages, the form that records a cheque,
transfer or cash gift (monthly gifts are in plans.py), and its corrections.

Stripe is the source of online gifts: staff add offline gifts only, and edit none. A bounced
cheque is cancelled and a wrong amount corrected (a cancelled gift and a new one), with a reason.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

import django_filters

from campagnes.choices import Civility, PaymentMethod, ReceiptPreference
from campagnes.donations import payments
from campagnes.fields import EurosFormField, printable_on_receipt
from campagnes.models import CampaignPage, Donor, Gift
from campagnes.models.donations import GiftStatus, siren_validator
from campagnes.money import format_amount
from campagnes.receipts import issue as receipts
from campagnes.viewsets.corrections import CancelGiftView, CorrectGiftView, correction_buttons
from campagnes.viewsets.donors import donor_chooser
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


class AskedFieldPanel(FieldPanel):
    """A field the form shows only once it asks for it (its widget is hidden until then)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and not self.bound_field.field.widget.is_hidden


class OfflineGiftForm(WagtailAdminModelForm):
    """A cheque, transfer or cash gift the association received, typed in by staff.

    The donor is the one chosen, else the one with the email typed, else a new donor, who needs
    the name and address their receipt prints. A donor without email is chosen or created, never
    matched by name: two people of one name are two donors (staff merge real duplicates). For a
    known donor, the fields filled in update their details, as an online gift would.
    """

    chosen_donor = forms.ModelChoiceField(
        label=_("Known donor"),
        queryset=Donor.objects.all(),
        required=False,
        widget=donor_chooser.widget_class,
        help_text=_("Someone who has given before, found by name, postcode, city or email."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "A donor with this email already? The gift is theirs. No email: leave it empty, "
            "the receipt will be printed and posted."
        ),
    )
    # Shown, as a checkbox, only when a known donor has the same name and postcode.
    new_donor = forms.BooleanField(
        label=_("This is another person: create a new donor"),
        required=False,
        widget=forms.HiddenInput,
    )
    civility = forms.ChoiceField(label=_("Civility"), choices=Civility.choices, required=False)
    first_name = forms.CharField(
        label=_("First name"), max_length=100, required=False, validators=[printable_on_receipt]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, required=False, validators=[printable_on_receipt]
    )
    company_name = forms.CharField(
        label=_("Company name"), max_length=150, required=False, validators=[printable_on_receipt]
    )
    siren = forms.CharField(label=_("SIREN"), max_length=11, required=False)
    address = forms.CharField(
        label=_("Address"), max_length=255, required=False, validators=[printable_on_receipt]
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, required=False, validators=[printable_on_receipt]
    )
    city = forms.CharField(
        label=_("City"), max_length=100, required=False, validators=[printable_on_receipt]
    )
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
    lieu = forms.ModelChoiceField(
        label=_("Place"), queryset=LieuPage.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].required = True
        self.fields["campaign"].queryset = campaigns()
        # Gifts point to source pages, as the donation form's lieu choices do.
        self.fields["lieu"].queryset = LieuPage.objects.filter(
            locale_id=default_locale_id()
        ).order_by("title")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower() or None

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
        if "chosen_donor" in self.errors or "email" in self.errors:
            return cleaned
        self.donor = self.find_donor(cleaned)
        required = ["company_name", "siren"] if cleaned.get("company_name") else []
        if self.donor is None:
            required += ["first_name", "last_name", "address", "postcode", "city"]
        elif not (self.donor.email or cleaned.get("email")):
            # Posted: the receipt needs the address it goes to.
            required += [
                name for name in ("address", "postcode", "city") if not getattr(self.donor, name)
            ]
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("The tax receipt needs this."))
        named = all(cleaned.get(name) for name in ("first_name", "last_name", "postcode"))
        if self.donor is None and not cleaned.get("email") and named:
            self.check_namesakes(cleaned)
        return cleaned

    def find_donor(self, cleaned) -> Donor | None:
        """The donor chosen, or the one with the email typed; None for a new donor."""
        chosen, email = cleaned.get("chosen_donor"), cleaned.get("email")
        if chosen is None:
            return Donor.objects.filter(email__iexact=email).first() if email else None
        if not email or (chosen.email or "").lower() == email:
            return chosen
        owner = Donor.objects.filter(email__iexact=email).exclude(pk=chosen.pk).first()
        if chosen.email:
            self.add_error(
                "email",
                _(
                    "The donor chosen has another email (%(email)s): empty this field, or "
                    "choose the donor who has this one."
                )
                % {"email": chosen.email},
            )
        elif owner is not None:
            self.add_error(
                "email",
                _("This is the email of another donor (%(donor)s): choose them, or empty it.")
                % {"donor": owner},
            )
        return chosen

    def check_namesakes(self, cleaned) -> None:
        """A new donor without email, of the same name and postcode as a known one, is created
        only once staff say it is another person; the gift would otherwise start a duplicate."""
        namesakes = Donor.objects.filter(
            first_name__iexact=cleaned["first_name"].strip(),
            last_name__iexact=cleaned["last_name"].strip(),
            postcode=cleaned["postcode"].strip(),
        )
        if not namesakes.exists():
            return
        # Shown from now on, ticked or not, so that a tick survives another field's error.
        self.fields["new_donor"].widget = forms.CheckboxInput()
        if cleaned.get("new_donor"):
            return
        self.add_error(
            "new_donor",
            _(
                "A donor of this name is already recorded at this postcode: %(names)s. Choose "
                "them as the known donor, or tick this box if this is another person."
            )
            % {"names": ", ".join(f"{donor} ({donor.city})" for donor in namesakes[:3])},
        )

    def record(self) -> Gift:
        """Saves the gift as paid, which issues its receipt if the donor wants one per gift."""
        gift = self.save(commit=False)
        gift.donor = self.save_donor()
        # Staff record the gift of the donor they chose: it keeps that donor's identity.
        gift.take_identity(gift.donor.identity(), gift.donor.receipt_preference)
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
            if self.cleaned_data.get(name)
        }
        if self.donor is None:
            return Donor.objects.create(
                email=self.cleaned_data["email"],
                receipt_preference=self.cleaned_data["receipt_preference"],
                **typed,
            )
        if self.cleaned_data["email"] and not self.donor.email:
            typed["email"] = self.cleaned_data["email"]  # a donor without one gives theirs
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
            initial.update(chosen_donor=donor, email=donor.email)
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

    def get_corrects_display_value(self):
        return record_link("gifts", self.object.corrects)

    def get_corrected_by_display_value(self):
        return record_link("gifts", getattr(self.object, "corrected_by", None))

    @cached_property
    def header_buttons(self):
        return correction_buttons(self.request.user, self.object, self.action_url)


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
        "cancel_reason",
        "corrects",
        "corrected_by",
        "stripe_payment_intent_id",
        "stripe_invoice_id",
    ]
    labels = {
        "donor": _("Donor"),
        "plan": _("Monthly gift"),
        "refunded_cents": _("Refunded"),
        "cancel_reason": _("Reason for cancelling"),
        "corrects": _("Corrects"),
        "corrected_by": _("Corrected by"),
        "stripe_payment_intent_id": _("Stripe payment"),
        "stripe_invoice_id": _("Stripe invoice"),
    }
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("chosen_donor"),
                    FieldPanel("email"),
                    AskedFieldPanel("new_donor"),
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

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", self.construct_view(CancelGiftView), name="cancel"),
            path("correct/<int:pk>/", self.construct_view(CorrectGiftView), name="correct"),
        ]
