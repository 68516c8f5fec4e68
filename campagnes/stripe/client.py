"""The only module that talks to Stripe, through the official library.

The API base URL is a setting so that the project's fake server or stripe-mock can stand in, and
the API version is pinned here and in the webhook endpoint's settings at Stripe: the payloads
parsed in `webhooks.py` have this version's shapes (an invoice's subscription sits under
`invoice.parent` since 2025-03-31).
"""

import contextlib
import hashlib
import hmac
import time
from contextvars import ContextVar

from django.conf import settings

import stripe

API_VERSION = "2026-10-28.endive"
SIGNATURE_TOLERANCE = 300  # seconds, either side of now: Stripe's own default window
# Opening a connection to Stripe takes well under a second; a network that drops packets should
# fail here, not eat the read timeout.
CONNECT_TIMEOUT = 2
# The shortest read timeout worth trying: below it, a call fails at once rather than surely late.
MIN_READ_TIMEOUT = 1

_deadline: ContextVar[float | None] = ContextVar("stripe_deadline", default=None)

StripeError = stripe.StripeError
# No answer at all (refused connection, timeout, no time left): worth a later retry.
ConnectionFailed = stripe.APIConnectionError


class SignatureError(Exception):
    pass


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


@contextlib.contextmanager
def deadline(seconds: float):
    """Every call to Stripe inside the block ends, retries included, within `seconds`.

    A webhook may call Stripe several times; each call's timeout shrinks to what is left, so the
    request ends before gunicorn's worker timeout whatever Stripe does.
    """
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def limits() -> tuple[float, int]:
    """(read timeout, network retries) of the next call: the settings', within the deadline.

    One call lasts at most (retries + 1) × (CONNECT_TIMEOUT + read timeout) plus stripe-python's
    back-off between attempts (under HTTPClient.MAX_DELAY each).
    """
    read, retries = settings.STRIPE_TIMEOUT, settings.STRIPE_MAX_NETWORK_RETRIES
    ends = _deadline.get()
    if ends is None:
        return read, retries
    left = ends - time.monotonic()
    for tries in range(retries, -1, -1):
        per_attempt = (left - tries * stripe.HTTPClient.MAX_DELAY) / (tries + 1)
        if per_attempt - CONNECT_TIMEOUT >= MIN_READ_TIMEOUT:
            return min(read, per_attempt - CONNECT_TIMEOUT), tries
    raise ConnectionFailed("No time left to call Stripe within this request's deadline.")


def client() -> stripe.StripeClient:
    read, retries = limits()
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=API_VERSION,
        base_addresses={"api": settings.STRIPE_API_BASE},
        http_client=stripe.RequestsClient(timeout=(min(CONNECT_TIMEOUT, read), read)),
        max_network_retries=retries,
    )


def verify_signature(payload: bytes, header: str, secret: str, now: float | None = None) -> None:
    """Checks a `Stripe-Signature` header against the raw body, as Stripe documents it.

    stripe-python skips the age check without a tolerance and accepts timestamps in the future,
    so the window is checked here on both sides.
    """
    if not header or not secret:
        raise SignatureError("missing signature")
    timestamp, signatures = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            signatures.append(value)
    if not timestamp or not timestamp.isdigit() or not signatures:
        raise SignatureError("malformed signature header")
    if abs((now or time.time()) - int(timestamp)) > SIGNATURE_TOLERANCE:
        raise SignatureError("timestamp outside the tolerance")
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    if not any(hmac.compare_digest(expected, signature) for signature in signatures):
        raise SignatureError("no matching signature")


def create_checkout_session(params: dict, idempotency_key: str):
    return client().v1.checkout.sessions.create(
        params=params, options={"idempotency_key": idempotency_key}
    )


def expire_checkout_session(session_id: str) -> None:
    client().v1.checkout.sessions.expire(session_id)


def refund_payment(payment_intent_id: str, idempotency_key: str, metadata: dict) -> dict:
    return (
        client()
        .v1.refunds.create(
            params={"payment_intent": payment_intent_id, "metadata": metadata},
            options={"idempotency_key": idempotency_key},
        )
        .to_dict()
    )


# Objects read back from Stripe are returned as plain dicts, shaped like webhook payloads.


