"""The personal space's forms: asking for a sign-in link, changing a monthly gift, the donor's
own details, the shareholder's address, and a consent given or withdrawn."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campagnes.fields import EurosFormField, printable_on_receipt, printable_on_share_documents
from campagnes.models import DonationSettings, Donor, Plan
from campagnes.money import format_amount


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("The one you gave with your gift or your share subscription."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AmountForm(forms.Form):
    amount = EurosFormField(
        label=gettext_lazy("New monthly amount (€)"),
        error_messages={
            "invalid": gettext_lazy("Enter an amount in euros, for example 25 or 12,50.")
        },
    )

    def __init__(self, *args, plan: Plan, settings: DonationSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.bounds = (settings.minimum_amount_cents, settings.maximum_amount_cents)

    def clean_amount(self) -> int:
        cents = self.cleaned_data["amount"]
        low, high = self.bounds
        if not low <= cents <= high:
            raise forms.ValidationError(
                _("Monthly gifts go from %(min)s to %(max)s.")
                % {"min": format_amount(low), "max": format_amount(high)}
            )
        if cents == self.plan.amount_cents:
            raise forms.ValidationError(_("This is already your monthly amount."))
        return cents


class ConfirmForm(forms.Form):
    """The confirmation step. Its key, drawn when the step is shown, makes the change idempotent:
    a double click sends the same change to Stripe once."""

    key = forms.UUIDField(widget=forms.HiddenInput)


class IdentityForm(forms.ModelForm):
    """The donor's details as their receipts print them, changed by the donor once signed in
    (the only way, with staff, to change them: an email typed in the donation form proves
    nothing)."""

    # Longer than the 9 digits stored: "812 345 670" is typed with its spaces.
    siren = forms.CharField(
        label=gettext_lazy("SIREN"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Donor
        fields = [
            "civility",
            "first_name",
            "last_name",
            "company_name",
            "legal_form",
            "siren",
            "address",
            "postcode",
            "city",
            "receipt_preference",
        ]
        labels = {
            "civility": gettext_lazy("Civility"),
            "first_name": gettext_lazy("First name"),
            "last_name": gettext_lazy("Last name"),
            "company_name": gettext_lazy("Company name (for a company's gifts)"),
            "legal_form": gettext_lazy("Legal form"),
            "address": gettext_lazy("Address"),
            "postcode": gettext_lazy("Postcode"),
            "city": gettext_lazy("City"),
            "receipt_preference": gettext_lazy("Tax receipt"),
        }
        widgets = {
            "civility": forms.RadioSelect,
            "receipt_preference": forms.RadioSelect,
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "legal_form": forms.TextInput(
                attrs={"placeholder": gettext_lazy("SAS, SARL, SA, association…")}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "company_name", "legal_form", "address", "city"):
            self.fields[name].validators.append(printable_on_receipt)
        self.fields["postcode"].validators.append(printable_on_receipt)

    def clean_siren(self):
        return self.cleaned_data["siren"].replace(" ", "")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("company_name"):
            for name in ("legal_form", "siren"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("A company's receipt needs this."))
        else:
            cleaned["legal_form"] = cleaned["siren"] = ""
        return cleaned

    def save(self, commit=True):
        raise NotImplementedError("saved by donations.donors.change_identity, which logs it")


class ShareholderAddressForm(forms.Form):
    """The address the share register keeps for its holder, on one line as the register prints
    it (`Subscription.postal_address`): street, postcode and town, country."""

    address = forms.CharField(
        label=gettext_lazy("Postal address"),
        help_text=gettext_lazy("Street, postcode and town, country."),
        max_length=400,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        validators=[printable_on_share_documents],
    )

    def clean_address(self):
        return " ".join(self.cleaned_data["address"].split())


class ConsentForm(forms.Form):
    """One consent given or withdrawn: only the kinds the page offered this person."""

    kind = forms.ChoiceField(choices=())
    action = forms.ChoiceField(choices=[("give", "give"), ("withdraw", "withdraw")])

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, kind) for kind in kinds]
