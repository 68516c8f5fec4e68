"""Failed instalments: Stripe's retry schedule, then the subscription's end.

A mixin of `State`: its methods run inside `State.transaction()` like the others.

As Stripe does, a failed subscription invoice carries `attempt_count` and, while retries are
left, `next_payment_attempt`; the last failure has none, and the subscription then becomes what
the account's "if all retries for a payment fail" setting says: canceled (with
`cancellation_details.reason` "payment_failed"), unpaid, or left past_due. `retry_invoice` is the
clock reaching a scheduled retry; it charges the subscription's current payment method, so a card
or IBAN the donor changed meanwhile is the one tried.
"""

from .objects import now
from .params import FakeStripeError, choice, to_int

# Stripe API routes and control routes this module adds (same shapes as server.API_ROUTES).
API_ROUTES = []
CONTROL_ROUTES = [
    ("POST", r"/_fake/invoices/([^/]+)/retry", "retry_invoice"),
    ("POST", r"/_fake/retries", "configure_retries"),
]
AFTER_RETRIES = ("canceled", "unpaid", "past_due")
RETRY_DELAY = 3 * 86400  # between attempts: a custom schedule's usual few days


class RetryActions:
    # Attempts in all, the first included (Stripe's custom schedules allow up to 4 retries).
    retry_attempts = 4
    after_retries = "canceled"

    def configure_retries(self, attempts=None, after=None):
        """The account's retry settings: number of attempts, and the subscription's status
        after the last one fails."""
        if attempts is not None:
            attempts = to_int(attempts, "attempts")
            if not 1 <= attempts <= 8:
                raise FakeStripeError("Stripe makes 1 to 8 attempts.", param="attempts")
            self.retry_attempts = attempts
        if after is not None:
            self.after_retries = choice(after, AFTER_RETRIES, "after")
        return {"attempts": self.retry_attempts, "after": self.after_retries}

    def _next_attempt(self, invoice):
        """When a failed invoice is tried again; None once its attempts are spent, and for the
        first invoice, which leaves its subscription incomplete rather than retrying."""
        if invoice["billing_reason"] == "subscription_create":
            return None
        if invoice["attempt_count"] >= self.retry_attempts:
            return None
        return now() + RETRY_DELAY

    def _after_last_attempt(self, invoice, subscription):
        """What Stripe does to a subscription whose invoice failed its last attempt."""
        if invoice["next_payment_attempt"] is not None or invoice["status"] != "open":
            return
        if subscription["status"] not in ("active", "past_due"):
            return  # an incomplete subscription expires instead
        if self.after_retries == "unpaid":
            self._set_status(subscription, "unpaid")
        elif self.after_retries == "canceled":
            ended = now()
            subscription.update(
                status="canceled",
                canceled_at=ended,
                ended_at=ended,
                cancel_at=None,
                cancellation_details={
                    "comment": None,
                    "feedback": None,
                    "reason": "payment_failed",
                },
            )
            self._emit("customer.subscription.deleted", subscription)

    def retry_invoice(self, invoice_id, succeeded=True):
        """Stripe's scheduled retry of a failed invoice, with the subscription's payment method
        of now (its own default, else the customer's)."""
        invoice = self.get(invoice_id, "invoice")
        if invoice["status"] != "open" or invoice["next_payment_attempt"] is None:
            raise FakeStripeError(f"Invoice {invoice_id} has no retry scheduled.")
        subscription = self.objects[invoice["parent"]["subscription_details"]["subscription"]]
        method_id = (
            subscription["default_payment_method"]
            or self.objects[subscription["customer"]]["invoice_settings"]["default_payment_method"]
        )
        intent = self.objects[self._invoice_payment(invoice_id)["payment"]["payment_intent"]]
        if method_id:
            intent["payment_method"] = method_id
            intent["payment_method_types"] = [self.objects[method_id]["type"]]
        return self.pay_invoice(invoice_id, succeeded)
