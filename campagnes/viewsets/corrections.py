"""The admin side of staff corrections: a form that asks for the reason (and what else the
correction needs), then a page that says what will happen and asks to confirm, then the service.

Only the Mécénat team corrects: anyone else is told so, with nothing changed, rather than shown a
bare "permission denied". The services check again; their refusals (a receipt cancelled twice, a
gift already cancelled) come back as a message on the record's page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import HeaderButton

from campagnes.donations import corrections as gift_corrections
from campagnes.donations.corrections import CorrectionRefused
from campagnes.fields import EurosFormField
from campagnes.models import Gift, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.money import format_amount
from campagnes.receipts import corrections as receipt_corrections
from campagnes.viewsets.records import MAX_AMOUNT_CENTS, RecordActionView, short_date


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history of the record and of the donor, for the accounts."),
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class CorrectionView(RecordActionView):
    """GET and an invalid POST show the form; a valid one shows what will happen; the POST of
    that page (with `confirmed`) acts."""

    template_name = "campagnes/viewsets/correction.html"
    # Checked in dispatch, to answer with a message rather than a bare refusal.
    permission_required = None
    form_class = ReasonForm
    refused_message = ""

    def may_correct(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.may_correct(request.user):
            messages.error(request, self.refused_message)
            if self.user_has_permission("view"):
                return redirect(self.inspect_url)
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        kwargs.setdefault("confirming", False)
        return super().get_context_data(explanation=self.explanation(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if not request.POST.get("confirmed"):
            context = self.get_context_data(
                form=form, confirming=True, summary=self.summary(form.cleaned_data)
            )
            return self.render_to_response(context)
        try:
            done = self.act(form.cleaned_data)
        except CorrectionRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(self.inspect_url)
        return redirect(done)

    def confirmation(self) -> str:
        return _("Check what will happen, then confirm: this cannot be undone.")

    def explanation(self) -> str:
        raise NotImplementedError

    def summary(self, cleaned: dict) -> list[tuple[str, str]]:
        return [(_("Reason"), cleaned["reason"])]

    def act(self, cleaned: dict) -> str:
        """Runs the correction and returns the address to go to."""
        raise NotImplementedError


# Receipts -----------------------------------------------------------------------------------------


class CancelReceiptForm(ReasonForm):
    donor_details = forms.BooleanField(
        label=_("Print the donor's details as their record now gives them"),
        required=False,
        help_text=_(
            "Tick it when the name or address was wrong and has been corrected on the donor's "
            "record; otherwise the replacement prints the details given with the gifts."
        ),
    )


class CancelReceiptView(CorrectionView):
    page_title = _("Cancel and replace")
    header_icon = "undo"
    submit_label = _("Cancel the receipt and issue its replacement")
    model = Receipt
    index_url_name = "receipts:index"
    inspect_url_name = "receipts:inspect"
    refused_message = _("Only the Mécénat team can cancel a receipt: nothing changed.")
    form_class = CancelReceiptForm

    def may_correct(self, user) -> bool:
        return receipt_corrections.may_correct(user)

    def explanation(self):
        return _(
            "Receipt %(number)s stays on record, marked cancelled, with your reason; its number "
            "is never used again. A new receipt, with the next number, says that it cancels and "
            "replaces it."
        ) % {"number": self.object.number}

    def summary(self, cleaned):
        return [
            (_("Receipt cancelled"), self.object.number),
            (_("Donor"), str(self.object.donor)),
            (_("Amount"), format_amount(self.object.amount_cents, self.object.currency)),
            (
                _("Details printed on the replacement"),
                _("The donor's record as it is now")
                if cleaned["donor_details"]
                else _("As given with the gifts"),
            ),
            *super().summary(cleaned),
        ]

    def act(self, cleaned):
        replacement = receipt_corrections.cancel_and_replace(
            self.object, cleaned["reason"], self.request.user, cleaned["donor_details"]
        )
        if replacement is None:
            messages.success(
                self.request,
                _("Receipt %(number)s is cancelled; nothing is left to receipt.")
                % {"number": self.object.number},
            )
            return self.inspect_url
        messages.success(
            self.request,
            _("Receipt %(number)s is cancelled and replaced by receipt %(new)s.")
            % {"number": self.object.number, "new": replacement.number},
        )
        return reverse("receipts:inspect", args=[replacement.pk])


# Gifts ------------------------------------------------------------------------------------------


def correction_buttons(user, gift: Gift, action_url) -> list[HeaderButton]:
    """The buttons of a gift's page: an offline gift, confirmed, may be corrected."""
    if not (
        gift_corrections.may_correct(user) and gift.is_offline and gift.status == GiftStatus.PAID
    ):
        return []
    return [
        HeaderButton(_("Cancel the gift"), url=action_url("cancel"), icon_name="cross"),
        HeaderButton(_("Correct the amount"), url=action_url("correct"), icon_name="edit"),
    ]


