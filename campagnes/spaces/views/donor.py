"""The donor space: the signed-in donor's gifts, receipts and data, and their monthly gifts
(amount, pause, resume, cancel, payment method), each change asked of Stripe first.
"""

import re
import uuid

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale, Page

from campagnes.donations import payments
from campagnes.models import DonationSettings, Donor, Plan, Receipt
from campagnes.models.donations import UTM_FIELDS, GiftStatus, PlanStatus
from campagnes.money import TaxRules
from campagnes.receipts import documents as receipts
from campagnes.shares.session import INVESTOR_KEY
from campagnes.spaces.forms import AmountForm, ConfirmForm
from campagnes.spaces.signin import signed_in
from campagnes.stripe import client as stripe_client

# Checkouts that never went through are not the donor's gifts.
SHOWN_GIFTS = (
    GiftStatus.PROCESSING,
    GiftStatus.FAILED,
    GiftStatus.PAID,
    GiftStatus.REFUNDED,
    GiftStatus.DISPUTED,
    # Shown as cancelled (a bounced cheque): the donor sees what became of it, as staff do.
    GiftStatus.CANCELLED,
)
SHOWN_PLANS = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED, PlanStatus.CANCELLED)
RUNNING = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED)
# What the donor may do to a plan, by its status.
ACTIONS = {
    "amount": RUNNING,
    "pause": (PlanStatus.ACTIVE,),
    "resume": (PlanStatus.PAUSED,),
    "cancel": RUNNING,
}
CHECKOUT_SESSION_ID = re.compile(r"cs_\w{1,200}")


# The space -------------------------------------------------------------------------------------


def name_destinations(records) -> None:
    """Sets `destination` on each gift or plan: the title of its campaign or lieu in the page's
    language (records point to the French source pages), or None for the whole network. One
    query for every record, where `page.localized` would cost one per row."""
    pages = {id(r): r.campaign or r.lieu for r in records}
    keys = {page.translation_key for page in pages.values() if page is not None}
    titles = dict(
        Page.objects.filter(translation_key__in=keys, locale=Locale.get_active()).values_list(
            "translation_key", "title"
        )
    )
    for record in records:
        page = pages[id(record)]
        record.destination = page and titles.get(page.translation_key, page.title)


@signed_in
def space(request, donor: Donor):
    gifts = donor.gifts.filter(status__in=SHOWN_GIFTS).select_related("campaign", "lieu", "plan")
    plans = donor.plans.filter(status__in=SHOWN_PLANS).select_related("campaign", "lieu")
    gifts, plans = list(gifts), list(plans)
    name_destinations([*gifts, *plans])
    context = {
        "donor": donor,
        "gifts": gifts,
        "plans": plans,
        "receipts": donor.receipts.all(),
        "investor": bool(request.session.get(INVESTOR_KEY)),
    }
    return render(request, "campagnes/spaces/donor/space.html", context)


@signed_in
def receipt(request, donor: Donor, number: str):
    found = get_object_or_404(
        Receipt.objects.select_related("replaces"), donor=donor, number=number
    )
    try:
        pdf = receipts.download(found)
    except receipts.DocumentUnavailable:
        context = {
            "document": _("Receipt %(number)s") % {"number": found.number},
            "back_url": reverse("campagnes:donor_space"),
        }
        return render(request, "campagnes/spaces/document_unavailable.html", context, status=503)
    disposition = content_disposition_header(True, f"recu-fiscal-{found.number}.pdf")
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@signed_in
def export(request, donor: Donor):
    """Everything the association holds on the donor (GDPR, article 15), without Stripe ids."""
    source_fields = ("landing_page", *UTM_FIELDS)
    data = {
        "identity": {
            field: getattr(donor, field)
            for field in ("email", *Donor.IDENTITY_FIELDS, "country", "language", "created_at")
        },
        "consents": {
            "newsletter": donor.newsletter,
            "receipts_by_email": donor.receipt_by_email,
            "receipt_preference": donor.receipt_preference,
        },
        "gifts": [
            {
                "date": gift.paid_at or gift.created_at,
                "amount_cents": gift.amount_cents,
                "refunded_cents": gift.refunded_cents,
                "currency": gift.currency,
                "frequency": gift.frequency,
                "status": gift.status,
                "method": gift.method,
                "campaign": gift.campaign.title if gift.campaign else None,
                "lieu": gift.lieu.title if gift.lieu else None,
                "receipt": gift.receipt.number if gift.receipt else None,
                "source": {field: getattr(gift, field) for field in source_fields},
            }
            for gift in donor.gifts.select_related("campaign", "lieu", "receipt")
        ],
        "monthly_gifts": [
            {
                "created_at": plan.created_at,
                "amount_cents": plan.amount_cents,
                "currency": plan.currency,
                "status": plan.status,
                "cancelled_at": plan.cancelled_at,
                "campaign": plan.campaign.title if plan.campaign else None,
                "lieu": plan.lieu.title if plan.lieu else None,
                "source": {field: getattr(plan, field) for field in source_fields},
            }
            for plan in donor.plans.select_related("campaign", "lieu")
        ],
        "receipts": [
            {
                "number": each.number,
                "issued_on": each.issued_on,
                "amount_cents": each.amount_cents,
                "cancelled_on": each.cancelled_on,
            }
            for each in donor.receipts.all()
        ],
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = content_disposition_header(True, "mes-donnees-dons.json")
    return response


# The monthly gift ------------------------------------------------------------------------------


def own_plan(donor: Donor, public_id) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("campaign", "lieu"),
        donor=donor,
        public_id=public_id,
        status__in=SHOWN_PLANS,
    )


