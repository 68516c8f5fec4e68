"""Gifts from donors without email, recorded by the Mécénat team, and their receipts by post: the
offline gift form, the list of receipts to post, the printed originals and "mark as posted"."""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pypdfium2 as pdfium

from campagnes.choices import ReceiptPreference
from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Donor, Gift, Receipt, ReceiptPosting
from campagnes.models.donations import GiftStatus
from home.demo.permissions import communication_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.staff import verified_login

POSTAL_DONOR = {
    "civility": "mme",
    "first_name": "Marcelle",
    "last_name": "Dubreuil",
    "address": "4 impasse des Tilleuls",
    "postcode": "42400",
    "city": "Saint-Chamond",
}


class PostalReceiptTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index, goal_cents=100_000)
        User = get_user_model()
        cls.mecenat = User.objects.create_user(
            "tresoriere", "tresoriere@example.org", first_name="Claire", last_name="Martin"
        )
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        communication = communication_group()
        cls.communication = User.objects.create_user("redaction", "redaction@example.org")
        cls.communication.groups.add(communication)

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.mecenat)

    def post_gift(self, **fields):
        data = {
            "chosen_donor": "",
            "email": "",
            **POSTAL_DONOR,
            "receipt_preference": ReceiptPreference.PER_GIFT,
            "amount": "150",
            "method": "cheque",
            "received_on": timezone.localdate().isoformat(),
            "campaign": self.campaign.pk,
            "note": "Chèque n° 2345678",
            **fields,
        }
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("gifts:add"), data)

    def to_post_page(self):
        return self.client.get(reverse("receipts-to-post:index"))

    def last_message(self, response) -> str:
        """The message the action left (those of the gifts recorded before were never shown)."""
        return [str(message) for message in get_messages(response.wsgi_request)][-1]


class RecordingTests(PostalReceiptTestCase):
    def test_a_cheque_without_email_is_receipted_for_the_post_and_nothing_is_emailed(self):
        response = self.post_gift()
        gift = Gift.objects.get(is_offline=True)
        self.assertRedirects(response, reverse("gifts:inspect", args=[gift.pk]))
        self.assertIsNone(gift.donor.email)
        self.assertEqual((gift.status, gift.amount_cents), (GiftStatus.PAID, 15000))
        receipt = gift.receipt
        self.assertEqual(receipt.address, "4 impasse des Tilleuls\n42400 Saint-Chamond")
        self.assertEqual(mail.outbox, [], "neither a confirmation nor a receipt: no address")

        page = self.to_post_page()
        self.assertContains(page, receipt.number)
        self.assertContains(page, "Marcelle Dubreuil")
        self.assertContains(page, "42400 Saint-Chamond")
        self.assertContains(page, reverse("receipts:print", args=[receipt.pk]))
        self.assertContains(self.client.get(reverse("receipts:index")), "À poster (1)")
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, reverse("receipts-to-post:index"), msg_prefix="in the menu")

    def test_two_donors_without_email_do_not_collide(self):
        self.post_gift()
        self.post_gift(first_name="Robert", last_name="Lefort", postcode="01700", city="Beynost")
        self.assertEqual(Donor.objects.filter(email__isnull=True).count(), 2)
        self.assertEqual(Receipt.objects.count(), 2)
        # An empty string is stored as no email, so it cannot collide either.
        for last_name in ("Un", "Deux"):
            Donor.objects.create(email=" ", first_name="Sans", last_name=last_name)
        self.assertEqual(Donor.objects.filter(email__isnull=True).count(), 4)
        self.assertFalse(Donor.objects.filter(email="").exists())

    def test_without_email_the_postal_address_is_required_and_nothing_is_written(self):
        for missing in ("address", "postcode", "city", "last_name"):
            with self.subTest(missing=missing):
                response = self.post_gift(**{missing: ""})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    response.context["form"].errors[missing], ["Requis pour le reçu fiscal."]
                )
        self.assertFalse(Donor.objects.exists())
        self.assertFalse(Gift.objects.exists())
        self.assertFalse(Receipt.objects.exists())

    def test_a_namesake_at_the_same_postcode_is_chosen_or_confirmed_never_merged_silently(self):
        known = Donor.objects.create(**POSTAL_DONOR)
        response = self.post_gift()
        self.assertEqual(response.status_code, 200)
        [error] = response.context["form"].errors["new_donor"]
        self.assertIn("Marcelle Dubreuil (Saint-Chamond)", error)
        self.assertContains(response, 'type="checkbox" name="new_donor"')
        self.assertFalse(Gift.objects.exists())

        self.post_gift(chosen_donor=known.pk, **dict.fromkeys(POSTAL_DONOR, ""))
        self.assertEqual(Gift.objects.get().donor, known)
        self.assertEqual(Donor.objects.count(), 1)

        self.post_gift(new_donor="on")
        self.assertEqual(Donor.objects.count(), 2, "another person of the same name")

    def test_a_chosen_donor_is_not_given_someone_elses_email(self):
        known = Donor.objects.create(**POSTAL_DONOR)
        Donor.objects.create(email="paul@example.org", **{**POSTAL_DONOR, "first_name": "Paul"})
        response = self.post_gift(chosen_donor=known.pk, email="paul@example.org")
        self.assertIn(
            "C’est l’e-mail d’un autre donateur", response.context["form"].errors["email"][0]
        )
        self.assertFalse(Gift.objects.exists())
        # A new email of their own is theirs: their next receipts are emailed.
        self.post_gift(chosen_donor=known.pk, email="Marcelle.D@example.org")
        known.refresh_from_db()
        self.assertEqual(known.email, "marcelle.d@example.org")
        self.assertEqual([message.to for message in mail.outbox][-1], ["marcelle.d@example.org"])

    def test_the_chooser_finds_a_donor_without_email_by_name_or_postcode(self):
        known = Donor.objects.create(**POSTAL_DONOR)
        Donor.objects.create(email="jeanne@example.org", first_name="Jeanne", last_name="Martin")
        url = reverse("donor_chooser:choose_results")
        for query in ("dubreuil", "Marcelle 42400", "saint-chamond"):
            with self.subTest(query=query):
                found = self.client.get(url, {"q": query})
                self.assertContains(found, "Marcelle Dubreuil")
                self.assertContains(found, "Aucun\u00a0: reçus par la poste")
                self.assertNotContains(found, "Jeanne Martin")
        chosen = self.client.get(reverse("donor_chooser:chosen", args=[known.pk]))
        self.assertContains(chosen, "Marcelle Dubreuil")
        verified_login(self.client, self.communication)
        for response in (
            self.client.get(url, {"q": "dubreuil"}),
            self.client.get(reverse("donor_chooser:chosen", args=[known.pk])),
        ):
            self.assertIn(response.status_code, (302, 403))
            self.assertNotIn(b"Dubreuil", response.content)

    def test_a_donor_page_offers_the_form_with_the_donor_chosen(self):
        known = Donor.objects.create(**POSTAL_DONOR)
        form = self.client.get(f"{reverse('gifts:add')}?donor={known.pk}")
        self.assertEqual(form.context["form"].initial["chosen_donor"], known)
        self.assertContains(form, "Marcelle Dubreuil")


