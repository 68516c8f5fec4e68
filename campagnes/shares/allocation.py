"""The hard cap: reserving shares, freeing them, and the waiting list.

Every share taken or freed moves `ShareAllocation.taken` by one conditional UPDATE
(`taken = taken + n WHERE taken + n <= cap`). The database applies it atomically: PostgreSQL
locks the row, so a concurrent reservation waits and then sees the new count; SQLite writes one
transaction at a time. Reserved plus sold can therefore never pass the cap, whatever the
concurrency, and the caller's transaction holds the row until it commits.

Freed shares go to the waiting list first, in order of arrival; what nobody waits for goes back
on offer.
"""

import contextlib
import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campagnes.models import ShareAllocation, ShareOfferingPage, Subscription, WaitingListEntry
from campagnes.models.register import WaitingStatus
from campagnes.models.shares import SharePaymentMethod, SubscriptionStatus
from campagnes.shares.tasks import send_waiting_list_offer
from campagnes.stripe import client as stripe_client
from home.locales import source_page


class OfferFull(Exception):
    """Not enough shares left for this reservation: nothing was reserved."""


def allocation_for(page: ShareOfferingPage) -> ShareAllocation:
    allocation, _ = ShareAllocation.objects.get_or_create(page=source_page(page))
    return allocation


def take(page: ShareOfferingPage, shares: int) -> None:
    """Takes `shares` off the offer or raises OfferFull. Call inside a transaction."""
    source = source_page(page)
    allocation_for(source)
    # Checked and written in one statement: no read-then-write window for a concurrent bulletin.
    taken = ShareAllocation.objects.filter(
        page=source, taken__lte=source.total_shares - shares
    ).update(taken=F("taken") + shares)
    if not taken:
        raise OfferFull


def reservation_delay(method: str) -> datetime.timedelta:
    if method == SharePaymentMethod.TRANSFER:
        return datetime.timedelta(days=settings.SHARE_TRANSFER_RESERVATION_DAYS)
    return datetime.timedelta(minutes=settings.SHARE_CHECKOUT_RESERVATION_MINUTES)


def free(page: ShareOfferingPage, shares: int) -> list[WaitingListEntry]:
    """Gives `shares` to the waiting list, by arrival, then back to the offer.

    Returns the entries that were just offered shares, to be told once the transaction commits.
    """
    source = source_page(page)
    offered = []
    now = timezone.now()
    waiting = (
        WaitingListEntry.objects.select_for_update()
        .filter(page=source, status=WaitingStatus.WAITING)
        .order_by("created_at", "pk")
    )
    for entry in waiting:
        if shares < source.min_shares:
            break
        give = min(entry.shares, shares)
        entry.status = WaitingStatus.OFFERED
        entry.offered_shares = give
        entry.offered_until = now + datetime.timedelta(hours=settings.SHARE_WAITING_OFFER_HOURS)
        entry.save(update_fields=["status", "offered_shares", "offered_until"])
        offered.append(entry)
        shares -= give
    if shares:
        ShareAllocation.objects.filter(page=source).update(taken=F("taken") - shares)
    if offered:
        for entry in offered:
            transaction.on_commit(lambda pk=entry.pk: send_waiting_list_offer.enqueue(pk))
    return offered


def end(subscription: Subscription, status: str, reason: str) -> None:
    """Ends a subscription that holds shares (expired, cancelled, refunded) and frees them."""
    held = subscription.is_holding
    subscription.status = status
    subscription.end_reason = reason[:255]
    subscription.ended_at = timezone.now()
    subscription.reserved_until = None
    subscription.save(update_fields=["status", "end_reason", "ended_at", "reserved_until"])
    if held:
        free(subscription.page, subscription.shares)


def expire_overdue(now: datetime.datetime | None = None) -> int:
    """Ends the reservations whose time is up and frees their shares; returns how many.

    Run every few minutes by `manage.py expire_share_reservations`, and before any reservation
    is refused, so that an expired reservation never keeps a share from a new investor.
    """
    now = now or timezone.now()
    count = 0
    overdue = Subscription.objects.filter(
        status=SubscriptionStatus.RESERVED, reserved_until__lte=now
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(of=("self",))
                .select_related("page")
                .get(pk=pk)
            )
            # Paid in the meantime: the payment's handler moved it on.
            if subscription.status != SubscriptionStatus.RESERVED:
                continue
            end(subscription, SubscriptionStatus.EXPIRED, "Réservation expirée sans paiement")
            count += 1
            if subscription.stripe_checkout_session_id:
                session_id = subscription.stripe_checkout_session_id
                transaction.on_commit(lambda session_id=session_id: expire_checkout(session_id))
    count += lapse_offers(now)
    return count


def lapse_offers(now: datetime.datetime) -> int:
    """Waiting-list offers nobody took up in time go to the next in line."""
    lapsed = 0
    for pk in WaitingListEntry.objects.filter(
        status=WaitingStatus.OFFERED, offered_until__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            entry = (
                WaitingListEntry.objects.select_for_update()
                .select_related("page")
                .filter(pk=pk, status=WaitingStatus.OFFERED)
                .first()
            )
            if entry is None:
                continue
            entry.status = WaitingStatus.LAPSED
            entry.save(update_fields=["status"])
            free(entry.page, entry.offered_shares)
            lapsed += 1
    return lapsed


def expire_checkout(session_id: str) -> None:
    """Closes the Checkout page of an expired reservation, so that nobody pays for shares that
    are no longer theirs. A payment that still slips through is refunded by its webhook."""
    # Already completed or expired: the webhook tells which.
    with contextlib.suppress(stripe_client.StripeError):
        stripe_client.expire_checkout_session(session_id)


def offered_entry(page: ShareOfferingPage, public_id) -> WaitingListEntry | None:
    """A waiting-list offer still open for this offering."""
    return WaitingListEntry.objects.filter(
        page=source_page(page),
        public_id=public_id,
        status=WaitingStatus.OFFERED,
        offered_until__gt=timezone.now(),
    ).first()


def use_offer(entry: WaitingListEntry, shares: int) -> None:
    """The investor subscribes from their offer: the shares were held for them already; what
    they did not take goes on to the next in line."""
    entry.status = WaitingStatus.USED
    entry.save(update_fields=["status"])
    if entry.offered_shares > shares:
        free(entry.page, entry.offered_shares - shares)
