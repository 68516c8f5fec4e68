"""Receipt numbers stay gapless and unique when many gifts are confirmed at once."""

import threading
import unittest

from django.db import close_old_connections, connection, transaction
from django.test import TransactionTestCase

from wagtail.models import Locale, Page, Site

from campagnes import factories
from campagnes.models import Donor, Gift, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.receipts import issue as receipts

CONCURRENT_CONFIRMATIONS = 20


class IssuerSite:
    """A transactional test starts from an empty database: the site and the issuer's identity
    that every receipt prints (frozen when it is numbered) are made again, as a migrated
    install has them."""

    def setUp(self):
        super().setUp()
        locale, _ = Locale.objects.get_or_create(language_code="fr")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=root, is_default_site=True
        )
        factories.donation_settings(site)


@unittest.skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL (as in CI)")
class ConcurrentReceiptNumberTests(IssuerSite, TransactionTestCase):
    def test_twenty_concurrent_confirmations_get_numbers_one_to_twenty(self):
        gifts = [
            Gift.objects.create(
                donor=Donor.objects.create(
                    email=f"donateur{n}@example.org",
                    first_name="Camille",
                    last_name=f"Donateur {n}",
                    address="1 rue des Lilas",
                    postcode="69003",
                    city="Lyon",
                ),
                amount_cents=1000 + n,
                status=GiftStatus.PAID,
            )
            for n in range(CONCURRENT_CONFIRMATIONS)
        ]
        start = threading.Barrier(CONCURRENT_CONFIRMATIONS)
        errors = []

        def confirm(gift):
            try:
                start.wait()
                with transaction.atomic():
                    receipts.issue_for_gift(gift)
            except Exception as error:
                errors.append(error)
            finally:
                close_old_connections()
                connection.close()

        threads = [threading.Thread(target=confirm, args=(gift,)) for gift in gifts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(errors, [])
        sequences = sorted(Receipt.objects.values_list("sequence", flat=True))
        self.assertEqual(sequences, list(range(1, CONCURRENT_CONFIRMATIONS + 1)))
        self.assertEqual(Gift.objects.filter(receipt__isnull=True).count(), 0)


@unittest.skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL (as in CI)")
class ConcurrentWebhookDeliveryTests(IssuerSite, TransactionTestCase):
    def test_concurrent_deliveries_of_one_event_all_answer_200_and_count_once(self):
        import json

        from django.test import Client, override_settings

        from campagnes.models import StripeEvent
        from tests.fakestripe import sign_payload

        donor = Donor.objects.create(
            email="simultane@example.org",
            first_name="Camille",
            last_name="Simultané",
            address="1 rue des Lilas",
            postcode="69003",
            city="Lyon",
        )
        gift = Gift.objects.create(donor=donor, amount_cents=5000)
        event = {
            "id": "evt_concurrent",
            "object": "event",
            "created": 1_700_000_000,
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": "cs_concurrent",
                    "object": "checkout.session",
                    "mode": "payment",
                    "status": "complete",
                    "payment_status": "paid",
                    "payment_intent": "pi_concurrent",
                    "metadata": {"gift_id": str(gift.pk)},
                }
            },
        }
        body = json.dumps(event).encode()
        deliveries = 8
        start = threading.Barrier(deliveries)
        statuses = []

        def deliver():
            try:
                start.wait()
                response = Client().post(
                    "/stripe/webhook/",
                    body,
                    content_type="application/json",
                    headers={"Stripe-Signature": sign_payload(body, "whsec_concurrent")},
                )
                statuses.append(response.status_code)
            finally:
                connection.close()

        with override_settings(STRIPE_WEBHOOK_SECRET="whsec_concurrent"):
            threads = [threading.Thread(target=deliver) for _ in range(deliveries)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        self.assertEqual(statuses, [200] * deliveries)
        self.assertEqual(StripeEvent.objects.count(), 1)
        gift.refresh_from_db()
        self.assertEqual(gift.status, GiftStatus.PAID)
        self.assertEqual(Receipt.objects.count(), 1)
