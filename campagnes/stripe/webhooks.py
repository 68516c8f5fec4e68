"""Stripe webhooks: verified, stored once, processed through a registry of handlers.

Stripe delivers at least once and in any order, so every handler is idempotent and moves records
only forward (`Gift.advance`, `Plan.stripe_status_at`): replays, duplicates and late events end in
the same state. When an event alone cannot place its object (a refund before the payment it
refunds), the handler reads Stripe's current state instead of guessing.
"""

import json
import logging
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campagnes.models import StripeEvent
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)

# A handler gets the event's object and the whole event, inside the event's transaction.
Handler = Callable[[dict, dict], None]
Claim = Callable[[dict], bool]


class Registry:
    """Which domain handles each Stripe event type, as dj-stripe's `djstripe_receiver` does.

    Each payable domain (donations, shares, and whatever comes next) registers its handlers from
    `CampagnesConfig.ready()`; this module knows none of them. Several domains may handle one
    type: a handler registered with `claims` gets the events whose object it claims (its
    metadata key, usually); the one registered without is the fallback for the rest.
    """

    def __init__(self):
        self.claimed: dict[str, list[tuple[Claim, Handler]]] = defaultdict(list)
        self.fallback: dict[str, Handler] = {}

    def register(self, *event_types: str, handler: Handler, claims: Claim | None = None) -> None:
        for event_type in event_types:
            if claims is not None:
                self.claimed[event_type].append((claims, handler))
            elif self.fallback.setdefault(event_type, handler) is not handler:
                raise ImproperlyConfigured(f"Two fallback handlers for {event_type}")

    def handler_for(self, event_type: str, stripe_object: dict) -> Handler | None:
        for claims, handler in self.claimed.get(event_type, ()):
            if claims(stripe_object):
                return handler
        return self.fallback.get(event_type)

    def event_types(self) -> set[str]:
        return set(self.claimed) | set(self.fallback)


registry = Registry()


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        stripe_client.verify_signature(
            request.body,
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
        )
        event = json.loads(request.body)
        event_id, event_type, created = event["id"], event["type"], int(event["created"])
        if not isinstance(event["data"]["object"], dict):
            raise TypeError
    except stripe_client.SignatureError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponse(status=400)
    except (ValueError, KeyError, TypeError):
        logger.warning("Stripe webhook refused: not an event")
        return HttpResponse(status=400)

    try:
        receive(event_id, event_type, created, event)
    except Exception:
        # Stripe retries on 5xx; the stored event can also be run again by hand.
        logger.exception("Stripe event %s (%s) failed", event_id, event_type)
        return HttpResponse(status=500)
    return HttpResponse(status=200)


def store(event_id: str, event_type: str, created: int, payload: dict) -> StripeEvent:
    """The event's row, inserted once whatever the number of concurrent deliveries."""
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                event_id=event_id, type=event_type, created=created, payload=payload
            )
    except IntegrityError:  # another delivery stored it first
        return StripeEvent.objects.get(event_id=event_id)


def receive(event_id: str, event_type: str, created: int, payload: dict) -> None:
    """Stores and processes a new event in one transaction: one commit, and a row written once.

    The row is inserted already marked processed, since the handler's work commits with it or
    not at all. A duplicate delivery fails on the unique event id (waiting, if concurrent, for
    the first one to commit) and then finds the event done. On failure the event is stored with
    its error, for Stripe's retry or `manage.py stripe_events --retry`, and the error raised.
    """
    try:
        with transaction.atomic():
            event = StripeEvent.objects.create(
                event_id=event_id,
                type=event_type,
                created=created,
                payload=payload,
                processed_at=timezone.now(),
                attempts=1,
            )
            handle(event)
    except IntegrityError as error:
        stored = StripeEvent.objects.filter(event_id=event_id).first()
        if stored is None:  # the handler's own error, not a duplicate
            failed(store(event_id, event_type, created, payload), error)
            raise
        process(stored)
    except Exception as error:
        failed(store(event_id, event_type, created, payload), error)
        raise


def process(stored: StripeEvent) -> bool:
    """Runs a stored event's handler once; True when this call did the work."""
    try:
        with transaction.atomic():
            # The row lock makes a concurrent delivery wait, then find the event done.
            event = StripeEvent.objects.select_for_update().get(pk=stored.pk)
            if event.processed_at is not None:
                return False
            run(event)
            return True
    except Exception as error:
        failed(stored, error)
        raise


def handle(event: StripeEvent) -> None:
    stripe_object = event.payload["data"]["object"]
    handler = registry.handler_for(event.type, stripe_object)
    if handler is not None:
        handler(stripe_object, event.payload)


def run(event: StripeEvent) -> None:
    handle(event)
    event.attempts += 1
    event.error = ""
    event.processed_at = timezone.now()
    event.save(update_fields=["attempts", "error", "processed_at"])


def failed(stored: StripeEvent, error: Exception) -> None:
    # Recorded outside the rolled-back transaction, for the admin and the retry command.
    StripeEvent.objects.filter(pk=stored.pk, processed_at=None).update(
        attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000]
    )