def retrieve_checkout_session(session_id: str) -> dict:
    return client().v1.checkout.sessions.retrieve(session_id).to_dict()


def retrieve_checkout_session_or_none(session_id: str) -> dict | None:
    """None when Stripe knows no such session (another account, a test key); other errors raise."""
    try:
        return retrieve_checkout_session(session_id)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return None
        raise


def retrieve_payment_intent(payment_intent_id: str) -> dict:
    return client().v1.payment_intents.retrieve(payment_intent_id).to_dict()


def retrieve_invoice(invoice_id: str) -> dict:
    return client().v1.invoices.retrieve(invoice_id).to_dict()


def debit_date(payment_intent_id: str | None) -> str | None:
    """The day a SEPA debit leaves the payer's account ("YYYY-MM-DD", since API 2025-12-15),
    read from the PaymentIntent's charge; None for a card or when Stripe does not say."""
    if not payment_intent_id:
        return None
    intent = client().v1.payment_intents.retrieve(
        payment_intent_id, params={"expand": ["latest_charge"]}
    )
    charge = intent.to_dict().get("latest_charge") or {}
    details = (charge.get("payment_method_details") or {}).get("sepa_debit") or {}
    return details.get("expected_debit_date")


def invoice_payment_intent(invoice_id: str) -> str | None:
    """The PaymentIntent that paid an invoice (named by neither object since 2025-03-31)."""
    payments = client().v1.invoice_payments.list(params={"invoice": invoice_id})
    paid = [each for each in payments.data if each.payment.type == "payment_intent"]
    return paid[0].payment.payment_intent if paid else None


def failed_payment_method(invoice_id: str) -> str | None:
    """What the invoice's last attempt tried to charge, "card" or "sepa_debit" (recovery emails
    say card or bank account); None when Stripe does not say."""
    intent_id = invoice_payment_intent(invoice_id)
    if not intent_id:
        return None
    intent = client().v1.payment_intents.retrieve(intent_id, params={"expand": ["latest_charge"]})
    charge = intent.to_dict().get("latest_charge") or {}
    return (charge.get("payment_method_details") or {}).get("type")


def payment_intent_invoice(payment_intent_id: str) -> str | None:
    """The invoice a PaymentIntent paid: since 2025-03-31 neither object names the other."""
    payments = client().v1.invoice_payments.list(
        params={"payment": {"type": "payment_intent", "payment_intent": payment_intent_id}}
    )
    return payments.data[0].invoice if payments.data else None


def update_subscription(subscription_id: str, params: dict, idempotency_key: str):
    return client().v1.subscriptions.update(
        subscription_id, params=params, options={"idempotency_key": idempotency_key}
    )


def cancel_subscription(subscription_id: str):
    return client().v1.subscriptions.cancel(subscription_id)


def list_events(created_after: int, limit: int = 100):
    """Every event created after a Unix time, oldest first."""
    page = client().v1.events.list(params={"created": {"gt": created_after}, "limit": limit})
    events = list(page.auto_paging_iter())
    return sorted(events, key=lambda event: (event.created, event.id))


# Donor space: the donor changes their own monthly gift ------------------------------------------
# Subscriptions come back as dicts, so that `payments` applies them as it applies a webhook's.


def change_plan_amount(
    subscription_id: str, cents: int, currency: str, idempotency_key: str
) -> dict:
    """A free monthly amount from the next invoice on, without proration.

    The hosted portal only switches between preset prices, so the subscription's one item gets an
    inline price of the same product; the item and its product are read back from Stripe.
    """
    subscription = client().v1.subscriptions.retrieve(subscription_id).to_dict()
    item = subscription["items"]["data"][0]
    price_data = {
        "currency": currency.lower(),
        "unit_amount": cents,
        "product": item["price"]["product"],
        "recurring": {"interval": "month"},
    }
    params = {
        "items": [{"id": item["id"], "price_data": price_data}],
        "proration_behavior": "none",
    }
    return update_subscription(subscription_id, params, idempotency_key).to_dict()


def pause_plan(subscription_id: str, idempotency_key: str) -> dict:
    """No collection until resumed: the paused months' invoices are voided, nothing is owed."""
    params = {"pause_collection": {"behavior": "void"}}
    return update_subscription(subscription_id, params, idempotency_key).to_dict()


