"""The share offering: its page, the bulletin's steps and the private documents.

Uploads go to a temporary PRIVATE_MEDIA_ROOT, removed after each class.
"""

import datetime
import hashlib
import shutil

from django.contrib.auth.models import Permission
from django.test import override_settings

from wagtail.models import Page

from campagnes.models import (
    RiskWarning,
    ShareOfferingPage,
    Subscription,
    SubscriptionDocument,
)
from campagnes.pdf.bulletin import Bulletin, render_bulletin_pdf
from home.models import HomePage
from tests.base import SiteTestCase
from tests.helpers.shares import (
    PDF_BYTES,
    PRIVATE_ROOT,
    BulletinSteps,
    held_subscription,
    share_offering_page,
    upload,
    wagtail_document,
)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class ShareOfferingTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def assertRefused(self, response, message: str, *, submitted_before: int = 0):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        submitted = Subscription.objects.exclude(status="draft").count()
        self.assertEqual(submitted, submitted_before)
        self.assertEqual(
            self.page.figures.taken,
            sum(Subscription.objects.exclude(status="draft").values_list("shares", flat=True)),
        )

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
        # No share yet: French counts nought in the singular.
        self.assertContains(response, "action souscrite sur 100 offertes")
        self.assertContains(response, '<dt>Investisseurs</dt><dd data-figure="investors">0</dd>')
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
        held_subscription(self.page, 99, "a@example.org")
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
        held_subscription(self.page, 45, "louise.bernard@example.org")
        self.go_to("parts")
        response = self.post_step("parts", {"shares": "6"})
        self.assertRefused(response, "vous pouvez encore en prendre 5.", submitted_before=1)

    def test_shares_beyond_what_remains_are_refused(self):
        held_subscription(self.page, 97, "a@example.org")
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
        response = self.post_step(
            "recapitulatif", {"accepted_name": "Jean Dupont", "payment_method": "transfer"}
        )
        self.assertRefused(response, "Saisissez vos prénoms et votre nom tels qu’indiqués")

    # A complete subscription ----------------------------------------------------------------

    def test_a_complete_subscription_records_the_acceptance(self):
        response = self.subscribe(REMOTE_ADDR="203.0.113.7")
        subscription = Subscription.objects.get()
        self.assertRedirects(
            response, f"/fr/souscription/{self.page.pk}/merci/{subscription.public_id}/"
        )
        self.assertEqual(subscription.status, "reserved")
        self.assertEqual(subscription.payment_method, "transfer")
        self.assertRegex(subscription.reference, r"^SOUS-[A-Z2-9]{6}$")
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
        self.assertEqual(ShareOfferingPage.objects.get(pk=self.page.pk).figures.taken, 5)

    def test_a_risk_warning_changed_before_signing_must_be_accepted_again(self):
        self.go_to("recapitulatif")
        self.page.risk_warning = RiskWarning.objects.create(
            locale=self.fr, title="Avertissement", text="<p>Version 2.</p>"
        )
        self.page.save_revision().publish()
        response = self.post_step(
            "recapitulatif", {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
        )
        self.assertRedirects(response, self.step_url("declarations"))
        self.assertEqual(Subscription.objects.exclude(status="draft").count(), 0)

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
