"""Stripe webhooks: verified, stored once, processed through a registry of handlers.

Stripe delivers at least once and in any order, so every handler is idempotent and moves records
only forward (`Gift.advance`, `Plan.stripe_status_at`): replays, duplicates and late events end in
the same state. When an event alone cannot place its object (a refund before the payment it
refunds), the handler reads Stripe's current state instead of guessing.

The event is committed before its handler runs (and calls Stripe, within a deadline shorter than
the worker's timeout): a handler that fails or is cut short leaves it stored for Stripe's retry,
`manage.py stripe_events --retry` and the nightly `reconcile_stripe`.
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DataError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campagnes.models import StripeEvent
from campagnes.stripe import client as stripe_client
from campagnes.stripe.events import Incoming, parse
from home.logging import redact

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


# Errors that the event's own content causes: running it again changes nothing, so Stripe is
# told it arrived (200) and the stored event waits for a fix and `stripe_events --retry`.
CONTENT_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, DataError)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        stripe_client.verify_signature(
            request.body,
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
        )
    except stripe_client.SignatureError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponse(status=400)
    incoming = parse(request.body)
    if incoming is None:
        logger.warning("Stripe webhook refused: not a JSON object")
        return HttpResponse(status=400)

    stored = store(incoming)
    if stored.refused:
        # Signed, so from Stripe: acknowledged (a refusal would be retried for days), never run.
        logger.warning("Stripe event %s refused: %s", stored.event_id, stored.error)
        return HttpResponse(status=200)
    try:
        with stripe_client.deadline(settings.STRIPE_WEBHOOK_BUDGET):
            process(stored)
    except CONTENT_ERRORS:
        logger.exception("Stripe event %s (%s) failed on its content", stored.event_id, stored.type)
        return HttpResponse(status=200)
    except Exception:
        # A slow or failing dependency: Stripe retries on 5xx, and so do our commands.
        logger.exception("Stripe event %s (%s) failed", stored.event_id, stored.type)
        return HttpResponse(status=500)
    return HttpResponse(status=200)


def store(incoming: Incoming) -> StripeEvent:
    """The event's row, committed once whatever the number of concurrent deliveries."""
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                event_id=incoming.event_id,
                type=incoming.type,
                created=incoming.created,
                payload=incoming.payload,
                refused=bool(incoming.refusal),
                error=incoming.refusal,
            )
    except IntegrityError:  # another delivery stored it first
        return StripeEvent.objects.get(event_id=incoming.event_id)


def pending():
    """The stored events still to run, oldest first: failed, or cut short before they ran."""
    return StripeEvent.objects.filter(processed_at=None, refused=False).order_by("created", "id")


def retry(events) -> tuple[int, list[tuple[StripeEvent, str]]]:
    """Runs the given stored events again: how many did work, and the ones that still fail."""
    processed, failures = 0, []
    for event in events:
        try:
            if process(event):
                processed += 1
        except Exception as error:  # stored on the event by `process`
            failures.append((event, describe(error)))
    return processed, failures


def process(stored: StripeEvent) -> bool:
    """Runs a stored event's handler once; True when this call did the work."""
    try:
        with transaction.atomic():
            # The row lock makes a concurrent delivery wait, then find the event done.
            event = StripeEvent.objects.select_for_update().get(pk=stored.pk)
            if event.processed_at is not None or event.refused:
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


def describe(error: Exception) -> str:
    """What went wrong, for the admin: Stripe's code and request id, never personal data."""
    if isinstance(error, stripe_client.StripeError):
        parts = [type(error).__name__, str(error.http_status or ""), error.code or ""]
        parts.append(error.request_id or "")
        text = " ".join(part for part in parts if part)
        if isinstance(error, stripe_client.ConnectionFailed):
            text += ": Stripe did not answer in time"
        return text
    return redact(f"{type(error).__name__}: {error}")[:2000].replace("\x00", "")


def failed(stored: StripeEvent, error: Exception) -> None:
    # Recorded outside the rolled-back transaction, for the admin and the retry command.
    StripeEvent.objects.filter(pk=stored.pk, processed_at=None).update(
        attempts=F("attempts") + 1, error=describe(error)
    )
