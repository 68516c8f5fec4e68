"""The fake's Stripe account: objects in memory, the API actions and the payment flows.

Every action runs inside `transaction()`, which holds the one lock and collects the events the
action emits, so that the caller delivers them once the lock is released (a webhook receiver may
call the API back while handling them). Actions check their parameters before changing anything.
"""

import copy
import threading
from contextlib import contextmanager

from . import objects
from .customers import CustomerActions
from .objects import now, previous_attributes
from .params import (
    FakeStripeError,
    array_param,
    choice,
    hash_param,
    merged_metadata,
    missing,
    require,
    to_bool,
    to_int,
)
from .retries import RetryActions
from .upsell import UpsellActions

MODES = ("payment", "subscription", "setup")
PAYMENT_METHOD_TYPES = ("card", "sepa_debit")
INTERVALS = ("day", "week", "month", "year")
# The payer's email when neither the session nor the hosted page gave one.
DEFAULT_EMAIL = "payer@example.com"
# Path segment of each retrievable resource, and the `object` its ids name.
RESOURCES = {
    "checkout/sessions": "checkout.session",
    "customers": "customer",
    "subscriptions": "subscription",
    "invoices": "invoice",
    "invoice_payments": "invoice_payment",
    "payment_intents": "payment_intent",
    "charges": "charge",
    "refunds": "refund",
    "disputes": "dispute",
    "payment_methods": "payment_method",
    "setup_intents": "setup_intent",
    "prices": "price",
    "products": "product",
    "events": "event",
}
CREATED_FILTERS = {
    "gt": lambda created, bound: created > bound,
    "gte": lambda created, bound: created >= bound,
    "lt": lambda created, bound: created < bound,
    "lte": lambda created, bound: created <= bound,
}


