"""The same donation form sent twice (a double click, a reload of the POST, two tabs) records one
gift and opens one Checkout Session: the second sending goes where the first one went."""

import re
import threading
import unittest

from django.db import connection, connections
from django.test import TransactionTestCase, override_settings
from django.test.client import Client

from wagtail.models import Page, Site

from campagnes.models import Gift, Plan
from home.models import HomePage
from tests import factories
from tests.fakestripe import FakeStripe
from tests.helpers.donations import donor_fields
from tests.helpers.payments import StripeFlowTestCase

INTENT = re.compile(r'name="intent" value="([^"]+)"')


def rendered_intent(client, url: str) -> str:
    return INTENT.search(client.get(url).text).group(1)


def sessions(fake) -> int:
    return sum(1 for o in fake.state.objects.values() if o["object"] == "checkout.session")


class DoubleSubmitTests(StripeFlowTestCase):
    def setUp(self):
        super().setUp()
        # The fake Stripe account lives as long as the class: count this test's sessions only.
        self.sessions_before = sessions(self.fake)

    def post(self, **fields):
        return self.client.post("/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)})

    def test_the_same_form_sent_twice_leads_to_the_same_checkout_page(self):
        intent = rendered_intent(self.client, self.campaign.url)
        first = self.post(intent=intent)
        second = self.post(intent=intent)
        self.assertEqual(first.status_code, 302)
        self.assertEqual(second["Location"], first["Location"])
        self.assertEqual(Gift.objects.count(), 1)
        self.assertEqual(sessions(self.fake) - self.sessions_before, 1)

    def test_once_paid_the_form_sent_again_shows_the_thanks_page(self):
        intent = rendered_intent(self.client, self.campaign.url)
        session = self.post(intent=intent)["Location"].rsplit("/", 1)[1]
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        again = self.post(intent=intent)
        gift = Gift.objects.get()
        self.assertRedirects(
            again, f"/fr/don/merci/{gift.public_id}/", fetch_redirect_response=False
        )
        self.assertContains(self.client.get(again["Location"]), "est confirmé")

    def test_a_changed_amount_or_a_new_form_is_a_new_gift(self):
        intent = rendered_intent(self.client, self.campaign.url)
        first = self.post(intent=intent)
        changed = self.post(intent=intent, amount_once="3000")
        fresh = self.post(intent=rendered_intent(self.client, self.campaign.url))
        self.assertEqual(len({first["Location"], changed["Location"], fresh["Location"]}), 3)
        self.assertEqual(Gift.objects.count(), 3)

    def test_a_monthly_plan_is_not_opened_twice_either(self):
        intent = rendered_intent(self.client, self.campaign.url)
        first = self.post(intent=intent, frequency="monthly")
        second = self.post(intent=intent, frequency="monthly")
        self.assertEqual(second["Location"], first["Location"])
        self.assertEqual(Plan.objects.count(), 1)

    def test_a_forged_intent_is_no_key_to_someone_else_s_gift(self):
        first = self.post(intent=rendered_intent(self.client, self.campaign.url))
        forged = self.post(intent="nonce:forged")
        self.assertNotEqual(forged["Location"], first["Location"])
        self.assertEqual(Gift.objects.count(), 2)


@unittest.skipUnless(connection.vendor == "postgresql", "threads need their own connections")
class ConcurrentDoubleSubmitTests(TransactionTestCase):
    """Two requests of the same form at the same instant, each on its own connection."""

    def setUp(self):
        self.fake = FakeStripe(webhook_url=None).start()
        self.addCleanup(self.fake.stop)
        settings = override_settings(
            STRIPE_SECRET_KEY="sk_test_double",
            STRIPE_WEBHOOK_SECRET="whsec_test",
            STRIPE_API_BASE=self.fake.url,
            CHECKOUT_LIMIT_PER_EMAIL=50,
            CHECKOUT_LIMIT_PER_IP=50,
        )
        settings.enable()
        self.addCleanup(settings.disable)
        home = self.home()
        factories.donation_settings(Site.objects.get())
        self.campaign = factories.campaign_page(factories.campaign_index_page(home))

    def home(self):
        """A home page under a site, on a database another transactional test may have emptied
        of what Wagtail's migrations create."""
        fr = factories.locale("fr")
        factories.locale("en")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=fr)
        )
        home = factories.publish(root, HomePage(title="Accueil", slug="accueil", locale=fr))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "testserver", "root_page": home, "site_name": "Test"},
        )
        return home

    def test_two_simultaneous_sendings_record_one_gift_and_one_session(self):
        client = Client()
        data = {
            "page": self.campaign.pk,
            "intent": rendered_intent(client, self.campaign.url),
            **donor_fields(),
        }
        barrier = threading.Barrier(2)
        locations = []

        def send():
            try:
                barrier.wait()
                response = client.post("/fr/don/", data)
                locations.append(response.get("Location"))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(len(locations), 2)
        self.assertEqual(locations[0], locations[1])
        self.assertIn("/c/pay/cs_", locations[0])
        self.assertEqual(Gift.objects.count(), 1)
        self.assertEqual(sessions(self.fake), 1)
