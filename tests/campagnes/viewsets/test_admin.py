"""The Mécénat admin: who sees donor data, offline gifts, receipt copies and Stripe events."""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from campagnes.choices import ReceiptPreference
from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.donations import payments
from campagnes.models import Donor, Gift, Receipt, StripeEvent
from campagnes.models.donations import GiftStatus
from campagnes.money import format_amount
from home.demo.permissions import communication_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.staff import verified_login


class MecenatAdminTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index, goal_cents=100_000)
        User = get_user_model()
        cls.mecenat = User.objects.create_user("tresoriere", "tresoriere@example.org")
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        communication = communication_group()
        cls.communication = User.objects.create_user("redaction", "redaction@example.org")
        cls.communication.groups.add(communication)

        cls.donor = Donor.objects.create(
            email="jeanne.martin@example.org",
            first_name="Jeanne",
            last_name="Martin",
            address="3 rue des Lilas",
            postcode="69001",
            city="Lyon",
        )
        cls.gift = Gift.objects.create(
            donor=cls.donor,
            amount_cents=5000,
            campaign=cls.campaign,
            stripe_payment_intent_id="pi_admin_1",
        )
        # Its receipt is issued by a task queued once the transaction commits.
        with cls.captureOnCommitCallbacks(execute=True):
            payments.move(cls.gift, GiftStatus.PAID)
        cls.gift.refresh_from_db()
        cls.receipt = cls.gift.receipt
        cls.event = StripeEvent.objects.create(
            event_id="evt_admin_1",
            type="checkout.session.completed",
            created=1_790_000_000,
            payload={"id": "evt_admin_1", "data": {"object": {"mode": "payment"}}},
            processed_at=timezone.now(),
        )

    def urls(self) -> list[str]:
        """Every donation admin URL, reads and actions."""
        return [
            reverse("donors:index"),
            reverse("donors:add"),
            reverse("donors:edit", args=[self.donor.pk]),
            reverse("donors:inspect", args=[self.donor.pk]),
            reverse("gifts:index"),
            reverse("gifts:add"),
            reverse("gifts:inspect", args=[self.gift.pk]),
            reverse("gifts:history", args=[self.gift.pk]),
            reverse("plans:index"),
            reverse("receipts:index"),
            reverse("receipts:inspect", args=[self.receipt.pk]),
            reverse("receipts:pdf", args=[self.receipt.pk]),
            reverse("receipts:resend", args=[self.receipt.pk]),
            reverse("stripe-events:index"),
            reverse("stripe-events:inspect", args=[self.event.pk]),
            reverse("stripe-events:process", args=[self.event.pk]),
        ]