class State(CustomerActions, RetryActions, UpsellActions):
    def __init__(self):
        self.lock = threading.RLock()
        self.base_url = ""
        self.objects = {}  # every object and event, by id
        self.events = []  # in emission order
        self._session_extras = {}  # what a checkout session passes on to the objects it creates
        self._session_lines = {}  # checkout session id -> [(price, quantity)]
        self._last_event_created = 0
        self._request = {"id": None, "idempotency_key": None}
        self._emitted = []

    @contextmanager
    def transaction(self, request_id=None, idempotency_key=None):
        """Run one action under the lock; yields the list its emitted events are appended to.
        Events of actions without an API request (the payer's, the clock's) have a null id."""
        with self.lock:
            self._request = {"id": request_id, "idempotency_key": idempotency_key}
            self._emitted = []
            yield self._emitted

    # Storage, lookups and lists

    def get(self, object_id, object_name, param="id", status=404):
        """An object by id; a reference given as a body parameter answers 400, a path 404."""
        found = self.objects.get(object_id) if isinstance(object_id, str) else None
        if found is None or found["object"] != object_name:
            raise FakeStripeError(
                f"No such {object_name}: '{object_id}'",
                status=status,
                code="resource_missing",
                param=param,
            )
        return found

    def retrieve(self, params, resource, object_id):
        return self.get(object_id, RESOURCES[resource])

    def expand(self, obj, paths):
        """A copy of obj with the ids at the given dotted paths replaced by their objects."""
        result = copy.deepcopy(obj)
        for path in array_param(paths, "expand"):
            self._expand(result, path.split("."), path)
        return result

    def _expand(self, node, parts, path):
        key, rest = parts[0], parts[1:]
        if not isinstance(node, dict) or key not in node:
            raise FakeStripeError(f"This property cannot be expanded ({path}).", param="expand")
        value = node[key]
        if isinstance(value, str) and value in self.objects:
            value = node[key] = copy.deepcopy(self.objects[value])
        for child in value if isinstance(value, list) else [value]:
            if rest and child is not None:
                self._expand(child, rest, path)

    def _save(self, obj):
        self.objects[obj["id"]] = obj
        return obj

    def _emit(self, event_type, obj, previous=None):
        # Strictly increasing `created`, so that listing with created[gt] never skips an event.
        self._last_event_created = max(now(), self._last_event_created + 1)
        event = objects.event(event_type, obj, previous, self._last_event_created, self._request)
        self._save(event)
        self.events.append(event)
        self._emitted.append(event)

    def _all(self, object_name):
        """Objects of one kind, newest first (the order of Stripe's lists)."""
        return [obj for obj in reversed(self.objects.values()) if obj["object"] == object_name]

    def _page(self, items, params, url):
        """One page of a newest-first list, filtered and paginated like Stripe's lists."""
        created = params.get("created")
        if isinstance(created, dict):
            for op, bound in created.items():
                test = CREATED_FILTERS[choice(op, tuple(CREATED_FILTERS), "created")]
                bound = to_int(bound, f"created[{op}]")
                items = [item for item in items if test(item["created"], bound)]
        elif created is not None:
            items = [item for item in items if item["created"] == to_int(created, "created")]
        limit = to_int(params.get("limit", 10), "limit")
        if not 1 <= limit <= 100:
            raise FakeStripeError("Invalid limit: must be between 1 and 100", param="limit")
        ids = [item["id"] for item in items]
        for cursor in ("starting_after", "ending_before"):
            if cursor in params and params[cursor] not in ids:
                raise FakeStripeError(
                    f"No such object: '{params[cursor]}'", code="resource_missing", param=cursor
                )
        if "starting_after" in params:
            rest = items[ids.index(params["starting_after"]) + 1 :]
            data, has_more = rest[:limit], len(rest) > limit
        elif "ending_before" in params:  # the page just before the cursor, still newest first
            rest = items[: ids.index(params["ending_before"])]
            data, has_more = rest[-limit:], len(rest) > limit
        else:
            data, has_more = items[:limit], len(items) > limit
        return {"object": "list", "data": data, "has_more": has_more, "url": url}

    def list_events(self, params):
        events = list(reversed(self.events))
        if params.get("types"):
            types = array_param(params["types"], "types")
            events = [event for event in events if event["type"] in types]
        elif params.get("type"):
            wanted = params["type"]
            if wanted.endswith("*"):  # Stripe's wildcard, e.g. type=invoice.*
                events = [event for event in events if event["type"].startswith(wanted[:-1])]
            else:
                events = [event for event in events if event["type"] == wanted]
        return self._page(events, params, "/v1/events")

    def list_invoice_payments(self, params):
        payments = self._all("invoice_payment")
        payment = hash_param(params.get("payment", {}), "payment")
        for value, field in (
            (params.get("invoice"), lambda pay: pay["invoice"]),
            (params.get("status"), lambda pay: pay["status"]),
            (payment.get("type"), lambda pay: pay["payment"]["type"]),
            (payment.get("payment_intent"), lambda pay: pay["payment"]["payment_intent"]),
        ):
            if value is not None:
                payments = [pay for pay in payments if field(pay) == value]
        return self._page(payments, params, "/v1/invoice_payments")

    # Customers and prices

    def create_customer(self, params):
        customer = objects.customer(
            params.get("email"),
            name=params.get("name"),
            description=params.get("description"),
            phone=params.get("phone"),
            metadata=merged_metadata({}, params.get("metadata", {})),
        )
        return self._save(customer)

    def _create_price(self, data, param, recurring_required=False):
        hash_param(data, param)
        currency = require(data, "currency", f"{param}[currency]").lower()
        unit_amount = to_int(
            require(data, "unit_amount", f"{param}[unit_amount]"), f"{param}[unit_amount]"
        )
        if unit_amount < 0:
            raise FakeStripeError("Invalid non-negative integer", param=f"{param}[unit_amount]")
        recurring = data.get("recurring")
        if recurring_required and not recurring:
            raise missing(f"{param}[recurring]")
        interval = recurring and choice(
            require(recurring, "interval", f"{param}[recurring][interval]"),
            INTERVALS,
            f"{param}[recurring][interval]",
        )
        count = recurring and to_int(
            recurring.get("interval_count", 1), f"{param}[recurring][interval_count]"
        )
        if "product" in data:
            product_id = self.get(data["product"], "product", f"{param}[product]", 400)["id"]
        else:
            name = require(data.get("product_data"), "name", f"{param}[product_data][name]")
            product_id = self._save(objects.product(name))["id"]
        return self._save(objects.price(currency, unit_amount, product_id, interval, count))

    # Checkout sessions

    def create_session(self, params):
        mode = choice(require(params, "mode"), MODES, "mode")
        if params.get("customer") and params.get("customer_email"):
            raise FakeStripeError(
                "You may only specify one of these parameters: customer, customer_email."
            )
        customer = params.get("customer")
        if customer is not None:
            customer = self.get(customer, "customer", "customer", status=400)["id"]
        methods = array_param(
            params.get("payment_method_types") or ["card"], "payment_method_types"
        )
        for index, method in enumerate(methods):
            choice(method, PAYMENT_METHOD_TYPES, f"payment_method_types[{index}]")
        # Copies: the request's parameters are its idempotency fingerprint, never changed.
        extras = {
            name: dict(hash_param(params.get(name) or {}, name))
            for name in ("payment_intent_data", "subscription_data", "setup_intent_data")
        }
        for name, data in extras.items():
            data["metadata"] = merged_metadata({}, data.get("metadata", {}), f"{name}[metadata]")
        future_usage = extras["payment_intent_data"].get("setup_future_usage")
        if future_usage is not None:
            choice(
                future_usage,
                ("on_session", "off_session"),
                "payment_intent_data[setup_future_usage]",
            )
            if mode != "payment":
                raise FakeStripeError(
                    "You can only pass in `payment_intent_data` in `payment` mode.",
                    param="payment_intent_data",
                )
        # Per-method options: only `card[setup_future_usage]` is modelled (the card alone kept).
        method_options = hash_param(
            params.get("payment_method_options") or {}, "payment_method_options"
        )
        card_usage = hash_param(
            method_options.get("card") or {}, "payment_method_options[card]"
        ).get("setup_future_usage")
        if card_usage is not None:
            choice(
                card_usage,
                ("none", "on_session", "off_session"),
                "payment_method_options[card][setup_future_usage]",
            )
        extras["payment_intent_data"]["card_setup_future_usage"] = card_usage
        created = now()
        lines = self._checkout_lines(params, mode)
        currencies = {line_price["currency"] for line_price, _ in lines}
        session = objects.checkout_session(
            self.base_url,
            mode,
            sum(line_price["unit_amount"] * quantity for line_price, quantity in lines)
            if lines
            else None,
            to_int(params.get("expires_at", created + 86400), "expires_at"),
            created,
            currency=currencies.pop() if currencies else params.get("currency"),
            customer=customer,
            payment_method_types=methods,
            metadata=merged_metadata({}, params.get("metadata", {})),
            **{
                name: params.get(name)
                for name in (
                    "cancel_url",
                    "client_reference_id",
                    "customer_email",
                    "locale",
                    "success_url",
                )
            },
        )
        self._session_extras[session["id"]] = extras
        self._session_lines[session["id"]] = lines
        return self._save(session)

    def _checkout_lines(self, params, mode):
        """(price, quantity) of each line item; the prices are created as Stripe does."""
        if mode == "setup":
            return []
        items = params.get("line_items")
        if not items:
            raise missing("line_items")
        lines = []
        for index, item in enumerate(array_param(items, "line_items")):
            param = f"line_items[{index}]"
            price_data = require(item, "price_data", f"{param}[price_data]")
            quantity = to_int(require(item, "quantity", f"{param}[quantity]"), f"{param}[quantity]")
            line_price = self._create_price(price_data, f"{param}[price_data]")
            if mode == "payment" and line_price["recurring"]:
                raise FakeStripeError(
                    "You specified `payment` mode but passed a recurring price. Either switch "
                    "to `subscription` mode or use only one-time prices.",
                    param=param,
                )
            if mode == "subscription" and not line_price["recurring"]:
                raise FakeStripeError(
                    "The fake supports only recurring prices in `subscription` mode.", param=param
                )
            lines.append((line_price, quantity))
        if len({line_price["currency"] for line_price, _ in lines}) > 1:
            raise FakeStripeError("All line items must use the same currency.", param="line_items")
        if len({str(line_price["recurring"]) for line_price, _ in lines}) > 1:
            raise FakeStripeError(
                "All recurring prices must have the same interval.", param="line_items"
            )
        return lines

    def session_lines(self, session_id):
        """What the hosted page shows: name, unit amount, quantity and interval of each line."""
        return [
            {
                "name": self.objects[line_price["product"]]["name"],
                "unit_amount": line_price["unit_amount"],
                "quantity": quantity,
                "currency": line_price["currency"],
                "interval": (line_price["recurring"] or {}).get("interval"),
            }
            for line_price, quantity in self._session_lines[session_id]
        ]

    def expire_session(self, params, session_id):
        session = self.get(session_id, "checkout.session")
        if session["status"] != "open":
            raise FakeStripeError(
                'Only Checkout Sessions with a status in ["open"] can be expired.'
            )
        session.update(status="expired", url=None)
        self._emit("checkout.session.expired", session)
        return session

    def complete_session(self, session_id, method="card", email=None):
        """The payer's submit on the hosted page."""
        session = self.get(session_id, "checkout.session")
        if session["status"] != "open":
            raise FakeStripeError(
                f"Checkout session {session_id} is {session['status']}: only an open session "
                "can be completed."
            )
        if method not in session["payment_method_types"]:
            raise FakeStripeError(
                f"Payment method {method!r} is not among this session's payment_method_types.",
                param="method",
            )
        if session["customer"]:
            customer = self.objects[session["customer"]]
        else:
            email = email or session["customer_email"] or DEFAULT_EMAIL
            customer = self._save(objects.customer(email))
        payment_method = self._save(objects.payment_method(method, customer))
        session.update(
            status="complete",
            url=None,
            customer=customer["id"],
            customer_details=objects.customer_details(customer),
        )
        complete = {
            "payment": self._complete_payment,
            "subscription": self._complete_subscription,
            "setup": self._complete_setup,
        }[session["mode"]]
        complete(session, customer, payment_method)
        return session

    def _complete_payment(self, session, customer, payment_method):
        extras = self._session_extras[session["id"]]["payment_intent_data"]
        intent = self._save(
            objects.payment_intent(
                session["amount_total"],
                session["currency"],
                customer["id"],
                payment_method,
                extras["metadata"],
                extras.get("description"),
            )
        )
        # The method stays attached to the customer only when the session asked for it: for
        # every method (payment_intent_data), or for a card alone (payment_method_options).
        card = payment_method["type"] == "card"
        intent["setup_future_usage"] = extras.get("setup_future_usage")
        card_usage = extras.get("card_setup_future_usage")
        if card and card_usage:
            intent["payment_method_options"] = {"card": {"setup_future_usage": card_usage}}
        kept = intent["setup_future_usage"] or (card and card_usage not in (None, "none"))
        if not kept:
            payment_method["customer"] = None
        self._attempt_payment(intent, "succeeded" if card else "pending")
        session.update(payment_intent=intent["id"], payment_status="paid" if card else "unpaid")
        self._emit("checkout.session.completed", session)

    def _complete_subscription(self, session, customer, payment_method):
        card = payment_method["type"] == "card"
        subscription = self._save(
            objects.subscription(
                customer["id"],
                self._session_lines[session["id"]],
                self._session_extras[session["id"]]["subscription_data"]["metadata"],
                payment_method["id"],
                # Checkout creates subscriptions with payment_behavior=default_incomplete: a
                # first payment still processing (a SEPA debit) leaves it incomplete.
                status="active" if card else "incomplete",
            )
        )
        start = subscription["start_date"]
        invoice = self._create_invoice(
            subscription,
            "subscription_create",
            payment_method,
            "succeeded" if card else "pending",
            period=(start, start),
        )
        session.update(
            subscription=subscription["id"],
            invoice=invoice["id"],
            payment_status="paid" if card else "unpaid",
        )
        self._emit("customer.subscription.created", subscription)
        self._emit("checkout.session.completed", session)
        if card:
            self._emit("invoice.paid", invoice)

    def _complete_setup(self, session, customer, payment_method):
        metadata = self._session_extras[session["id"]]["setup_intent_data"]["metadata"]
        subscription = None
        if "subscription_id" in metadata:
            subscription = self.get(metadata["subscription_id"], "subscription")
        setup_intent = self._save(objects.setup_intent(customer["id"], payment_method, metadata))
        # Stands in for the follow-up Stripe's guide asks of the integration: the new method
        # becomes the customer's default, and that of the subscription named in the metadata.
        customer["invoice_settings"]["default_payment_method"] = payment_method["id"]
        if subscription:
            subscription["default_payment_method"] = payment_method["id"]
        session["setup_intent"] = setup_intent["id"]
        self._emit("checkout.session.completed", session)

    def async_payment(self, session_id, succeeded=True, debit_date=None):
        """The bank's answer for a debit still processing when the session completed."""
        session = self.get(session_id, "checkout.session")
        intent = self.objects.get(session["payment_intent"])
        processing = session["mode"] == "subscription" or (
            intent and self.objects[intent["latest_charge"]]["status"] == "pending"
        )
        if session["payment_status"] != "unpaid" or not processing:
            raise FakeStripeError(f"Checkout session {session_id} has no payment processing.")
        if session["mode"] == "subscription":
            self.pay_invoice(session["invoice"], succeeded)
            return session
        charge = self.objects[intent["latest_charge"]]
        if debit_date:
            charge["payment_method_details"]["sepa_debit"]["expected_debit_date"] = debit_date
        self._settle(charge, intent, succeeded)
        if succeeded:
            session["payment_status"] = "paid"
            self._emit("checkout.session.async_payment_succeeded", session)
        else:
            self._emit("checkout.session.async_payment_failed", session)
        return session

    # Payments

    def _attempt_payment(self, intent, outcome):
        """A new charge of the intent, `succeeded`, `failed` or `pending` (a debit the bank is
        processing); the intent follows."""
        charge = self._save(objects.charge(intent, self.objects[intent["payment_method"]]))
        intent["latest_charge"] = charge["id"]
        if outcome == "pending":
            intent.update(status="processing", last_payment_error=None)
        else:
            self._settle(charge, intent, outcome == "succeeded")
        return charge

    def _settle(self, charge, intent, succeeded):
        if succeeded:
            charge.update(
                status="succeeded", paid=True, captured=True, amount_captured=charge["amount"]
            )
            intent.update(
                status="succeeded", amount_received=intent["amount"], last_payment_error=None
            )
            return
        code, message, error_type = objects.FAILURES[charge["payment_method_details"]["type"]]
        charge.update(status="failed", failure_code=code, failure_message=message)
        intent.update(
            status="requires_payment_method",
            last_payment_error={"code": code, "message": message, "type": error_type},
        )

    def create_refund(self, params):
        if "charge" in params:
            charge = self.get(params["charge"], "charge", "charge", status=400)
        elif "payment_intent" in params:
            intent = self.get(params["payment_intent"], "payment_intent", "payment_intent", 400)
            charge = self.objects.get(intent["latest_charge"])
        else:
            raise FakeStripeError(
                "One of the following params should be provided for this request: "
                "payment_intent or charge."
            )
        if charge is None or charge["status"] != "succeeded":
            raise FakeStripeError("This payment has no succeeded charge to refund.")
        remaining = charge["amount"] - charge["amount_refunded"]
        if remaining == 0:
            raise FakeStripeError(
                f"Charge {charge['id']} has already been refunded.", code="charge_already_refunded"
            )
        amount = to_int(params.get("amount", remaining), "amount")
        if amount <= 0:
            raise FakeStripeError("Invalid positive integer", param="amount")
        if amount > remaining:
            currency = charge["currency"]
            raise FakeStripeError(
                f"Refund amount ({objects.money(amount, currency)}) is greater than unrefunded "
                f"amount on charge ({objects.money(remaining, currency)})",
                param="amount",
            )
        reason = params.get("reason")
        if reason is not None:
            choice(reason, ("duplicate", "fraudulent", "requested_by_customer"), "reason")
        metadata = merged_metadata({}, params.get("metadata", {}))
        refund = self._save(objects.refund(charge, amount, reason, metadata))
        before = copy.deepcopy(charge)
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        self._emit("charge.refunded", charge, previous_attributes(before, charge))
        return refund

    def dispute(self, charge_id, amount=None):
        charge = self.get(charge_id, "charge")
        if charge["status"] != "succeeded" or charge["disputed"]:
            raise FakeStripeError(f"Charge {charge_id} cannot be disputed.")
        amount = charge["amount"] if amount is None else to_int(amount, "amount")
        if not 0 < amount <= charge["amount"]:
            raise FakeStripeError("A dispute is for at most the charge's amount.", param="amount")
        dispute = self._save(objects.dispute(charge, amount))
        charge["disputed"] = True
        self._emit("charge.dispute.created", dispute)
        return dispute

    # Subscriptions and their invoices

    def _create_invoice(self, subscription, billing_reason, payment_method, outcome, period):
        """The invoice of the subscription's current items, charged at once."""
        customer = self.objects[subscription["customer"]]
        invoice_id = objects.new_id("in")
        lines = [
            objects.invoice_line(
                invoice_id,
                subscription["id"],
                item,
                self.objects[item["price"]["product"]]["name"],
            )
            for item in subscription["items"]["data"]
        ]
        number = 1 + sum(1 for other in self._all("invoice") if other["customer"] == customer["id"])
        invoice = self._save(
            objects.invoice(
                invoice_id, subscription, customer, lines, billing_reason, number, period
            )
        )
        subscription["latest_invoice"] = invoice_id
        description = {
            "subscription_create": "Subscription creation",
            "subscription_cycle": "Subscription update",
        }[billing_reason]
        intent = self._save(
            objects.payment_intent(
                invoice["amount_due"],
                invoice["currency"],
                customer["id"],
                payment_method,
                {},
                description,
            )
        )
        self._save(objects.invoice_payment(invoice, intent["id"]))
        self._record_outcome(invoice, self._attempt_payment(intent, outcome))
        return invoice

    def _invoice_payment(self, invoice_id):
        return next(pay for pay in self._all("invoice_payment") if pay["invoice"] == invoice_id)

    def _record_outcome(self, invoice, charge):
        if charge["status"] == "succeeded":
            paid_at = now()
            invoice.update(
                status="paid",
                amount_paid=invoice["amount_due"],
                amount_remaining=0,
                next_payment_attempt=None,
            )
            invoice["status_transitions"]["paid_at"] = paid_at
            self._invoice_payment(invoice["id"]).update(
                status="paid",
                amount_paid=invoice["amount_due"],
                status_transitions={"canceled_at": None, "paid_at": paid_at},
            )
        elif charge["status"] == "failed":
            # Retried a few days later while attempts are left (retries.py).
            invoice["next_payment_attempt"] = self._next_attempt(invoice)

    def _set_status(self, subscription, status):
        if subscription["status"] != status:
            previous = {"status": subscription["status"]}
            subscription["status"] = status
            self._emit("customer.subscription.updated", subscription, previous)

    def _invoice_result(self, invoice, subscription, succeeded):
        if succeeded:
            self._emit("invoice.paid", invoice)
            self._set_status(subscription, "active")
        else:
            self._emit("invoice.payment_failed", invoice)
            if subscription["status"] == "active":  # an incomplete one stays incomplete
                self._set_status(subscription, "past_due")
            self._after_last_attempt(invoice, subscription)

    def pay_invoice(self, invoice_id, succeeded=True):
        """The outcome of an open invoice: its processing debit settles, or a retry is made."""
        invoice = self.get(invoice_id, "invoice")
        if invoice["status"] != "open":
            raise FakeStripeError(
                f"Invoice {invoice_id} is {invoice['status']}: only an open invoice can be paid."
            )
        subscription = self.objects[invoice["parent"]["subscription_details"]["subscription"]]
        if subscription["status"] == "canceled":
            raise FakeStripeError(f"Subscription {subscription['id']} is canceled.")
        intent = self.objects[self._invoice_payment(invoice_id)["payment"]["payment_intent"]]
        charge = self.objects[intent["latest_charge"]]
        if charge["status"] == "pending":
            self._settle(charge, intent, succeeded)
        else:
            invoice["attempt_count"] += 1
            charge = self._attempt_payment(intent, "succeeded" if succeeded else "failed")
        self._record_outcome(invoice, charge)
        self._invoice_result(invoice, subscription, succeeded)
        # The Checkout session whose first payment this was hears of it too.
        session = next(
            (
                session
                for session in self._all("checkout.session")
                if session["invoice"] == invoice_id and session["payment_status"] == "unpaid"
            ),
            None,
        )
        if session and succeeded:
            session["payment_status"] = "paid"
            self._emit("checkout.session.async_payment_succeeded", session)
        elif session:
            self._emit("checkout.session.async_payment_failed", session)
        return invoice

    def next_invoice(self, subscription_id, succeeded=True):
        """The next period's invoice at the current price, charged at once."""
        subscription = self.get(subscription_id, "subscription")
        if subscription["status"] not in ("active", "past_due"):
            raise FakeStripeError(
                f"Subscription {subscription_id} is {subscription['status']}: it is not billed."
            )
        if subscription["pause_collection"]:
            raise FakeStripeError(f"Subscription {subscription_id} has its collection paused.")
        payment_method_id = (
            subscription["default_payment_method"]
            or self.objects[subscription["customer"]]["invoice_settings"]["default_payment_method"]
        )
        if payment_method_id is None:
            raise FakeStripeError(f"Subscription {subscription_id} has no payment method.")
        items = subscription["items"]["data"]
        period = (items[0]["current_period_start"], items[0]["current_period_end"])
        for item in items:
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] = objects.add_interval(
                item["current_period_end"], item["price"]["recurring"]
            )
        invoice = self._create_invoice(
            subscription,
            "subscription_cycle",
            self.objects[payment_method_id],
            "succeeded" if succeeded else "failed",
            period,
        )
        self._invoice_result(invoice, subscription, succeeded)
        return invoice

    def update_subscription(self, params, subscription_id):
        subscription = self.get(subscription_id, "subscription")
        if subscription["status"] == "canceled" and set(params) - {
            "metadata",
            "cancellation_details",
            "expand",
        }:
            raise FakeStripeError(
                "A canceled subscription can only update its cancellation_details and metadata."
            )
        updated = copy.deepcopy(subscription)
        if "items" in params:
            self._update_items(updated, params["items"])
        if "pause_collection" in params:
            updated["pause_collection"] = self._pause_collection(params["pause_collection"])
        if "cancel_at_period_end" in params:
            at_end = to_bool(params["cancel_at_period_end"], "cancel_at_period_end")
            updated.update(
                cancel_at_period_end=at_end,
                cancel_at=updated["items"]["data"][0]["current_period_end"] if at_end else None,
                # As Stripe does: the time of the request that scheduled the cancellation.
                canceled_at=now() if at_end else None,
            )
        if "metadata" in params:
            updated["metadata"] = merged_metadata(updated["metadata"], params["metadata"])
        if "default_payment_method" in params:
            method_id = params["default_payment_method"]
            if method_id != "":
                self.get(method_id, "payment_method", "default_payment_method", status=400)
            updated["default_payment_method"] = method_id or None
        if "proration_behavior" in params:
            # Accepted, but the fake prorates nothing: a new price applies from the next invoice.
            choice(
                params["proration_behavior"],
                ("always_invoice", "create_prorations", "none"),
                "proration_behavior",
            )
        if "cancellation_details" in params:
            details = hash_param(params["cancellation_details"], "cancellation_details")
            for key in ("comment", "feedback"):
                if key in details:
                    updated["cancellation_details"][key] = details[key] or None
        previous = previous_attributes(subscription, updated)
        subscription.update(updated)
        if previous:
            self._emit("customer.subscription.updated", subscription, previous)
        return subscription

    def _pause_collection(self, pause):
        if pause == "":  # `pause_collection=` resumes collection
            return None
        behavior = require(pause, "behavior", "pause_collection[behavior]")
        resumes_at = pause.get("resumes_at")
        return {
            "behavior": choice(
                behavior,
                ("keep_as_draft", "mark_uncollectible", "void"),
                "pause_collection[behavior]",
            ),
            "resumes_at": resumes_at and to_int(resumes_at, "pause_collection[resumes_at]"),
        }

    def _update_items(self, subscription, changes):
        """Apply items[N][id] with a new price_data or quantity to the (copied) subscription."""
        items = {item["id"]: item for item in subscription["items"]["data"]}
        for index, change in enumerate(array_param(changes, "items")):
            param = f"items[{index}]"
            item_id = require(change, "id", f"{param}[id]")
            if item_id not in items:
                raise FakeStripeError(
                    f"No such subscription item: '{item_id}'",
                    code="resource_missing",
                    param=f"{param}[id]",
                )
            if "price_data" in change:
                new_price = self._create_price(
                    change["price_data"], f"{param}[price_data]", recurring_required=True
                )
                if new_price["currency"] != subscription["currency"]:
                    raise FakeStripeError(
                        "The price's currency must be the subscription's.",
                        param=f"{param}[price_data][currency]",
                    )
                items[item_id]["price"] = copy.deepcopy(new_price)
            if "quantity" in change:
                items[item_id]["quantity"] = to_int(change["quantity"], f"{param}[quantity]")

    def cancel_subscription(self, params, subscription_id):
        subscription = self.get(subscription_id, "subscription")
        if subscription["status"] == "canceled":
            raise FakeStripeError(f"Subscription {subscription_id} is already canceled.")
        details = hash_param(params.get("cancellation_details", {}), "cancellation_details")
        canceled_at = now()
        subscription.update(
            status="canceled",
            canceled_at=canceled_at,
            ended_at=canceled_at,
            cancel_at=None,
            cancellation_details={
                "comment": details.get("comment") or None,
                "feedback": details.get("feedback") or None,
                "reason": "cancellation_requested",
            },
        )
        self._emit("customer.subscription.deleted", subscription)
        return subscription