class ToPostTests(PostalReceiptTestCase):
    def setUp(self):
        super().setUp()
        self.post_gift()
        self.post_gift(first_name="Robert", last_name="Lefort", postcode="01700", city="Beynost")
        self.first, self.second = Receipt.objects.order_by("sequence")

    def test_the_original_prints_then_marked_posted_it_leaves_the_list(self):
        printed = self.client.get(reverse("receipts:print", args=[self.first.pk]))
        self.assertEqual(printed["Content-Type"], "application/pdf")
        text = pdf_text(printed.content)
        self.assertIn(self.first.number, text)
        self.assertIn("Dubreuil", text)
        self.assertNotIn("DUPLICATA", text)
        self.first.refresh_from_db()
        self.assertEqual(hashlib.sha256(printed.content).hexdigest(), self.first.pdf_sha256)

        inspect = self.client.get(reverse("receipts:inspect", args=[self.first.pk]))
        self.assertContains(inspect, "Marquer comme posté")
        self.assertNotContains(inspect, reverse("receipts:resend", args=[self.first.pk]))
        url = reverse("receipts:posted", args=[self.first.pk])
        self.assertContains(self.client.get(url), "42400 Saint-Chamond")
        response = self.client.post(url)
        self.assertRedirects(response, reverse("receipts:inspect", args=[self.first.pk]))

        sent = ReceiptPosting.objects.get(receipt=self.first)
        self.assertEqual(sent.posted_by, self.mecenat)
        self.assertIsNotNone(sent.posted_at)
        entry = ModelLogEntry.objects.get(action="campagnes.receipt_posted")
        self.assertEqual((entry.object_id, entry.user), (str(self.first.pk), self.mecenat))
        self.assertContains(
            self.client.get(reverse("receipts:inspect", args=[self.first.pk])),
            "par Claire Martin",
        )
        page = self.to_post_page()
        self.assertNotContains(page, self.first.number)
        self.assertContains(page, self.second.number)

        # A second original never goes out: once posted, the admin prints copies only.
        again = self.client.get(reverse("receipts:print", args=[self.first.pk]))
        self.assertRedirects(again, reverse("receipts:inspect", args=[self.first.pk]))
        self.assertIn("téléchargez plutôt une copie", self.last_message(again))
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertEqual(ModelLogEntry.objects.filter(action="campagnes.receipt_posted").count(), 1)

    def test_the_ticked_receipts_print_as_one_pdf_and_are_marked_posted_together(self):
        ids = [self.first.pk, self.second.pk]
        url = reverse("receipts-to-post:index")
        printed = self.client.post(url, {"receipts": ids, "action": "print"})
        self.assertEqual(printed["Content-Type"], "application/pdf")
        self.assertEqual(len(pdfium.PdfDocument(printed.content)), 2)
        text = pdf_text(printed.content)
        self.assertLess(text.index(self.first.number), text.index(self.second.number))
        self.assertNotIn("DUPLICATA", text)
        self.assertEqual(ReceiptPosting.objects.filter(posted_at__isnull=True).count(), 2)

        response = self.client.post(url, {"receipts": [self.second.pk], "action": "posted"})
        self.assertRedirects(response, url)
        self.assertEqual(self.last_message(response), "1 reçu marqué comme posté.")
        page = self.to_post_page()
        self.assertContains(page, self.first.number)
        self.assertNotContains(page, self.second.number)

    def test_nothing_ticked_or_a_receipt_already_posted_changes_nothing(self):
        url = reverse("receipts-to-post:index")
        response = self.client.post(url, {"action": "posted"})
        self.assertEqual(
            self.last_message(response), "Cochez les reçus à imprimer ou à marquer comme postés."
        )
        self.client.post(url, {"receipts": [self.first.pk], "action": "posted"})
        stale = self.client.post(
            url, {"receipts": [self.first.pk, self.second.pk], "action": "posted"}
        )
        self.assertIn("n’est plus à poster", self.last_message(stale))
        self.assertFalse(ReceiptPosting.objects.get(receipt=self.second).posted_at)
        self.client.post(url, {"receipts": ["x"], "action": "print"})
        self.client.post(url, {"receipts": [self.second.pk], "action": "burn"})
        self.assertFalse(ReceiptPosting.objects.get(receipt=self.second).posted_at)

    def test_a_copy_cannot_be_emailed_to_a_donor_without_email(self):
        url = reverse("receipts:resend", args=[self.first.pk])
        for response in (self.client.get(url), self.client.post(url)):
            self.assertRedirects(response, reverse("receipts:inspect", args=[self.first.pk]))
            self.assertIn("Ce donateur n’a pas d’e-mail", self.last_message(response))
        self.assertEqual(mail.outbox, [])
        copy = self.client.get(reverse("receipts:pdf", args=[self.first.pk]))
        self.assertIn("DUPLICATA", pdf_text(copy.content))

    def test_the_communication_group_neither_sees_nor_posts_receipts(self):
        verified_login(self.client, self.communication)
        for url in (
            reverse("receipts-to-post:index"),
            reverse("receipts:print", args=[self.first.pk]),
            reverse("receipts:posted", args=[self.first.pk]),
        ):
            with self.subTest(url=url):
                for response in (
                    self.client.get(url),
                    self.client.post(url, {"receipts": [self.first.pk], "action": "posted"}),
                ):
                    self.assertIn(response.status_code, (302, 403))
                    self.assertNotIn(b"Dubreuil", response.content)
        self.assertFalse(ReceiptPosting.objects.filter(posted_at__isnull=False).exists())


