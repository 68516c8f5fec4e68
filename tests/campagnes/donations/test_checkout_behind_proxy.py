"""The checkout limit per address behind the README's reverse proxy, against the fake Stripe
server: every donor arrives from the proxy's address, so the limit must read the address the
proxy saw (home/client.py), not the proxy's own."""

from django.test import override_settings

from campagnes.models import Gift
from tests.helpers.donations import donor_fields
from tests.helpers.payments import StripeFlowTestCase

PROXY = "10.0.0.2"
THROTTLED = "Trop de tentatives en peu de temps."


@override_settings(CHECKOUT_LIMIT_PER_IP=10)
class CheckoutBehindProxyTests(StripeFlowTestCase):
    def donate(self, n: int, forwarded_for: str):
        fields = donor_fields(email=f"donateur{n}@example.org")
        return self.client.post(
            "/fr/don/",
            {"page": self.campaign.pk, **fields},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    def assertReachesCheckout(self, response):
        self.assertEqual(response.status_code, 302, response.content[:300])
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_twelve_donors_from_twelve_addresses_all_reach_checkout(self):
        for n in range(12):
            self.assertReachesCheckout(self.donate(n, f"198.51.100.{n + 1}"))
        self.assertEqual(Gift.objects.count(), 12)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_twelve_attempts_from_one_address_are_throttled(self):
        # Each forges a different leftmost entry; the proxy appended the same real address.
        responses = [self.donate(n, f"192.0.2.{n + 1}, 203.0.113.7") for n in range(12)]
        for response in responses[:10]:
            self.assertReachesCheckout(response)
        for response in responses[10:]:
            self.assertContains(response, THROTTLED)
        self.assertEqual(Gift.objects.count(), 10)

    def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(self):
        responses = [self.donate(n, f"198.51.100.{n + 1}") for n in range(12)]
        for response in responses[:10]:
            self.assertReachesCheckout(response)
        self.assertContains(responses[10], THROTTLED)
        self.assertEqual(Gift.objects.count(), 10)
