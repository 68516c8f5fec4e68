"""Customers: deletion (an erasure asks Stripe to forget a donor).

A mixin of `State`: its methods run inside `State.transaction()` like the others.
"""

from .params import FakeStripeError

# Stripe API routes and control routes this module adds (same shapes as server.API_ROUTES).
API_ROUTES = [("DELETE", r"/v1/customers/([^/]+)", "delete_customer")]
CONTROL_ROUTES = []


class CustomerActions:
    def delete_customer(self, params, customer_id):
        """As Stripe: the customer's running subscriptions end at once, the customer becomes a
        `deleted` stub (retrieving it answers the stub), and deleting it again answers 404."""
        customer = self.get(customer_id, "customer")
        if customer.get("deleted"):
            raise FakeStripeError(
                f"No such customer: '{customer_id}'",
                status=404,
                code="resource_missing",
                param="id",
            )
        for subscription in self._all("subscription"):
            if subscription["customer"] == customer_id and subscription["status"] != "canceled":
                self.cancel_subscription({}, subscription["id"])
        stub = {"id": customer_id, "object": "customer", "deleted": True}
        self._emit("customer.deleted", customer)
        self.objects[customer_id] = stub
        return dict(stub)
