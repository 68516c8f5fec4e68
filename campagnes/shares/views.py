"""The bulletin de souscription, step by step, and the private document download.

Each step's answers wait in the session (keyed by the offering's page id) and are validated
again when the investor confirms; only the uploaded documents need a draft Subscription before
then. Nothing is kept from a step the server refuses.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records as consents
from campagnes.models import ShareOfferingPage, Subscription, SubscriptionDocument, WaitingListEntry
from campagnes.models.shares import OfferingStatus, SharePaymentMethod, SubscriptionStatus
from campagnes.shares import allocation, limits, offer_claim
from campagnes.shares import payments as share_payments
from campagnes.shares.bulletin import (
    current_offer,
    draft_of,
    own_subscription,
    sign,
    store_documents,
    stored_kinds,
    summary,
)
from campagnes.shares.documents import DocumentUnavailable, bulletin_pdf
from campagnes.shares.forms import (
    CONFIRM,
    SLUGS,
    STEPS,
    ConfirmForm,
    DocumentsForm,
    WaitingListForm,
    first_missing,
    revalidated,
)
from campagnes.shares.session import load_state, own_ids, save_state
from campagnes.shares.uploads import UploadQuota
from campagnes.stripe import client as stripe_client
from home import frozen
from home.client import client_address
from home.locales import source_page

FULL_MESSAGE = _(
    "Every share on offer is now reserved or sold: nothing was reserved for you. "
    "Join the waiting list and freed shares will be offered to you first."
)
MAXIMUM_MESSAGE = _(
    "One investor may subscribe %(max)s shares at most; you can still take %(left)s. "
    "Nothing was reserved."
)
RESERVATIONS_MESSAGES = {
    "person": _(
        "You already have reservations awaiting payment for this offer: pay or let one "
        "lapse before reserving again. Nothing was reserved."
    ),
    "address": _(
        "Too many reservations awaiting payment were made from your connection for this "
        "offer. Nothing was reserved: try again once one is paid or has lapsed."
    ),
}


def offering(page_id: int) -> ShareOfferingPage:
    return get_object_or_404(ShareOfferingPage.objects.live(), pk=page_id)


# The steps' keys are the bulletin's own (stored in the session, in the answers): the address
# shows them in the page's language. A step address in the other language (an English link
# opened on /fr/, an old /en/…/identite/) is sent to this language's.
ENGLISH_SEGMENTS = {
    "investisseur": "investor",
    "identite": "identity",
    "coordonnees": "contact",
    "parts": "shares",
    "justificatifs": "documents",
    "declarations": "declarations",
    "recapitulatif": "review",
}
FRENCH_KEYS = {segment: key for key, segment in ENGLISH_SEGMENTS.items()}


def step_segment(slug: str) -> str:
    return ENGLISH_SEGMENTS[slug] if translation.get_language() == "en" else slug


def step_url(page_id: int, slug: str) -> str:
    return reverse("campagnes:share_step", args=[page_id, step_segment(slug)])


def step_list(page_id: int, current: str, answers: dict) -> list[dict]:
    """The steps as the page lists them: those the investor may open again are links (answered
    ones, and the first unanswered, which is as far as the bulletin lets anyone go)."""
    reachable = SLUGS.index(first_missing(answers))
    return [
        {
            "label": STEPS[each][1],
            "current": each == current,
            "done": each in answers,
            "url": step_url(page_id, each) if index <= reachable and each != current else None,
        }
        for index, each in enumerate(SLUGS)
    ]


@never_cache
def start(request, page_id: int):
    offering(page_id)
    return redirect(step_url(page_id, SLUGS[0]))


@never_cache
def step(request, page_id: int, slug: str):
    key = slug if slug in STEPS else FRENCH_KEYS.get(slug)
    if key is None:
        raise Http404
    if step_segment(key) != slug:
        # 308 keeps a form's POST on its way; a GET is simply moved.
        status = 301 if request.method in ("GET", "HEAD") else 308
        response = redirect(step_url(page_id, key))
        response.status_code = status
        return response
    slug = key
    page = offering(page_id)
    allocation.release_overdue(page)  # before the status: expired reservations free shares
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
    form_kwargs = {"page": page, "answers": answers, "offer": offer}
    if form_class is DocumentsForm:
        form_kwargs["stored"] = stored_kinds(state)
        draft = draft_of(state)
        form_kwargs["quota"] = UploadQuota(
            client_address(request), str(draft.public_id) if draft else None
        )
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            if slug == CONFIRM:
                return confirm(request, page, state, form, offer)
            if form_class is DocumentsForm:
                store_documents(request, page, state, form.uploads())
                answers[slug] = {}
            else:
                # Raw values, rebound and validated again at confirmation.
                answers[slug] = form.answers_to_keep()
            if slug == "declarations":
                state["risk_warning"] = page.localized_risk_warning().pk
            save_state(request, page_id, state)
            return redirect(step_url(page_id, SLUGS[SLUGS.index(slug) + 1]))
    else:
        initial = None if form_class is DocumentsForm else answers.get(slug)
        form = form_class(initial=initial, **form_kwargs)
    index = SLUGS.index(slug)
    context = {
        "page": page,
        "form": form,
        "slug": slug,
        "steps": step_list(page_id, slug, answers),
        "step_number": index + 1,
        "step_label": STEPS[slug][1],
        "previous_url": step_url(page_id, SLUGS[index - 1]) if index else None,
        "risk_warning": page.localized_risk_warning(),
        "offer": offer,
    }
    if slug == CONFIRM:
        context["summary"] = summary(page, revalidated(page, answers, offer) or {})
        context["transfer_days"] = allocation.reservation_delay(SharePaymentMethod.TRANSFER).days
    return render(request, "campagnes/shares/step.html", context)


def confirm(request, page, state: dict, form: ConfirmForm, offer):
    answers = state["answers"]
    merged = revalidated(page, answers, offer)
    draft = draft_of(state)
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
    accepted_name = form.cleaned_data["accepted_name"]
    # sign() ends overdue reservations first, in its transaction: their shares count as free.
    try:
        subscription = sign(
            request, page, draft, merged, accepted_name, risk_warning, method, offer
        )
    except allocation.OfferFull:
        answers.pop("parts", None)
        save_state(request, page.pk, state)
        messages.error(request, FULL_MESSAGE)
        return redirect("campagnes:share_waiting_list", page_id=page.pk)
    except limits.InvestorMaximum as refused:
        answers.pop("parts", None)
        save_state(request, page.pk, state)
        messages.error(
            request, MAXIMUM_MESSAGE % {"max": page.max_shares_per_investor, "left": refused.left}
        )
        return redirect(step_url(page.pk, "parts"))
    except limits.TooManyReservations as refused:
        messages.error(request, RESERVATIONS_MESSAGES[refused.by])
        return redirect(step_url(page.pk, CONFIRM))
    if form.cleaned_data.get("newsletter"):
        # Only from the bulletin this browser filled in and signed: a bare POST has no draft
        # and was sent back to the first step above, recording nothing.
        consents.give(
            subscription.email, ConsentKind.NEWSLETTER, ConsentSource.BULLETIN, page=page.url or ""
        )
    save_state(request, page.pk, None)
    if method == SharePaymentMethod.CHECKOUT:
        return pay_online(request, page, subscription)
    return redirect("campagnes:share_done", page_id=page.pk, public_id=subscription.public_id)


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
@require_http_methods(["GET", "HEAD", "POST"])
def pay(request, page_id: int, public_id):
    """Pays a reservation online again (the first Checkout page was closed or failed).

    Opening the address (from the history, after Checkout's back button) shows the
    subscription and its payment button rather than an empty 405."""
    if request.method != "POST":
        return redirect("campagnes:share_done", page_id=page_id, public_id=public_id)
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
    try:
        pdf = bulletin_pdf(subscription)
    except DocumentUnavailable:
        context = {
            "document": _("The bulletin of %(reference)s") % {"reference": subscription.reference},
            "back_url": reverse("campagnes:donor_space"),
        }
        return render(request, "campagnes/spaces/document_unavailable.html", context, status=503)
    disposition = content_disposition_header(True, f"bulletin-{subscription.reference}.pdf")
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )


# --- Waiting list ---------------------------------------------------------------------------


@never_cache
def waiting_list(request, page_id: int):
    page = offering(page_id)
    allocation.release_overdue(page)  # nobody joins a list for shares an expiry freed
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
@require_http_methods(["GET", "HEAD", "POST"])
def waiting_offer(request, page_id: int, public_id):
    """The emailed link of a waiting-list offer: the bulletin, with the shares kept aside, once
    the visitor shows the offer is theirs (`campagnes.shares.offer_claim`)."""
    page = offering(page_id)
    entry = allocation.offered_entry(page, public_id)
    if entry is None:
        return render(request, "campagnes/shares/offer_lapsed.html", {"page": page}, status=410)
    form = offer_claim.OfferClaimForm(
        request.POST if request.method == "POST" else None, entry=entry, request=request
    )
    if not (offer_claim.signed_in_as(request, entry) or form.is_valid()):
        return render(
            request,
            "campagnes/shares/offer_claim.html",
            {"page": page, "entry": entry, "form": form},
        )
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
    try:
        file = document.file.open("rb")
    except OSError:
        # Gone from the private storage (a restore, a purge): staff are told, not shown a 500.
        frozen.report(document.subscription, document.kind, "stored file unreadable")
        context = {
            "document": document.get_kind_display(),
            "back_url": reverse("campagnes:donor_space"),
        }
        return render(request, "campagnes/spaces/document_unavailable.html", context, status=503)
    return FileResponse(
        file,
        as_attachment=True,
        filename=name,
        content_type=document.content_type,
    )
