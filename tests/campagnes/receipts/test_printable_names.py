"""What is typed for a tax receipt can be printed on it: names with accents, emoji or CJK
characters go through; a character no bundled font has is refused at input, by name, in the
donation form and the Mécénat team's offline gift form, and nothing is recorded."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from campagnes.choices import ReceiptPreference
from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Donor, Gift
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields
from tests.helpers.staff import verified_login

UNPRINTABLE = "Ce caractère ne peut pas être imprimé sur le reçu fiscal\u00a0: {}."
UNPRINTABLE_MANY = "Ces caractères ne peuvent pas être imprimés sur le reçu fiscal\u00a0: {}."
# Stripe "configured" but unreachable: a form that passes validation ends on this message.
STRIPE = {
    "STRIPE_SECRET_KEY": "sk_test_printable",
    "STRIPE_WEBHOOK_SECRET": "whsec_printable",
    "STRIPE_API_BASE": "http://127.0.0.1:9",
}
PAYMENT_SERVICE_DOWN = "Le service de paiement n’a pas répondu"


@override_settings(**STRIPE)
class DonationFormTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.campaign = factories.campaign_page(factories.campaign_index_page(cls.home))

    def post(self, **fields):
        return self.client.post("/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)})

    def test_accents_emoji_and_cjk_pass(self):
        response = self.post(first_name="Zoé-Françoise 🌻", last_name="Œuvray 李", city="東京")
        self.assertContains(response, PAYMENT_SERVICE_DOWN)

    def test_an_unprintable_character_is_named_and_nothing_is_recorded(self):
        response = self.post(first_name="Zoé 🫠")
        self.assertContains(response, UNPRINTABLE.format("🫠"))
        response = self.post(last_name="محمد")
        self.assertContains(response, UNPRINTABLE_MANY.format("م ح د"))
        self.assertEqual(Donor.objects.count() + Gift.objects.count(), 0)

    def test_the_message_is_in_english_on_the_english_form(self):
        response = self.client.post(
            "/en/donation/", {"page": self.campaign.pk, **donor_fields(city="Lyon 𝓛")}
        )
        self.assertContains(
            response,
            "This character cannot be printed on the tax receipt: 𝓛. "
            "Please leave it out or write it another way.",
        )


class OfflineGiftFormTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.campaign = factories.campaign_page(factories.campaign_index_page(cls.home))
        cls.mecenat = get_user_model().objects.create_user("tresoriere", "t@example.org")
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))

    def post_gift(self, **fields):
        data = {
            "email": "paul.bernard@example.org",
            "first_name": "Paul",
            "last_name": "Bernard",
            "address": "8 quai du Rhône",
            "postcode": "69007",
            "city": "Lyon",
            "receipt_preference": ReceiptPreference.PER_GIFT,
            "amount": "150",
            "method": "cheque",
            "received_on": timezone.localdate().isoformat(),
            "campaign": self.campaign.pk,
            **fields,
        }
        verified_login(self.client, self.mecenat)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("gifts:add"), data)

    def test_an_unprintable_name_is_refused_with_its_character(self):
        response = self.post_gift(last_name="Bernard 🫠")
        self.assertEqual(response.status_code, 200)
        self.assertIn("last_name", response.context["form"].errors)
        self.assertContains(response, UNPRINTABLE.format("🫠"))
        self.assertFalse(Gift.objects.exists())

    def test_a_cjk_name_gets_its_receipt(self):
        self.post_gift(first_name="小龍", last_name="李")
        gift = Gift.objects.get()
        self.assertEqual((gift.receipt.first_name, gift.receipt.last_name), ("小龍", "李"))
