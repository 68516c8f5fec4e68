"""The JSON shapes of Stripe objects in API version 2026-10-28.endive, built from plain values.

Since 2025-03-31.basil, invoices no longer carry `subscription`, `charge` or `payment_intent`:
the subscription is under `parent.subscription_details`, the payments are invoice_payment
objects; billing periods are on subscription items, not on the subscription.
"""

import calendar
import copy
import secrets
import string
import time
from datetime import UTC, datetime

API_VERSION = "2026-10-28.endive"
_ALPHABET = string.ascii_letters + string.digits
# What each kind of payment method reports when a payment fails.
FAILURES = {
    "card": ("card_declined", "Your card was declined.", "card_error"),
    "sepa_debit": (
        "insufficient_funds",
        "The account has insufficient funds to cover this payment.",
        "invalid_request_error",
    ),
}


def new_id(prefix, length=24):
    return f"{prefix}_{''.join(secrets.choice(_ALPHABET) for _ in range(length))}"


def now():
    return int(time.time())


def add_interval(timestamp, recurring):
    """The end of a billing period: calendar months and years, clamped to the month's last day."""
    interval, count = recurring["interval"], recurring["interval_count"]
    if interval in ("day", "week"):
        return timestamp + count * (86400 if interval == "day" else 7 * 86400)
    start = datetime.fromtimestamp(timestamp, UTC)
    months = start.month - 1 + count * (12 if interval == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return int(start.replace(year=year, month=month, day=day).timestamp())


def money(cents, currency):
    units, rest = divmod(cents, 100)
    return f"{units}.{rest:02d} {currency.upper()}"


def list_object(data, url):
    return {"object": "list", "data": data, "has_more": False, "total_count": len(data), "url": url}


def previous_attributes(before, after):
    """Stripe's `data.previous_attributes`: the old value of each changed field, recursing into
    hashes so that only their changed keys appear (added keys with null)."""
    previous = {}
    for key in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        both_hashes = isinstance(old, dict) and isinstance(new, dict)
        previous[key] = previous_attributes(old, new) if both_hashes else old
    return previous


def event(event_type, obj, previous, created, request):
    data = {"object": copy.deepcopy(obj)}
    if previous is not None:
        data["previous_attributes"] = previous
    return {
        "id": new_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": created,
        "data": data,
        "livemode": False,
        "pending_webhooks": 1,
        "request": dict(request),
        "type": event_type,
    }


def customer(email, name=None, description=None, phone=None, metadata=None):
    return {
        "id": new_id("cus", 14),
        "object": "customer",
        "address": None,
        "balance": 0,
        "created": now(),
        "currency": None,
        "default_source": None,
        "delinquent": False,
        "description": description,
        "email": email,
        "invoice_prefix": "".join(secrets.choice(string.ascii_uppercase) for _ in range(8)),
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": None,
            "footer": None,
            "rendering_options": None,
        },
        "livemode": False,
        "metadata": metadata or {},
        "name": name,
        "phone": phone,
        "preferred_locales": [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
    }


def product(name):
    return {
        "id": new_id("prod", 14),
        "object": "product",
        "active": True,
        "created": now(),
        "description": None,
        "livemode": False,
        "metadata": {},
        "name": name,
        "updated": now(),
    }


def price(currency, unit_amount, product_id, interval=None, interval_count=1):
    recurring = interval and {
        "interval": interval,
        "interval_count": interval_count,
        "meter": None,
        "trial_period_days": None,
        "usage_type": "licensed",
    }
    return {
        "id": new_id("price"),
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": now(),
        "currency": currency,
        "livemode": False,
        "lookup_key": None,
        "metadata": {},
        "nickname": None,
        "product": product_id,
        "recurring": recurring,
        "tax_behavior": "unspecified",
        "type": "recurring" if recurring else "one_time",
        "unit_amount": unit_amount,
        "unit_amount_decimal": str(unit_amount),
    }


def customer_details(owner):
    return {
        "address": None,
        "email": owner["email"],
        "name": owner["name"],
        "phone": None,
        "tax_exempt": "none",
        "tax_ids": [],
    }


def payment_method(method, owner):
    details = {
        "card": {
            "brand": "visa",
            "country": "FR",
            "exp_month": 12,
            "exp_year": datetime.now(UTC).year + 3,
            "funding": "credit",
            "last4": "4242",
        },
        "sepa_debit": {
            "bank_code": "37040044",
            "branch_code": None,
            "country": "DE",
            "fingerprint": new_id("fp", 16)[3:],
            "last4": "3000",
        },
    }[method]
    return {
        "id": new_id("pm"),
        "object": "payment_method",
        "billing_details": {
            "address": None,
            "email": owner["email"],
            "name": owner["name"],
            "phone": None,
        },
        "created": now(),
        "customer": owner["id"],
        "livemode": False,
        "metadata": {},
        "type": method,
        method: details,
    }


def payment_intent(amount, currency, customer_id, method, metadata, description):
    return {
        "id": new_id("pi"),
        "object": "payment_intent",
        "amount": amount,
        "amount_received": 0,
        "created": now(),
        "currency": currency,
        "customer": customer_id,
        "description": description,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": dict(metadata),
        "payment_method": method["id"],
        "payment_method_types": [method["type"]],
        "status": "requires_payment_method",
    }


def charge(intent, method):
    """A charge still pending, as a debit is while the bank processes it."""
    kind = method["type"]
    details = dict(method[kind])
    if kind == "sepa_debit":
        # Since API 2025-12-15.clover: the day the payer's account is debited (here, the day
        # the debit is submitted; async_payment may name another).
        details["expected_debit_date"] = time.strftime("%Y-%m-%d", time.gmtime())
    return {
        "id": new_id("ch"),
        "object": "charge",
        "amount": intent["amount"],
        "amount_captured": 0,
        "amount_refunded": 0,
        "balance_transaction": None,
        "billing_details": copy.deepcopy(method["billing_details"]),
        "captured": False,
        "created": now(),
        "currency": intent["currency"],
        "customer": intent["customer"],
        "description": intent["description"],
        "disputed": False,
        "failure_code": None,
        "failure_message": None,
        "livemode": False,
        "metadata": dict(intent["metadata"]),
        "paid": False,
        "payment_intent": intent["id"],
        "payment_method": method["id"],
        "payment_method_details": {"type": kind, kind: details},
        "receipt_url": None,
        "refunded": False,
        "status": "pending",
    }


def setup_intent(customer_id, method, metadata):
    return {
        "id": new_id("seti"),
        "object": "setup_intent",
        "created": now(),
        "customer": customer_id,
        "description": None,
        "last_setup_error": None,
        "livemode": False,
        "metadata": metadata,
        "payment_method": method["id"],
        "payment_method_types": [method["type"]],
        "status": "succeeded",
        "usage": "off_session",
    }


def subscription(customer_id, lines, metadata, method_id, status):
    """A subscription to the (recurring price, quantity) lines, its first period starting now."""
    created = now()
    subscription_id = new_id("sub")
    items = [
        {
            "id": new_id("si", 14),
            "object": "subscription_item",
            "created": created,
            "current_period_end": add_interval(created, line_price["recurring"]),
            "current_period_start": created,
            "discounts": [],
            "metadata": {},
            "price": copy.deepcopy(line_price),
            "quantity": quantity,
            "subscription": subscription_id,
            "tax_rates": [],
        }
        for line_price, quantity in lines
    ]
    return {
        "id": subscription_id,
        "object": "subscription",
        "billing_cycle_anchor": created,
        "cancel_at": None,
        "cancel_at_period_end": False,
        "canceled_at": None,
        "cancellation_details": {"comment": None, "feedback": None, "reason": None},
        "collection_method": "charge_automatically",
        "created": created,
        "currency": lines[0][0]["currency"],
        "customer": customer_id,
        "default_payment_method": method_id,
        "description": None,
        "ended_at": None,
        "items": list_object(items, f"/v1/subscription_items?subscription={subscription_id}"),
        "latest_invoice": None,
        "livemode": False,
        "metadata": dict(metadata),
        "pause_collection": None,
        "start_date": created,
        "status": status,
        "trial_end": None,
        "trial_start": None,
    }


def invoice_line(invoice_id, subscription_id, item, product_name):
    item_price, quantity = item["price"], item["quantity"]
    amount = item_price["unit_amount"] * quantity
    unit = money(item_price["unit_amount"], item_price["currency"])
    return {
        "id": new_id("il"),
        "object": "line_item",
        "amount": amount,
        "currency": item_price["currency"],
        "description": f"{quantity} × {product_name} (at {unit} / "
        f"{item_price['recurring']['interval']})",
        "discount_amounts": [],
        "discountable": True,
        "discounts": [],
        "invoice": invoice_id,
        "livemode": False,
        "metadata": {},
        "parent": {
            "invoice_item_details": None,
            "subscription_item_details": {
                "invoice_item": None,
                "proration": False,
                "proration_details": {"credited_items": None},
                "subscription": subscription_id,
                "subscription_item": item["id"],
            },
            "type": "subscription_item_details",
        },
        "period": {"end": item["current_period_end"], "start": item["current_period_start"]},
        "pretax_credit_amounts": [],
        "pricing": {
            "price_details": {"price": item_price["id"], "product": item_price["product"]},
            "type": "price_details",
            "unit_amount_decimal": item_price["unit_amount_decimal"],
        },
        "quantity": quantity,
        "subtotal": amount,
        "taxes": [],
    }


def invoice(invoice_id, billed, owner, lines, billing_reason, number, period):
    """An open invoice, finalized and attempted at once, for the subscription `billed`.
    `period` is the invoice's own period_start/period_end: Stripe bills a subscription in
    advance, so these name the period that just ended (both equal the creation time on the
    first invoice); each line's `period` is the one being paid for."""
    total = sum(line["amount"] for line in lines)
    created = now()
    return {
        "id": invoice_id,
        "object": "invoice",
        "account_country": "FR",
        "account_name": "Fake Stripe",
        "amount_due": total,
        "amount_overpaid": 0,
        "amount_paid": 0,
        "amount_remaining": total,
        "attempt_count": 1,
        "attempted": True,
        "billing_reason": billing_reason,
        "collection_method": "charge_automatically",
        "created": created,
        "currency": billed["currency"],
        "customer": owner["id"],
        "customer_email": owner["email"],
        "customer_name": owner["name"],
        "default_payment_method": None,
        "description": None,
        "due_date": None,
        "effective_at": created,
        "ending_balance": 0,
        "hosted_invoice_url": None,
        "invoice_pdf": None,
        "lines": list_object(lines, f"/v1/invoices/{invoice_id}/lines"),
        "livemode": False,
        "metadata": {},
        "next_payment_attempt": None,
        "number": f"{owner['invoice_prefix']}-{number:04d}",
        "parent": {
            "quote_details": None,
            "subscription_details": {
                "metadata": dict(billed["metadata"]),
                "subscription": billed["id"],
            },
            "type": "subscription_details",
        },
        "period_end": period[1],
        "period_start": period[0],
        "starting_balance": 0,
        "status": "open",
        "status_transitions": {
            "finalized_at": created,
            "marked_uncollectible_at": None,
            "paid_at": None,
            "voided_at": None,
        },
        "subtotal": total,
        "total": total,
    }


def invoice_payment(paid_invoice, intent_id):
    return {
        "id": new_id("inpay"),
        "object": "invoice_payment",
        "amount_paid": None,
        "amount_requested": paid_invoice["amount_due"],
        "created": paid_invoice["created"],
        "currency": paid_invoice["currency"],
        "invoice": paid_invoice["id"],
        "is_default": True,
        "livemode": False,
        "payment": {"payment_intent": intent_id, "type": "payment_intent"},
        "status": "open",
        "status_transitions": {"canceled_at": None, "paid_at": None},
    }


def refund(refunded, amount, reason, metadata):
    return {
        "id": new_id("re"),
        "object": "refund",
        "amount": amount,
        "balance_transaction": None,
        "charge": refunded["id"],
        "created": now(),
        "currency": refunded["currency"],
        "metadata": metadata,
        "payment_intent": refunded["payment_intent"],
        "reason": reason,
        "receipt_number": None,
        "status": "succeeded",
    }


def dispute(disputed, amount):
    created = now()
    return {
        "id": new_id("dp"),
        "object": "dispute",
        "amount": amount,
        "balance_transactions": [],
        "charge": disputed["id"],
        "created": created,
        "currency": disputed["currency"],
        "evidence_details": {
            "due_by": created + 7 * 86400,
            "has_evidence": False,
            "past_due": False,
            "submission_count": 0,
        },
        "is_charge_refundable": False,
        "livemode": False,
        "metadata": {},
        "payment_intent": disputed["payment_intent"],
        "reason": "fraudulent",
        "status": "needs_response",
    }


def checkout_session(base_url, mode, amount, expires_at, created, **fields):
    """An open session; `fields` are the ones taken as given (currency, customer, urls...)."""
    session_id = new_id("cs_test", 58)
    return {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": amount,
        "amount_total": amount,
        "cancel_url": fields["cancel_url"],
        "client_reference_id": fields["client_reference_id"],
        "created": created,
        "currency": fields["currency"],
        "customer": fields["customer"],
        "customer_details": None,
        "customer_email": fields["customer_email"],
        "expires_at": expires_at,
        "invoice": None,
        "livemode": False,
        "locale": fields["locale"],
        "metadata": fields["metadata"],
        "mode": mode,
        "payment_intent": None,
        "payment_method_types": fields["payment_method_types"],
        "payment_status": "no_payment_required" if mode == "setup" else "unpaid",
        "setup_intent": None,
        "status": "open",
        "subscription": None,
        "success_url": fields["success_url"],
        "ui_mode": "hosted",
        "url": f"{base_url}/c/pay/{session_id}",
    }
