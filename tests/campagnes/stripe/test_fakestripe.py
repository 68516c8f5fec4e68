"""The fake Stripe, driven by the official stripe library: what the site's tests rely on."""

import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe

from tests.fakestripe import API_VERSION, FakeStripe, FakeStripeError, sign_payload

API_KEY = "sk_test_fakestripe"
SECRET = "whsec_fakestripe"
SUCCESS_URL = "http://testserver/merci/?session={CHECKOUT_SESSION_ID}"
CANCEL_URL = "http://testserver/don/"
# Local requests go straight to the fake, whatever proxy the environment names.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


class Receiver(ThreadingHTTPServer):
    """A webhook endpoint that keeps each delivery's raw body and Stripe-Signature header, and
    runs `callback(event)` (if set) before answering, as a site's webhook view would."""

    daemon_threads = True

    def __init__(self):
        self.deliveries = {}  # event id -> (body, signature header)
        self.callback = None

        class Handler(BaseHTTPRequestHandler):
            def do_POST(handler):
                body = handler.rfile.read(int(handler.headers["Content-Length"]))
                event = json.loads(body)
                self.deliveries[event["id"]] = (body, handler.headers["Stripe-Signature"])
                if self.callback:
                    self.callback(event)
                assert handler.headers["Content-Type"] == "application/json; charset=utf-8"
                handler.send_response(200)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/stripe/webhook/"


@pytest.fixture(scope="module")
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def fake(receiver):
    with FakeStripe(webhook_url=receiver.url, webhook_secret=SECRET) as fake:
        yield fake


@pytest.fixture
def client(fake):
    return stripe.StripeClient(API_KEY, base_addresses={"api": fake.url}, max_network_retries=0)


def line_item(amount=5000, name="Don pour les tiers-lieux", interval=None):
    price_data = {"currency": "eur", "unit_amount": amount, "product_data": {"name": name}}
    if interval:
        price_data["recurring"] = {"interval": interval}
    return {"price_data": price_data, "quantity": 1}


def create_payment_session(client, **params):
    return client.v1.checkout.sessions.create(
        {
            "mode": "payment",
            "line_items": [line_item()],
            "payment_method_types": ["card", "sepa_debit"],
            "customer_email": "ada@example.org",
            "success_url": SUCCESS_URL,
            "cancel_url": CANCEL_URL,
            "client_reference_id": "12",
            "metadata": {"donation_id": "12"},
            "payment_intent_data": {"metadata": {"donation_id": "12"}},
            "locale": "fr",
            **params,
        }
    )


def create_subscription_session(client, **params):
    return client.v1.checkout.sessions.create(
        {
            "mode": "subscription",
            "line_items": [line_item(2000, "Don mensuel", interval="month")],
            "payment_method_types": ["card", "sepa_debit"],
            "customer_email": "grace@example.org",
            "success_url": SUCCESS_URL,
            "cancel_url": CANCEL_URL,
            "metadata": {"pledge_id": "7"},
            "subscription_data": {"metadata": {"pledge_id": "7"}},
            **params,
        }
    )


def subscribe(fake, client, method="card"):
    session = create_subscription_session(client)
    fake.complete_session(session.id, method)
    return client.v1.checkout.sessions.retrieve(session.id)


def types(events):
    return [event["type"] for event in events]


def http(fake, method, path, body=None, headers=None):
    """(status, decoded JSON or text) of a plain request to the fake."""
    request = urllib.request.Request(  # noqa: S310 (the fake on loopback)
        fake.url + path, data=body, method=method, headers=headers or {}
    )
    try:
        with opener.open(request) as response:
            status, raw, kind = response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        status, raw, kind = error.code, error.read(), error.headers["Content-Type"]
    return status, json.loads(raw) if kind == "application/json" else raw.decode()


def test_api_key_is_required(fake):
    status, body = http(fake, "GET", "/v1/customers/cus_x")
    assert status == 401
    assert body["error"]["type"] == "invalid_request_error"
    live = stripe.StripeClient("sk_live_x", base_addresses={"api": fake.url})
    with pytest.raises(stripe.AuthenticationError):
        live.v1.customers.retrieve("cus_x")


