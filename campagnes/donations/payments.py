"""What each Stripe event does to gifts and plans. Called by `webhooks.process` in a transaction.

Every handler can run twice, late or before the event that "should" precede it: records only
move forward, and what an event cannot tell is read back from Stripe.
"""

import datetime
import logging

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from campagnes.choices import Frequency, PaymentMethod
from campagnes.donations import recovery
from campagnes.donations.tasks import send_gift_confirmation, send_plan_confirmation
from campagnes.models import Gift, Plan
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)

# Sent with `gift=` inside the transaction that changed the gift's status or refund.
gift_changed = Signal()

SUBSCRIPTION_STATUSES = {
    "active": PlanStatus.ACTIVE,
    "trialing": PlanStatus.ACTIVE,
    "past_due": PlanStatus.PAST_DUE,
    # Stripe's retries ran out and it keeps the subscription without charging it.
    "unpaid": PlanStatus.LAPSED,
    "canceled": PlanStatus.CANCELLED,
    "incomplete_expired": PlanStatus.EXPIRED,
}


# Checkout ---------------------------------------------------------------------------------------


def checkout_completed(session: dict, event: dict) -> None:
    """`completed`, `async_payment_succeeded` and `async_payment_failed` of a Checkout Session."""
    metadata = session.get("metadata") or {}
    if session.get("mode") == "setup":
        adopt_payment_method(session)
        return
    if session.get("mode") == "subscription":
        plan = Plan.objects.select_for_update().filter(pk=metadata.get("plan_id")).first()
        if plan is not None:
            link_plan(plan, session, event)
        return
    gift = (
        Gift.objects.select_for_update()
        .select_related("donor")
        .filter(pk=metadata.get("gift_id"))
        .first()
    )
    if gift is None:
        logger.info("Checkout session %s is not one of our gifts", session.get("id"))
        return
    gift.stripe_checkout_session_id = session["id"]
    gift.stripe_payment_intent_id = session.get("payment_intent") or gift.stripe_payment_intent_id
    remember_customer(gift.donor, session.get("customer"))
    if event["type"] == "checkout.session.async_payment_failed":
        status = GiftStatus.FAILED
    elif session.get("payment_status") == "paid":
        status = GiftStatus.PAID
    else:
        # SEPA: the debit takes days to succeed or fail; the donor is told it awaits confirmation.
        status = GiftStatus.PROCESSING
    if event["type"].startswith("checkout.session.async") or status == GiftStatus.PROCESSING:
        gift.method = PaymentMethod.SEPA_DEBIT
    elif not gift.method:
        gift.method = PaymentMethod.CARD
    if status == GiftStatus.PAID and gift.method == PaymentMethod.SEPA_DEBIT:
        date_from_debit(gift, gift.stripe_payment_intent_id)
    move(gift, status)


def adopt_payment_method(session: dict) -> None:
    """A card or IBAN saved from the donor space pays the plan's next instalments, even when the
    donor closed the tab before coming back to the site (which does the same on return)."""
    intent = stripe_client.retrieve_setup_session(session["id"]).get("setup_intent") or {}
    subscription_id = (intent.get("metadata") or {}).get("subscription_id")
    method = intent.get("payment_method")
    if method and Plan.objects.filter(stripe_subscription_id=subscription_id).exists():
        stripe_client.set_plan_payment_method(subscription_id, method)


def checkout_expired(session: dict, event: dict) -> None:
    metadata = session.get("metadata") or {}
    if session.get("mode") == "subscription":
        Plan.objects.filter(pk=metadata.get("plan_id"), status=PlanStatus.INCOMPLETE).update(
            status=PlanStatus.EXPIRED
        )
        return
    gift = Gift.objects.select_for_update().filter(pk=metadata.get("gift_id")).first()
    if gift is not None:
        move(gift, GiftStatus.EXPIRED)


def link_plan(plan: Plan, session: dict, event: dict) -> None:
    plan.stripe_checkout_session_id = session["id"]
    plan.stripe_subscription_id = session.get("subscription") or plan.stripe_subscription_id
    remember_customer(plan.donor, session.get("customer"))
    became_active = plan.status in (PlanStatus.INCOMPLETE, PlanStatus.EXPIRED)
    if became_active:
        plan.status = PlanStatus.ACTIVE
    plan.save()
    if became_active:
        transaction.on_commit(lambda: send_plan_confirmation.enqueue(plan.pk))


