"""Per-investor limits of a share offering: the maximum shares one investor may hold, and how
many unpaid reservations one investor, and one client address, may keep open.

One investor is recognised by their canonical email and, once given, their birth date and
names (`investor_keys`), so that `Louise+1@Example.org` and `louise@example.org` are one person.
Reserved, being paid, paid, approved and issued shares all count: an unpaid reservation holds
shares that nobody else can take.

Why a lock row: the counts are read from the subscriptions, and two bulletins of one person
signed at the same instant would both read the count before either wrote its reservation (ten
tabs reserved 1,500 shares against a 200 maximum that way). So a bulletin first locks one
small `ShareLimitLock` row per key (each of the investor's keys and the client address):
created by INSERT … ON CONFLICT DO NOTHING, then SELECT … FOR UPDATE, keys in sorted order so
that two bulletins sharing two keys cannot each hold one and wait for the other. The second
bulletin waits there until the first commits, and then counts its shares. The rows lock before
the offering's allocation row, never after it, in every path that takes both.

A running per-person counter was not chosen: every way shares come back (expiry, cancellation,
refund, webhook, waiting-list offer) would have to decrement it, and a missed one would drift.
Counting the subscriptions themselves cannot drift.
"""

from django.conf import settings
from django.db.models import Q, Sum

from campagnes.models import ShareLimitLock, Subscription
from campagnes.models.shares import InvestorType, SubscriptionStatus, investor_keys
from home.locales import source_page


class InvestorMaximum(Exception):
    """The investor would hold more than the offering's maximum; `left` is what they may add."""

    def __init__(self, left: int):
        super().__init__(left)
        self.left = max(left, 0)


class TooManyReservations(Exception):
    """Too many unpaid reservations open: `by` is "person" or "address"."""

    def __init__(self, by: str):
        super().__init__(by)
        self.by = by


def same_investor(subscription: Subscription) -> Q:
    """The subscriptions of the same investor as this one (itself included when saved)."""
    email_key, identity_key = investor_keys(subscription)
    match = Q(pk__in=[])
    if email_key and subscription.investor_type != InvestorType.ENTITY:
        match |= Q(email_key=email_key) & ~Q(investor_type=InvestorType.ENTITY)
    if identity_key:
        match |= Q(identity_key=identity_key)
    return match


def lock(page, subscription: Subscription, address: str) -> None:
    """Locks the investor's and the address's rows for this offering until the transaction
    ends. Call inside the transaction, before the allocation row is locked."""
    source = source_page(page)
    keys = sorted({f"{name}:{key}" for name, key in key_pairs(subscription, address) if key})
    ShareLimitLock.objects.bulk_create(
        [ShareLimitLock(page=source, key=key[:300]) for key in keys], ignore_conflicts=True
    )
    list(
        ShareLimitLock.objects.select_for_update()
        .filter(page=source, key__in=[key[:300] for key in keys])
        .order_by("key")
    )


def key_pairs(subscription: Subscription, address: str) -> list[tuple[str, str]]:
    email_key, identity_key = investor_keys(subscription)
    return [("email", email_key), ("investor", identity_key), ("ip", address)]


def check(page, subscription: Subscription, address: str) -> None:
    """Raises InvestorMaximum or TooManyReservations for this bulletin (not yet reserved).
    Call with the rows locked by `lock`, after overdue reservations were released."""
    source = source_page(page)
    others = Subscription.objects.filter(page=source).exclude(pk=subscription.pk)
    mine = others.filter(same_investor(subscription))
    held = mine.filter(status__in=SubscriptionStatus.holding()).aggregate(n=Sum("shares"))["n"] or 0
    left = source.max_shares_per_investor - held
    if subscription.shares > left:
        raise InvestorMaximum(left)
    open_reservations = others.filter(status=SubscriptionStatus.RESERVED)
    if open_reservations.filter(same_investor(subscription)).count() >= (
        settings.SHARE_OPEN_RESERVATIONS_PER_PERSON
    ):
        raise TooManyReservations("person")
    if address and open_reservations.filter(accepted_ip=address).count() >= (
        settings.SHARE_OPEN_RESERVATIONS_PER_ADDRESS
    ):
        raise TooManyReservations("address")