def test_errors_have_stripes_shape(client):
    with pytest.raises(stripe.InvalidRequestError) as missing_object:
        client.v1.customers.retrieve("cus_missing")
    assert missing_object.value.http_status == 404
    assert missing_object.value.code == "resource_missing"
    with pytest.raises(stripe.InvalidRequestError) as missing_param:
        client.v1.checkout.sessions.create({"line_items": [line_item()]})
    assert missing_param.value.http_status == 400
    assert missing_param.value.param == "mode"
    with pytest.raises(stripe.InvalidRequestError, match="quantity"):
        client.v1.checkout.sessions.create(
            {"mode": "payment", "line_items": [{"price_data": line_item()["price_data"]}]}
        )


def test_payment_session_shape_and_idempotency(fake, client):
    options = {"idempotency_key": "donation-12"}
    params = {
        "mode": "payment",
        "line_items": [line_item()],
        "customer_email": "ada@example.org",
        "success_url": SUCCESS_URL,
        "metadata": {"donation_id": "12"},
    }
    session = client.v1.checkout.sessions.create(params, options)
    assert session.id.startswith("cs_test_")
    assert session.object == "checkout.session"
    assert (session.status, session.payment_status, session.mode) == ("open", "unpaid", "payment")
    assert (session.amount_total, session.currency) == (5000, "eur")
    assert session.metadata.to_dict() == {"donation_id": "12"}
    assert session.customer is None and session.payment_intent is None
    assert session.url == f"{fake.url}/c/pay/{session.id}"
    assert session.expires_at > session.created and session.livemode is False
    again = client.v1.checkout.sessions.create(params, options)
    assert again.id == session.id
    with pytest.raises(stripe.IdempotencyError):
        client.v1.checkout.sessions.create({**params, "metadata": {"donation_id": "13"}}, options)
    # A replayed request emits nothing a second time either.
    expire_options = {"idempotency_key": "expire-12"}
    before = len(fake.events)
    client.v1.checkout.sessions.expire(session.id, options=expire_options)
    client.v1.checkout.sessions.expire(session.id, options=expire_options)
    assert types(fake.events[before:]) == ["checkout.session.expired"]
    assert fake.events[-1]["request"]["idempotency_key"] == "expire-12"
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.expire(session.id)


def test_card_payment(fake, client, receiver):
    session = create_payment_session(client)
    events = fake.complete_session(session.id, "card")
    assert types(events) == ["checkout.session.completed"]
    completed = events[0]["data"]["object"]
    assert (completed["status"], completed["payment_status"]) == ("complete", "paid")
    assert completed["customer_details"]["email"] == "ada@example.org"
    assert completed["client_reference_id"] == "12"
    customer = client.v1.customers.retrieve(completed["customer"])
    assert customer.email == "ada@example.org"
    intent = client.v1.payment_intents.retrieve(completed["payment_intent"])
    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 5000, "eur")
    assert intent.metadata.to_dict() == {"donation_id": "12"}
    charge = client.v1.charges.retrieve(intent.latest_charge)
    assert (charge.status, charge.payment_intent) == ("succeeded", intent.id)
    assert charge.payment_method_details.type == "card"
    assert fake.deliveries[-1] == (events[0]["id"], 200)
    with pytest.raises(FakeStripeError):
        fake.complete_session(session.id)


def test_sepa_payment_succeeds_or_fails_later(fake, client):
    session = create_payment_session(client)
    completed = fake.complete_session(session.id, "sepa_debit")[0]["data"]["object"]
    assert completed["payment_status"] == "unpaid"
    intent = client.v1.payment_intents.retrieve(completed["payment_intent"])
    assert intent.status == "processing"
    assert client.v1.charges.retrieve(intent.latest_charge).status == "pending"
    events = fake.async_payment(session.id, succeeded=True)
    assert types(events) == ["checkout.session.async_payment_succeeded"]
    assert events[0]["data"]["object"]["payment_status"] == "paid"
    assert client.v1.payment_intents.retrieve(intent.id).status == "succeeded"

    failing = create_payment_session(client)
    fake.complete_session(failing.id, "sepa_debit")
    events = fake.async_payment(failing.id, succeeded=False)
    assert types(events) == ["checkout.session.async_payment_failed"]
    intent = client.v1.payment_intents.retrieve(events[0]["data"]["object"]["payment_intent"])
    assert intent.status == "requires_payment_method"
    charge = client.v1.charges.retrieve(intent.latest_charge)
    assert (charge.status, charge.payment_method_details.type) == ("failed", "sepa_debit")


