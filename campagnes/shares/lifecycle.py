"""A subscription's life: reserved → (processing →) paid → approved → issued; or expired,
cancelled or refunded, with a reason.

Every function here runs inside the caller's transaction with the subscription row locked, and
only moves a subscription forward, so that a replayed or late payment event changes nothing.
Issuing writes the share register.
"""

import logging
import re
import secrets

from django.db import transaction
from django.utils import timezone

from campagnes.models import RegisterCounter, Shareholder, ShareMovement, Subscription
from campagnes.models.register import MovementNature
from campagnes.models.shares import InvestorType, SharePaymentMethod, SubscriptionStatus
from campagnes.pdf.french import format_date
from campagnes.shares import allocation
from campagnes.shares.documents import store_certificate
from campagnes.shares.tasks import send_share_certificate, send_share_paid
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)

# How far along a subscription is; ended ones (expired, cancelled, refunded) are not ranked.
RANK = {
    SubscriptionStatus.RESERVED: 0,
    SubscriptionStatus.PROCESSING: 1,
    SubscriptionStatus.PAID: 2,
    SubscriptionStatus.APPROVED: 3,
    SubscriptionStatus.ISSUED: 4,
}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class NotAllowed(Exception):
    """The action does not apply to the subscription as it is now; the message says why."""


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"SOUS-{code}"
        if not Subscription.objects.filter(reference=reference).exists():
            return reference


def reserve(subscription: Subscription, method: str, offer=None) -> None:
    """Takes the subscription's shares off the offer (or out of its waiting-list offer) and
    starts the time its payment has. Raises allocation.OfferFull."""
    if offer is not None:
        allocation.use_offer(offer, subscription.shares)
    else:
        allocation.take(subscription.page, subscription.shares)
    subscription.status = SubscriptionStatus.RESERVED
    subscription.payment_method = method
    subscription.reference = subscription.reference or new_reference()
    subscription.reserved_until = timezone.now() + allocation.reservation_delay(method)


# Payment ----------------------------------------------------------------------------------------


def mark_processing(subscription: Subscription) -> None:
    """A SEPA debit is on its way: the shares stay held until it succeeds or fails."""
    if subscription.status == SubscriptionStatus.RESERVED:
        subscription.status = SubscriptionStatus.PROCESSING
        subscription.reserved_until = None
        subscription.save(update_fields=["status", "reserved_until"])


def mark_paid(subscription: Subscription, paid_at=None) -> bool:
    """Records the payment. False when the shares were no longer there to be paid for (the
    reservation expired and the offer filled up meanwhile): the caller gives the money back."""
    if subscription.status in RANK and RANK[subscription.status] >= RANK[SubscriptionStatus.PAID]:
        return True  # already recorded
    if not subscription.is_holding:
        # Paid after its reservation ended: the shares are taken again if they are still free.
        try:
            allocation.take(subscription.page, subscription.shares)
        except allocation.OfferFull:
            return False
    subscription.status = SubscriptionStatus.PAID
    subscription.paid_at = paid_at or timezone.now()
    subscription.reserved_until = None
    subscription.ended_at = None
    subscription.end_reason = ""
    subscription.save()
    transaction.on_commit(lambda: send_share_paid.enqueue(subscription.pk))
    return True


def payment_failed(subscription: Subscription, reason: str) -> None:
    if subscription.status in (SubscriptionStatus.RESERVED, SubscriptionStatus.PROCESSING):
        allocation.end(subscription, SubscriptionStatus.CANCELLED, reason)


def refunded(subscription: Subscription, cents: int, reason: str) -> None:
    """Money given back (all or part). A full refund before issue ends the subscription."""
    cents = min(cents, subscription.amount_cents)
    if cents <= subscription.refunded_cents:
        return  # an older event, or the same one again
    subscription.refunded_cents = cents
    subscription.save(update_fields=["refunded_cents"])
    if cents < subscription.amount_cents:
        return
    if subscription.status == SubscriptionStatus.ISSUED:
        # Issued shares leave the register only by a redemption, which Finance records.
        logger.warning("Subscription %s refunded after its shares were issued", subscription.pk)
        return
    if subscription.status != SubscriptionStatus.REFUNDED:
        allocation.end(subscription, SubscriptionStatus.REFUNDED, reason)


# Staff actions ----------------------------------------------------------------------------------


def transfer_received(subscription: Subscription, received_on) -> None:
    if subscription.payment_method != SharePaymentMethod.TRANSFER:
        raise NotAllowed("not_transfer")
    if subscription.status not in (
        SubscriptionStatus.RESERVED,
        SubscriptionStatus.EXPIRED,
    ):
        raise NotAllowed("not_awaiting")
    if not mark_paid(subscription, paid_at=received_on):
        raise NotAllowed("full")


