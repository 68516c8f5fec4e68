"""A fake Stripe of the project's own: real HTTP on loopback, Stripe API version 2026-10-28.endive.

    fake = FakeStripe(webhook_url="http://127.0.0.1:8000/stripe/webhook/").start()
    client = stripe.StripeClient("sk_test_x", base_addresses={"api": fake.url})
    session = client.v1.checkout.sessions.create({...})
    events = fake.complete_session(session.id, method="sepa_debit")  # the payer's part
    fake.async_payment(session.id, succeeded=True)                   # the bank's answer
    fake.stop()

The app creates objects through the API; the payer's and the clock's parts are control methods
(also JSON endpoints under /_fake/ for another process): complete_session, async_payment,
expire_session, pay_invoice, next_invoice, retry_invoice, configure_retries, dispute, deliver;
hang(seconds=None) and answer() make the API slow or stuck, and normal again. Each emitted event
is POSTed, signed like Stripe's, to webhook_url before the call returns. Run
`python -m tests.fakestripe --help` to use it from a development server.
"""

from .objects import API_VERSION
from .params import FakeStripeError
from .server import FakeStripe, sign_payload

__all__ = ["API_VERSION", "FakeStripe", "FakeStripeError", "sign_payload"]
