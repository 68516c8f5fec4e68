"""A signed webhook body as the columns of a `StripeEvent`, whatever it contains.

The signature proves the body comes from Stripe (or whoever holds the secret), not that it is a
well-formed event. Whatever can be stored is stored: PostgreSQL refuses NUL characters and lone
surrogates in text and JSON, so they are dropped, and NaN, so it becomes null; an id longer than
the column keeps its start and a hash. An event that cannot be run (no type, no object, an absurd
date) is stored refused: the webhook acknowledges it, so that Stripe does not retry it for days,
and no handler runs it.
"""

import dataclasses
import hashlib
import json
import re
import time

from campagnes.models import StripeEvent

ID_LENGTH = StripeEvent._meta.get_field("event_id").max_length
TYPE_LENGTH = StripeEvent._meta.get_field("type").max_length
EVENT_TYPE = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")
# Stripe's first events are from 2011; one from much later than now is not one of its events.
# The upper bound also keeps the Unix time within the column's 32-bit integer.
EARLIEST = 1_293_840_000  # 2011-01-01
FUTURE_MARGIN = 24 * 3600
UNPRINTABLE = re.compile("[\x00\ud800-\udfff]")


@dataclasses.dataclass(frozen=True)
class Incoming:
    event_id: str
    type: str
    created: int
    payload: dict
    refusal: str  # empty when the event can be run


def storable(value):
    """The JSON value with every string (keys included) safe for PostgreSQL's text and jsonb."""
    if isinstance(value, str):
        return UNPRINTABLE.sub("", value) if UNPRINTABLE.search(value) else value
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    return value


def storable_id(value: str) -> str:
    if len(value) <= ID_LENGTH:
        return value
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"{value[: ID_LENGTH - len(digest) - 1]}~{digest}"


def parse(body: bytes) -> Incoming | None:
    """The event in a signed body; None when the body is not a JSON object at all."""
    try:
        # NaN and Infinity are not JSON: PostgreSQL's jsonb refuses them.
        payload = storable(json.loads(body, parse_constant=lambda name: None))
    except (ValueError, RecursionError):
        return None
    return incoming(payload, body) if isinstance(payload, dict) else None


def incoming(payload: dict, body: bytes | None = None) -> Incoming:
    """An event's columns and, when it cannot be run, why (in English, for the admin)."""
    problems = []
    event_id = payload.get("id")
    if not isinstance(event_id, str) or not event_id.strip():
        # Deliveries of one body still share one row.
        raw = body if body is not None else json.dumps(payload, sort_keys=True).encode()
        event_id = f"no-id-{hashlib.sha256(raw).hexdigest()}"
        problems.append("no event id")
    event_type = payload.get("type")
    if (
        not isinstance(event_type, str)
        or len(event_type) > TYPE_LENGTH
        or not EVENT_TYPE.fullmatch(event_type)
    ):
        problems.append("no valid event type")
        event_type = event_type[:TYPE_LENGTH] if isinstance(event_type, str) else ""
    created = payload.get("created")
    if (
        isinstance(created, bool)
        or not isinstance(created, int)
        or not EARLIEST <= created <= time.time() + FUTURE_MARGIN
    ):
        problems.append("no valid creation time")
        created = 0
    data = payload.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        problems.append("no data object")
    return Incoming(
        event_id=storable_id(event_id),
        type=event_type,
        created=created,
        payload=payload,
        refusal=f"Refused: {', '.join(problems)}." if problems else "",
    )
