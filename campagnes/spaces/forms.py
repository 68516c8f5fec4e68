"""The personal spaces' forms: asking for a sign-in link, and changing a monthly gift."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campagnes.fields import EurosFormField
from campagnes.models import DonationSettings, Plan
from campagnes.money import format_amount


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("The one you gave with your gift."),
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
