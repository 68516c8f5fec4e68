""" "Pay online again" during a share reservation, against the fake Stripe server.

Stripe refuses an Idempotency-Key reused with other parameters: paying again must reopen the
page still open, or open a new one under a key of its own.
"""

import shutil
import time

from django.test import override_settings
from django.urls import reverse

import pytest
import stripe

from campagnes.models import Subscription
from tests.fakestripe import FakeStripe
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, share_offering_page


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class PayAgainTests(BulletinSteps, StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, bank_details="IBAN FR76 0000")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def reserve(self) -> Subscription:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.subscribe(payment_method="checkout")
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))
        return Subscription.objects.get(stripe_checkout_session_id=self.session_of(response))

    def session_of(self, response) -> str:
        return response["Location"].rsplit("/", 1)[1]

    def pay_again(self, subscription: Subscription):
        url = reverse("campagnes:share_pay", args=[self.page.pk, subscription.public_id])
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        return response

    def assertSentToCheckout(self, response) -> str:
        self.assertTrue(
            response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"),
            f"sent to {response['Location']} instead of a Checkout page",
        )
        return self.session_of(response)

    def test_paying_again_twice_reopens_the_open_page_then_pays(self):
        subscription = self.reserve()
        first = subscription.stripe_checkout_session_id
        again = self.assertSentToCheckout(self.pay_again(subscription))
        once_more = self.assertSentToCheckout(self.pay_again(subscription))
        # The page still open is reopened: two open pages could both be paid.
        self.assertEqual({again, once_more}, {first})
        events = self.fake.events[self.delivered :]
        sessions = [event for event in events if event["type"].startswith("checkout.session.")]
        self.assertEqual(sessions, [], "no session was created, expired or paid meanwhile")

        self.fake.complete_session(first, method="card")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")

    def test_a_closed_page_is_replaced_by_a_new_one_twice_in_a_row(self):
        subscription = self.reserve()
        first = subscription.stripe_checkout_session_id
        # Closed at Stripe, its webhook not arrived yet: the shares are still reserved.
        self.fake.expire_session(first)
        second = self.assertSentToCheckout(self.pay_again(subscription))
        self.assertNotEqual(second, first)
        self.fake.expire_session(second)
        third = self.assertSentToCheckout(self.pay_again(subscription))
        self.assertNotIn(third, {first, second})
        subscription.refresh_from_db()
        self.assertEqual(subscription.stripe_checkout_session_id, third)

        # The closed pages' expiries arrive late, after the new page opened: it stays payable.
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "reserved")
        self.fake.complete_session(third, method="card")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")

    def test_a_page_already_paid_shows_the_subscription_rather_than_a_new_page(self):
        subscription = self.reserve()
        self.fake.complete_session(subscription.stripe_checkout_session_id, method="sepa_debit")
        response = self.pay_again(subscription)
        self.assertIn("?paiement=ok", response["Location"])
        self.assertFalse(response["Location"].startswith(self.fake.url))


# The fake answers a reused key as Stripe does ---------------------------------------------------


@pytest.fixture
def stripe_api():
    with FakeStripe() as fake:
        yield fake, stripe.StripeClient("sk_test_pay_again", base_addresses={"api": fake.url})


def session_params(expires_at: int) -> dict:
    return {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 5,
                "price_data": {
                    "currency": "eur",
                    "unit_amount": 10000,
                    "product_data": {"name": "Coopérative – parts sociales"},
                },
            }
        ],
        "metadata": {"share_subscription_id": "7"},
        "expires_at": expires_at,
        "success_url": "https://example.org/ok",
    }


def test_a_reused_key_with_other_parameters_is_refused_and_the_same_ones_replayed(stripe_api):
    fake, client = stripe_api
    options = {"idempotency_key": "shares-checkout-7"}
    expires_at = int(time.time()) + 3600
    first = client.v1.checkout.sessions.create(session_params(expires_at), options)
    replayed = client.v1.checkout.sessions.create(session_params(expires_at), options)
    assert replayed.id == first.id
    assert replayed.last_response.headers.get("Idempotent-Replayed") == "true"

    # The old "pay again": same key, a later expiry.
    with pytest.raises(stripe.IdempotencyError) as refused:
        client.v1.checkout.sessions.create(session_params(expires_at + 60), options)
    assert refused.value.http_status == 400
    assert refused.value.error.type == "idempotency_error"
    assert "can only be used with the same parameters" in refused.value.user_message
    assert [event["type"] for event in fake.events] == []  # nothing was created by either
