"""The bulletin de souscription, step by step, and the private document download.

Each step's answers wait in the session (keyed by the offering's page id) and are validated
again when the investor confirms; only the uploaded documents need a draft Subscription before
then. Nothing is kept from a step the server refuses.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from PIL import Image, UnidentifiedImageError

from campagnes.choices import Civility
from campagnes.models import ShareOfferingPage, Subscription, SubscriptionDocument, WaitingListEntry
from campagnes.models.shares import (
    DocumentKind,
    InvestorType,
    OfferingStatus,
    SharePaymentMethod,
    SubscriptionStatus,
)
from campagnes.money import format_amount
from campagnes.pdf.shares import Bulletin, birth_line, render_bulletin_pdf
from campagnes.shares import allocation
from campagnes.shares import lifecycle as share_lifecycle
from campagnes.shares import payments as share_payments
from campagnes.stripe import client as stripe_client
from home.locales import source_page

SESSION_KEY = "share_subscriptions"
# Subscriptions this browser started: the only ones whose documents it may download.
OWN_KEY = "own_share_subscriptions"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ADULT_AGE = 18


# --- Forms, one per step --------------------------------------------------------------------


class StepForm(forms.Form):
    def __init__(self, *args, page: ShareOfferingPage, answers: dict, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.answers = answers
        # A waiting-list offer: shares already held for this investor.
        self.offer = offer


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
        already = (
            Subscription.objects.filter(
                page=source_page(page), status__in=SubscriptionStatus.holding(), email=email
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
    payment_method = forms.ChoiceField(
        label=_("How you will pay"),
        choices=SharePaymentMethod.choices,
        widget=forms.RadioSelect,
    )
    accepted_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

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


# --- Views ----------------------------------------------------------------------------------


def offering(page_id: int) -> ShareOfferingPage:
    return get_object_or_404(ShareOfferingPage.objects.live(), pk=page_id)


def step_url(page_id: int, slug: str) -> str:
    return reverse("campagnes:share_step", args=[page_id, slug])


def current_offer(page, state: dict):
    """The waiting-list offer this browser came with, while it holds."""
    return allocation.offered_entry(page, state["offer"]) if state.get("offer") else None


@never_cache
def start(request, page_id: int):
    offering(page_id)
    return redirect(step_url(page_id, SLUGS[0]))


@never_cache
def step(request, page_id: int, slug: str):
    if slug not in STEPS:
        raise Http404
    page = offering(page_id)
    state = load_state(request, page_id)
    offer = current_offer(page, state)
    if page.status == OfferingStatus.FULL and offer is None:
        return redirect("campagnes:share_waiting_list", page_id=page_id)
    if not page.is_open and not (offer and page.status == OfferingStatus.FULL):
        return render(request, "campagnes/shares/closed.html", {"page": page}, status=410)
    answers = state["answers"]
    missing = first_missing(answers)
    if SLUGS.index(slug) > SLUGS.index(missing):
        return redirect(step_url(page_id, missing))
    form_class = STEPS[slug][0]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, page=page, answers=answers, offer=offer)
        if form.is_valid():
            if slug == CONFIRM:
                return confirm(request, page, state, form, offer)
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
        form = form_class(initial=initial, page=page, answers=answers, offer=offer)
    context = {
        "page": page,
        "form": form,
        "slug": slug,
        "steps": [(each, STEPS[each][1]) for each in SLUGS],
        "step_number": SLUGS.index(slug) + 1,
        "risk_warning": page.localized_risk_warning(),
        "offer": offer,
    }
    if slug == CONFIRM:
        context["summary"] = summary(page, answers, offer)
        context["transfer_days"] = allocation.reservation_delay(SharePaymentMethod.TRANSFER).days
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


def summary(page, answers: dict, offer=None) -> list[tuple[str, str]]:
    merged = revalidated(page, answers, offer) or {}
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


def confirm(request, page, state: dict, form: ConfirmForm, offer):
    answers = state["answers"]
    merged = revalidated(page, answers, offer)
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
    method = form.cleaned_data["payment_method"]
    # Reservations whose time is up are ended first, so that their shares count as free.
    for attempt in range(2):
        try:
            subscription = sign(request, page, draft, merged, form, risk_warning, method, offer)
            break
        except allocation.OfferFull:
            if attempt or not allocation.expire_overdue():
                answers.pop("parts", None)
                save_state(request, page.pk, state)
                messages.error(request, FULL_MESSAGE)
                return redirect("campagnes:share_waiting_list", page_id=page.pk)
    save_state(request, page.pk, None)
    if method == SharePaymentMethod.CHECKOUT:
        return pay_online(request, page, subscription)
    return redirect("campagnes:share_done", page_id=page.pk, public_id=subscription.public_id)


FULL_MESSAGE = _(
    "Every share on offer is now reserved or sold: nothing was reserved for you. "
    "Join the waiting list and freed shares will be offered to you first."
)


def sign(request, page, draft, merged, form, risk_warning, method, offer) -> Subscription:
    """Copies the bulletin onto the subscription, reserves its shares and records the signature,
    in one transaction: when the offer is full, nothing of it stays."""
    fields = {name: value for name, value in merged.items() if name in SUBSCRIPTION_FIELDS}
    with transaction.atomic():
        draft = Subscription.objects.select_for_update().get(pk=draft.pk)
        if draft.status != SubscriptionStatus.DRAFT:
            raise Http404  # confirmed by another tab of the same browser
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.price_cents = page.price_cents
        draft.amount_cents = draft.shares * page.price_cents
        share_lifecycle.reserve(draft, method, offer)
        draft.risk_warning = risk_warning
        draft.accepted_name = form.cleaned_data["accepted_name"]
        draft.accepted_at = timezone.now()
        draft.accepted_ip = request.META.get("REMOTE_ADDR") or None
        draft.language = translation.get_language() or "fr"
        pdf = render_bulletin_pdf(bulletin_for(page, draft))
        draft.bulletin.save(f"{draft.public_id}.pdf", ContentFile(pdf), save=False)
        draft.bulletin_sha256 = hashlib.sha256(pdf).hexdigest()
        draft.save()
        from campagnes.tasks import send_share_confirmation

        transaction.on_commit(lambda: send_share_confirmation.enqueue(draft.pk))
    return draft


def pay_online(request, page, subscription: Subscription):
    try:
        return redirect(share_payments.checkout_url(request, subscription))
    except stripe_client.StripeError:
        messages.error(
            request,
            _(
                "The payment service did not answer. Your shares stay reserved: try again "
                "below in a few minutes."
            ),
        )
        return redirect("campagnes:share_done", page_id=page.pk, public_id=subscription.public_id)


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


def own_subscription(request, public_id) -> Subscription:
    """A subscription this browser signed, or one of the signed-in investor's; 404 otherwise."""
    from campagnes.spaces.donor import INVESTOR_KEY

    subscription = get_object_or_404(
        Subscription.objects.select_related("page"),
        public_id=public_id,
        status__in=SubscriptionStatus.submitted(),
    )
    email = request.session.get(INVESTOR_KEY)
    if str(public_id) in own_ids(request) or (email and email == subscription.email):
        return subscription
    raise Http404


