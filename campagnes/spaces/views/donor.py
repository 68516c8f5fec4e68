"""The donor's pages of the personal space: a receipt's PDF, and their monthly gifts (amount,
pause, resume, cancel, payment method), each change asked of Stripe first. The space's page
itself is `views.space`.
"""

import re
import uuid

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from campagnes.donations import payments
from campagnes.models import DonationSettings, Donor, Plan, Receipt
from campagnes.models.donations import PlanStatus
from campagnes.money import TaxRules
from campagnes.receipts import documents as receipts
from campagnes.spaces.forms import AmountForm, ConfirmForm
from campagnes.spaces.sections import SHOWN_GIFTS, SHOWN_PLANS
from campagnes.spaces.signin import STRIPE_FAILED, refuse, signed_in
from campagnes.stripe import client as stripe_client

RUNNING = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED)
# What the donor may do to a plan, by its status.
ACTIONS = {
    "amount": RUNNING,
    "pause": (PlanStatus.ACTIVE,),
    "resume": (PlanStatus.PAUSED,),
    "cancel": RUNNING,
}
CHECKOUT_SESSION_ID = re.compile(r"cs_\w{1,200}")


# Receipts ------------------------------------------------------------------------------------


@signed_in
def receipt(request, donor: Donor, number: str):
    found = Receipt.objects.select_related("replaces").filter(donor=donor, number=number).first()
    if found is None:
        raise refuse(request, "a receipt")
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


# The monthly gift ------------------------------------------------------------------------------


def own_plan(request, donor: Donor, public_id) -> Plan:
    plan = (
        Plan.objects.select_related("campaign", "lieu")
        .filter(donor=donor, public_id=public_id, status__in=SHOWN_PLANS)
        .first()
    )
    if plan is None:
        raise refuse(request, "a monthly gift")
    return plan


def can_manage(plan: Plan) -> bool:
    return bool(plan.stripe_subscription_id) and stripe_client.is_configured()


@signed_in
@require_http_methods(["GET", "POST"])
def manage_plan(request, donor: Donor, public_id):
    """The plan and its actions. Each action is posted twice: first to show what it will do,
    then, from that page's one button, to do it."""
    plan = own_plan(request, donor, public_id)
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
    plan = own_plan(request, donor, public_id)
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
