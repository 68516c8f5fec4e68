"""The hard cap: reserving shares, freeing them, and the waiting list.

Every share taken or freed moves `ShareAllocation.taken` by one conditional UPDATE
(`taken = taken + n WHERE taken + n <= cap`). The database applies it atomically: PostgreSQL
locks the row, so a concurrent reservation waits and then sees the new count; SQLite writes one
transaction at a time. Reserved plus sold can therefore never pass the cap, whatever the
concurrency, and the caller's transaction holds the row until it commits.

Freed shares go to the waiting list first, in order of arrival, each person for the number
they asked: they are pooled (`ShareAllocation.pooled`, still counted in `taken`) until they
cover the ask of the first person waiting. What nobody waits for goes back on offer.

Lock order, so that no two paths wait on each other: a subscription being paid or ended, then
the investor's limit rows (campagnes.shares.limits), then the allocation row, then the
waiting-list rows. Releasing overdue reservations locks the allocation first and skips the
subscriptions another transaction holds (a webhook is paying or ending them).
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
from campagnes.shares.tasks import send_share_transfer_reminder, send_waiting_list_offer
from campagnes.stripe import client as stripe_client
from home.locales import source_page

EXPIRED_REASON = "Réservation expirée sans paiement"


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
        return datetime.timedelta(days=settings.SHARE_TRANSFER_HOLD_DAYS)
    return datetime.timedelta(minutes=settings.SHARE_CHECKOUT_RESERVATION_MINUTES)


def lock_allocation(page: ShareOfferingPage) -> ShareAllocation:
    """The offering's allocation row, locked until the transaction ends."""
    source = source_page(page)
    allocation_for(source)
    return ShareAllocation.objects.select_for_update().get(page=source)


def free(page: ShareOfferingPage, shares: int) -> list[WaitingListEntry]:
    """Pools `shares` for the waiting list and offers the pool to those waiting, in order of
    arrival, each for the number they asked; with nobody waiting, the pool goes back on offer.

    Returns the entries that were just offered shares, told once the transaction commits.
    """
    source = source_page(page)
    allocation = lock_allocation(source)
    pooled = allocation.pooled + shares
    offered = []
    until = timezone.now() + datetime.timedelta(hours=settings.SHARE_WAITING_OFFER_HOURS)
    waiting = (
        WaitingListEntry.objects.select_for_update()
        .filter(page=source, status=WaitingStatus.WAITING)
        .order_by("created_at", "pk")
    )
    someone_waits = False
    for entry in waiting:
        # In order: the first person waiting is not passed over for a smaller ask behind them.
        if entry.shares > pooled:
            someone_waits = True
            break
        entry.status = WaitingStatus.OFFERED
        entry.offered_shares = entry.shares
        entry.offered_until = until
        entry.save(update_fields=["status", "offered_shares", "offered_until"])
        offered.append(entry)
        pooled -= entry.shares
    back_on_offer = 0 if someone_waits else pooled
    ShareAllocation.objects.filter(pk=allocation.pk).update(
        taken=F("taken") - back_on_offer, pooled=pooled - back_on_offer
    )
    for entry in offered:
        transaction.on_commit(lambda pk=entry.pk: send_waiting_list_offer.enqueue(pk))
    return offered


def end(subscription: Subscription, status: str, reason: str, release: bool = True) -> int:
    """Ends a subscription that holds shares (expired, cancelled, refunded) and frees them, or
    with `release=False` returns how many it held, for the caller to pool with others."""
    held = subscription.is_holding
    subscription.status = status
    subscription.end_reason = reason[:255]
    subscription.ended_at = timezone.now()
    subscription.reserved_until = None
    subscription.save(update_fields=["status", "end_reason", "ended_at", "reserved_until"])
    if held and release:
        free(subscription.page, subscription.shares)
    return subscription.shares if held else 0


def expire_overdue(now: datetime.datetime | None = None) -> int:
    """Ends the reservations whose time is up and the waiting-list offers that lapsed, in every
    offering; returns how many. Run every few minutes by `manage.py expire_share_reservations`;
    the bulletin and the offering's pages also call `release_overdue` before they count, so
    that no investor depends on this job to find freed shares."""
    now = now or timezone.now()
    pages = set(
        Subscription.objects.filter(
            status=SubscriptionStatus.RESERVED, reserved_until__lte=now
        ).values_list("page_id", flat=True)
    ) | set(
        WaitingListEntry.objects.filter(
            status=WaitingStatus.OFFERED, offered_until__lte=now
        ).values_list("page_id", flat=True)
    )
    count = 0
    for page in ShareOfferingPage.objects.filter(pk__in=pages).order_by("pk"):
        count += release_overdue(page, now)
    return count


def release_overdue(page: ShareOfferingPage, now: datetime.datetime | None = None) -> int:
    """Ends this offering's overdue reservations and lapsed waiting-list offers and pools their
    shares for the waiting list (then the offer), in one transaction; returns how many ended.

    Cheap when nothing is overdue (two indexed reads, no lock), so every screen that shows or
    checks what is left calls it first."""
    source = source_page(page)
    now = now or timezone.now()
    overdue = Subscription.objects.filter(
        page=source, status=SubscriptionStatus.RESERVED, reserved_until__lte=now
    )
    lapsed = WaitingListEntry.objects.filter(
        page=source, status=WaitingStatus.OFFERED, offered_until__lte=now
    )
    if not (overdue.exists() or lapsed.exists()):
        return 0
    count = freed = 0
    with transaction.atomic():
        lock_allocation(source)
        # Skipped when locked: the transaction holding it (a payment's webhook) moves it on.
        for subscription in overdue.select_for_update(skip_locked=True).order_by("pk"):
            freed += end(subscription, SubscriptionStatus.EXPIRED, EXPIRED_REASON, release=False)
            count += 1
            if subscription.stripe_checkout_session_id:
                session_id = subscription.stripe_checkout_session_id
                transaction.on_commit(lambda session_id=session_id: expire_checkout(session_id))
        for entry in lapsed.select_for_update(skip_locked=True).order_by("pk"):
            entry.status = WaitingStatus.LAPSED
            entry.save(update_fields=["status"])
            freed += entry.offered_shares
            count += 1
        if freed:
            free(source, freed)
    return count


def remind_transfers(now: datetime.datetime | None = None) -> int:
    """Reminds, once, each investor whose transfer reservation lapses within
    SHARE_TRANSFER_REMINDER_HOURS; returns how many. Run with expire_overdue by the job."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.SHARE_TRANSFER_REMINDER_HOURS)
    due = Subscription.objects.filter(
        status=SubscriptionStatus.RESERVED,
        payment_method=SharePaymentMethod.TRANSFER,
        reminded_at__isnull=True,
        reserved_until__gt=now,
        reserved_until__lte=soon,
    )
    reminded = 0
    for pk in list(due.values_list("pk", flat=True)):
        # Marked by a conditional UPDATE: two jobs running at once send one reminder.
        if Subscription.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            send_share_transfer_reminder.enqueue(pk)
            reminded += 1
    return reminded


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
    lock_allocation(entry.page)
    # Read again under the allocation's lock: a release may have lapsed it since it was shown.
    entry = (
        WaitingListEntry.objects.select_for_update()
        .select_related("page")
        .filter(pk=entry.pk, status=WaitingStatus.OFFERED, offered_until__gt=timezone.now())
        .first()
    )
    if entry is None:
        raise OfferFull
    entry.status = WaitingStatus.USED
    entry.save(update_fields=["status"])
    if entry.offered_shares > shares:
        free(entry.page, entry.offered_shares - shares)