class GiftCorrectionView(CorrectionView):
    model = Gift
    index_url_name = "gifts:index"
    inspect_url_name = "gifts:inspect"
    refused_message = _("Only the Mécénat team can correct a gift: nothing changed.")

    def may_correct(self, user) -> bool:
        return gift_corrections.may_correct(user)

    def summary(self, cleaned):
        gift = self.object
        return [
            (_("Donor"), str(gift.donor)),
            (_("Amount"), format_amount(gift.amount_cents, gift.currency)),
            (_("Received on"), short_date(gift.received_on)),
            (_("Tax receipt"), gift.receipt.number if gift.receipt else "—"),
            *super().summary(cleaned),
        ]


class CancelGiftView(GiftCorrectionView):
    page_title = _("Cancel the gift")
    header_icon = "cross"
    submit_label = _("Cancel the gift")

    def explanation(self):
        return _(
            "For a bounced cheque or money that never came in. The gift stays on record, marked "
            "cancelled with your reason, and stops counting at once in the campaign's total, the "
            "dashboard and the exports. Its tax receipt, if any, is cancelled and replaced by one "
            "for the donor's other gifts it covered."
        )

    def act(self, cleaned):
        gift_corrections.cancel(self.object, cleaned["reason"], self.request.user)
        messages.success(
            self.request,
            _("The gift of %(amount)s from %(donor)s is cancelled.")
            % {
                "amount": format_amount(self.object.amount_cents, self.object.currency),
                "donor": self.object.donor,
            },
        )
        return self.inspect_url


class CorrectAmountForm(ReasonForm):
    amount = EurosFormField(label=_("Right amount (€)"), help_text=_("For example 150 or 150,50"))
    field_order = ["amount", "reason"]

    def clean_amount(self):
        cents = self.cleaned_data["amount"]
        if not cents:
            raise ValidationError(_("Type an amount in euros, for example 150 or 150,50."))
        if cents > MAX_AMOUNT_CENTS:
            raise ValidationError(_("This amount is too large."))
        return cents


class CorrectGiftView(GiftCorrectionView):
    page_title = _("Correct the amount")
    header_icon = "edit"
    submit_label = _("Correct the amount")
    form_class = CorrectAmountForm

    def explanation(self):
        return _(
            "The gift is cancelled with your reason and recorded again with the right amount, "
            "as a new gift linked to it; its tax receipt, if any, is cancelled and replaced."
        )

    def summary(self, cleaned):
        right = format_amount(cleaned["amount"], self.object.currency)
        return [*super().summary(cleaned), (_("Right amount"), right)]

    def act(self, cleaned):
        new = gift_corrections.correct_amount(
            self.object, cleaned["amount"], cleaned["reason"], self.request.user
        )
        messages.success(
            self.request,
            _("The gift's amount is corrected to %(amount)s.")
            % {"amount": format_amount(new.amount_cents, new.currency)},
        )
        return reverse("gifts:inspect", args=[new.pk])
