"""The consent records themselves: one standing record per person and kind, a new one after a
withdrawal, the donor's current answer kept in step, and two simultaneous gives on PostgreSQL."""

import threading
import unittest

from django.db import connection, connections
from django.test import TestCase, TransactionTestCase

from campagnes import factories
from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records
from campagnes.models import Consent

EMAIL = "jeanne.martin@example.org"


class ConsentRecordTests(TestCase):
    def test_giving_twice_keeps_one_standing_record_the_first(self):
        first = records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM)
        again = records.give(
            " Jeanne.Martin@Example.org ", ConsentKind.NEWSLETTER, ConsentSource.SPACE
        )
        self.assertEqual(again.pk, first.pk)
        self.assertEqual(Consent.objects.count(), 1)
        self.assertEqual(Consent.objects.get().source, ConsentSource.DONATION_FORM)

    def test_a_withdrawal_then_a_new_consent_leaves_both_in_the_history(self):
        donor = factories.donor(EMAIL, newsletter=False)
        records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM, donor=donor)
        self.assertTrue(records.withdraw(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.SPACE))
        donor.refresh_from_db()
        self.assertFalse(donor.newsletter)
        records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.BULLETIN)
        donor.refresh_from_db()
        self.assertTrue(donor.newsletter)
        newest, oldest = records.history(EMAIL, donor)
        self.assertEqual((newest.source, newest.withdrawn_at), (ConsentSource.BULLETIN, None))
        self.assertEqual(oldest.withdrawn_via, ConsentSource.SPACE)

    def test_withdrawing_what_was_never_given_changes_nothing(self):
        self.assertFalse(records.withdraw(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.SPACE))
        self.assertFalse(Consent.objects.exists())


@unittest.skipUnless(connection.vendor == "postgresql", "threads need their own connections")
class SimultaneousGivesTests(TransactionTestCase):
    """Many requests giving the same consent at the same instant, each on its own connection:
    the partial unique constraint keeps one standing record and none of them fails."""

    THREADS = 8

    def test_simultaneous_gives_leave_one_standing_record(self):
        barrier = threading.Barrier(self.THREADS)
        given, errors = [], []

        def give():
            try:
                barrier.wait()
                consent = records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM)
                given.append(consent.pk)
            except Exception as error:  # reported by the assertion below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=give) for _ in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(errors, [])
        self.assertEqual(Consent.objects.filter(withdrawn_at=None).count(), 1)
        self.assertEqual(set(given), {Consent.objects.get().pk})
