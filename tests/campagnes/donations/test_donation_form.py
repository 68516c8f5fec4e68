"""The donation form as a donor meets it: amounts offered, tax cost, and what is refused.

Checkout itself is tested against the fake Stripe server in test_donation_flows.py; here Stripe
is either not configured or never reached.
"""

from django.test import override_settings

from campagnes.models import Donor, Gift, Plan
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields

STRIPE = {
    "STRIPE_SECRET_KEY": "sk_test_form",
    "STRIPE_WEBHOOK_SECRET": "whsec_form",
    # Nothing listens here: a test that reached Stripe would fail loudly.
    "STRIPE_API_BASE": "http://127.0.0.1:9",
}


class DonationFormTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index)

    def post(self, **fields):
        return self.client.post("/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)})

    def assertNothingRecorded(self):
        self.assertEqual(Gift.objects.count() + Plan.objects.count() + Donor.objects.count(), 0)

    def test_the_campaign_page_offers_its_amounts_and_the_cost_after_tax(self):
        response = self.client.get(self.campaign.url)
        self.assertContains(response, 'name="amount_once" value="3000"')
        self.assertContains(response, "Impact 30")
        # The first amount is preselected: 30 € costs 7,50 € after the 75 % reduction.
        self.assertContains(response, "7,50\u00a0€")
        self.assertContains(response, "0\u00a0% de l’objectif")

    def test_without_stripe_keys_the_form_says_payment_is_not_configured(self):
        response = self.client.get(self.campaign.url)
        self.assertContains(response, "paiement en ligne n’est pas encore configuré")
        self.assertContains(response, "disabled")
        response = self.post()
        self.assertContains(response, "Le paiement en ligne n’est pas encore configuré")
        self.assertNothingRecorded()

    def test_an_emailing_url_preselects_an_offered_amount_only(self):
        content = self.client.get(self.campaign.url + "?montant=50&frequence=mensuel").text
        self.assertRegex(content, r'value="monthly"[^>]*checked')
        self.assertRegex(content, r'name="amount_monthly" value="5000"[^>]*checked')
        self.assertIn('50\u00a0€</strong><span data-summary="per-month"> par mois', content)
        content = self.client.get(self.campaign.url + "?montant=37&frequence=mensuel").text
        self.assertNotIn('value="3700"', content)
        self.assertRegex(content, r'name="amount_monthly" value="2000"[^>]*checked')

    @override_settings(**STRIPE)
    def test_an_amount_below_the_bounds_is_refused_in_french(self):
        response = self.post(amount_once="other", other_amount="2")
        self.assertContains(response, "Les dons en ligne vont de 5\u00a0€ à 10\u00a0000\u00a0€.")
        self.assertNothingRecorded()

    @override_settings(**STRIPE)
    def test_an_amount_the_page_does_not_offer_is_refused(self):
        response = self.post(amount_once="4200")
        self.assertContains(response, "Sélectionnez un choix valide")
        self.assertNothingRecorded()

    @override_settings(**STRIPE)
    def test_a_company_gift_needs_its_name_and_siren(self):
        response = self.post(is_company="on", siren="12")
        self.assertContains(response, "Un numéro SIREN comporte 9 chiffres.")
        self.assertContains(response, "Un don d’entreprise en a besoin pour son reçu.")
        self.assertNothingRecorded()

    @override_settings(**STRIPE)
    def test_a_filled_honeypot_records_nothing(self):
        response = self.post(website="http://spam.example")
        self.assertContains(response, "Votre don n’a pas pu être enregistré.")
        self.assertNothingRecorded()

    @override_settings(**STRIPE)
    def test_when_stripe_does_not_answer_the_donor_is_told_and_nothing_is_kept(self):
        response = self.post()
        self.assertContains(response, "Le service de paiement n’a pas répondu")
        self.assertNothingRecorded()

    @override_settings(**STRIPE, CHECKOUT_LIMIT_PER_EMAIL=2)
    def test_a_burst_of_checkouts_for_one_email_is_refused(self):
        for _ in range(2):
            self.assertContains(self.post(), "Le service de paiement n’a pas répondu")
        response = self.post()
        self.assertContains(response, "Trop de tentatives en peu de temps.")
        self.assertNothingRecorded()

    @override_settings(**STRIPE, CHECKOUT_LIMIT_PER_IP=3)
    def test_a_burst_of_checkouts_from_one_address_is_refused(self):
        for n in range(3):
            self.post(email=f"carte{n}@example.org")
        response = self.post(email="carte9@example.org")
        self.assertContains(response, "Trop de tentatives en peu de temps.")

    def test_a_stale_form_gets_a_clear_400(self):
        response = self.client.post("/fr/don/", {"page": "999999", **donor_fields()})
        self.assertEqual(response.status_code, 400)
        self.assertNothingRecorded()
