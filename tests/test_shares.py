"""The share offering: its page, the bulletin's steps and the private documents.

Uploads go to a temporary PRIVATE_MEDIA_ROOT, removed after each class.
"""

import datetime
import hashlib
import io
import shutil
import tempfile

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.models import Page

from PIL import Image

from campagnes.models import (
    RiskWarning,
    ShareOfferingPage,
    Subscription,
    SubscriptionDocument,
)
from campagnes.shares_pdf import Bulletin, render_bulletin_pdf
from home.models import HomePage

from . import factories
from .base import SiteTestCase

PRIVATE_ROOT = tempfile.mkdtemp(prefix="private-test-")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def wagtail_document(title: str):
    return get_document_model().objects.create(
        title=title, file=SimpleUploadedFile("information.pdf", PDF_BYTES)
    )


def share_offering_page(parent, **fields) -> ShareOfferingPage:
    today = datetime.date.today()
    warning = fields.pop("risk_warning", None) or RiskWarning.objects.create(
        locale=factories.locale("fr"),
        title="Avertissement sur les risques",
        text="<p>Risque de perte totale ou partielle du capital investi.</p>",
    )
    defaults = {
        "title": "Souscrivez au capital de la Foncière solidaire",
        "slug": "fonciere",
        "security_kind": "esus_shares",
        "issuer_name": "Foncière des tiers-lieux",
        "issuer_legal_form": "SAS",
        "issuer_share_capital_cents": 10_000_000,
        "issuer_registration": "RCS Lyon 123 456 789",
        "issuer_office": "12 rue de la Paix\n69003 Lyon",
        "price_cents": 10_000,
        "nominal_cents": 10_000,
        "min_shares": 2,
        "max_shares_per_investor": 50,
        "total_shares": 100,
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=50),
        "risk_warning": warning,
        "tax_benefit": "<p>Réduction d’impôt de 25 % du montant investi.</p>",
    }
    defaults.update(fields)
    return factories.publish(parent, ShareOfferingPage(**defaults))