def test_subscription_by_card_and_its_invoice(fake, client):
    session = create_subscription_session(client)
    assert (session.mode, session.amount_total) == ("subscription", 2000)
    events = fake.complete_session(session.id, "card")
    assert types(events) == [
        "customer.subscription.created",
        "checkout.session.completed",
        "invoice.paid",
    ]
    completed = events[1]["data"]["object"]
    assert completed["payment_status"] == "paid" and completed["payment_intent"] is None
    subscription = client.v1.subscriptions.retrieve(completed["subscription"])
    assert (subscription.status, subscription.customer) == ("active", completed["customer"])
    assert subscription.metadata.to_dict() == {"pledge_id": "7"}
    item = subscription["items"].data[0]
    assert item.id.startswith("si_") and item.price.unit_amount == 2000
    assert item.price.recurring.interval == "month"
    assert item.current_period_end > item.current_period_start

    invoice = client.v1.invoices.retrieve(completed["invoice"])
    assert invoice.id == events[2]["data"]["object"]["id"] == subscription.latest_invoice
    assert (invoice.status, invoice.billing_reason) == ("paid", "subscription_create")
    assert (invoice.amount_due, invoice.amount_paid, invoice.currency) == (2000, 2000, "eur")
    assert invoice.parent.type == "subscription_details"
    assert invoice.parent.subscription_details.subscription == subscription.id
    assert invoice.parent.subscription_details.metadata.to_dict() == {"pledge_id": "7"}
    assert invoice.status_transitions.paid_at is not None
    line = invoice.lines.data[0]
    assert (line.amount, line.period.start) == (2000, item.current_period_start)
    for removed in ("subscription", "charge", "payment_intent"):
        assert removed not in invoice.to_dict()

    payments = client.v1.invoice_payments.list({"invoice": invoice.id})
    assert len(payments.data) == 1
    payment = payments.data[0]
    assert payment.object == "invoice_payment"
    assert (payment.status, payment.amount_paid) == ("paid", 2000)
    assert payment.payment.type == "payment_intent"
    intent = client.v1.payment_intents.retrieve(payment.payment.payment_intent)
    assert (intent.status, intent.amount) == ("succeeded", 2000)
    by_intent = client.v1.invoice_payments.list(
        {"payment": {"type": "payment_intent", "payment_intent": intent.id}}
    )
    assert [found.invoice for found in by_intent.data] == [invoice.id]
    expanded = client.v1.invoices.retrieve(invoice.id, {"expand": ["customer"]})
    assert expanded.customer.email == "grace@example.org"


def test_subscription_by_sepa_is_paid_later(fake, client):
    session = create_subscription_session(client)
    events = fake.complete_session(session.id, "sepa_debit")
    assert types(events) == ["customer.subscription.created", "checkout.session.completed"]
    assert events[1]["data"]["object"]["payment_status"] == "unpaid"
    invoice = client.v1.invoices.retrieve(events[1]["data"]["object"]["invoice"])
    assert invoice.status == "open"
    assert client.v1.invoice_payments.list({"invoice": invoice.id}).data[0].status == "open"
    events = fake.pay_invoice(invoice.id)
    assert types(events) == [
        "invoice.paid",
        "customer.subscription.updated",
        "checkout.session.async_payment_succeeded",
    ]
    assert events[1]["data"]["object"]["status"] == "active"
    assert events[1]["data"]["previous_attributes"] == {"status": "incomplete"}
    assert client.v1.invoices.retrieve(invoice.id).status == "paid"


