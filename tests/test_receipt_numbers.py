"""Receipt numbers stay gapless and unique when many gifts are confirmed at once."""

import threading
import unittest

from django.db import close_old_connections, connection, transaction
from django.test import TransactionTestCase

from campagnes import receipts
from campagnes.models import Donor, Gift, Receipt
from campagnes.models.donations import GiftStatus

CONCURRENT_CONFIRMATIONS = 20


@unittest.skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL (as in CI)")
class ConcurrentReceiptNumberTests(TransactionTestCase):
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
