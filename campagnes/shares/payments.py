"""Paying for shares through Stripe Checkout, and what Stripe's events do to subscriptions.

Same Stripe layer and webhook as donations: `register` claims every event whose metadata names a
share subscription. Handlers run in the webhook's transaction and only move a
subscription forward (`share_lifecycle`), so replayed and late events change nothing.
"""

import datetime
import logging

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campagnes.models import Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.shares import allocation
from campagnes.shares import lifecycle as share_lifecycle
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)
METADATA_KEY = "share_subscription_id"


def checkout_url(request, subscription: Subscription) -> str:
    """A Checkout page for a reserved subscription; it closes when the reservation ends.

    Paying again reopens the page already opened while it is still open (a second open page could
    be paid twice); a new one is made only when there is none.
    """
    page = subscription.page.specific
    done = reverse("campagnes:share_done", args=[page.pk, subscription.public_id])
    previous = subscription.stripe_checkout_session_id
    if previous:
        session = stripe_client.retrieve_checkout_session_or_none(previous) or {}
        if session.get("status") == "open" and session.get("url"):
            return session["url"]
        if session.get("status") == "complete":
            # Paid or being debited: its webhook tells the rest.
            return request.build_absolute_uri(done) + "?paiement=ok"
    plural = _("shares") if page.security_kind == "esus_shares" else _("cooperative shares")
    # Stripe accepts an expiry from 30 minutes to 24 hours ahead; rounded up to the minute, so
    # that a double click asks for the same session twice. Paying again after a 24-hour session
    # closed opens a new one.
    now = timezone.now()
    expires_at = max(subscription.reserved_until, now + datetime.timedelta(minutes=30, seconds=5))
    expires_at = min(expires_at, now + datetime.timedelta(hours=23, minutes=58))
    expires_at = int(expires_at.timestamp()) // 60 * 60 + 60
    params = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": subscription.shares,
                "price_data": {
                    "currency": "eur",
                    "unit_amount": subscription.price_cents,
                    "product_data": {"name": f"{page.issuer_name} – {plural}"},
                },
            }
        ],
        "payment_method_types": ["card", "sepa_debit"],
        "customer_email": subscription.email,
        "client_reference_id": f"shares-{subscription.pk}",
        "metadata": {METADATA_KEY: str(subscription.pk)},
        "payment_intent_data": {
            "metadata": {METADATA_KEY: str(subscription.pk)},
            "description": subscription.reference,
        },
        "expires_at": expires_at,
        "success_url": request.build_absolute_uri(done) + "?paiement=ok",
        "cancel_url": request.build_absolute_uri(done),
        "locale": "en" if translation.get_language() == "en" else "fr",
    }
    # Stripe refuses a key used before with other parameters: each new session has its own key,
    # named after the session it replaces and its expiry.
    key = f"shares-checkout-{subscription.public_id}-{previous or 'first'}-{expires_at}"
    session = stripe_client.create_checkout_session(params, idempotency_key=key)
    Subscription.objects.filter(pk=subscription.pk).update(stripe_checkout_session_id=session.id)
    return session.url


def locked(pk) -> Subscription | None:
    return (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("page")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )


# Webhook handlers: the events whose metadata names a subscription -----------------------------


def checkout_completed(session: dict, event: dict) -> None:
    subscription = locked((session.get("metadata") or {}).get(METADATA_KEY))
    if subscription is None:
        logger.info("Checkout session %s names no subscription of ours", session.get("id"))
        return
    subscription.stripe_checkout_session_id = session["id"]
    if session.get("payment_intent"):
        subscription.stripe_payment_intent_id = session["payment_intent"]
    subscription.save(update_fields=["stripe_checkout_session_id", "stripe_payment_intent_id"])
    if event["type"] == "checkout.session.async_payment_failed":
        share_lifecycle.payment_failed(subscription, "Prélèvement SEPA refusé")
    elif session.get("payment_status") == "paid":
        if not share_lifecycle.mark_paid(subscription):
            refund_late_payment(subscription)
    else:
        share_lifecycle.mark_processing(subscription)


def refund_late_payment(subscription: Subscription) -> None:
    """Paid after the reservation ended, with no share left to give: the money goes back."""
    if subscription.stripe_payment_intent_id and subscription.refunded_cents == 0:
        share_lifecycle.refund_online(
            subscription, "Payé après l'expiration de la réservation, offre complète"
        )


def checkout_expired(session: dict, event: dict) -> None:
    subscription = locked((session.get("metadata") or {}).get(METADATA_KEY))
    current = subscription.stripe_checkout_session_id if subscription is not None else ""
    if current and current != session.get("id"):
        # A page replaced by "pay again" closed late: the one opened since is still payable.
        return
    if subscription is not None and subscription.status == SubscriptionStatus.RESERVED:
        # Card and SEPA checkout: the page closed unpaid, the shares go back at once.
        allocation.end(subscription, SubscriptionStatus.EXPIRED, "Paiement non effectué")


def paid_subscription_exists(payment_intent_id: str | None) -> bool:
    return bool(payment_intent_id) and (
        Subscription.objects.filter(stripe_payment_intent_id=payment_intent_id).exists()
    )


def subscription_for_payment(payment_intent_id: str | None) -> Subscription | None:
    if not payment_intent_id:
        return None
    found = Subscription.objects.filter(stripe_payment_intent_id=payment_intent_id).values("pk")
    pk = next(iter(found), {}).get("pk")
    if pk is None:
        intent = stripe_client.retrieve_payment_intent(payment_intent_id)
        pk = (intent.get("metadata") or {}).get(METADATA_KEY)
    subscription = locked(pk) if pk else None
    if subscription is not None and not subscription.stripe_payment_intent_id:
        subscription.stripe_payment_intent_id = payment_intent_id
        subscription.save(update_fields=["stripe_payment_intent_id"])
    return subscription


def charge_refunded(charge: dict, event: dict) -> None:
    subscription = subscription_for_payment(charge.get("payment_intent"))
    if subscription is not None:
        share_lifecycle.refunded(
            subscription, int(charge.get("amount_refunded") or 0), "Remboursé par carte ou SEPA"
        )


def charge_disputed(dispute: dict, event: dict) -> None:
    logger.warning("A share payment is disputed: Finance must look at it in Stripe")


def names_subscription(stripe_object: dict) -> bool:
    return METADATA_KEY in (stripe_object.get("metadata") or {})


def paid_by_subscription(dispute: dict) -> bool:
    # A disputed payment was paid, so its subscription knows the PaymentIntent already.
    return paid_subscription_exists(dispute.get("payment_intent"))


def register(registry) -> None:
    registry.register(
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        handler=checkout_completed,
        claims=names_subscription,
    )
    registry.register(
        "checkout.session.expired", handler=checkout_expired, claims=names_subscription
    )
    registry.register("charge.refunded", handler=charge_refunded, claims=names_subscription)
    registry.register(
        "charge.dispute.created", handler=charge_disputed, claims=paid_by_subscription
    )
