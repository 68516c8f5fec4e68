"""Receipts by post: a donor without email gets no email, and each of their receipts waits on the
list to post until staff mark it posted or it is cancelled."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from campagnes.choices import PaymentMethod, ReceiptPreference
from campagnes.donations import payments
from campagnes.models import Donor, Gift, ReceiptPosting
from campagnes.models.donations import GiftStatus
from campagnes.receipts import documents, issue, posting
from campagnes.receipts.tasks import send_receipt
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text


class PostingTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.user = get_user_model().objects.create_user("tresoriere")

    def donor(self, **fields) -> Donor:
        return Donor.objects.create(
            first_name="Marcelle",
            last_name="Dubreuil",
            address="4 impasse des Tilleuls",
            postcode="42400",
            city="Saint-Chamond",
            **fields,
        )

    def cheque(self, donor: Donor, cents: int = 15000) -> Gift:
        """A cheque confirmed as the admin confirms it: its receipt follows, by the tasks."""
        gift = Gift.objects.create(
            donor=donor,
            amount_cents=cents,
            method=PaymentMethod.CHEQUE,
            is_offline=True,
            received_on=timezone.localdate(),
        )
        with self.captureOnCommitCallbacks(execute=True):
            payments.move(gift, GiftStatus.PAID)
        gift.refresh_from_db()
        return gift

    def test_a_receipt_without_email_is_queued_once_and_nothing_is_sent(self):
        receipt = self.cheque(self.donor()).receipt
        self.assertEqual(list(posting.to_post()), [receipt])
        self.assertTrue(receipt.pdf_sha256, "the original is made and hashed all the same")
        send_receipt.call(receipt.pk)  # a task run twice
        send_receipt.call(receipt.pk, duplicate=True)  # a copy asked for
        self.assertEqual(ReceiptPosting.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_a_receipt_with_email_is_emailed_and_never_listed(self):
        self.cheque(self.donor(email="marcelle@example.org"))
        self.assertEqual(len(mail.outbox), 2)  # the confirmation and the receipt
        self.assertFalse(posting.to_post().exists())

    def test_an_email_given_later_leaves_the_earlier_receipt_to_post(self):
        donor = self.donor()
        receipt = self.cheque(donor).receipt
        Donor.objects.filter(pk=donor.pk).update(email="marcelle@example.org")
        self.assertEqual(list(posting.to_post()), [receipt], "it was never emailed")

    def test_an_original_downloaded_by_the_donor_is_not_posted_as_well(self):
        donor = self.donor()
        receipt = self.cheque(donor).receipt
        Donor.objects.filter(pk=donor.pk).update(email="marcelle@example.org")
        self.assertNotIn("DUPLICATA", pdf_text(documents.download(receipt)))
        self.assertFalse(posting.to_post().exists())
        self.assertEqual(posting.mark_posted([receipt], self.user), [])

    def test_a_cancelled_receipt_leaves_the_list_and_its_correction_joins_it(self):
        gift = self.cheque(self.donor())
        first = gift.receipt
        gift.refunded_cents = 5000
        with self.captureOnCommitCallbacks(execute=True):
            gift.save()
            payments.after_change(gift, partial_refund=True)
        first.refresh_from_db()
        self.assertTrue(first.is_cancelled)
        [corrected] = posting.to_post()
        self.assertEqual((corrected.replaces, corrected.amount_cents), (first, 10000))

    def test_marking_posted_twice_records_the_first_time_only(self):
        receipt = self.cheque(self.donor()).receipt
        self.assertEqual(posting.mark_posted([receipt], self.user), [receipt])
        receipt.refresh_from_db()
        self.assertIsNotNone(receipt.original_delivered_at, "the post delivered the original")
        self.assertIn("DUPLICATA", pdf_text(documents.download(receipt)))
        sent = ReceiptPosting.objects.get()
        other = get_user_model().objects.create_user("benevole")
        self.assertEqual(posting.mark_posted([receipt], other), [])
        sent.refresh_from_db()
        self.assertEqual(sent.posted_by, self.user)
        self.assertFalse(posting.to_post().exists())

    def test_annual_receipts_of_donors_without_email_go_to_the_list(self):
        donor = self.donor(receipt_preference=ReceiptPreference.ANNUAL)
        last_year = timezone.localdate().year - 1
        for month in (3, 11):
            paid_at = timezone.make_aware(datetime.datetime(last_year, month, 5, 12))
            factories.gift(donor, 4000, paid_at, method=PaymentMethod.CHEQUE, is_offline=True)
        with self.captureOnCommitCallbacks(execute=True):
            [receipt] = issue.issue_annual(last_year)
        self.assertEqual(list(posting.to_post()), [receipt])
        self.assertEqual(receipt.amount_cents, 8000)
        self.assertEqual(mail.outbox, [])