def can_manage(plan: Plan) -> bool:
    return bool(plan.stripe_subscription_id) and stripe_client.is_configured()


@signed_in
@require_http_methods(["GET", "POST"])
def manage_plan(request, donor: Donor, public_id):
    """The plan and its actions. Each action is posted twice: first to show what it will do,
    then, from that page's one button, to do it."""
    plan = own_plan(donor, public_id)
    settings = DonationSettings.for_request(request)
    action = request.POST.get("action")
    amount_form = AmountForm(
        request.POST if action == "amount" else None, plan=plan, settings=settings
    )
    if request.method == "POST":
        if action not in ACTIONS or plan.status not in ACTIONS[action] or not can_manage(plan):
            messages.error(request, _("This change is not possible for this monthly gift."))
            return redirect("campagnes:donor_plan", public_id=plan.public_id)
        if action != "amount" or amount_form.is_valid():
            cents = amount_form.cleaned_data["amount"] if action == "amount" else None
            confirm = ConfirmForm(request.POST)
            if confirm.is_valid():
                return change(request, plan, action, cents, confirm.cleaned_data["key"])
            context = {"plan": plan, "action": action, "cents": cents, "key": uuid.uuid4()}
            if cents is not None:
                context["amount"] = f"{cents // 100}.{cents % 100:02d}"
                rules = TaxRules.from_settings(settings)
                context["cost"] = rules.cost(cents, monthly=True, company=donor.is_company)
            return render(request, "campagnes/spaces/donor/confirm.html", context)
    context = {
        "plan": plan,
        "amount_form": amount_form,
        "can_manage": can_manage(plan),
        "actions": [name for name, statuses in ACTIONS.items() if plan.status in statuses],
        "instalments": plan.instalments.filter(status__in=SHOWN_GIFTS),
    }
    return render(request, "campagnes/spaces/donor/plan.html", context)


def change(request, plan: Plan, action: str, cents: int | None, key: uuid.UUID):
    """Asks Stripe first; only its answer changes the plan, as its webhook will again."""
    subscription_id = plan.stripe_subscription_id
    key = f"donor-{action}-{plan.public_id}-{key}"
    try:
        if action == "amount":
            subscription = stripe_client.change_plan_amount(
                subscription_id, cents, plan.currency, key
            )
        elif action == "pause":
            subscription = stripe_client.pause_plan(subscription_id, key)
        elif action == "resume":
            subscription = stripe_client.resume_plan(subscription_id, key)
        else:
            subscription = stripe_client.cancel_plan(subscription_id)
    except stripe_client.StripeError:
        messages.error(request, STRIPE_FAILED)
        return redirect("campagnes:donor_plan", public_id=plan.public_id)
    event_type = "deleted" if action == "cancel" else "updated"
    with transaction.atomic():
        # The plan's last event time is kept: the webhook of this very change still applies.
        payments.subscription_changed(
            subscription,
            {"type": f"customer.subscription.{event_type}", "created": plan.stripe_status_at},
        )
    messages.success(request, DONE[action])
    return redirect("campagnes:donor_plan", public_id=plan.public_id)


STRIPE_FAILED = gettext_lazy(
    "The payment service could not make this change: nothing was changed. "
    "Please try again in a few minutes."
)
DONE = {
    "amount": gettext_lazy("Your new monthly amount applies from the next instalment."),
    "pause": gettext_lazy("Your monthly gift is paused. Resume it here whenever you like."),
    "resume": gettext_lazy("Your monthly gift has resumed. Thank you!"),
    "cancel": gettext_lazy("Your monthly gift is stopped. No further instalment will be taken."),
}


@signed_in
@require_http_methods(["GET", "POST"])
def payment_method(request, donor: Donor, public_id):
    """POST sends the donor to a Checkout setup page; its return (GET) makes the card or IBAN
    entered there the one the subscription charges, as Stripe's guide asks of the site."""
    plan = own_plan(donor, public_id)
    back = reverse("campagnes:donor_plan", args=[plan.public_id])
    if plan.status not in RUNNING or not can_manage(plan) or not donor.stripe_customer_id:
        messages.error(request, _("This change is not possible for this monthly gift."))
        return redirect(back)
    try:
        if request.method == "POST":
            here = reverse("campagnes:donor_payment_method", args=[plan.public_id])
            url = stripe_client.create_setup_session(
                donor.stripe_customer_id,
                plan.stripe_subscription_id,
                success_url=request.build_absolute_uri(here) + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=request.build_absolute_uri(back),
                locale="en" if translation.get_language() == "en" else "fr",
            )
            return redirect(url)
        session_id = request.GET.get("session_id", "")
        if CHECKOUT_SESSION_ID.fullmatch(session_id):
            adopt_payment_method(request, donor, plan, session_id)
    except stripe_client.StripeError:
        messages.error(request, STRIPE_FAILED)
    return redirect(back)


def adopt_payment_method(request, donor: Donor, plan: Plan, session_id: str) -> None:
    session = stripe_client.retrieve_setup_session(session_id)
    intent = session.get("setup_intent") or {}
    if (
        session.get("customer") != donor.stripe_customer_id
        or session.get("status") != "complete"
        or (intent.get("metadata") or {}).get("subscription_id") != plan.stripe_subscription_id
        or not intent.get("payment_method")
    ):
        messages.error(request, _("No new payment method was saved."))
        return
    stripe_client.set_plan_payment_method(plan.stripe_subscription_id, intent["payment_method"])
    messages.success(request, _("Your new payment method will be used from the next instalment."))