# Subscriptions ----------------------------------------------------------------------------------


def subscription_changed(subscription: dict, event: dict) -> None:
    plan = plan_for_subscription(subscription["id"], subscription.get("metadata") or {})
    if plan is None:
        return
    plan.stripe_subscription_id = subscription["id"]
    remember_customer(plan.donor, subscription.get("customer"))
    created = int(event["created"])
    # A cancelled or lapsed plan stays so (recovery.lapse cancels the subscription itself);
    # otherwise only a newer snapshot may change it.
    ended = (PlanStatus.CANCELLED, PlanStatus.LAPSED)
    if plan.status not in ended and created >= plan.stripe_status_at:
        plan.stripe_status_at = created
        status = SUBSCRIPTION_STATUSES.get(subscription.get("status"), plan.status)
        if recovery.ended_by_failures(subscription):
            status = PlanStatus.LAPSED
        elif event["type"] == "customer.subscription.deleted":
            status = PlanStatus.CANCELLED
        elif subscription.get("pause_collection") and status == PlanStatus.ACTIVE:
            status = PlanStatus.PAUSED
        if status == PlanStatus.CANCELLED and plan.cancelled_at is None:
            plan.cancelled_at = timezone.now()
        if status == PlanStatus.LAPSED:
            if recovery.lapse(plan) and subscription.get("status") == "unpaid":
                recovery.stop_at_stripe(plan)
        elif status != PlanStatus.INCOMPLETE or plan.status == PlanStatus.INCOMPLETE:
            plan.status = status
        items = (subscription.get("items") or {}).get("data") or []
        if items:
            plan.stripe_item_id = items[0]["id"]
            plan.amount_cents = items[0]["price"]["unit_amount"]
    plan.save()


def plan_for_subscription(subscription_id: str, metadata: dict) -> Plan | None:
    plans = Plan.objects.select_for_update().select_related("donor")
    plan = plans.filter(stripe_subscription_id=subscription_id).first()
    if plan is None and metadata.get("plan_id"):
        plan = plans.filter(pk=metadata["plan_id"]).first()
    return plan


# Invoices: each monthly instalment ---------------------------------------------------------------


