"""Posted values the form never offers come back as form errors, never as a 500 (found by
tests/test_fuzz_public.py)."""

from django.test import Client

from campagnes.models import Donor, Gift, Plan
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields


class RefusedValuesTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.campaign = factories.campaign_page(factories.campaign_index_page(cls.home))

    def setUp(self):
        super().setUp()
        self.client = Client(raise_request_exception=False)

    def post(self, **fields):
        response = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)}
        )
        self.assertEqual(Gift.objects.count() + Plan.objects.count() + Donor.objects.count(), 0)
        return response

    def test_an_unknown_frequency_is_a_form_error(self):
        response = self.post(frequency="weekly")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sélectionnez un choix valide")
        # The summary falls back on a one-off gift of the posted preset amount.
        self.assertContains(response, 'data-summary="amount">50\u00a0€</strong>')
        self.assertContains(response, '<span data-summary="per-month" hidden>')

    def test_a_preset_amount_that_is_not_a_number_is_a_form_error(self):
        for value in ("abc", "50,00", "²"):
            with self.subTest(value=value):
                response = self.post(amount_once=value)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Sélectionnez un choix valide")

    def test_an_unknown_frequency_with_a_made_up_amount_is_refused(self):
        response = self.post(frequency="0", amount_once="x", other_amount="1" * 20)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sélectionnez un choix valide")