@never_cache
def done(request, page_id: int, public_id):
    subscription = own_subscription(request, public_id)
    page = offering(page_id)
    context = {
        "page": page,
        "subscription": subscription,
        "can_pay_online": subscription.status == SubscriptionStatus.RESERVED
        and subscription.payment_method == SharePaymentMethod.CHECKOUT
        and stripe_client.is_configured(),
        "returned_from_payment": request.GET.get("paiement") == "ok",
    }
    return render(request, "campagnes/shares/done.html", context)


@never_cache
@require_POST
def pay(request, page_id: int, public_id):
    """Pays a reservation online again (the first Checkout page was closed or failed)."""
    subscription = own_subscription(request, public_id)
    if (
        subscription.status != SubscriptionStatus.RESERVED
        or subscription.payment_method != SharePaymentMethod.CHECKOUT
    ):
        messages.error(request, _("This subscription cannot be paid online any more."))
        return redirect("campagnes:share_done", page_id=page_id, public_id=public_id)
    return pay_online(request, offering(page_id), subscription)


@never_cache
def bulletin(request, public_id):
    subscription = own_subscription(request, public_id)
    return FileResponse(
        subscription.bulletin.open("rb"),
        as_attachment=True,
        filename=f"bulletin-{subscription.reference}.pdf",
        content_type="application/pdf",
    )


# --- Waiting list ---------------------------------------------------------------------------


class WaitingListForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
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


@never_cache
def waiting_list(request, page_id: int):
    page = offering(page_id)
    if page.status == OfferingStatus.OPEN:
        return redirect(step_url(page_id, SLUGS[0]))
    if page.status != OfferingStatus.FULL:
        return render(request, "campagnes/shares/closed.html", {"page": page}, status=410)
    form = WaitingListForm(request.POST if request.method == "POST" else None, page=page)
    if form.is_valid():
        data = form.cleaned_data
        entry, created = WaitingListEntry.objects.get_or_create(
            page=source_page(page),
            email=data["email"],
            status__in=("waiting", "offered"),
            defaults={
                "name": data["name"],
                "shares": data["shares"],
                "language": translation.get_language() or "fr",
                "status": "waiting",
            },
        )
        position = WaitingListEntry.objects.filter(
            page=entry.page, status="waiting", created_at__lte=entry.created_at
        ).count()
        return render(
            request,
            "campagnes/shares/waiting_joined.html",
            {"page": page, "entry": entry, "created": created, "position": position},
        )
    return render(request, "campagnes/shares/waiting_list.html", {"page": page, "form": form})


@never_cache
def waiting_offer(request, page_id: int, public_id):
    """The emailed link of a waiting-list offer: the bulletin, with the shares kept aside."""
    page = offering(page_id)
    entry = allocation.offered_entry(page, public_id)
    if entry is None:
        return render(request, "campagnes/shares/offer_lapsed.html", {"page": page}, status=410)
    state = load_state(request, page_id)
    state["offer"] = str(entry.public_id)
    save_state(request, page_id, state)
    return redirect(step_url(page_id, SLUGS[0]))


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
