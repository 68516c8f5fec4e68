"""The bulletin and the certificate as the investor reads them: the public reference, names in
any printable script really drawn, what cannot be printed refused at input, and the
certificate's signatory, place and date."""

import shutil

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from campagnes.models import Subscription, WaitingListEntry
from campagnes.pdf.french import format_long_date
from campagnes.shares import lifecycle
from campagnes.shares.documents import render_certificate
from tests.base import SiteTestCase
from tests.helpers.glyphs import undrawn
from tests.helpers.pdf import pdf_text
from tests.helpers.shares import (
    ANSWERS,
    PRIVATE_ROOT,
    BulletinSteps,
    held_subscription,
    share_offering_page,
)

UNPRINTABLE = "Ce caractère ne peut pas être imprimé sur le bulletin et l’attestation\u00a0: 🫠."


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class BulletinDocumentTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def signed_bulletin(self, subscription: Subscription) -> bytes:
        with subscription.bulletin.open("rb") as stored:
            return stored.read()

    def test_the_bulletin_shows_the_public_reference(self):
        self.subscribe()
        subscription = Subscription.objects.get()
        text = pdf_text(self.signed_bulletin(subscription))
        self.assertRegex(subscription.reference, r"^SOUS-[A-Z2-9]{6}$")
        self.assertIn(f"Référence {subscription.reference}", text)
        self.assertNotIn(str(subscription.public_id), text)
        response = self.client.get(f"/fr/souscription/bulletin/{subscription.public_id}.pdf")
        self.assertIn(f"bulletin-{subscription.reference}.pdf", response["Content-Disposition"])

    def test_a_name_with_accents_emoji_and_cjk_is_drawn_on_the_signed_bulletin(self):
        ANSWERS_WITH_NAME = {
            **ANSWERS["identite"],
            "first_name": "Zoé 🌻",
            "last_name": "Œuvray 李",
        }
        self.go_to("identite")
        self.assertEqual(self.post_step("identite", ANSWERS_WITH_NAME).status_code, 302)
        for slug in ("coordonnees", "parts"):
            self.assertEqual(self.post_step(slug).status_code, 302, slug)
        self.post_documents()
        self.post_step("declarations")
        response = self.post_step(
            "recapitulatif", {"accepted_name": "Zoé 🌻 Œuvray 李", "payment_method": "transfer"}
        )
        self.assertEqual(response.status_code, 302)
        pdf = self.signed_bulletin(Subscription.objects.get())
        self.assertEqual(undrawn(pdf, "éŒ🌻李"), {})

    def test_a_character_no_font_prints_is_refused_by_name(self):
        self.go_to("identite")
        response = self.post_step("identite", {**ANSWERS["identite"], "first_name": "Zoé 🫠"})
        self.assertContains(response, UNPRINTABLE)
        self.assertEqual(Subscription.objects.exclude(status="draft").count(), 0)

    def test_the_waiting_list_refuses_it_too(self):
        held_subscription(self.page, 100, "a@example.org", reference="SOUS-AAAAAA")
        response = self.client.post(
            f"/fr/souscription/{self.page.pk}/liste-attente/",
            {"name": "Zoé 🫠", "email": "zoe@example.org", "shares": "3"},
        )
        self.assertContains(response, UNPRINTABLE)
        self.assertFalse(WaitingListEntry.objects.exists())


class CertificateDocumentTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(
            cls.home,
            requires_approval=False,
            signatory_name="Claire Dubois",
            signatory_role="Présidente de la SAS",
        )

    def issued(self, **fields) -> Subscription:
        values = {
            "status": "paid",
            "reference": "SOUS-CERT23",
            "first_name": "Louise",
            "last_name": "Bernard",
            "accepted_at": timezone.now(),
            "paid_at": timezone.now(),
        }
        subscription = held_subscription(self.page, 4, "louise@example.org", **{**values, **fields})
        with transaction.atomic():
            lifecycle.issue(subscription)
        return subscription

    def test_the_certificate_is_signed_where_and_when_it_is_made(self):
        text = pdf_text(render_certificate(self.issued()))
        today = format_long_date(timezone.localdate())
        # The issue date of the shares, in the town of the registered office (69003 Lyon).
        self.assertIn(f"Fait à Lyon, le {today}", text)
        self.assertIn("Pour Foncière des tiers-lieux,", text)
        self.assertIn("Claire Dubois", text)
        self.assertIn("Présidente de la SAS", text)
        self.assertIn("Référence SOUS-CERT23", text)

    def test_the_place_of_signature_set_on_the_page_wins(self):
        self.page.signature_place = "Villeurbanne"
        self.page.save(update_fields=["signature_place"])
        text = pdf_text(render_certificate(self.issued()))
        self.assertIn("Fait à Villeurbanne, le ", text)
        self.assertNotIn("Fait à Lyon", text)

    def test_an_investors_name_in_any_printable_script_is_drawn(self):
        pdf = render_certificate(self.issued(first_name="Zoé 🌻", last_name="Œuvray 李"))
        self.assertEqual(undrawn(pdf, "éŒ🌻李"), {})