def test_monthly_invoices(fake, client):
    session = subscribe(fake, client)
    first = client.v1.subscriptions.retrieve(session.subscription)["items"].data[0]
    events = fake.next_invoice(session.subscription)
    assert types(events) == ["invoice.paid"]
    invoice = events[0]["data"]["object"]
    assert (invoice["billing_reason"], invoice["amount_paid"]) == ("subscription_cycle", 2000)
    # Stripe bills in advance: the invoice's period is the one that ended, its line the next one.
    assert (invoice["period_start"], invoice["period_end"]) == (
        first.current_period_start,
        first.current_period_end,
    )
    assert invoice["lines"]["data"][0]["period"]["start"] == first.current_period_end

    events = fake.next_invoice(session.subscription, succeeded=False)
    assert types(events) == ["invoice.payment_failed", "customer.subscription.updated"]
    assert events[1]["data"]["object"]["status"] == "past_due"
    failed = events[0]["data"]["object"]
    assert failed["status"] == "open" and failed["attempt_count"] == 1
    events = fake.pay_invoice(failed["id"])
    assert types(events) == ["invoice.paid", "customer.subscription.updated"]
    assert events[1]["data"]["object"]["status"] == "active"
    assert events[0]["data"]["object"]["attempt_count"] == 2


def test_subscription_update_pause_and_cancel(fake, client):
    session = subscribe(fake, client)
    subscription = client.v1.subscriptions.retrieve(session.subscription)
    item = subscription["items"].data[0]
    before = len(fake.events)
    updated = client.v1.subscriptions.update(
        subscription.id,
        {
            "items": [
                {
                    "id": item.id,
                    "price_data": {
                        "currency": "eur",
                        "product": item.price.product,
                        "unit_amount": 3500,
                        "recurring": {"interval": "month"},
                    },
                }
            ],
            "proration_behavior": "none",
            "metadata": {"amount_changed": "yes"},
        },
    )
    assert updated["items"].data[0].price.unit_amount == 3500
    event = fake.events[before]
    assert event["type"] == "customer.subscription.updated"
    assert event["request"]["id"].startswith("req_")
    previous = event["data"]["previous_attributes"]
    assert previous["items"]["data"][0]["price"]["unit_amount"] == 2000
    assert previous["metadata"] == {"amount_changed": None}
    assert fake.next_invoice(subscription.id)[0]["data"]["object"]["amount_paid"] == 3500

    paused = client.v1.subscriptions.update(
        subscription.id, {"pause_collection": {"behavior": "void"}}
    )
    assert paused.pause_collection.behavior == "void"
    assert fake.events[-1]["data"]["previous_attributes"] == {"pause_collection": None}
    with pytest.raises(FakeStripeError):
        fake.next_invoice(subscription.id)
    resumed = client.v1.subscriptions.update(subscription.id, {"pause_collection": ""})
    assert resumed.pause_collection is None

    ending = client.v1.subscriptions.update(subscription.id, {"cancel_at_period_end": True})
    assert ending.cancel_at_period_end is True and ending.cancel_at is not None
    assert fake.events[-1]["data"]["previous_attributes"]["cancel_at_period_end"] is False

    before = len(fake.events)
    canceled = client.v1.subscriptions.cancel(subscription.id)
    assert (canceled.status, canceled.canceled_at is not None) == ("canceled", True)
    assert types(fake.events[before:]) == ["customer.subscription.deleted"]
    with pytest.raises(FakeStripeError):
        fake.next_invoice(subscription.id)
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.subscriptions.update(subscription.id, {"cancel_at_period_end": False})


def test_setup_session_changes_the_payment_method(fake, client):
    session = subscribe(fake, client)
    setup = client.v1.checkout.sessions.create(
        {
            "mode": "setup",
            "customer": session.customer,
            "payment_method_types": ["card", "sepa_debit"],
            "setup_intent_data": {"metadata": {"subscription_id": session.subscription}},
            "success_url": SUCCESS_URL,
        }
    )
    events = fake.complete_session(setup.id, "sepa_debit")
    assert types(events) == ["checkout.session.completed"]
    setup_intent = client.v1.setup_intents.retrieve(events[0]["data"]["object"]["setup_intent"])
    subscription = client.v1.subscriptions.retrieve(session.subscription)
    assert subscription.default_payment_method == setup_intent.payment_method
    invoice = fake.next_invoice(subscription.id)[0]["data"]["object"]
    intent_id = client.v1.invoice_payments.list({"invoice": invoice["id"]}).data[0].payment
    intent = client.v1.payment_intents.retrieve(intent_id.payment_intent)
    assert client.v1.charges.retrieve(intent.latest_charge).payment_method_details.type == (
        "sepa_debit"
    )


