"""Failed monthly instalments: the donor is told, the plan lapses when Stripe gives up, and a
payment that makes good a failure is counted and thanked.

Stripe retries a failed instalment on the schedule set in its dashboard and sends
`invoice.payment_failed` after each attempt, with the time of the next one, or none after the
last; then it cancels the subscription or marks it unpaid, as set there too. These functions run
in the webhook's transaction, on a plan locked by `payments.plan_for_subscription`, and read the
invoice back from Stripe: a replayed, late or forged event finds nothing new to tell, so no
second email leaves.

The donor gets one email per failed invoice (not one per retry: Smart Retries try up to eight
times), one when the plan lapses, and one when a payment makes good a failure.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from campagnes.choices import PaymentMethod
from campagnes.donations.tasks import (
    send_payment_failed,
    send_payment_recovered,
    send_plan_lapsed,
)
from campagnes.models import Gift, Plan
from campagnes.models.donations import PlanStatus
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)

# Plans a failed payment can still be made good on; an incomplete one never started (its first
# payment failed: Checkout told the donor), a cancelled or lapsed one has ended.
RECOVERABLE = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED)
METHODS = {"card": PaymentMethod.CARD, "sepa_debit": PaymentMethod.SEPA_DEBIT}


def instalment_failed(plan: Plan, gift: Gift, invoice_id: str) -> None:
    """An attempt to pay the instalment `gift` failed: the first of an invoice is told to the
    donor with the date of Stripe's next attempt; after the last one, the plan lapses."""
    if plan.status not in RECOVERABLE:
        return
    invoice = stripe_client.retrieve_invoice(invoice_id)
    if invoice.get("status") != "open":
        return  # paid by a later attempt, or voided: nothing is owed any more
    if invoice.get("billing_reason") == "subscription_create":
        return  # the first payment: Checkout's pages told the donor, the plan never started
    if not gift.method:
        method = METHODS.get(stripe_client.failed_payment_method(invoice_id) or "")
        if method:
            gift.method = method
            gift.save(update_fields=["method"])
    plan.payment_failed_at = plan.payment_failed_at or timezone.now()
    next_attempt = invoice.get("next_payment_attempt")
    if next_attempt is None:
        lapse(plan)
        stop_at_stripe(plan)
    else:
        plan.next_attempt_at = datetime.datetime.fromtimestamp(next_attempt, datetime.UTC)
        if plan.failed_invoice_id != invoice_id:
            plan.failed_invoice_id = invoice_id
            transaction.on_commit(lambda: send_payment_failed.enqueue(gift.pk))
    plan.save()


def awaits_payment(plan: Plan) -> bool:
    """Whether a failure of this plan is waiting to be made good."""
    return plan.payment_failed_at is not None and plan.status in RECOVERABLE


def instalment_paid(plan: Plan, gift: Gift) -> None:
    """An instalment was paid: if a failure was waiting to be made good, the plan is recovered
    and the donor thanked. The subscription's own event sets the plan's status."""
    if not awaits_payment(plan):
        return
    plan.payment_failed_at = None
    plan.next_attempt_at = None
    plan.recovered_at = timezone.now()
    plan.save()
    transaction.on_commit(lambda: send_payment_recovered.enqueue(gift.pk))


def ended_by_failures(subscription: dict) -> bool:
    """Stripe stopped the subscription because its retries ran out (either setting of its
    dashboard's "if all retries for a payment fail")."""
    status = subscription.get("status")
    reason = (subscription.get("cancellation_details") or {}).get("reason")
    return status == "unpaid" or status == "canceled" and reason == "payment_failed"


def lapse(plan: Plan) -> bool:
    """Marks a running plan lapsed (the caller saves it) and queues the donor's last email;
    False when the plan had already ended."""
    if plan.status not in RECOVERABLE:
        return False
    plan.status = PlanStatus.LAPSED
    plan.lapsed_at = timezone.now()
    plan.next_attempt_at = None
    plan_id = plan.pk
    transaction.on_commit(lambda: send_plan_lapsed.enqueue(plan_id))
    return True


def stop_at_stripe(plan: Plan) -> None:
    """The lapse email says the gift has stopped: a subscription Stripe left past due or unpaid
    is cancelled, so that no later invoice charges the donor. Already cancelled is fine."""
    if not plan.stripe_subscription_id:
        return
    try:
        stripe_client.cancel_plan(plan.stripe_subscription_id)
    except stripe_client.StripeError as error:
        if error.http_status not in (400, 404):
            raise  # Stripe unreachable: the event is retried, and the plan lapses then
        logger.info("Plan %s: subscription already ended at Stripe", plan.pk)
