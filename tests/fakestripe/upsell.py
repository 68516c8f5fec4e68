"""Subscriptions created by the API with a saved payment method (the monthly upsell).

A mixin of `State`: its methods run inside `State.transaction()` like the others. A card saved
by a Checkout payment with `payment_intent_data[setup_future_usage]` is attached to its
customer (`State._complete_payment`); `POST /v1/subscriptions` charges it for the first
invoice at once, as Stripe does for `collection_method=charge_automatically`.
"""

from . import objects
from .params import FakeStripeError, array_param, choice, merged_metadata, require, to_bool

# Stripe API routes and control routes this module adds (same shapes as server.API_ROUTES).
API_ROUTES = [
    ("POST", r"/v1/subscriptions", "create_subscription"),
    ("POST", r"/v1/products", "create_product"),
    ("POST", r"/v1/payment_methods/([^/]+)/detach", "detach_payment_method"),
]
CONTROL_ROUTES = []

PAYMENT_BEHAVIORS = ("allow_incomplete", "error_if_incomplete")


class UpsellActions:
    # Ids of payment methods whose next off-session charges are declined (set by tests).
    declining: set

    def create_product(self, params):
        name = require(params, "name")
        product = objects.product(name)
        product["metadata"] = merged_metadata({}, params.get("metadata", {}))
        return self._save(product)

    def detach_payment_method(self, params, method_id):
        method = self.get(method_id, "payment_method")
        if not method["customer"]:
            raise FakeStripeError(
                f"The payment method you provided is not attached to a customer: {method_id}",
                code="payment_method_unexpected_state",
            )
        customer = self.objects[method["customer"]]
        if customer["invoice_settings"]["default_payment_method"] == method_id:
            customer["invoice_settings"]["default_payment_method"] = None
        method["customer"] = None
        return method

    def create_subscription(self, params):
        """Checks everything, then decides the first payment, before creating anything."""
        customer = self.get(require(params, "customer"), "customer", "customer", status=400)
        behavior = choice(
            params.get("payment_behavior", "allow_incomplete"),
            PAYMENT_BEHAVIORS,
            "payment_behavior",
        )
        if "off_session" in params:
            to_bool(params["off_session"], "off_session")
        metadata = merged_metadata({}, params.get("metadata", {}))
        items = array_param(require(params, "items"), "items")
        if len(items) != 1:
            raise FakeStripeError("The fake supports subscriptions of one item.", param="items")
        method = self._subscription_method(params, customer)
        declined = method["id"] in getattr(self, "declining", ())
        card = method["type"] == "card"
        if declined and behavior == "error_if_incomplete":
            code, message, _ = objects.FAILURES["card"]
            raise FakeStripeError(message, status=402, error_type="card_error", code=code)
        item = items[0]
        if "price" in item:
            price = self.get(item["price"], "price", "items[0][price]", status=400)
            if not price["recurring"]:
                raise FakeStripeError(
                    "The price specified is set to `type=one_time` but this field only accepts "
                    "prices with `type=recurring`.",
                    param="items[0][price]",
                )
        else:
            price_data = require(item, "price_data", "items[0][price_data]")
            require(price_data, "product", "items[0][price_data][product]")
            price = self._create_price(price_data, "items[0][price_data]", recurring_required=True)
        quantity = int(item.get("quantity", 1))

        outcome = "failed" if declined else ("succeeded" if card else "pending")
        subscription = self._save(
            objects.subscription(
                customer["id"],
                [(price, quantity)],
                metadata,
                method["id"] if params.get("default_payment_method") else None,
                status="active" if outcome == "succeeded" else "incomplete",
            )
        )
        start = subscription["start_date"]
        invoice = self._create_invoice(
            subscription, "subscription_create", method, outcome, period=(start, start)
        )
        self._emit("customer.subscription.created", subscription)
        if outcome == "succeeded":
            self._emit("invoice.paid", invoice)
        elif outcome == "failed":
            self._emit("invoice.payment_failed", invoice)
        return subscription

    def _subscription_method(self, params, customer):
        """The saved method that pays: the one named, which must be the customer's, else the
        customer's default."""
        method_id = (
            params.get("default_payment_method")
            or (customer["invoice_settings"]["default_payment_method"])
        )
        if not method_id:
            raise FakeStripeError(
                "This customer has no attached payment source or default payment method. "
                "Please consider adding a default payment method.",
                code="resource_missing",
            )
        method = self.get(method_id, "payment_method", "default_payment_method", status=400)
        if method["customer"] != customer["id"]:
            raise FakeStripeError(
                f"The customer does not have a payment method with the ID {method_id}. The "
                "payment method must be attached to the customer.",
                code="resource_missing",
                param="default_payment_method",
            )
        return method