def test_refunds_and_disputes(fake, client):
    session = create_payment_session(client)
    intent_id = fake.complete_session(session.id)[0]["data"]["object"]["payment_intent"]
    refund = client.v1.refunds.create({"payment_intent": intent_id, "amount": 2000})
    assert (refund.object, refund.amount, refund.payment_intent) == ("refund", 2000, intent_id)
    event = fake.events[-1]
    assert event["type"] == "charge.refunded"
    charge = event["data"]["object"]
    assert (charge["amount_refunded"], charge["refunded"]) == (2000, False)
    assert event["data"]["previous_attributes"] == {"amount_refunded": 0}
    with pytest.raises(stripe.InvalidRequestError, match="greater than unrefunded"):
        client.v1.refunds.create({"charge": charge["id"], "amount": 4000})
    client.v1.refunds.create({"charge": charge["id"]})
    assert client.v1.charges.retrieve(charge["id"]).refunded is True
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.refunds.create({"charge": charge["id"]})

    other = create_payment_session(client)
    intent = client.v1.payment_intents.retrieve(
        fake.complete_session(other.id)[0]["data"]["object"]["payment_intent"]
    )
    events = fake.dispute(intent.latest_charge)
    assert types(events) == ["charge.dispute.created"]
    dispute = events[0]["data"]["object"]
    assert dispute["object"] == "dispute" and dispute["id"].startswith("dp_")
    assert (dispute["charge"], dispute["payment_intent"]) == (intent.latest_charge, intent.id)
    assert (dispute["amount"], dispute["status"]) == (5000, "needs_response")


def test_events_listing_paginates_like_stripe():
    with FakeStripe() as fake:
        client = stripe.StripeClient(API_KEY, base_addresses={"api": fake.url})
        for _ in range(25):
            session = create_payment_session(client)
            client.v1.checkout.sessions.expire(session.id)
        fake.complete_session(create_payment_session(client).id)
        emitted = fake.events
        newest_first = [event["id"] for event in reversed(emitted)]
        assert len(newest_first) == 26

        first = client.v1.events.list({"limit": 10})
        assert [event.id for event in first.data] == newest_first[:10]
        assert first.has_more is True and first.url == "/v1/events"
        second = client.v1.events.list({"limit": 10, "starting_after": first.data[-1].id})
        assert [event.id for event in second.data] == newest_first[10:20]
        last = client.v1.events.list({"limit": 10, "starting_after": second.data[-1].id})
        assert [event.id for event in last.data] == newest_first[20:]
        assert last.has_more is False
        back = client.v1.events.list({"limit": 10, "ending_before": second.data[0].id})
        assert [event.id for event in back.data] == newest_first[:10]
        assert [event.id for event in first.auto_paging_iter()] == newest_first

        created = [event["created"] for event in emitted]
        assert created == sorted(set(created))  # strictly increasing
        since = client.v1.events.list({"created": {"gt": emitted[19]["created"]}, "limit": 100})
        assert [event.id for event in since.data] == newest_first[:6]
        completed = client.v1.events.list({"types": ["checkout.session.completed"]})
        assert [event.type for event in completed.data] == ["checkout.session.completed"]
        event = client.v1.events.retrieve(emitted[0]["id"])
        assert (event.api_version, event.pending_webhooks) == (API_VERSION, 1)
        assert event.data.object.status == "expired"


