"""Every event type a domain handles, signed but with an object of the wrong shape, is answered
without a 500 (found by tests/test_fuzz_public.py; the refusals themselves are
test_malformed_events.py's)."""

import json

from django.test import Client, override_settings

from campagnes.stripe.webhooks import registry
from tests.base import SiteTestCase
from tests.fakestripe import sign_payload

SECRET = "whsec_no500"
# What each field a handler reads may hold instead of what Stripe sends.
ODD_OBJECTS = [
    {},
    {"id": ["cs_1"], "metadata": "gift", "amount_total": "12", "mode": 3},
    {"id": "x", "metadata": {"gift": "not-a-uuid", "subscription": "0"}, "status": None},
    {"payment_intent": {"id": 1}, "subscription": [], "invoice": 7, "customer": {}},
    {"amount": -1, "amount_refunded": 10**30, "charge": "", "lines": {"data": "x"}},
]


@override_settings(STRIPE_WEBHOOK_SECRET=SECRET)
class MalformedHandledEventsTests(SiteTestCase):
    def test_each_handled_type_with_an_odd_object_answers_without_500(self):
        client = Client(raise_request_exception=False)
        types = sorted(registry.event_types())
        self.assertIn("checkout.session.completed", types)
        for number, (event_type, stripe_object) in enumerate(
            (each, odd) for each in types for odd in ODD_OBJECTS
        ):
            event = {
                "id": f"evt_no500_{number}",
                "type": event_type,
                "created": 1_790_000_000,
                "data": {"object": {"object": event_type.split(".")[0], **stripe_object}},
            }
            body = json.dumps(event).encode()
            with self.subTest(type=event_type, object=stripe_object):
                response = client.post(
                    "/stripe/webhook/",
                    body,
                    content_type="application/json",
                    headers={"Stripe-Signature": sign_payload(body, SECRET)},
                )
                self.assertLess(response.status_code, 500, getattr(response, "exc_info", None))