def invoice_settled(invoice: dict, event: dict | None) -> Gift | None:
    """`invoice.paid` and `invoice.payment_failed`: the instalment becomes a gift of its own."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    subscription_id = details.get("subscription")
    if not subscription_id:
        return None  # not a subscription invoice
    plan = plan_for_subscription(subscription_id, details.get("metadata") or {})
    if plan is None:
        logger.info("Invoice %s belongs to no plan of ours", invoice.get("id"))
        return None
    if not plan.stripe_subscription_id:
        plan.stripe_subscription_id = subscription_id
        plan.save(update_fields=["stripe_subscription_id"])
    gift, _ = Gift.objects.select_for_update().get_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "donor": plan.donor,
            "plan": plan,
            "frequency": Frequency.MONTHLY,
            "amount_cents": invoice.get("amount_paid") or invoice.get("amount_due") or 0,
            "currency": (invoice.get("currency") or "eur").upper(),
            **{field: getattr(plan, field) for field in (*Plan.FIELDS, *Plan.GIVEN_FIELDS)},
        },
    )
    if invoice.get("status") == "paid":
        gift.amount_cents = invoice.get("amount_paid") or gift.amount_cents
        status = GiftStatus.PAID
        if gift.status != GiftStatus.PAID:
            paid_by = stripe_client.invoice_payment_intent(invoice["id"])
            if date_from_debit(gift, paid_by):
                gift.method = PaymentMethod.SEPA_DEBIT
    elif event is not None and event["type"] == "invoice.payment_failed":
        status = GiftStatus.FAILED
    else:
        status = GiftStatus.PROCESSING
    before = gift.status
    # The payment that makes good a failure is thanked by its own email, not the usual one.
    recovering = status == GiftStatus.PAID and recovery.awaits_payment(plan)
    move(gift, status, confirm=not recovering)
    if gift.status == GiftStatus.PAID and before != GiftStatus.PAID:
        recovery.instalment_paid(plan, gift)
    elif status == GiftStatus.FAILED:
        recovery.instalment_failed(plan, gift, invoice["id"])
    return gift


# Refunds and disputes ---------------------------------------------------------------------------


def charge_refunded(charge: dict, event: dict) -> None:
    gift = gift_for_payment(charge.get("payment_intent"))
    if gift is None:
        return
    refunded = min(int(charge.get("amount_refunded") or 0), gift.amount_cents)
    if refunded <= gift.refunded_cents:
        return  # an older event, or the same one again
    gift.refunded_cents = refunded
    if refunded >= gift.amount_cents:
        move(gift, GiftStatus.REFUNDED)
    else:
        gift.save()
        after_change(gift, partial_refund=True)


def charge_disputed(dispute: dict, event: dict) -> None:
    gift = gift_for_payment(dispute.get("payment_intent"))
    if gift is not None:
        move(gift, GiftStatus.DISPUTED)


def gift_for_payment(payment_intent_id: str | None) -> Gift | None:
    """The gift a PaymentIntent paid, asking Stripe when no event has told us yet."""
    if not payment_intent_id:
        return None
    gifts = Gift.objects.select_for_update()
    gift = gifts.filter(stripe_payment_intent_id=payment_intent_id).first()
    if gift is not None:
        return gift
    intent = stripe_client.retrieve_payment_intent(payment_intent_id)
    gift_id = (intent.get("metadata") or {}).get("gift_id")
    if gift_id:
        gift = gifts.filter(pk=gift_id).first()
    else:
        invoice_id = stripe_client.payment_intent_invoice(payment_intent_id)
        if invoice_id:
            gift = gifts.filter(stripe_invoice_id=invoice_id).first()
            if gift is None:
                invoice = stripe_client.retrieve_invoice(invoice_id)
                gift = invoice_settled(invoice, None)
    if gift is None:
        logger.info("PaymentIntent %s paid none of our gifts", payment_intent_id)
        return None
    gift.stripe_payment_intent_id = payment_intent_id
    gift.save(update_fields=["stripe_payment_intent_id"])
    return gift


# Shared -----------------------------------------------------------------------------------------


def date_from_debit(gift: Gift, payment_intent_id: str | None) -> bool:
    """Dates a SEPA gift from the day the donor's account was debited, not from Stripe's
    confirmation days later: the tax rule dates a debit from the day the money moves
    (BOI-IR-RICI-250-20 § 30), so a debit of 31 December stays in that year's receipt, totals
    and history. Noon in the association's time, as offline gifts are. False for a card."""
    if gift.paid_at is not None:
        return False
    day = stripe_client.debit_date(payment_intent_id)
    try:
        debited = datetime.date.fromisoformat(day or "")
    except ValueError:
        return False
    gift.received_on = debited
    gift.paid_at = timezone.make_aware(datetime.datetime.combine(debited, datetime.time(12)))
    return True


def remember_customer(donor, customer_id: str | None) -> None:
    if customer_id and donor.stripe_customer_id != customer_id:
        donor.stripe_customer_id = customer_id
        donor.save(update_fields=["stripe_customer_id"])


def move(gift: Gift, status: str, confirm: bool = True) -> None:
    """Saves the gift, moved to `status` if that is further, then runs what follows a change."""
    before = gift.status
    gift.advance(status)
    gift.save()
    if gift.status != before:
        after_change(gift, previous=before, confirm=confirm)


def after_change(
    gift: Gift, previous: str | None = None, partial_refund: bool = False, confirm: bool = True
) -> None:
    """The confirmation email, queued once the transaction has committed; then `gift_changed`,
    which receipts follow."""
    if confirm and gift.status == GiftStatus.PAID and previous != GiftStatus.PAID:
        transaction.on_commit(lambda: send_gift_confirmation.enqueue(gift.pk))
    gift_changed.send(sender=Gift, gift=gift)


def apply_checkout_session(session: dict) -> None:
    """A completed session read from Stripe by the thank-you page, applied as its event would be."""
    with transaction.atomic():
        checkout_completed(session, {"type": "checkout.session.completed"})


def register(registry) -> None:
    """Gifts and plans take every event no other payable thing claims: their own metadata is
    not always there to claim them (an instalment's charge names only its invoice)."""
    registry.register(
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        handler=checkout_completed,
    )
    registry.register("checkout.session.expired", handler=checkout_expired)
    registry.register("invoice.paid", "invoice.payment_failed", handler=invoice_settled)
    registry.register(
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        handler=subscription_changed,
    )
    registry.register("charge.refunded", handler=charge_refunded)
    registry.register("charge.dispute.created", handler=charge_disputed)