def resume_plan(subscription_id: str, idempotency_key: str) -> dict:
    # An empty value is how Stripe's API unsets a field.
    params = {"pause_collection": ""}
    return update_subscription(subscription_id, params, idempotency_key).to_dict()


def cancel_plan(subscription_id: str) -> dict:
    return cancel_subscription(subscription_id).to_dict()


def retrieve_subscription(subscription_id: str) -> dict:
    return client().v1.subscriptions.retrieve(subscription_id).to_dict()


def delete_customer(customer_id: str) -> bool:
    """Asks Stripe to forget a customer (an erasure); False when Stripe had already.

    Stripe cancels the customer's subscriptions with it, and keeps their past payments."""
    try:
        client().v1.customers.delete(customer_id)
    except stripe.InvalidRequestError as error:
        if error.code == "resource_missing":
            return False
        raise
    return True


def create_setup_session(
    customer_id: str, subscription_id: str, success_url: str, cancel_url: str, locale: str
) -> str:
    """The Checkout page where the donor enters a new card or IBAN; returns its URL."""
    params = {
        "mode": "setup",
        "customer": customer_id,
        "payment_method_types": ["card", "sepa_debit"],
        "setup_intent_data": {"metadata": {"subscription_id": subscription_id}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": locale,
    }
    return client().v1.checkout.sessions.create(params=params).url


def retrieve_setup_session(session_id: str) -> dict:
    return (
        client()
        .v1.checkout.sessions.retrieve(session_id, params={"expand": ["setup_intent"]})
        .to_dict()
    )


def set_plan_payment_method(subscription_id: str, payment_method_id: str) -> dict:
    """The method saved by a setup session pays the subscription's next invoices."""
    params = {"default_payment_method": payment_method_id}
    key = f"payment-method-{subscription_id}-{payment_method_id}"
    return update_subscription(subscription_id, params, idempotency_key=key).to_dict()


# Monthly upsell: a one-off gift's card, kept with the donor's agreement, pays a new plan --------


def reusable_payment_method(payment_intent_id: str) -> tuple[str, str] | None:
    """(customer, payment method) of a paid PaymentIntent whose method Stripe kept for later
    (`setup_future_usage=off_session`, for the card only, asked only with the donor's
    agreement); else None."""
    intent = (
        client()
        .v1.payment_intents.retrieve(payment_intent_id, params={"expand": ["payment_method"]})
        .to_dict()
    )
    method = intent.get("payment_method") or {}
    card_options = (intent.get("payment_method_options") or {}).get("card") or {}
    kept = "off_session" in (
        intent.get("setup_future_usage"),
        card_options.get("setup_future_usage"),
    )
    if intent.get("status") != "succeeded" or not kept:
        return None
    if not isinstance(method, dict) or not method.get("customer"):
        return None
    return method["customer"], method["id"]


def create_monthly_subscription(
    customer_id: str,
    payment_method_id: str,
    cents: int,
    currency: str,
    product_name: str,
    metadata: dict,
    idempotency_key: str,
) -> dict:
    """A monthly subscription paid by a saved method, its first invoice charged now.

    `error_if_incomplete`: a card that is declined or asks for authentication fails the request
    and leaves nothing at Stripe, so the caller can fall back on a Checkout page."""
    product = client().v1.products.create(
        params={"name": product_name}, options={"idempotency_key": f"{idempotency_key}-product"}
    )
    params = {
        "customer": customer_id,
        "items": [
            {
                "price_data": {
                    "currency": currency.lower(),
                    "unit_amount": cents,
                    "product": product.id,
                    "recurring": {"interval": "month"},
                }
            }
        ],
        "default_payment_method": payment_method_id,
        "payment_behavior": "error_if_incomplete",
        "off_session": True,
        "metadata": metadata,
    }
    return (
        client()
        .v1.subscriptions.create(params=params, options={"idempotency_key": idempotency_key})
        .to_dict()
    )


def detach_payment_method(payment_method_id: str) -> None:
    """Stripe forgets a saved card: it can no longer be charged."""
    client().v1.payment_methods.detach(payment_method_id)


# A card declined, or one whose bank asks the payer to authenticate (a StripeError too).
CardError = stripe.CardError
