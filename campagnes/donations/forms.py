from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Civility, ConsentKind, Frequency, ReceiptPreference
from campagnes.consents.wordings import WORDINGS
from campagnes.donations import intents
from campagnes.fields import printable_on_receipt
from campagnes.models import DonationSettings
from campagnes.models.donations import UTM_FIELDS
from campagnes.money import TaxRules, format_amount, parse_amount

OTHER = "other"
# What emailings may put in the URL: ?montant=50&frequence=mensuel
FREQUENCY_PARAMETERS = {
    "ponctuel": Frequency.ONCE,
    "unique": Frequency.ONCE,
    "once": Frequency.ONCE,
    "mensuel": Frequency.MONTHLY,
    "monthly": Frequency.MONTHLY,
}


class DonationForm(forms.Form):
    """A gift's amount and the identity its tax receipt needs.

    The browser only proposes: the amount must be one of the page's presets for that frequency
    or a free amount within the bounds of DonationSettings, whatever was posted.
    """

    page = forms.IntegerField(widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("How often?"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    amount_once = forms.ChoiceField(label=_("Amount"), required=False, widget=forms.RadioSelect)
    amount_monthly = forms.ChoiceField(
        label=_("Amount per month"), required=False, widget=forms.RadioSelect
    )
    other_amount = forms.CharField(
        label=_("Other amount (€)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    lieu = forms.TypedChoiceField(
        label=_("Give to"), required=False, coerce=int, empty_value=None, choices=()
    )
    is_company = forms.BooleanField(label=_("I give on behalf of a company"), required=False)
    company_name = forms.CharField(
        label=_("Company name"),
        required=False,
        max_length=150,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    legal_form = forms.CharField(
        label=_("Legal form"),
        required=False,
        max_length=60,
        validators=[printable_on_receipt],
        help_text=_("SAS, SARL, SA, association…"),
    )
    siren = forms.CharField(
        label=_("SIREN"),
        required=False,
        max_length=11,
        validators=[RegexValidator(r"^\d{9}$", _("A SIREN number has 9 digits."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    civility = forms.ChoiceField(
        label=_("Civility"), choices=Civility.choices, required=False, widget=forms.RadioSelect
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        validators=[printable_on_receipt],
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    receipt_preference = forms.ChoiceField(
        label=_("Tax receipt"),
        choices=ReceiptPreference.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    # Consents: never ticked in advance, and labelled with the very words the record keeps.
    receipt_by_email = forms.BooleanField(
        label=WORDINGS[ConsentKind.RECEIPTS_BY_EMAIL].text,
        required=False,
        help_text=_("Unticked, your receipt is posted to the address above."),
    )
    newsletter = forms.BooleanField(label=WORDINGS[ConsentKind.NEWSLETTER].text, required=False)
    # One-off gifts only: Stripe keeps the card for the thank-you page's monthly offer
    # (campagnes.donations.upsell); unticked, the card is used for this payment alone.
    keep_payment_method = forms.BooleanField(
        label=WORDINGS[ConsentKind.KEEP_PAYMENT_METHOD].text, required=False
    )
    # Left empty by people, filled by bots that fill every field; hidden by CSS, not type=hidden.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    landing_page = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    utm_source = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_medium = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_campaign = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_content = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_term = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    # Signed when the form is rendered: one gift per form sent (campagnes.donations.intents).
    intent = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def __init__(self, *args, page, settings: DonationSettings, lieux=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.donation_page = page
        self.donation_settings = settings
        self.rules = TaxRules.from_settings(settings)
        self.offered = page.offered_amounts()
        for frequency, field_name in (
            (Frequency.ONCE, "amount_once"),
            (Frequency.MONTHLY, "amount_monthly"),
        ):
            self.fields[field_name].choices = [
                *((str(cents), format_amount(cents)) for cents in self.offered[frequency]),
                (OTHER, _("Other amount")),
            ]
        if lieux:
            self.fields["lieu"].choices = [("", _("The whole network")), *lieux]
        else:
            del self.fields["lieu"]

    @classmethod
    def for_page(cls, page, request, data=None) -> "DonationForm":
        """The page's form, preselected from an emailing's URL when it names an offered amount."""
        settings = DonationSettings.for_request(request)
        lieux = page.lieu_choices() if hasattr(page, "lieu_choices") else ()
        if data is not None:
            return cls(data, page=page, settings=settings, lieux=lieux)
        query = request.GET
        frequency = FREQUENCY_PARAMETERS.get(query.get("frequence", "").lower(), Frequency.ONCE)
        initial = {
            "page": page.pk,
            "frequency": frequency,
            "landing_page": request.path[:255],
            "intent": intents.issue(),
            "receipt_preference": (
                ReceiptPreference.ANNUAL
                if frequency == Frequency.MONTHLY
                else ReceiptPreference.PER_GIFT
            ),
            **{field: query.get(field, "")[:100] for field in UTM_FIELDS},
        }
        for each, suggestions in page.offered_amounts().items():
            default = next(
                (s.amount_cents for s in page.suggestions if s.frequency == each and s.is_default),
                suggestions[0] if suggestions else None,
            )
            initial[f"amount_{each}"] = str(default) if default else OTHER
        wanted = parse_amount(query.get("montant", ""))
        if wanted is not None and wanted in page.offered_amounts()[frequency]:
            initial[f"amount_{frequency}"] = str(wanted)
        return cls(initial=initial, page=page, settings=settings, lieux=lieux)

    def clean_siren(self):
        return self.cleaned_data["siren"].replace(" ", "")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your gift could not be recorded."), code="honeypot")
        if self.ticked_consents() and not intents.is_issued(cleaned.get("intent", "")):
            # A consent counts only from a form this site rendered: a bare POST saying
            # newsletter=on proves no one read the words. The form shown again carries a real
            # token, so that the person can tick and send it.
            self.data = self.data.copy()
            self.data["intent"] = intents.issue()
            raise forms.ValidationError(
                _(
                    "This form did not come from our page, so your choices were not recorded. "
                    "Please check them and send the form again."
                ),
                code="unrendered",
            )
        frequency = cleaned.get("frequency")
        if frequency:
            cleaned["amount_cents"] = self.chosen_amount(frequency)
        if cleaned.get("is_company"):
            for field in ("company_name", "legal_form", "siren"):
                if not cleaned.get(field) and field not in self.errors:
                    self.add_error(field, _("A company gift needs this for its receipt."))
        else:
            cleaned["company_name"] = cleaned["legal_form"] = cleaned["siren"] = ""
        if frequency == Frequency.MONTHLY:
            cleaned["keep_payment_method"] = False  # a monthly gift keeps its card anyway
        if not cleaned.get("receipt_preference"):
            cleaned["receipt_preference"] = (
                ReceiptPreference.ANNUAL
                if frequency == Frequency.MONTHLY
                else ReceiptPreference.PER_GIFT
            )
        return cleaned

    def ticked_consents(self) -> list[str]:
        """The kinds of consent whose box was ticked (unticked ones say nothing)."""
        fields = {
            "newsletter": ConsentKind.NEWSLETTER,
            "receipt_by_email": ConsentKind.RECEIPTS_BY_EMAIL,
            "keep_payment_method": ConsentKind.KEEP_PAYMENT_METHOD,
        }
        return [kind for name, kind in fields.items() if self.cleaned_data.get(name)]

    def chosen_amount(self, frequency: str) -> int | None:
        field = f"amount_{frequency}"
        choice = self.cleaned_data.get(field)
        if choice and choice != OTHER:
            cents = int(choice)  # ChoiceField has checked it is one of the presets
            if cents in self.offered[frequency]:
                return cents
        text = self.cleaned_data.get("other_amount", "")
        if not text:
            self.add_error("other_amount", _("Choose an amount or type one."))
            return None
        cents = parse_amount(text)
        if cents is None:
            self.add_error("other_amount", _("Type an amount in euros, for example 25 or 25,50."))
            return None
        low = self.donation_settings.minimum_amount_cents
        high = self.donation_settings.maximum_amount_cents
        if not low <= cents <= high:
            self.add_error(
                "other_amount",
                _("Online gifts go from %(low)s to %(high)s.")
                % {"low": format_amount(low), "high": format_amount(high)},
            )
            return None
        return cents

    def preset_rows(self, frequency: str):
        """(field choice, impact label) for the template."""
        impacts = {
            str(s.amount_cents): s.impact
            for s in self.donation_page.suggestions
            if s.frequency == frequency
        }
        return [
            (choice, impacts.get(choice.data["value"], ""))
            for choice in self[f"amount_{frequency}"]
        ]

    def preset_rows_once(self):
        return self.preset_rows(Frequency.ONCE)

    def preset_rows_monthly(self):
        return self.preset_rows(Frequency.MONTHLY)

    def shown_frequency(self) -> str:
        """The frequency the form shows: the posted one when it is a real choice."""
        frequency = self["frequency"].value()
        return frequency if frequency in Frequency.values else Frequency.ONCE

    def initial_cents(self) -> int:
        frequency = self.shown_frequency()
        value = self[f"amount_{frequency}"].value()
        if value and value != OTHER:
            # A refused form shows what was posted, which may be no preset at all.
            offered = {str(cents): cents for cents in self.offered[frequency]}
            return offered.get(str(value), 0)
        return parse_amount(self["other_amount"].value() or "") or 0

    def summary(self) -> dict:
        """What the summary box shows before the script takes over."""
        frequency = self.shown_frequency()
        cents = self.initial_cents()
        monthly = frequency == Frequency.MONTHLY
        return {
            "amount": format_amount(cents) if cents else "",
            "cost": format_amount(self.rules.cost(cents, monthly)) if cents else "",
            "monthly": monthly,
        }
