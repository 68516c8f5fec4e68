"""Retention: personal data deleted once its purpose is over, by `manage.py apply_retention`.

Each period is a setting (config/settings/base.py, README "Retention"), counted in days from the
moment the data stopped serving: a subscription's issue or end, a donor's creation, a link's
creation, a search count's day, a log entry's time. Every function returns counts only: nothing
about who was deleted leaves this module. `dry_run` counts without deleting.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import ModelLogEntry

from campagnes.choices import ConsentKind, ConsentSource, Frequency
from campagnes.consents import records as consents
from campagnes.donations import upsell
from campagnes.models import (
    Consent,
    Donor,
    Gift,
    LoginToken,
    Plan,
    Receipt,
    StripeEvent,
    Subscription,
    SubscriptionDocument,
)
from campagnes.models.shares import SubscriptionStatus
from campagnes.privacy.erasure import MONEY_MOVED, delete_files
from campagnes.stripe import client as stripe_client
from home.audit import TeamLogEntry

# Subscriptions whose documents served their purpose: shares issued, or the bulletin refused
# (cancelled, refunded) or abandoned (expired).
DOCUMENTS_DONE = (
    SubscriptionStatus.ISSUED,
    SubscriptionStatus.EXPIRED,
    SubscriptionStatus.CANCELLED,
    SubscriptionStatus.REFUNDED,
)
# Records whose Wagtail history names a person (the label is the record's name).
PERSONAL_LOGGED_MODELS = (Donor, Gift, Plan, Receipt, Subscription, Consent)


def before(days: int, now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)


def share_documents(now=None, dry_run=False) -> tuple[int, int]:
    """Identity documents and proofs of address of settled subscriptions: (rows, files)."""
    done = Subscription.objects.filter(status__in=DOCUMENTS_DONE).annotate(
        done_at=Coalesce("ended_at", "issued_at", "created_at")
    )
    done = done.filter(done_at__lt=before(settings.RETENTION_SHARE_DOCUMENTS_DAYS, now))
    documents = SubscriptionDocument.objects.filter(subscription__in=done.values("pk"))
    names = [name for name in documents.values_list("file", flat=True) if name]
    count = documents.count()
    if not dry_run and count:
        with transaction.atomic():
            documents.delete()
            # Files go once the rows are gone for good: a rolled-back run keeps both.
            transaction.on_commit(functools.partial(delete_files, names))
    return count, len(names)


def unpaid_donors(now=None) -> "Donor.objects":
    """Donors who never completed a payment: no gift that moved money, no monthly gift, no
    receipt, no share subscription, no partner record, nothing recent, never erased."""
    cutoff = before(settings.RETENTION_UNPAID_DONORS_DAYS, now)
    paid = Gift.objects.filter(donor=OuterRef("pk")).filter(
        Q(status__in=MONEY_MOVED) | Q(paid_at__isnull=False) | Q(created_at__gte=cutoff)
    )
    subscribed = Subscription.objects.filter(email__iexact=OuterRef("email")).exclude(
        status=SubscriptionStatus.DRAFT
    )
    return (
        Donor.objects.filter(created_at__lt=cutoff)
        .exclude(Exists(paid))
        .exclude(Exists(Plan.objects.filter(donor=OuterRef("pk"))))
        .exclude(Exists(Receipt.objects.filter(donor=OuterRef("pk"))))
        .exclude(Exists(subscribed))
        .filter(partner__isnull=True, erasures__isnull=True)
    )


def delete_unpaid_donors(now=None, dry_run=False) -> int:
    donors = unpaid_donors(now)
    ids = list(donors.values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    with transaction.atomic():
        # Their gifts never moved money: no accounting record, no total to keep.
        for gift in Gift.objects.filter(donor_id__in=ids):
            gift.delete()
        Donor.objects.filter(pk__in=ids).delete()
    return len(ids)


def sign_in_links(now=None, dry_run=False) -> int:
    links = LoginToken.objects.filter(
        created_at__lt=before(settings.RETENTION_SIGNIN_LINKS_DAYS, now)
    )
    return links.count() if dry_run else links.delete()[0]


def search_counts(now=None, dry_run=False) -> tuple[int, int]:
    """Daily hit counts older than the period, then the queries left with no count and no
    promotion (a visitor may have typed a name): (daily counts, queries)."""
    day = timezone.localdate(before(settings.RETENTION_SEARCH_DAYS, now))
    hits = QueryDailyHits.objects.filter(date__lt=day)
    hit_count = hits.count()
    queries = Query.objects.exclude(
        Exists(QueryDailyHits.objects.filter(query=OuterRef("pk"), date__gte=day))
    ).filter(editors_picks__isnull=True)
    query_count = queries.count()
    if not dry_run:
        with transaction.atomic():
            hits.delete()
            queries.delete()
    return hit_count, query_count


def logs(now=None, dry_run=False) -> tuple[int, int, int]:
    """Log entries that may name a person, older than the period: Wagtail's history of donor and
    investor records, the exports' team log (its filters may hold a name searched), and the
    Stripe events received (their payloads hold names, emails and addresses); an event is kept
    while unprocessed. Returns (history entries, export entries, Stripe events)."""
    cutoff = before(settings.RETENTION_LOGS_DAYS, now)
    types = ContentType.objects.get_for_models(*PERSONAL_LOGGED_MODELS).values()
    history = ModelLogEntry.objects.filter(timestamp__lt=cutoff, content_type__in=types)
    exports = TeamLogEntry.objects.filter(timestamp__lt=cutoff)
    events = StripeEvent.objects.filter(received_at__lt=cutoff).filter(
        Q(processed_at__isnull=False) | Q(refused=True)
    )
    counted = (history.count(), exports.count(), events.count())
    if not dry_run:
        with transaction.atomic():
            for queryset in (history, exports, events):
                queryset.delete()
    return counted


def kept_card_gifts(consent: Consent):
    """The one-off gifts whose card Stripe may have kept under this agreement."""
    return Gift.objects.filter(
        # The gift is recorded just before the agreement given with it (after Stripe's answer).
        donor=consent.donor_id,
        frequency=Frequency.ONCE,
        created_at__gte=consent.given_at - datetime.timedelta(hours=1),
    ).exclude(stripe_payment_intent_id=None)


def card_in_use(consent: Consent) -> bool:
    """True when a monthly gift made from the offer pays with the kept card."""
    plans = [upsell.derived_plan_id(gift) for gift in kept_card_gifts(consent)]
    return Plan.objects.filter(public_id__in=plans, donor=consent.donor_id).exists()


def release_kept_cards(consent: Consent, via: str) -> None:
    """Detaches at Stripe the cards kept under this agreement, then closes it. Raises
    StripeError (nothing closed) when Stripe does not answer."""
    for gift in kept_card_gifts(consent):
        if saved := upsell.saved_card(gift):
            stripe_client.detach_payment_method(saved[1])
    consents.withdraw(consent.email, ConsentKind.KEEP_PAYMENT_METHOD, via, donor=consent.donor)


def kept_cards(now=None, dry_run=False) -> int:
    """Cards Stripe kept for the thank-you page's monthly offer (with the donor's agreement) that
    no monthly gift came to use: detached at Stripe, the agreement closed. Returns how many."""
    limit = before(settings.RETENTION_KEPT_CARDS_DAYS, now)
    standing = Consent.objects.filter(
        kind=ConsentKind.KEEP_PAYMENT_METHOD, withdrawn_at=None, given_at__lt=limit
    ).select_related("donor")
    count = 0
    for consent in standing.iterator():
        if consent.donor_id is None or card_in_use(consent):
            continue  # a monthly gift pays with it: the agreement serves that gift now
        if not dry_run:
            try:
                release_kept_cards(consent, ConsentSource.RETENTION)
            except stripe_client.StripeError:
                continue  # tried again next night
        count += 1
    return count


@dataclass(frozen=True)
class Step:
    label: str
    run: Callable


STEPS = (
    Step("share documents (rows, files)", share_documents),
    Step("donors who never paid", delete_unpaid_donors),
    Step("sign-in links", sign_in_links),
    Step("search counts (daily counts, queries)", search_counts),
    Step("log entries (history, exports, Stripe events)", logs),
    Step("cards kept for a monthly gift never made", kept_cards),
)


def apply(now=None, dry_run=False) -> list[tuple[str, object]]:
    """Runs every step; returns (label, counts) pairs."""
    return [(step.label, step.run(now=now, dry_run=dry_run)) for step in STEPS]
