"""The bulletin de souscription's forms, one per step, and the waiting list's.

`revalidated` binds every stored step again at confirmation: the session keeps raw answers,
never trusted values. Uploaded files are checked by their bytes and counted (`uploads`).
"""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Civility, ConsentKind
from campagnes.consents.wordings import WORDINGS
from campagnes.fields import printable_on_share_documents
from campagnes.models import ShareOfferingPage, Subscription
from campagnes.models.shares import (
    DocumentKind,
    InvestorType,
    SharePaymentMethod,
    SubscriptionStatus,
)
from campagnes.shares.uploads import UploadQuota, sniff_upload
from campagnes.stripe import client as stripe_client
from home.emails import canonical_email
from home.locales import source_page

ADULT_AGE = 18
# What the investor types is printed on the bulletin, the certificate or both.
PRINTABLE = [printable_on_share_documents]


# --- Forms, one per step --------------------------------------------------------------------


class Group(NamedTuple):
    """Fields that apply only when another field has one value: the page shows them under their
    legend for that answer only (campagnes.js), and the server ignores them for any other."""

    controller: str
    value: str
    legend: str
    fields: tuple[str, ...]


class StepForm(forms.Form):
    groups: tuple[Group, ...] = ()

    def __init__(self, *args, page: ShareOfferingPage, answers: dict, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.answers = answers
        # A waiting-list offer: shares already held for this investor.
        self.offer = offer

    def applies(self, name: str) -> bool:
        group = next((group for group in self.groups if name in group.fields), None)
        return group is None or self[group.controller].value() == group.value

    def clean(self):
        cleaned = super().clean()
        for group in self.groups:
            for name in group.fields:
                if not self.applies(name):
                    # Hidden on the page: what it still holds (typed before another choice) is
                    # neither checked nor kept.
                    self._errors.pop(name, None)
                    cleaned.pop(name, None)
        return cleaned

    def answers_to_keep(self) -> dict:
        """The raw values the session keeps for this step: those of the fields that apply."""
        return {name: self.data.get(name, "") for name in self.fields if self.applies(name)}

    def rows(self) -> list[dict]:
        """The fields in order for the template, each group's together where its first one is."""
        rows, placed = [], set()
        for bound in self:
            group = next((group for group in self.groups if bound.name in group.fields), None)
            if group is None:
                rows.append({"group": None, "fields": [bound]})
            elif group not in placed:
                placed.add(group)
                rows.append({"group": group, "fields": [self[name] for name in group.fields]})
        return rows


class InvestorForm(StepForm):
    investor_type = forms.ChoiceField(
        label=_("You subscribe as"), choices=InvestorType.choices, widget=forms.RadioSelect
    )
    entity_name = forms.CharField(
        label=_("Entity name"),
        required=False,
        max_length=150,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    entity_legal_form = forms.CharField(
        label=_("Legal form"), required=False, max_length=100, validators=PRINTABLE
    )
    entity_registration = forms.CharField(
        label=_("RCS / SIREN"), required=False, max_length=60, validators=PRINTABLE
    )
    representative_role = forms.CharField(
        label=_("Your capacity (e.g. managing director)"),
        required=False,
        max_length=100,
        validators=PRINTABLE,
    )
    groups = (
        Group(
            "investor_type",
            InvestorType.ENTITY,
            _("The legal entity you subscribe for"),
            ("entity_name", "entity_legal_form", "entity_registration", "representative_role"),
        ),
    )

    def clean(self):
        cleaned = super().clean()
        for name in self.groups[0].fields:
            if self.applies(name) and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("A legal entity's bulletin needs this."))
        return cleaned


class IdentityForm(StepForm):
    civility = forms.ChoiceField(
        label=_("Civility"),
        choices=[choice for choice in Civility.choices if choice[0]],
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(
        label=_("First names"),
        max_length=100,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=150, validators=PRINTABLE)
    nationality = forms.CharField(label=_("Nationality"), max_length=80, validators=PRINTABLE)

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < ADULT_AGE:
            raise ValidationError(_("Online subscriptions are open to adults only."))
        return born


class ContactForm(StepForm):
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=80,
        initial="France",
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SharesForm(StepForm):
    shares = forms.IntegerField(label=_("Number of shares"), min_value=1)

    def clean_shares(self):
        shares = self.cleaned_data["shares"]
        page = self.page
        if shares < page.min_shares:
            raise ValidationError(
                _("The minimum is %(count)s shares.") % {"count": page.min_shares}
            )
        email = self.answers.get("coordonnees", {}).get("email", "").strip().lower()
        already = (
            Subscription.objects.filter(
                page=source_page(page),
                status__in=SubscriptionStatus.holding(),
                email_key=canonical_email(email),  # the signature also counts by identity
            ).aggregate(shares=Sum("shares"))["shares"]
            or 0
        )
        allowed = page.max_shares_per_investor - already
        if shares > allowed:
            raise ValidationError(
                _("One investor may subscribe %(max)s shares at most; you can still take %(left)s.")
                % {"max": page.max_shares_per_investor, "left": max(allowed, 0)}
            )
        if self.offer is not None:
            if shares > self.offer.offered_shares:
                raise ValidationError(
                    _("The shares kept for you from the waiting list number %(count)s.")
                    % {"count": self.offer.offered_shares}
                )
        elif shares > page.remaining_shares:
            raise ValidationError(
                _("Only %(left)s shares remain.") % {"left": page.remaining_shares}
            )
        return shares


class DocumentsForm(StepForm):
    identity = forms.FileField(
        label=_("Identity document (ID card or passport)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    address_proof = forms.FileField(
        label=_("Proof of address (less than three months old)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    kinds = {"identity": DocumentKind.IDENTITY, "address_proof": DocumentKind.ADDRESS}

    def __init__(self, *args, stored=frozenset(), quota: UploadQuota | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.quota = quota
        # Documents already received (the investor came back to this step): kept unless replaced.
        for name, kind in self.kinds.items():
            if kind in stored:
                self.fields[name].required = False
                self.fields[name].help_text = _("Received. Choose another file only to replace it.")

    def clean(self):
        cleaned = super().clean()
        self.content_types = {}
        for name in self.kinds:
            if cleaned.get(name):
                try:
                    self.content_types[name] = sniff_upload(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        # Counted last, when the files would be stored: a refused file costs nothing.
        if self.quota is not None and self.content_types and not self.errors:
            refusal = self.quota.refusal(len(self.content_types))
            if refusal:
                for name in list(self.content_types):
                    self.add_error(name, refusal)
        return cleaned

    def uploads(self) -> list[tuple[str, object, str]]:
        """(kind, file, sniffed content type) of each valid upload, for `store_documents`."""
        return [
            (kind, self.cleaned_data[name], self.content_types[name])
            for name, kind in self.kinds.items()
            if self.cleaned_data.get(name)
        ]


class DeclarationsForm(StepForm):
    read_documents = forms.BooleanField(
        label=_("I have read the information document, the statutes and the annual report.")
    )
    understood_risks = forms.BooleanField(
        label=_("I have read and understood the risk warning above.")
    )
    own_account = forms.BooleanField(label=_("I subscribe on my own account."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Tick this box to go on.")


class ConfirmForm(StepForm):
    payment_method = forms.ChoiceField(
        label=_("How you will pay"),
        choices=SharePaymentMethod.choices,
        widget=forms.RadioSelect,
    )
    accepted_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # A consent, never ticked in advance, in the words the record keeps; recorded only once
    # the bulletin is signed (campagnes.shares.views.confirm).
    newsletter = forms.BooleanField(label=WORDINGS[ConsentKind.NEWSLETTER].text, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not stripe_client.is_configured():
            self.fields["payment_method"].choices = [
                choice
                for choice in SharePaymentMethod.choices
                if choice[0] == SharePaymentMethod.TRANSFER
            ]

    def clean_accepted_name(self):
        typed = " ".join(self.cleaned_data["accepted_name"].split())
        identity = self.answers.get("identite", {})
        expected = f"{identity.get('first_name', '')} {identity.get('last_name', '')}"
        if typed.casefold() != " ".join(expected.split()).casefold():
            raise ValidationError(_("Type your first names and last name as given above."))
        return typed


STEPS = {
    "investisseur": (InvestorForm, _("Investor")),
    "identite": (IdentityForm, _("Identity")),
    "coordonnees": (ContactForm, _("Contact")),
    "parts": (SharesForm, _("Shares")),
    "justificatifs": (DocumentsForm, _("Documents")),
    "declarations": (DeclarationsForm, _("Declarations")),
    "recapitulatif": (ConfirmForm, _("Review")),
}
SLUGS = list(STEPS)
CONFIRM = SLUGS[-1]


def first_missing(answers: dict) -> str:
    return next((slug for slug in SLUGS if slug not in answers), CONFIRM)


def revalidated(page, answers: dict, offer=None) -> dict | None:
    """Every stored step validated again, merged; None when one no longer passes."""
    merged = {}
    for slug in SLUGS[:-1]:
        form_class = STEPS[slug][0]
        if form_class is DocumentsForm:
            continue
        form = form_class(answers.get(slug, {}), page=page, answers=answers, offer=offer)
        if not form.is_valid():
            return None
        merged.update(form.cleaned_data)
    return merged


# --- Waiting list ---------------------------------------------------------------------------


class WaitingListForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        validators=PRINTABLE,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    shares = forms.IntegerField(label=_("Number of shares you would like"), min_value=1)

    def __init__(self, *args, page: ShareOfferingPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_shares(self):
        shares = self.cleaned_data["shares"]
        if not self.page.min_shares <= shares <= self.page.max_shares_per_investor:
            raise ValidationError(
                _("Between %(low)s and %(high)s shares.")
                % {"low": self.page.min_shares, "high": self.page.max_shares_per_investor}
            )
        return shares
