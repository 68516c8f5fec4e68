"""The fake's retries of a failed instalment, as Stripe makes them: `attempt_count`, then
`next_payment_attempt` while attempts are left, then the subscription's end as the account's
setting says, with the events Stripe sends."""

import json

import pytest
import stripe

from tests.campagnes.stripe.test_fakestripe import API_KEY, http, subscribe, types
from tests.fakestripe import FakeStripe, FakeStripeError


@pytest.fixture
def fake():
    with FakeStripe() as fake:
        yield fake


@pytest.fixture
def client(fake):
    return stripe.StripeClient(API_KEY, base_addresses={"api": fake.url}, max_network_retries=0)


def failed_invoice(fake, client):
    session = subscribe(fake, client)
    events = fake.next_invoice(session.subscription, succeeded=False)
    return session.subscription, events[0]["data"]["object"]


def test_each_failed_attempt_says_when_the_next_one_comes(fake, client):
    fake.configure_retries(attempts=3)
    _subscription, invoice = failed_invoice(fake, client)
    assert (invoice["attempt_count"], invoice["status"]) == (1, "open")
    assert invoice["next_payment_attempt"] > invoice["created"]
    events = fake.retry_invoice(invoice["id"], succeeded=False)
    assert types(events) == ["invoice.payment_failed"]
    retried = events[0]["data"]["object"]
    assert retried["attempt_count"] == 2 and retried["next_payment_attempt"] is not None


@pytest.mark.parametrize(
    ("after", "expected", "status"),
    [
        ("canceled", ["invoice.payment_failed", "customer.subscription.deleted"], "canceled"),
        ("unpaid", ["invoice.payment_failed", "customer.subscription.updated"], "unpaid"),
        ("past_due", ["invoice.payment_failed"], "past_due"),
    ],
)
def test_after_the_last_attempt_the_subscription_ends_as_set(fake, client, after, expected, status):
    fake.configure_retries(attempts=2, after=after)
    subscription_id, invoice = failed_invoice(fake, client)
    events = fake.retry_invoice(invoice["id"], succeeded=False)
    assert types(events) == expected
    assert events[0]["data"]["object"]["next_payment_attempt"] is None
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    assert subscription.status == status
    if after == "canceled":
        assert subscription.cancellation_details.reason == "payment_failed"
    # No retry is left to make.
    with pytest.raises(FakeStripeError):
        fake.retry_invoice(invoice["id"])


def test_a_retry_charges_the_payment_method_the_payer_changed_to(fake, client):
    subscription_id, invoice = failed_invoice(fake, client)
    setup = client.v1.checkout.sessions.create(
        {
            "mode": "setup",
            "customer": client.v1.subscriptions.retrieve(subscription_id).customer,
            "payment_method_types": ["card", "sepa_debit"],
            "setup_intent_data": {"metadata": {"subscription_id": subscription_id}},
            "success_url": "https://example.org/ok",
        }
    )
    fake.complete_session(setup.id, method="sepa_debit")
    new_method = client.v1.subscriptions.retrieve(subscription_id).default_payment_method
    events = fake.retry_invoice(invoice["id"], succeeded=True)
    assert types(events) == ["invoice.paid", "customer.subscription.updated"]
    payments = client.v1.invoice_payments.list({"invoice": invoice["id"]})
    intent = client.v1.payment_intents.retrieve(payments.data[0].payment.payment_intent)
    assert intent.payment_method == new_method


def test_the_control_routes_answer_json(fake, client):
    body = json.dumps({"attempts": 1, "after": "unpaid"}).encode()
    assert http(fake, "POST", "/_fake/retries", body)[0] == 200
    _subscription_id, invoice = failed_invoice(fake, client)
    status, answer = http(fake, "POST", f"/_fake/invoices/{invoice['id']}/retry", b"{}")
    assert status == 400 and "no retry scheduled" in answer["error"]["message"]
    bad = json.dumps({"after": "forever"}).encode()
    assert http(fake, "POST", "/_fake/retries", bad)[0] == 400
