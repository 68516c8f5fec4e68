"""A test case whose site talks to the project's fake Stripe server (real HTTP on loopback).

The donor's part goes through the donation form; Stripe's events reach the webhook endpoint
signed as Stripe signs them, posted by the tests so that they can also replay, reorder and
forge them.
"""

import json

from django.test import override_settings

from campagnes.models import Gift
from tests import factories
from tests.base import SiteTestCase
from tests.fakestripe import FakeStripe, sign_payload
from tests.helpers.donations import donor_fields

SECRET = "whsec_flows"


class StripeFlowTestCase(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        # Class cleanups run even when a later setUpClass step fails, last registered first:
        # the settings are restored and the fake server stopped whatever happens.
        cls.fake = FakeStripe(webhook_url=None, webhook_secret=SECRET).start()
        cls.addClassCleanup(cls.fake.stop)
        cls.stripe_settings = override_settings(
            STRIPE_SECRET_KEY="sk_test_flows",
            STRIPE_WEBHOOK_SECRET=SECRET,
            STRIPE_API_BASE=cls.fake.url,
            CHECKOUT_LIMIT_PER_EMAIL=50,
            CHECKOUT_LIMIT_PER_IP=50,
        )
        cls.stripe_settings.enable()
        cls.addClassCleanup(cls.stripe_settings.disable)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index)

    def setUp(self):
        super().setUp()
        self.delivered = len(self.fake.events)

    # The donor's part -----------------------------------------------------------------------

    def give(self, **fields) -> str:
        """Submit the form; returns the Checkout Session id the donor is sent to."""
        response = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)}
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))
        return response["Location"].rsplit("/", 1)[1]

    # Stripe's part --------------------------------------------------------------------------

    def post_event(self, event: dict, timestamp: int | None = None, secret: str = SECRET):
        body = json.dumps(event).encode()
        # Emails and receipts are queued once the webhook's transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                "/stripe/webhook/",
                body,
                content_type="application/json",
                headers={"Stripe-Signature": sign_payload(body, secret, timestamp)},
            )

    def deliver_new(self) -> list[dict]:
        """Every event the fake emitted since the last call, in order, each answered 200."""
        events = self.fake.events[self.delivered :]
        self.delivered += len(events)
        for event in events:
            self.assertEqual(self.post_event(event).status_code, 200, event["type"])
        return events

    def progress(self):
        self.campaign.refresh_from_db()
        return self.campaign.progress

    def gift(self, session_id: str) -> Gift:
        return Gift.objects.get(stripe_checkout_session_id=session_id)
