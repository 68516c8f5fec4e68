"""The bulletin de souscription, step by step, and the private document download.

Each step's answers wait in the session (keyed by the offering's page id) and are validated
again when the investor confirms; only the uploaded documents need a draft Subscription before
then. Nothing is kept from a step the server refuses.
"""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from PIL import Image, UnidentifiedImageError

from .choices import Civility
from .models import ShareOfferingPage, Subscription, SubscriptionDocument
from .models.pages import source_page
from .models.shares import DocumentKind, InvestorType, SubscriptionStatus
from .money import format_amount
from .shares_pdf import Bulletin, birth_line, render_bulletin_pdf

SESSION_KEY = "share_subscriptions"
# Subscriptions this browser started: the only ones whose documents it may download.
OWN_KEY = "own_share_subscriptions"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ADULT_AGE = 18


# --- Forms, one per step --------------------------------------------------------------------


class StepForm(forms.Form):
    def __init__(self, *args, page: ShareOfferingPage, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.answers = answers


class InvestorForm(StepForm):
    investor_type = forms.ChoiceField(
        label=_("You subscribe as"), choices=InvestorType.choices, widget=forms.RadioSelect
    )
    entity_name = forms.CharField(label=_("Entity name"), required=False, max_length=150)
    entity_legal_form = forms.CharField(label=_("Legal form"), required=False, max_length=100)
    entity_registration = forms.CharField(label=_("RCS / SIREN"), required=False, max_length=60)
    representative_role = forms.CharField(
        label=_("Your capacity (e.g. managing director)"), required=False, max_length=100
    )

    def clean(self):
        cleaned = super().clean()
        entity_fields = ("entity_name", "entity_legal_form", "entity_registration")
        if cleaned.get("investor_type") == InvestorType.ENTITY:
            for name in (*entity_fields, "representative_role"):
                if not cleaned.get(name):
                    self.add_error(name, _("A legal entity's bulletin needs this."))
        else:
            for name in (*entity_fields, "representative_role"):
                cleaned[name] = ""
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
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=150)
    nationality = forms.CharField(label=_("Nationality"), max_length=80)

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
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=80, initial="France")
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "tel"})
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
        already = sum(
            Subscription.objects.filter(
                page=source_page(page), status=SubscriptionStatus.SUBMITTED, email=email
            ).values_list("shares", flat=True)
        )
        allowed = page.max_shares_per_investor - already
        if shares > allowed:
            raise ValidationError(
                _("One investor may subscribe %(max)s shares at most; you can still take %(left)s.")
                % {"max": page.max_shares_per_investor, "left": max(allowed, 0)}
            )
        if shares > page.remaining_shares:
            raise ValidationError(
                _("Only %(left)s shares remain.") % {"left": page.remaining_shares}
            )
        return shares