class DonorsWithoutEmailTests(PostalReceiptTestCase):
    def test_listings_exports_and_merges_cope_without_email(self):
        postal = Donor.objects.create(**POSTAL_DONOR)
        online = Donor.objects.create(
            email="marcelle.dubreuil@example.org",
            **{**POSTAL_DONOR, "address": "4 imp. des Tilleuls"},
        )
        listing = self.client.get(reverse("donors:index"), {"has_email": "no"})
        self.assertContains(listing, "Aucun\u00a0: reçus par la poste")
        self.assertNotContains(listing, "marcelle.dubreuil@example.org")
        self.assertContains(self.client.get(reverse("donors:index"), {"q": "42400"}), "Dubreuil")
        export = self.client.get(reverse("donors:index"), {"export": "csv"})
        rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
        [row] = [row for row in rows if "4 impasse des Tilleuls" in row]
        self.assertTrue(row.startswith(";"), "an empty email cell, not None")

        merge = reverse("donors:merge", args=[postal.pk])
        self.assertContains(
            self.client.get(merge), "qui n’a pas d’e-mail et prend celui de l’autre fiche"
        )
        refused = self.client.post(merge, {"same_person": "on"})
        self.assertContains(refused, "Saisissez l’e-mail de l’autre fiche, ou choisissez-la.")
        self.client.post(merge, {"other": online.pk, "same_person": "on"})
        postal.refresh_from_db()
        self.assertEqual(postal.email, "marcelle.dubreuil@example.org")
        self.assertFalse(Donor.objects.filter(pk=online.pk).exists())