def test_webhooks_are_signed_like_stripes(fake, client, receiver):
    events = fake.complete_session(create_subscription_session(client).id)
    for emitted in events:
        body, header = receiver.deliveries[emitted["id"]]
        event = stripe.Webhook.construct_event(body, header, SECRET, tolerance=300)
        assert (event.id, event.type) == (emitted["id"], emitted["type"])
    body, header = receiver.deliveries[events[0]["id"]]
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body + b" ", header, SECRET, tolerance=300)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body, header, "whsec_other", tolerance=300)
    stale = sign_payload(body, SECRET, timestamp=int(time.time()) - 600)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body, stale, SECRET, tolerance=300)
    assert sign_payload(body, SECRET, 1700000000) == (
        stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET, 1700000000)
    )
    del receiver.deliveries[events[0]["id"]]
    assert fake.deliver(events[0]["id"]) == 200
    assert receiver.deliveries[events[0]["id"]][0] == body


def test_delivery_may_wait_and_the_receiver_may_call_the_api_back(receiver):
    with FakeStripe(webhook_url=receiver.url, webhook_secret=SECRET, deliver=False) as fake:
        client = stripe.StripeClient(API_KEY, base_addresses={"api": fake.url})
        [held] = fake.complete_session(create_payment_session(client).id)
        assert held["id"] not in receiver.deliveries and fake.deliveries == []
        assert fake.deliver(held["id"]) == 200

        fake.auto_deliver = True
        seen = []
        receiver.callback = lambda event: seen.append(
            client.v1.checkout.sessions.retrieve(event["data"]["object"]["id"]).status
        )
        try:
            fake.complete_session(create_payment_session(client).id)
        finally:
            receiver.callback = None
        assert seen == ["complete"]
        assert [status for _, status in fake.deliveries] == [200, 200]


def test_control_endpoints(fake, client, receiver):
    session = create_payment_session(client)
    status, answer = http(
        fake, "POST", f"/_fake/sessions/{session.id}/complete", b'{"method": "sepa_debit"}'
    )
    assert status == 200
    assert types(answer["events"]) == ["checkout.session.completed"]
    status, answer = http(fake, "POST", f"/_fake/sessions/{session.id}/async", b'{"succeeded": 1}')
    assert types(answer["events"]) == ["checkout.session.async_payment_succeeded"]
    event_id = answer["events"][0]["id"]
    status, listing = http(fake, "GET", "/_fake/events")
    assert listing["events"][-1]["id"] == event_id
    status, answer = http(fake, "POST", f"/_fake/events/{event_id}/deliver")
    assert answer == {"event_id": event_id, "status": 200}
    status, answer = http(fake, "POST", f"/_fake/sessions/{session.id}/async", b'{"oops": 1}')
    assert status == 400
    status, answer = http(fake, "POST", "/_fake/sessions/cs_test_missing/complete")
    assert (status, answer["error"]["code"]) == (404, "resource_missing")


def test_hosted_checkout_page(fake, client, receiver):
    session = create_payment_session(client)
    status, page = http(fake, "GET", f"/c/pay/{session.id}")
    assert status == 200
    assert "50,00 €" in page and "Don pour les tiers-lieux" in page
    assert 'value="ada@example.org"' in page
    assert "Payer par carte" in page and "Payer par prélèvement SEPA" in page
    assert f'href="{CANCEL_URL}"' in page

    no_redirect = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    form = b"method=card&email=ada%40example.org"
    with pytest.raises(urllib.error.HTTPError) as redirect:
        no_redirect.open(f"{fake.url}/c/pay/{session.id}", data=form)
    assert redirect.value.code == 303
    assert redirect.value.headers["Location"] == SUCCESS_URL.replace(
        "{CHECKOUT_SESSION_ID}", session.id
    )
    completed = fake.events[-1]
    assert completed["type"] == "checkout.session.completed"
    assert completed["data"]["object"]["id"] == session.id
    assert completed["id"] in receiver.deliveries  # delivered before the redirect
    status, page = http(fake, "GET", f"/c/pay/{session.id}")
    assert "terminée" in page and "Payer par carte" not in page

    monthly = create_subscription_session(client, payment_method_types=["card"])
    status, page = http(fake, "GET", f"/c/pay/{monthly.id}")
    assert "20,00 € / mois" in page and "prélèvement SEPA" not in page