class MecenatAccessTests(MecenatAdminTestCase):
    def test_the_mecenat_group_sees_the_menu_and_every_view(self):
        verified_login(self.client, self.mecenat)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, reverse("gifts:index"))
        self.assertContains(dashboard, reverse("receipts:index"))
        for url in self.urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_lists_show_amounts_and_are_searched_and_filtered(self):
        verified_login(self.client, self.mecenat)
        gifts = reverse("gifts:index")
        listed = self.client.get(gifts)
        self.assertContains(listed, "Jeanne Martin")
        self.assertContains(listed, format_amount(5000))
        self.assertContains(self.client.get(gifts, {"q": "jeanne.martin@"}), "Jeanne Martin")
        self.assertContains(self.client.get(gifts, {"q": "jeanne martin"}), "Jeanne Martin")
        self.assertNotContains(self.client.get(gifts, {"q": "Jeanne Dupont"}), "Jeanne Martin")
        self.assertContains(self.client.get(gifts, {"status": "paid"}), "Jeanne Martin")
        self.assertNotContains(self.client.get(gifts, {"is_offline": "true"}), "Jeanne Martin")
        self.assertContains(
            self.client.get(gifts, {"campaign": self.campaign.pk, "method": ""}), "Jeanne Martin"
        )
        self.assertContains(
            self.client.get(reverse("receipts:index"), {"q": "Martin"}), self.receipt.number
        )
        export = self.client.get(gifts, {"export": "csv"})
        self.assertIn(b"jeanne.martin@example.org", b"".join(export.streaming_content))

    def test_the_communication_group_sees_no_donor_data(self):
        verified_login(self.client, self.communication)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(dashboard.status_code, 200)
        self.assertNotContains(dashboard, reverse("gifts:index"))
        self.assertNotContains(dashboard, reverse("donors:index"))
        for url in self.urls():
            with self.subTest(url=url):
                for response in (self.client.get(url), self.client.post(url)):
                    self.assertIn(response.status_code, (302, 403))
                    if response.status_code == 302:
                        self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
                    self.assertNotIn(b"Martin", response.content)
        self.assertEqual(len(mail.outbox), 0)

    def test_online_gifts_receipts_and_events_are_read_only(self):
        verified_login(self.client, self.mecenat)
        inspect = self.client.get(reverse("gifts:inspect", args=[self.gift.pk]))
        self.assertNotContains(inspect, "/edit/")
        self.assertNotContains(inspect, "/delete/")
        receipts = self.client.get(reverse("receipts:index"))
        self.assertNotContains(receipts, "/admin/receipts/new/")
        # Unknown admin paths fall through to the language-prefixed site, which has no such page.
        for url in (
            f"/admin/gifts/edit/{self.gift.pk}/",
            f"/admin/gifts/delete/{self.gift.pk}/",
            "/admin/receipts/new/",
            f"/admin/stripe-events/edit/{self.event.pk}/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, follow=True).status_code, 404)


class OfflineGiftTests(MecenatAdminTestCase):
    def post_gift(self, **fields):
        data = {
            "email": "Paul.Bernard@example.org",
            "civility": "m",
            "first_name": "Paul",
            "last_name": "Bernard",
            "address": "8 quai du Rhône",
            "postcode": "69007",
            "city": "Lyon",
            "receipt_preference": ReceiptPreference.PER_GIFT,
            "amount": "150,50",
            "method": "cheque",
            "received_on": timezone.localdate().isoformat(),
            "campaign": self.campaign.pk,
            "note": "Chèque n° 1234567",
            **fields,
        }
        verified_login(self.client, self.mecenat)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("gifts:add"), data)

    def test_a_cheque_counts_toward_the_campaign_and_gets_its_receipt(self):
        response = self.post_gift()
        gift = Gift.objects.get(is_offline=True)
        self.assertRedirects(response, reverse("gifts:inspect", args=[gift.pk]))
        self.assertEqual(
            (gift.status, gift.amount_cents, gift.method, gift.donor.email, gift.campaign_id),
            (GiftStatus.PAID, 15050, "cheque", "paul.bernard@example.org", self.campaign.pk),
        )
        self.assertEqual(gift.received_on, timezone.localdate())
        self.assertEqual(timezone.localdate(gift.paid_at), gift.received_on)
        self.assertEqual(gift.receipt.amount_cents, 15050)
        self.assertEqual(gift.receipt.method, "Chèque")
        self.assertIn(gift.receipt.number, [m.subject.split()[-1] for m in mail.outbox])

        page = self.client.get(self.campaign.url)
        self.assertEqual(page.context["page"].progress.raised_cents, 5000 + 15050)
        with translation.override("fr"):
            self.assertContains(page, format_amount(20050))

    def test_an_existing_donor_is_found_by_email_and_an_annual_one_waits_for_january(self):
        Donor.objects.filter(pk=self.donor.pk).update(receipt_preference=ReceiptPreference.ANNUAL)
        self.post_gift(
            email="JEANNE.MARTIN@example.org",
            first_name="",
            last_name="",
            address="",
            postcode="",
            city="Villeurbanne",
            amount="80",
            method="transfer",
        )
        gift = Gift.objects.get(is_offline=True)
        self.assertEqual(gift.donor, self.donor)
        self.assertEqual(Donor.objects.count(), 1)
        self.donor.refresh_from_db()
        self.assertEqual((self.donor.city, self.donor.last_name), ("Villeurbanne", "Martin"))
        self.assertEqual(self.donor.receipt_preference, ReceiptPreference.ANNUAL)
        self.assertIsNone(gift.receipt)

    def test_bad_amounts_dates_and_missing_identity_are_refused(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        for fields, field in (
            ({"amount": "cent euros"}, "amount"),
            ({"amount": "0"}, "amount"),
            ({"received_on": tomorrow.isoformat()}, "received_on"),
            ({"address": ""}, "address"),
            ({"method": "card"}, "method"),
            ({"company_name": "Boulangerie Dupain", "siren": ""}, "siren"),
        ):
            with self.subTest(fields=fields):
                response = self.post_gift(**fields)
                self.assertEqual(response.status_code, 200)
                self.assertIn(field, response.context["form"].errors)
        self.assertFalse(Gift.objects.filter(is_offline=True).exists())

    def test_a_donor_page_links_to_a_form_with_their_email(self):
        verified_login(self.client, self.mecenat)
        inspect = self.client.get(reverse("donors:inspect", args=[self.donor.pk]))
        add_url = f"{reverse('gifts:add')}?donor={self.donor.pk}"
        self.assertContains(inspect, add_url)
        self.assertContains(self.client.get(add_url), self.donor.email)


class ReceiptCopyTests(MecenatAdminTestCase):
    def test_a_resent_copy_is_marked_duplicata(self):
        verified_login(self.client, self.mecenat)
        url = reverse("receipts:resend", args=[self.receipt.pk])
        self.assertContains(self.client.get(url), "DUPLICATA")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url)
        self.assertRedirects(response, reverse("receipts:inspect", args=[self.receipt.pk]))
        [message] = mail.outbox
        self.assertEqual(message.to, [self.donor.email])
        name, pdf, mimetype = message.attachments[0]
        self.assertEqual(mimetype, "application/pdf")
        self.assertIn("DUPLICATA", pdf_text(pdf))

    def test_the_downloaded_pdf_is_a_copy(self):
        verified_login(self.client, self.mecenat)
        issued = self.receipt.pdf_sha256
        response = self.client.get(reverse("receipts:pdf", args=[self.receipt.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("DUPLICATA", pdf_text(response.content))
        self.receipt.refresh_from_db()
        self.assertEqual(self.receipt.pdf_sha256, issued, "a copy is never the issued original")
        self.assertNotEqual(hashlib.sha256(response.content).hexdigest(), issued)


class StripeEventTests(MecenatAdminTestCase):
    def stored(self, event_id: str, obj) -> StripeEvent:
        """An event whose first processing failed, as the webhook view leaves it."""
        return StripeEvent.objects.create(
            event_id=event_id,
            type="checkout.session.completed",
            created=1_790_000_100,
            payload={"id": event_id, "type": "checkout.session.completed", "data": {"object": obj}},
            attempts=1,
            error="OperationalError: database is locked",
        )

    def test_an_unprocessed_event_is_processed_again(self):
        gift = Gift.objects.create(donor=self.donor, amount_cents=3000)
        session = {
            "id": "cs_admin_1",
            "mode": "payment",
            "payment_status": "paid",
            "payment_intent": "pi_admin_2",
            "metadata": {"gift_id": str(gift.pk)},
        }
        event = self.stored("evt_admin_2", session)
        verified_login(self.client, self.mecenat)
        inspect = self.client.get(reverse("stripe-events:inspect", args=[event.pk]))
        process = reverse("stripe-events:process", args=[event.pk])
        self.assertContains(inspect, process)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(process, follow=True)
        self.assertEqual([m.level_tag for m in response.context["messages"]], ["success"])
        event.refresh_from_db()
        gift.refresh_from_db()
        self.assertIsNotNone(event.processed_at)
        self.assertEqual((event.attempts, event.error), (2, ""))
        self.assertEqual(gift.status, GiftStatus.PAID)
        inspect = self.client.get(reverse("stripe-events:inspect", args=[event.pk]))
        self.assertNotContains(inspect, process)

    def test_a_failing_event_shows_its_error(self):
        event = self.stored("evt_admin_3", "not an object")
        verified_login(self.client, self.mecenat)
        response = self.client.post(reverse("stripe-events:process", args=[event.pk]), follow=True)
        [message] = response.context["messages"]
        self.assertEqual(message.level_tag, "error")
        self.assertIn("AttributeError", message.message)
        event.refresh_from_db()
        self.assertIsNone(event.processed_at)
        self.assertEqual(event.attempts, 2)
        self.assertIn("AttributeError", event.error)
        self.assertFalse(Receipt.objects.exclude(pk=self.receipt.pk).exists())
