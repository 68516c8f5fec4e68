"""DUPLICATA only on copies: a receipt's original reaches its donor once, by email or, when it
was never emailed, as their first download from the donor space; every later copy is marked."""

import hashlib
import importlib
import re

from django.apps import apps
from django.core import mail
from django.utils import timezone

from campagnes.donations import payments
from campagnes.models import Donor, Gift, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.receipts import issue
from campagnes.receipts.tasks import send_receipt
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text

LINK = re.compile(r"http://testserver(/fr/mon-espace/lien/\?token=[\w-]+)")


class DuplicataTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)

    def paid_gift(self, email: str, **donor) -> Receipt:
        """A gift paid as Stripe's webhook records it: its receipt is issued, then the task that
        emails it runs (or, for a donor who downloads their receipts, only hashes it)."""
        donor = Donor.objects.create(
            email=email,
            first_name="Louise",
            last_name="Bernard",
            address="3 place des Tilleuls",
            postcode="42400",
            city="Saint-Chamond",
            **donor,
        )
        gift = Gift.objects.create(donor=donor, amount_cents=5000)
        with self.captureOnCommitCallbacks(execute=True):
            payments.move(gift, GiftStatus.PAID)
        gift.refresh_from_db()
        return gift.receipt

    def sign_in(self, email: str) -> None:
        self.client.post("/fr/mon-espace/connexion/", {"email": email})
        path, token = LINK.search(mail.outbox[-1].body).group(1).split("?token=")
        self.client.post(path, {"token": token})

    def download(self, receipt: Receipt) -> bytes:
        response = self.client.get(f"/fr/mon-espace/recus/{receipt.number}.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        return response.content

    def receipt_emails(self) -> list:
        return [message for message in mail.outbox if message.attachments]

    def test_the_first_download_of_a_receipt_never_emailed_is_the_original(self):
        receipt = self.paid_gift("telecharge@example.org", receipt_by_email=False)
        self.assertEqual(self.receipt_emails(), [])
        self.sign_in("telecharge@example.org")
        first = self.download(receipt)
        self.assertNotIn("DUPLICATA", pdf_text(first))
        # The very document issued: the hash taken at issue time matches it.
        receipt.refresh_from_db()
        self.assertEqual(hashlib.sha256(first).hexdigest(), receipt.pdf_sha256)
        self.assertIsNotNone(receipt.original_delivered_at)
        for _ in range(2):
            self.assertIn("DUPLICATA", pdf_text(self.download(receipt)))

    def test_an_emailed_receipt_downloads_as_a_duplicate(self):
        receipt = self.paid_gift("courriel@example.org")
        [email] = self.receipt_emails()
        _name, attached, _type = email.attachments[0]
        self.assertNotIn("DUPLICATA", pdf_text(attached))
        self.sign_in("courriel@example.org")
        self.assertIn("DUPLICATA", pdf_text(self.download(receipt)))

    def test_a_receipt_whose_email_never_went_is_the_original_at_first_download(self):
        # The email task never ran (a mail server down, a worker stopped): nothing reached them.
        donor = Donor.objects.create(
            email="perdu@example.org", first_name="Paul", last_name="Petit", address="1 rue Basse"
        )
        gift = Gift.objects.create(
            donor=donor, amount_cents=2000, status=GiftStatus.PAID, paid_at=timezone.now()
        )
        receipt = issue.issue(donor, [gift])
        self.sign_in("perdu@example.org")
        self.assertNotIn("DUPLICATA", pdf_text(self.download(receipt)))
        self.assertIn("DUPLICATA", pdf_text(self.download(receipt)))

    def test_a_copy_sent_by_the_team_leaves_the_original_to_the_donor(self):
        receipt = self.paid_gift("copie@example.org", receipt_by_email=False)
        send_receipt.call(receipt.pk, duplicate=True)  # "Send a copy" in the Mécénat admin
        [email] = self.receipt_emails()
        self.assertIn("DUPLICATA", pdf_text(email.attachments[0][1]))
        self.sign_in("copie@example.org")
        self.assertNotIn("DUPLICATA", pdf_text(self.download(receipt)))

    def test_only_one_delivery_gets_the_original(self):
        receipt = self.paid_gift("deux@example.org", receipt_by_email=False)
        # Two downloads at once both read "not delivered"; the conditional update picks one.
        self.assertEqual([issue.deliver_original(receipt) for _ in range(2)], [True, False])

    def test_receipts_emailed_before_the_field_existed_count_as_delivered(self):
        emailed = self.paid_gift("avant@example.org")
        downloaded = self.paid_gift("avant-pdf@example.org", receipt_by_email=False)
        Receipt.objects.update(original_delivered_at=None)
        migration = importlib.import_module(
            "campagnes.migrations.0013_receipt_original_delivered_offering_signatory"
        )
        migration.mark_emailed_receipts_delivered(apps, None)
        emailed.refresh_from_db()
        downloaded.refresh_from_db()
        self.assertEqual(timezone.localdate(emailed.original_delivered_at), emailed.issued_on)
        self.assertIsNone(downloaded.original_delivered_at)