ANSWERS = {
    "investisseur": {"investor_type": "person"},
    "identite": {
        "civility": "mme",
        "first_name": "Louise",
        "last_name": "Bernard",
        "birth_date": "1980-05-17",
        "birth_place": "Saint-Étienne",
        "nationality": "française",
    },
    "coordonnees": {
        "address": "3 place des Tilleuls",
        "postcode": "42400",
        "city": "Saint-Chamond",
        "country": "France",
        "email": "louise.bernard@example.org",
        "phone": "06 00 00 00 00",
    },
    "parts": {"shares": "5"},
    "declarations": {"read_documents": "on", "understood_risks": "on", "own_account": "on"},
}


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class ShareOfferingTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def step_url(self, slug: str) -> str:
        return f"/fr/souscription/{self.page.pk}/{slug}/"

    def post_step(self, slug: str, data: dict | None = None, **extra):
        return self.client.post(self.step_url(slug), data or ANSWERS.get(slug, {}), **extra)

    def go_to(self, last: str) -> None:
        """Answer every step before `last`, which is left to the test."""
        for slug in ("investisseur", "identite", "coordonnees", "parts"):
            if slug == last:
                return
            self.assertEqual(self.post_step(slug).status_code, 302, slug)
        if last == "justificatifs":
            return
        self.post_documents()
        if last != "declarations":
            self.post_step("declarations")

    def post_documents(self, identity=None, address_proof=None):
        return self.post_step(
            "justificatifs",
            {
                "identity": identity or upload("cni.pdf", PDF_BYTES),
                "address_proof": address_proof or upload("facture.png", png_bytes()),
            },
        )

    def subscribe(self, **extra):
        self.go_to("recapitulatif")
        return self.post_step("recapitulatif", {"accepted_name": "louise  BERNARD"}, **extra)

    def assertRefused(self, response, message: str, *, submitted_before: int = 0):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        submitted = Subscription.objects.filter(status="submitted").count()
        self.assertEqual(submitted, submitted_before)

    # The page -------------------------------------------------------------------------------

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(ShareOfferingPage, {HomePage})
        self.assertAllowedSubpageTypes(ShareOfferingPage, set())
        self.assertCanCreateAt(HomePage, ShareOfferingPage)
        self.assertCanNotCreateAt(Page, ShareOfferingPage)

    def test_page_shows_status_progress_documents_and_risk_warning_in_french(self):
        document = wagtail_document("Document d'information")
        self.page.information_document = document
        self.page.save_revision().publish()
        response = self.client.get(self.page.url)
        self.assertContains(response, "En cours")
        self.assertContains(response, "titres souscrits sur 100 proposés")
        self.assertContains(response, "0 investisseur")
        self.assertContains(response, "Document d’information")
        self.assertContains(response, document.url)
        self.assertContains(response, "Risque de perte totale ou partielle du capital investi.")
        self.assertContains(response, "ne donne pas lieu à un prospectus soumis à l’approbation")
        self.assertContains(response, "Réduction d’impôt de 25 %")

    def test_status_follows_dates_and_the_cap(self):
        today = datetime.date.today()
        self.page.opens_on = today + datetime.timedelta(days=1)
        self.assertEqual(self.page.status, "upcoming")
        self.page.opens_on = today - datetime.timedelta(days=1)
        self.page.closes_on = today - datetime.timedelta(days=1)
        self.assertEqual(self.page.status, "closed")
        self.page.closes_on = today
        Subscription.objects.create(
            page=self.page, status="submitted", shares=99, email="a@example.org"
        )
        # One share left, below the minimum of two: nobody can subscribe any more.
        self.assertEqual(self.page.status, "full")

    def test_a_new_risk_warning_is_a_new_version(self):
        first = self.page.risk_warning
        second = RiskWarning.objects.create(
            locale=first.locale, title="Avertissement", text="<p>Nouveau texte.</p>"
        )
        self.assertEqual(second.version, first.version + 1)

    # Steps refusing bad input ---------------------------------------------------------------

    def test_steps_cannot_be_skipped(self):
        response = self.client.get(self.step_url("parts"))
        self.assertRedirects(response, self.step_url("investisseur"))

    def test_a_legal_entity_needs_its_details(self):
        response = self.post_step("investisseur", {"investor_type": "entity"})
        self.assertRefused(response, "Le bulletin d’une personne morale en a besoin.")
        self.assertRedirects(
            self.client.get(self.step_url("identite")), self.step_url("investisseur")
        )

    def test_shares_below_the_minimum_are_refused(self):
        self.go_to("parts")
        response = self.post_step("parts", {"shares": "1"})
        self.assertRefused(response, "Le minimum est de 2 titres.")

    def test_shares_above_the_max_per_investor_are_refused(self):
        Subscription.objects.create(
            page=self.page, status="submitted", shares=45, email="louise.bernard@example.org"
        )
        self.go_to("parts")
        response = self.post_step("parts", {"shares": "6"})
        self.assertRefused(response, "vous pouvez encore en prendre 5.", submitted_before=1)

    def test_shares_beyond_what_remains_are_refused(self):
        Subscription.objects.create(
            page=self.page, status="submitted", shares=97, email="a@example.org"
        )
        self.go_to("parts")
        response = self.post_step("parts", {"shares": "4"})
        self.assertRefused(response, "Il ne reste que 3 titres.", submitted_before=1)
        self.assertRedirects(
            self.client.get(self.step_url("justificatifs")), self.step_url("parts")
        )

    def test_an_exe_renamed_pdf_is_refused(self):
        self.go_to("justificatifs")
        response = self.post_documents(identity=upload("cni.pdf", b"MZ\x90\x00" + b"\x00" * 200))
        self.assertRefused(response, "Envoyez un fichier PDF, JPEG ou PNG.")
        self.assertEqual(SubscriptionDocument.objects.count(), 0)
        self.assertEqual(Subscription.objects.count(), 0)

    def test_a_6_mb_file_is_refused(self):
        self.go_to("justificatifs")
        big = PDF_BYTES + b"0" * (6 * 1024 * 1024)
        response = self.post_documents(address_proof=upload("facture.pdf", big))
        self.assertRefused(response, "Un fichier ne peut dépasser 5 Mo.")
        self.assertEqual(SubscriptionDocument.objects.count(), 0)

    def test_a_missing_declaration_is_refused(self):
        self.go_to("declarations")
        response = self.post_step(
            "declarations", {"read_documents": "on", "understood_risks": "on"}
        )
        self.assertRefused(response, "Cochez cette case pour continuer.")
        self.assertContains(response, "Risque de perte totale")

    def test_a_name_other_than_the_investors_does_not_sign(self):
        self.go_to("recapitulatif")
        response = self.post_step("recapitulatif", {"accepted_name": "Jean Dupont"})
        self.assertRefused(response, "Saisissez vos prénoms et votre nom tels qu’indiqués")

    # A complete subscription ----------------------------------------------------------------

    def test_a_complete_subscription_records_the_acceptance(self):
        response = self.subscribe(REMOTE_ADDR="203.0.113.7")
        subscription = Subscription.objects.get()
        self.assertRedirects(
            response, f"/fr/souscription/{self.page.pk}/merci/{subscription.public_id}/"
        )
        self.assertEqual(subscription.status, "submitted")
        self.assertEqual(subscription.shares, 5)
        self.assertEqual(subscription.amount_cents, 50_000)
        self.assertEqual(subscription.risk_warning, self.page.risk_warning)
        self.assertEqual(subscription.accepted_name, "louise BERNARD")
        self.assertEqual(subscription.accepted_ip, "203.0.113.7")
        self.assertIsNotNone(subscription.accepted_at)
        self.assertEqual(subscription.birth_date, datetime.date(1980, 5, 17))
        with subscription.bulletin.open("rb") as stored:
            pdf = stored.read()
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(subscription.bulletin_sha256, hashlib.sha256(pdf).hexdigest())
        self.assertEqual(subscription.documents.count(), 2)
        self.assertContains(self.client.get(response.url), "Merci, Louise")
        self.assertEqual(ShareOfferingPage.objects.get(pk=self.page.pk).subscribed["shares"], 5)

    def test_a_risk_warning_changed_before_signing_must_be_accepted_again(self):
        self.go_to("recapitulatif")
        self.page.risk_warning = RiskWarning.objects.create(
            locale=self.fr, title="Avertissement", text="<p>Version 2.</p>"
        )
        self.page.save_revision().publish()
        response = self.post_step("recapitulatif", {"accepted_name": "Louise Bernard"})
        self.assertRedirects(response, self.step_url("declarations"))
        self.assertEqual(Subscription.objects.filter(status="submitted").count(), 0)

    # Private documents ----------------------------------------------------------------------

    def test_documents_are_private(self):
        self.subscribe()
        document = SubscriptionDocument.objects.get(kind="identity")
        self.assertTrue(document.file.path.startswith(PRIVATE_ROOT))
        with self.assertRaises(ValueError):
            document.file.url  # noqa: B018 (the property is what is tested)
        self.assertEqual(self.client.get(f"/media/{document.file.name}").status_code, 404)
        url = f"/fr/souscription/justificatif/{document.public_id}/"

        own = self.client.get(url)
        self.assertEqual(own.status_code, 200)
        self.assertEqual(b"".join(own.streaming_content), PDF_BYTES)
        self.assertIn("attachment", own["Content-Disposition"])
        self.assertIn("no-store", own["Cache-Control"])

        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 404)
        other = self.client_class()
        other.get(self.page.url)
        self.assertEqual(other.get(url).status_code, 404)

        finance = self.create_user("tresoriere", password="x")
        finance.user_permissions.add(Permission.objects.get(codename="view_subscription"))
        self.client.force_login(finance)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])


def test_the_bulletin_pdf_is_deterministic():
    bulletin = Bulletin(
        reference="c0ffee",
        security_kind="scic_parts",
        issuer_name="SCIC Les Tiers-Lieux",
        issuer_legal_form="SCIC SA à capital variable",
        issuer_registration="RCS Lyon 123 456 789",
        issuer_office="12 rue de la Paix\n69003 Lyon",
        issuer_share_capital_cents=5_000_000,
        investor_lines=(("Nom", "Mme Louise Bernard"),),
        shares=3,
        price_cents=5_000,
        nominal_cents=5_000,
        amount_cents=15_000,
        risk_warning_title="Avertissement",
        risk_warning_version=2,
        declarations=("Je souscris pour mon propre compte.",),
        accepted_name="Louise Bernard",
        accepted_at=datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC),
        accepted_ip="203.0.113.7",
    )
    first = render_bulletin_pdf(bulletin)
    assert first.startswith(b"%PDF")
    assert first == render_bulletin_pdf(bulletin)