def sniff_upload(upload) -> str:
    """The content type read from the file's bytes; its name and the browser's claim are not
    trusted."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("A file may not exceed 5 MB."))
    upload.seek(0)
    if upload.read(5) == b"%PDF-":
        upload.seek(0)
        return "application/pdf"
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Send a PDF, JPEG or PNG file.")) from error
    finally:
        upload.seek(0)
    types = {"JPEG": "image/jpeg", "PNG": "image/png"}
    if kind not in types:
        raise ValidationError(_("Send a PDF, JPEG or PNG file."))
    return types[kind]


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

    def clean(self):
        cleaned = super().clean()
        self.content_types = {}
        for name in self.kinds:
            if cleaned.get(name):
                try:
                    self.content_types[name] = sniff_upload(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


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
    accepted_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

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


# --- Session state --------------------------------------------------------------------------


def load_state(request, page_id: int) -> dict:
    return request.session.get(SESSION_KEY, {}).get(str(page_id), {"answers": {}})


def save_state(request, page_id: int, state: dict | None) -> None:
    states = request.session.get(SESSION_KEY, {})
    if state is None:
        states.pop(str(page_id), None)
    else:
        states[str(page_id)] = state
    request.session[SESSION_KEY] = states


def own_ids(request) -> list[str]:
    return request.session.get(OWN_KEY, [])


def first_missing(answers: dict) -> str:
    return next((slug for slug in SLUGS if slug not in answers), CONFIRM)


def revalidated(page, answers: dict) -> dict | None:
    """Every stored step validated again, merged; None when one no longer passes."""
    merged = {}
    for slug in SLUGS[:-1]:
        form_class = STEPS[slug][0]
        if form_class is DocumentsForm:
            continue
        form = form_class(answers.get(slug, {}), page=page, answers=answers)
        if not form.is_valid():
            return None
        merged.update(form.cleaned_data)
    return merged


# --- Views ----------------------------------------------------------------------------------


def offering(page_id: int) -> ShareOfferingPage:
    return get_object_or_404(ShareOfferingPage.objects.live(), pk=page_id)


def step_url(page_id: int, slug: str) -> str:
    return reverse("campagnes:share_step", args=[page_id, slug])


@never_cache
def start(request, page_id: int):
    offering(page_id)
    return redirect(step_url(page_id, SLUGS[0]))


@never_cache
def step(request, page_id: int, slug: str):
    if slug not in STEPS:
        raise Http404
    page = offering(page_id)
    if not page.is_open:
        return render(request, "campagnes/shares/closed.html", {"page": page}, status=410)
    state = load_state(request, page_id)
    answers = state["answers"]
    missing = first_missing(answers)
    if SLUGS.index(slug) > SLUGS.index(missing):
        return redirect(step_url(page_id, missing))
    form_class = STEPS[slug][0]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, page=page, answers=answers)
        if form.is_valid():
            if slug == CONFIRM:
                return confirm(request, page, state, form)
            if form_class is DocumentsForm:
                store_documents(request, page, state, form)
                answers[slug] = {}
            else:
                # Raw values, rebound and validated again at confirmation.
                answers[slug] = {name: form.data.get(name, "") for name in form.fields}
            if slug == "declarations":
                state["risk_warning"] = page.localized_risk_warning().pk
            save_state(request, page_id, state)
            return redirect(step_url(page_id, SLUGS[SLUGS.index(slug) + 1]))
    else:
        initial = None if form_class is DocumentsForm else answers.get(slug)
        form = form_class(initial=initial, page=page, answers=answers)
    context = {
        "page": page,
        "form": form,
        "slug": slug,
        "steps": [(each, STEPS[each][1]) for each in SLUGS],
        "step_number": SLUGS.index(slug) + 1,
        "risk_warning": page.localized_risk_warning(),
    }
    if slug == CONFIRM:
        context["summary"] = summary(page, answers)
    return render(request, "campagnes/shares/step.html", context)


def store_documents(request, page, state, form) -> None:
    """The draft is created here: uploaded files need a subscription to belong to."""
    draft = Subscription.objects.filter(
        public_id=state.get("draft"), status=SubscriptionStatus.DRAFT
    ).first()
    with transaction.atomic():
        if draft is None:
            draft = Subscription.objects.create(page=source_page(page))
            state["draft"] = str(draft.public_id)
            request.session[OWN_KEY] = [*own_ids(request), str(draft.public_id)]
        for name, kind in form.kinds.items():
            for old in draft.documents.filter(kind=kind):
                old.file.delete(save=False)
                old.delete()
            upload = form.cleaned_data[name]
            extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
            content_type = form.content_types[name]
            document = SubscriptionDocument(
                subscription=draft, kind=kind, content_type=content_type
            )
            document.file.save(
                f"{document.public_id}.{extension[content_type]}", upload, save=False
            )
            document.save()


def summary(page, answers: dict) -> list[tuple[str, str]]:
    merged = revalidated(page, answers) or {}
    shares = merged.get("shares", 0)
    rows = [(_("Subscriber"), f"{merged.get('first_name', '')} {merged.get('last_name', '')}")]
    if merged.get("investor_type") == InvestorType.ENTITY:
        rows.append((_("On behalf of"), merged.get("entity_name", "")))
    rows += [
        (_("Email"), merged.get("email", "")),
        (_("Number of shares"), str(shares)),
        (_("Price per share"), format_amount(page.price_cents)),
        (_("Amount"), format_amount(shares * page.price_cents)),
    ]
    return rows


def confirm(request, page, state: dict, form: ConfirmForm):
    answers = state["answers"]
    merged = revalidated(page, answers)
    draft = Subscription.objects.filter(
        public_id=state.get("draft"), status=SubscriptionStatus.DRAFT
    ).first()
    if merged is None or draft is None or draft.documents.count() != len(DocumentsForm.kinds):
        # An answer no longer holds (shares taken meanwhile, documents gone): ask again.
        answers.pop("parts", None)
        if draft is None:
            answers.pop("justificatifs", None)
        save_state(request, page.pk, state)
        return redirect(step_url(page.pk, first_missing(answers)))
    risk_warning = page.localized_risk_warning()
    if state.get("risk_warning") != risk_warning.pk:
        # The warning changed since it was accepted: it must be read and accepted again.
        answers.pop("declarations", None)
        save_state(request, page.pk, state)
        return redirect(step_url(page.pk, "declarations"))
    fields = {name: value for name, value in merged.items() if name in SUBSCRIPTION_FIELDS}
    with transaction.atomic():
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.price_cents = page.price_cents
        draft.amount_cents = draft.shares * page.price_cents
        draft.risk_warning = risk_warning
        draft.accepted_name = form.cleaned_data["accepted_name"]
        draft.accepted_at = timezone.now()
        draft.accepted_ip = request.META.get("REMOTE_ADDR") or None
        pdf = render_bulletin_pdf(bulletin_for(page, draft))
        draft.bulletin.save(f"{draft.public_id}.pdf", ContentFile(pdf), save=False)
        draft.bulletin_sha256 = hashlib.sha256(pdf).hexdigest()
        draft.status = SubscriptionStatus.SUBMITTED
        draft.save()
    save_state(request, page.pk, None)
    return redirect("campagnes:share_done", page_id=page.pk, public_id=draft.public_id)


SUBSCRIPTION_FIELDS = {
    field.name for field in Subscription._meta.get_fields() if hasattr(field, "attname")
}


def bulletin_for(page: ShareOfferingPage, subscription: Subscription) -> Bulletin:
    s = subscription
    investor = [
        ("Nom", f"{s.get_civility_display()} {s.first_name} {s.last_name}"),
        ("Naissance", birth_line(s.birth_date, s.birth_place)),
        ("Nationalité", s.nationality),
        ("Adresse", f"{s.address}, {s.postcode} {s.city}, {s.country}"),
        ("Courriel", s.email),
        ("Téléphone", s.phone),
    ]
    if s.investor_type == InvestorType.ENTITY:
        investor[:0] = [
            ("Personne morale", f"{s.entity_name} ({s.entity_legal_form})"),
            ("Immatriculation", s.entity_registration),
            ("Représentée par", f"{s.first_name} {s.last_name}, {s.representative_role}"),
        ]
    return Bulletin(
        reference=str(s.public_id),
        security_kind=page.security_kind,
        issuer_name=page.issuer_name,
        issuer_legal_form=page.issuer_legal_form,
        issuer_registration=page.issuer_registration,
        issuer_office=page.issuer_office,
        issuer_share_capital_cents=page.issuer_share_capital_cents,
        investor_lines=tuple(investor),
        shares=s.shares,
        price_cents=s.price_cents,
        nominal_cents=page.nominal_cents,
        amount_cents=s.amount_cents,
        risk_warning_title=s.risk_warning.title,
        risk_warning_version=s.risk_warning.version,
        declarations=(
            "J'ai lu le document d'information, les statuts et le rapport annuel.",
            "J'ai lu et compris l'avertissement sur les risques.",
            "Je souscris pour mon propre compte.",
        ),
        accepted_name=s.accepted_name,
        accepted_at=timezone.localtime(s.accepted_at),
        accepted_ip=s.accepted_ip or "",
    )


@never_cache
def done(request, page_id: int, public_id):
    if str(public_id) not in own_ids(request):
        raise Http404
    subscription = get_object_or_404(
        Subscription, public_id=public_id, status=SubscriptionStatus.SUBMITTED
    )
    return render(
        request,
        "campagnes/shares/done.html",
        {"page": offering(page_id), "subscription": subscription},
    )


@never_cache
def document(request, public_id):
    """A private document, to the browser that uploaded it or to Finance; a 404 to anyone else,
    so that an address alone reveals nothing."""
    document = get_object_or_404(
        SubscriptionDocument.objects.select_related("subscription"), public_id=public_id
    )
    own = str(document.subscription.public_id) in own_ids(request)
    if not (own or request.user.has_perm("campagnes.view_subscription")):
        raise Http404
    name = f"{document.get_kind_display()}.{document.file.name.rsplit('.', 1)[-1]}"
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=document.content_type,
    )
