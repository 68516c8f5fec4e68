"""One gift per submitted donation form, however often it is submitted.

The form carries a random nonce the server signed when it rendered the form. The gift's (or
plan's) `public_id` is derived from that nonce and from what the donor chose, so the unique
constraint on `public_id` does the rest: a second POST of the same form, even a simultaneous
one, cannot record a second gift and is sent to the first one's Checkout Session instead. A form
changed before being sent again (another amount, after going back from Checkout) is another
intent. A missing or forged nonce only loses this protection, and any consent ticked on the form:
a consent is recorded only from a form the site rendered (`is_issued`).
"""

import secrets
import uuid

from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "campagnes.donations.intent"


def issue() -> str:
    """A new nonce for a form being rendered."""
    return signing.Signer(salt=SALT).sign(secrets.token_urlsafe(16))


def is_issued(signed: str) -> bool:
    """Whether the form was rendered by this site (its nonce bears our signature)."""
    try:
        signing.Signer(salt=SALT).unsign(signed or "")
    except signing.BadSignature:
        return False
    return True


def record_id(signed: str, data: dict) -> uuid.UUID | None:
    """The `public_id` the gift of this form and these choices gets, or None without a nonce."""
    try:
        nonce = signing.Signer(salt=SALT).unsign(signed or "")
    except signing.BadSignature:
        return None
    choice = f"{nonce}|{data['frequency']}|{data['amount_cents']}|{data['email'].lower()}"
    return uuid.UUID(bytes=salted_hmac(SALT, choice, algorithm="sha256").digest()[:16], version=4)
