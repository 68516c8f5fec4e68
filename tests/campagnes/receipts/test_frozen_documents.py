"""Issued documents are frozen: a tax receipt, a share certificate and a signed bulletin download
as the very bytes issued, whatever the settings and pages say since; a copy differs from the
original by its DUPLICATA mark only; a stored file altered or missing serves nothing and tells
staff."""

import hashlib
import re
import shutil
import tempfile
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.models import ModelLogEntry

from campagnes.donations import payments
from campagnes.models import DonationSettings, Donor, Gift, Receipt, Subscription
from campagnes.models.donations import GiftStatus
from campagnes.receipts import documents
from campagnes.shares import lifecycle
from campagnes.shares.session import INVESTOR_KEY
from home.frozen import UNAVAILABLE
from home.models import OrganisationSettings
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.shares import BulletinSteps, held_subscription, share_offering_page

LINK = re.compile(r"http://testserver(/fr/mon-espace/lien/\?token=[\w-]+)")
PRIVATE_ROOT = tempfile.mkdtemp(prefix="frozen-test-")
COPY_BANNER = (
    "DUPLICATA",
    "Copie du reçu original : elle n'ouvre droit à aucune réduction d'impôt supplémentaire.",
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def without_marks(text: str) -> str:
    for mark in COPY_BANNER:
        text = text.replace(mark, "")
    return re.sub(r"\s+", " ", text).strip()


def alter(field_file) -> None:
    with open(field_file.path, "ab") as file:
        file.write(b"% altered\n")


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class FrozenReceiptTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def issued(self) -> Receipt:
        """A cheque recorded as paid: its receipt is numbered, frozen and its task run."""
        self.donor = Donor.objects.create(
            email="fige@example.org",
            first_name="Louise",
            last_name="Bernard",
            address="3 place des Tilleuls",
            postcode="42400",
            city="Saint-Chamond",
            receipt_by_email=False,
        )
        gift = Gift.objects.create(donor=self.donor, amount_cents=12000)
        with self.captureOnCommitCallbacks(execute=True):
            payments.move(gift, GiftStatus.PAID)
        return Receipt.objects.get(gifts=gift)

    def change_everything(self) -> None:
        organisation = OrganisationSettings.for_site(self.site)
        organisation.name = organisation.legal_name = "Nouveau nom de l'association"
        organisation.street_address = "1 avenue Nouvelle"
        organisation.postcode, organisation.city = "75011", "Paris"
        organisation.save()
        settings = DonationSettings.for_site(self.site)
        settings.receipt_object = "Un tout autre objet"
        settings.rna = "W751111111"
        settings.signatory_name, settings.signatory_role = "Jean Nouveau", "Président"
        settings.save()
        Donor.objects.filter(pk=self.donor.pk).update(
            first_name="Louisa", last_name="Martin", address="9 rue Neuve", city="Lyon"
        )

    def test_the_receipt_downloads_as_issued_after_every_printed_setting_changed(self):
        receipt = self.issued()
        self.assertTrue(receipt.pdf and receipt.pdf_sha256 and receipt.printed)
        self.change_everything()
        pdf = documents.original(receipt)
        self.assertEqual(sha256(pdf), receipt.pdf_sha256)
        text = pdf_text(pdf)
        self.assertIn("Claire Martin", text)
        self.assertIn("Bernard", text)
        self.assertNotIn("Jean Nouveau", text)
        self.assertNotIn("Nouveau nom", text)

    def test_a_duplicate_differs_from_the_original_by_its_mark_only(self):
        receipt = self.issued()
        original = documents.original(receipt)
        self.change_everything()
        duplicate = documents.copy(receipt)
        self.assertIn("DUPLICATA", pdf_text(duplicate))
        self.assertNotIn("DUPLICATA", pdf_text(original))
        self.assertEqual(without_marks(pdf_text(duplicate)), without_marks(pdf_text(original)))

    def test_an_altered_original_serves_nothing_and_tells_staff(self):
        receipt = self.issued()
        alter(receipt.pdf)
        with (
            self.assertLogs("home.frozen", "ERROR") as logs,
            self.assertRaises(documents.DocumentUnavailable),
        ):
            documents.download(receipt)
        self.assertNotIn("Bernard", " ".join(logs.output))
        self.assertNotIn("fige@example.org", " ".join(logs.output))
        self.assertTrue(
            ModelLogEntry.objects.filter(object_id=str(receipt.pk), action=UNAVAILABLE).exists()
        )
        receipt.refresh_from_db()
        self.assertIsNone(receipt.original_delivered_at)  # the original is still theirs to get

    def test_the_donor_gets_a_page_saying_the_document_is_unavailable(self):
        receipt = self.issued()
        receipt.pdf.storage.delete(receipt.pdf.name)
        with self.assertLogs("home.frozen", "ERROR"):
            response = self.signed_in_download(receipt)
        self.assertEqual(response.status_code, 503)
        self.assertNotEqual(response["Content-Type"], "application/pdf")
        self.assertContains(response, "Notre équipe a été prévenue", status_code=503)

    def signed_in_download(self, receipt: Receipt):
        self.client.post("/fr/mon-espace/connexion/", {"email": self.donor.email})
        path, token = LINK.search(mail.outbox[-1].body).group(1).split("?token=")
        self.client.post(path, {"token": token})
        return self.client.get(f"/fr/mon-espace/recus/{receipt.number}.pdf")

    def test_receipts_issued_before_freezing_are_stored_once_by_the_command(self):
        receipt = self.issued()
        recorded = receipt.pdf_sha256
        # As migration 0017 finds them: a fingerprint from their first rendering, nothing stored.
        Receipt.objects.filter(pk=receipt.pk).update(pdf="", printed={})
        out = StringIO()
        call_command("freeze_documents", stdout=out)
        receipt.refresh_from_db()
        self.assertEqual(receipt.pdf_sha256, recorded)
        self.assertEqual(sha256(documents.original(receipt)), recorded)
        self.assertIn("1 receipts", out.getvalue())

    def test_a_receipt_that_cannot_be_made_again_is_left_to_staff(self):
        receipt = self.issued()
        Receipt.objects.filter(pk=receipt.pk).update(pdf="", printed={})
        self.change_everything()
        out = StringIO()
        call_command("freeze_documents", stdout=out)
        self.assertIn(receipt.number, out.getvalue())
        receipt.refresh_from_db()
        self.assertFalse(receipt.pdf)
        call_command("freeze_documents", "--accept-current", receipt.number, stdout=StringIO())
        receipt.refresh_from_db()
        self.assertTrue(documents.is_intact(receipt))
        self.assertTrue(
            ModelLogEntry.objects.filter(
                object_id=str(receipt.pk), action="campagnes.original_remade"
            ).exists()
        )


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class FrozenShareDocumentTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(
            cls.home, requires_approval=False, signatory_name="Claire Dubois"
        )

    def change_the_offering(self) -> None:
        page = type(self.page).objects.get(pk=self.page.pk)
        page.title = "Un autre titre"
        page.issuer_name = "Autre Foncière"
        page.issuer_office = "1 rue Ailleurs, 13001 Marseille"
        page.issuer_registration = "RCS Marseille 999 999 999"
        page.signatory_name, page.signatory_role = "Paul Autre", "Gérant"
        page.certificate_statement = "Une autre déclaration."
        page.tax_article = "un autre article"
        page.save()

    def as_investor(self, email: str) -> None:
        session = self.client.session
        session[INVESTOR_KEY] = email
        session.save()

    def test_the_certificate_downloads_as_issued_after_the_offering_changed(self):
        subscription = held_subscription(
            self.page,
            4,
            "louise@example.org",
            status="paid",
            reference="SOUS-FIGE23",
            first_name="Louise",
            last_name="Bernard",
            accepted_at=timezone.now(),
            paid_at=timezone.now(),
        )
        with transaction.atomic():
            lifecycle.issue(subscription)
        subscription.refresh_from_db()
        self.assertTrue(subscription.certificate_sha256)
        self.change_the_offering()
        self.as_investor("louise@example.org")
        url = f"/fr/mon-espace/attestations/{subscription.public_id}.pdf"
        response = self.client.get(url)
        self.assertEqual(sha256(response.content), subscription.certificate_sha256)
        self.assertIn("Claire Dubois", pdf_text(response.content))
        alter(subscription.certificate)
        with self.assertLogs("home.frozen", "ERROR"):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 503)
        self.assertNotEqual(response["Content-Type"], "application/pdf")

    def test_the_signed_bulletin_downloads_as_signed_and_is_checked(self):
        self.subscribe()
        subscription = Subscription.objects.get()
        self.change_the_offering()
        url = f"/fr/souscription/bulletin/{subscription.public_id}.pdf"
        response = self.client.get(url)
        self.assertEqual(sha256(response.content), subscription.bulletin_sha256)
        alter(subscription.bulletin)
        with self.assertLogs("home.frozen", "ERROR"):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 503)
