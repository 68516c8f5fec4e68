"""Donors as people: one donor per email with a giving history; two records merged into one."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from campagnes.choices import ReceiptPreference
from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Donor, Gift, LoginToken, Plan, Receipt
from campagnes.money import format_amount
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login


def paid(year: int, month: int = 6):
    return timezone.make_aware(datetime.datetime(year, month, 15, 12))


class DonorTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index)
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)


class OneDonorPerEmailTests(DonorTestCase):
    def offline_gift(self, email: str, amount: str):
        data = {
            "email": email,
            "first_name": "Jeanne",
            "last_name": "Martin",
            "address": "3 rue des Lilas",
            "postcode": "69001",
            "city": "Lyon",
            "receipt_preference": ReceiptPreference.ANNUAL,
            "amount": amount,
            "method": "cheque",
            "received_on": timezone.localdate().isoformat(),
            "campaign": self.campaign.pk,
        }
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("gifts:add"), data)

    def test_gifts_with_one_email_make_one_donor_with_a_history(self):
        self.offline_gift("Jeanne.Martin@example.org", "50")
        self.offline_gift("jeanne.martin@example.org", "70")
        donor = Donor.objects.get()
        factories.gift(donor, 3000, paid(2024))
        factories.gift(donor, 9000, paid(2024, 9), refunded_cents=9000, status="refunded")
        self.assertEqual(donor.gifts.count(), 4)
        with translation.override("fr"):
            page = self.client.get(reverse("donors:inspect", args=[donor.pk]))
            self.assertContains(page, format_amount(15000))  # 50 + 70 + 30 €, refunds apart
            self.assertContains(page, format_amount(12000))  # this year
        self.assertEqual(
            page.context["history"].years, [(timezone.localdate().year, 2, 12000), (2024, 1, 3000)]
        )
        self.assertContains(page, reverse("donors:merge", args=[donor.pk]))


class MergeTests(DonorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.keep = factories.donor("jeanne.martin@example.org", city="", newsletter=False)
        cls.other = factories.donor(
            "j.martin@ancien-fournisseur.example",
            first_name="Jeanne",
            last_name="Martin",
            city="Villeurbanne",
            siren="",
            newsletter=True,
        )
        factories.gift(cls.keep, 5000, paid(2025))
        cls.old_gift = factories.gift(cls.other, 2000, paid(2023), campaign=cls.campaign)
        cls.plan = factories.plan(cls.other, 1000, paid(2023))
        cls.receipt = Receipt.objects.create(
            number="2023-000001",
            year=2023,
            sequence=1,
            kind="individual",
            donor=cls.other,
            amount_cents=2000,
            issued_on=datetime.date(2023, 6, 15),
            gift_date=datetime.date(2023, 6, 15),
            method="Chèque",
            first_name="Jeanne",
            last_name="Martin",
            address="1 ancienne adresse\n69100 Villeurbanne",
        )
        LoginToken.objects.create(
            donor=cls.other,
            email=cls.other.email,
            token_hash="x" * 64,
            expires_at=timezone.now(),
        )

    def merge(self, **data):
        url = reverse("donors:merge", args=[self.keep.pk])
        return self.client.post(url, {"same_person": "on", **data})

    def test_the_other_record_s_gifts_plans_and_receipts_move_and_it_is_deleted(self):
        namesakes = self.client.get(reverse("donors:merge", args=[self.keep.pk]))
        self.assertContains(namesakes, self.other.email)
        response = self.merge(email=self.other.email.upper())
        self.assertRedirects(response, reverse("donors:inspect", args=[self.keep.pk]))
        self.assertFalse(Donor.objects.filter(pk=self.other.pk).exists())
        self.assertEqual(Gift.objects.filter(donor=self.keep).count(), 2)
        self.assertEqual(Plan.objects.get().donor, self.keep)
        receipt = Receipt.objects.get()
        self.assertEqual(receipt.donor, self.keep)
        self.assertEqual(receipt.address, "1 ancienne adresse\n69100 Villeurbanne")
        self.assertFalse(LoginToken.objects.exists())
        self.keep.refresh_from_db()
        self.assertEqual(self.keep.email, "jeanne.martin@example.org")
        self.assertEqual((self.keep.city, self.keep.newsletter), ("Villeurbanne", True))
        entry = ModelLogEntry.objects.get(action="campagnes.merge")
        self.assertEqual((entry.user, entry.object_id), (self.user, str(self.keep.pk)))
        self.assertEqual(entry.data["merged_email"], "j.martin@ancien-fournisseur.example")
        self.assertEqual(entry.data["gifts"], 1)
        # The campaign still counts the gift, now the kept donor's.
        self.assertEqual(self.campaign.progress.raised_cents, 2000)

    def test_a_mistake_is_refused_before_anything_moves(self):
        for data, field in (
            ({"email": "personne@example.org"}, "email"),
            ({"email": self.keep.email}, "email"),
            ({"email": self.other.email, "same_person": ""}, "same_person"),
        ):
            with self.subTest(data=data):
                response = self.merge(**data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(field, response.context["form"].errors)
        self.assertTrue(Donor.objects.filter(pk=self.other.pk).exists())

    def test_two_partners_keep_their_own_records(self):
        factories.partner("Boulangeries Martin", donor=self.keep)
        factories.partner("Imprimerie du Confluent", donor=self.other)
        response = self.merge(email=self.other.email)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(Donor.objects.filter(pk=self.other.pk).exists())
        self.assertEqual(Gift.objects.filter(donor=self.other).count(), 1)
