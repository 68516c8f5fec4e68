from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Locale, Page

from campagnes.donations import checkout, payments, upsell
from campagnes.donations.forms import DonationForm
from campagnes.models import CampaignPage, DonatePage, Gift, Plan
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.stripe import client as stripe_client


def form_page(page_id: str):
    """The live campaign or donate page of that id, else None (ids come from the browser)."""
    if not (page_id or "").isdigit():
        return None
    return Page.objects.live().type(CampaignPage, DonatePage).filter(pk=page_id).specific().first()


def form_page_url(request) -> str:
    """Where a visitor who opens the form's address is sent: the page whose form it was (named in
    the query string by the form's action), in the language of the address, else the language's
    donate page, else its home page."""
    page = form_page(request.GET.get("page", ""))
    url = page.localized.url if page is not None else None
    if not url:
        donate_page = DonatePage.objects.live().filter(locale=Locale.get_active()).first()
        url = donate_page.url if donate_page is not None else None
    return url or f"/{translation.get_language()}/"


@require_http_methods(["GET", "HEAD", "POST"])
def donate(request):
    """The donation form's answer: a redirect to Checkout, or the page again with its errors.

    A refused form leaves this address in the browser: reloading it, or coming back to it from
    the history, is a GET, which goes back to the form's page rather than to an empty 405."""
    if request.method != "POST":
        return redirect(form_page_url(request))
    page = form_page(request.POST.get("page", ""))
    if page is None:
        return render(
            request,
            "campagnes/donations/stale.html",
            {"form_url": form_page_url(request)},
            status=400,
        )
    form = DonationForm.for_page(page, request, data=request.POST)
    if form.is_valid():
        if isinstance(page, CampaignPage) and not page.is_open:
            form.add_error(None, _("This campaign is not open: your gift was not recorded."))
        else:
            try:
                url, _record = checkout.start_checkout(request, page, form.cleaned_data)
            except checkout.CheckoutRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                return redirect(url)
    context = page.get_context(request)
    context["donation_form"] = form
    return TemplateResponse(request, page.get_template(request), context)


def find_own(request, public_id) -> Gift | Plan:
    """A gift or plan made by this browser: others get a 404, whoever knows the address."""
    if str(public_id) not in request.session.get("donations", []):
        raise Http404
    for model in (Gift, Plan):
        record = (
            model.objects.select_related("donor", "campaign", "lieu")
            .filter(public_id=public_id)
            .first()
        )
        if record is not None:
            return record
    raise Http404


def thanks(request, public_id):
    record = find_own(request, public_id)
    waiting = record.status in (GiftStatus.PENDING, PlanStatus.INCOMPLETE)
    if waiting and record.stripe_checkout_session_id and stripe_client.is_configured():
        # The webhook may not have arrived yet: ask Stripe, and apply what it says as the
        # webhook would (idempotently).
        try:
            session = stripe_client.retrieve_checkout_session(record.stripe_checkout_session_id)
        except stripe_client.StripeError:
            session = None
        if session and session.get("status") == "complete":
            payments.apply_checkout_session(session)
            record.refresh_from_db()
    return thanks_page(request, record)


def thanks_page(request, record, upsell_offer=None, status=200):
    offer = upsell_offer or upsell.offer_for(request, record)
    return render(
        request,
        "campagnes/donations/thanks.html",
        {"record": record, "is_plan": isinstance(record, Plan), "upsell": offer},
        status=status,
    )


@require_POST
def upsell_accept(request, public_id):
    """The thank-you page's "give monthly": a subscription on the kept card, or Checkout."""
    record = find_own(request, public_id)
    try:
        return redirect(upsell.accept(request, record))
    except upsell.UpsellRefused as refusal:
        offer = upsell.offer_for(request, record, posted=request.POST, error=str(refusal))
        if offer is None:
            return render(
                request,
                "campagnes/donations/upsell_closed.html",
                {"record": record, "message": str(refusal)},
                status=409,
            )
        return thanks_page(request, record, offer, status=400)


@require_POST
def upsell_decline(request, public_id):
    record = find_own(request, public_id)
    upsell.decline(request, record)
    return redirect("campagnes:thanks", public_id=record.public_id)


def cancelled(request, public_id):
    record = find_own(request, public_id)
    return render(request, "campagnes/donations/cancelled.html", {"record": record})