def approve(subscription: Subscription) -> None:
    if subscription.status != SubscriptionStatus.PAID:
        raise NotAllowed("not_paid")
    subscription.status = SubscriptionStatus.APPROVED
    subscription.approved_at = timezone.now()
    subscription.save(update_fields=["status", "approved_at"])


def issue(subscription: Subscription, user=None) -> ShareMovement:
    """Writes the subscription into the register and the shares to the investor's account."""
    page = subscription.page.specific
    ready = {SubscriptionStatus.APPROVED}
    if not page.requires_approval:
        ready.add(SubscriptionStatus.PAID)
    if subscription.status not in ready:
        raise NotAllowed("not_approved" if page.requires_approval else "not_paid")
    RegisterCounter.objects.get_or_create(pk=1)
    counter = RegisterCounter.objects.select_for_update().get(pk=1)
    holder = shareholder_for(subscription, counter)
    first = max(counter.next_share, page.first_share_number)
    last = first + subscription.shares - 1
    now = timezone.now()
    acts = [
        f"Bulletin de souscription {subscription.reference} du "
        f"{format_date(timezone.localdate(subscription.accepted_at))}"
    ]
    if subscription.approved_at:
        acts.append(f"agrément du {format_date(timezone.localdate(subscription.approved_at))}")
    movement = ShareMovement.objects.create(
        order_number=counter.next_order,
        recorded_on=timezone.localdate(now),
        nature=MovementNature.SUBSCRIPTION,
        shares=subscription.shares,
        first_number=first,
        last_number=last,
        transferor=f"{page.issuer_name} (émission de titres nouveaux)",
        transferee=holder,
        for_value=True,
        amount_cents=subscription.amount_cents,
        supporting_act=", ".join(acts),
        page=subscription.page,
        subscription=subscription,
        recorded_by=user,
    )
    counter.next_order += 1
    counter.next_share = last + 1
    counter.save()
    subscription.status = SubscriptionStatus.ISSUED
    subscription.issued_at = now
    subscription.shareholder = holder
    subscription.save(update_fields=["status", "issued_at", "shareholder"])
    # Made now, from the offering page as it reads today, and never again.
    store_certificate(subscription)
    transaction.on_commit(lambda: send_share_certificate.enqueue(subscription.pk))
    return movement


def shareholder_for(subscription: Subscription, counter: RegisterCounter) -> Shareholder:
    """The investor's one account: found again by email (a person) or registration (an entity),
    so that subscribing again adds shares to it."""
    if subscription.investor_type == InvestorType.ENTITY:
        key = "entity:" + re.sub(r"\D", "", subscription.entity_registration)[-9:]
    else:
        key = f"person:{subscription.email.lower()}"
    details = {
        "name": subscription.investor_name,
        "address": subscription.postal_address,
        "email": subscription.email,
    }
    holder = Shareholder.objects.filter(key=key).first()
    if holder is None:
        holder = Shareholder.objects.create(number=counter.next_shareholder, key=key, **details)
        counter.next_shareholder += 1
    else:
        Shareholder.objects.filter(pk=holder.pk).update(**details)
    return holder


def refund_online(subscription: Subscription, reason: str) -> None:
    """Gives a Stripe payment back in full and ends the subscription, freeing any shares it held.

    One Idempotency-Key per subscription: it is refunded once, whoever asks twice.
    """
    stripe_client.refund_payment(
        subscription.stripe_payment_intent_id,
        idempotency_key=f"share-refund-{subscription.public_id}",
        metadata={"share_subscription_id": str(subscription.pk)},
    )
    subscription.refunded_cents = subscription.amount_cents
    subscription.save(update_fields=["refunded_cents"])
    allocation.end(subscription, SubscriptionStatus.REFUNDED, reason)


def cancel(subscription: Subscription, reason: str) -> None:
    """Cancels a subscription before its shares are issued, refunding a Stripe payment.

    A transfer already received is repaid by Finance by transfer: the reason says so.
    """
    if subscription.status == SubscriptionStatus.ISSUED:
        raise NotAllowed("issued")
    if subscription.status not in RANK:
        raise NotAllowed("ended")
    paid = RANK[subscription.status] >= RANK[SubscriptionStatus.PAID]
    if paid and subscription.stripe_payment_intent_id:
        refund_online(subscription, reason)
        return
    if paid:
        reason = f"{reason} (virement à rembourser)"
    allocation.end(subscription, SubscriptionStatus.CANCELLED, reason)
    if subscription.stripe_checkout_session_id and not paid:
        session_id = subscription.stripe_checkout_session_id
        transaction.on_commit(lambda: allocation.expire_checkout(session_id))
