"""The receipts' wording against the forms in force (campagnes/pdf/cerfa.py cites them): the title
and articles of n° 11580*05 and n° 16216*02, the company's legal form, the beneficiary's qualité
with each form's own article, the 75 % ceiling, and a SEPA gift dated from its debit."""

import datetime
from unittest import mock

from django.utils import timezone

from campagnes.mecenat.pledges import receipt_problems
from campagnes.models import DonationSettings, Gift, Partner, Receipt
from campagnes.money import TaxRules
from campagnes.pdf.receipt import render_receipt_pdf
from campagnes.receipts import issue as receipts
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.pdf import pdf_text

PARIS = timezone.get_fixed_timezone(60)
COMPANY_FIELD_MISSING = "Un don d’entreprise en a besoin pour son reçu."
COMPANY = {
    "is_company": "on",
    "company_name": "Boulangerie Dupont",
    "legal_form": "SAS",
    "siren": "443061841",
}


def printed(receipt: Receipt) -> str:
    return " ".join(pdf_text(render_receipt_pdf(receipts.document(receipt))).split())


class WordingTests(StripeFlowTestCase):
    def paid_gift(self, **fields) -> Gift:
        session = self.give(amount_once="5000", **fields)
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        return Gift.objects.get(stripe_checkout_session_id=session)

    def test_an_individual_receipt_is_n_11580_05(self):
        text = printed(self.paid_gift().receipt)
        for mention in (
            "Reçu des dons et versements effectués par les particuliers",
            "au titre des articles 200 et 978 du code général des impôts",
            "CERFA n° 11580*05",
            "Qualité Œuvre ou organisme d'intérêt général (article 200-1-b du CGI)",
            "ouvrent droit à la réduction d'impôt prévue à l'article 200 du CGI",
        ):
            self.assertIn(mention, text)
        # The form before *05 cited 238 bis (companies) beside 200 and 978.
        self.assertNotIn("238 bis", text)
        self.assertNotIn("certains organismes d'intérêt général", text)

    def test_a_company_receipt_is_n_16216_02_with_the_legal_form(self):
        gift = self.paid_gift(**COMPANY)
        self.assertEqual(gift.legal_form, "SAS")
        text = printed(gift.receipt)
        for mention in (
            "Reçu des dons et versements effectués par les entreprises",
            "au titre de l'article 238 bis du code général des impôts",
            "CERFA n° 16216*02",
            "ENTREPRISE DONATRICE",
            "Dénomination Boulangerie Dupont",
            "Forme juridique SAS",
            "Qualité Œuvre ou organisme d'intérêt général (article 238 bis-1-a du CGI)",
            "prévue à l'article 238 bis du CGI",
        ):
            self.assertIn(mention, text)
        self.assertNotIn("200-1-b", text)
        self.assertNotIn("11580", text)

    def test_a_company_gift_needs_its_legal_form(self):
        fields = donor_fields(**{**COMPANY, "legal_form": ""})
        response = self.client.post("/fr/don/", {"page": self.campaign.pk, **fields})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, COMPANY_FIELD_MISSING, count=1)
        self.assertFalse(Gift.objects.exists())

    def test_a_status_typed_with_the_individuals_article_is_not_printed_on_a_company_receipt(self):
        settings = DonationSettings.for_site(self.site)
        settings.receipt_status = "Association loi 1901 d'intérêt général (article 200-1-b du CGI)"
        settings.save()
        text = printed(self.paid_gift(**COMPANY).receipt)
        self.assertIn("Association loi 1901 d'intérêt général (article 238 bis-1-a du CGI)", text)
        self.assertNotIn("200-1-b", text)


class SepaDateTests(StripeFlowTestCase):
    """The tax rule dates a debit from the day the money moves (BOI-IR-RICI-250-20 § 30), not
    from the day Stripe confirms it, days later."""

    def debited_on_new_years_eve(self, **fields) -> Gift:
        session = self.give(amount_once="3000", **fields)
        self.fake.complete_session(session, method="sepa_debit")
        self.deliver_new()
        self.fake.async_payment(session, succeeded=True, debit_date="2026-12-31")
        confirmed = datetime.datetime(2027, 1, 3, 10, 0, tzinfo=PARIS)
        with mock.patch("django.utils.timezone.now", return_value=confirmed):
            self.deliver_new()
        return Gift.objects.get(stripe_checkout_session_id=session)

    def test_a_debit_of_31_december_confirmed_on_3_january_is_dated_and_receipted_in_december(
        self,
    ):
        gift = self.debited_on_new_years_eve()
        self.assertEqual(gift.status, "paid")
        self.assertEqual(gift.received_on, datetime.date(2026, 12, 31))
        self.assertEqual(timezone.localdate(gift.paid_at), datetime.date(2026, 12, 31))
        self.assertEqual(gift.receipt.gift_date, datetime.date(2026, 12, 31))
        self.assertEqual(gift.receipt.issued_on, datetime.date(2027, 1, 3))
        self.assertIn("Date du versement ou du don : 31/12/2026", printed(gift.receipt))

    def test_an_annual_donors_debit_of_31_december_is_in_that_years_receipt(self):
        gift = self.debited_on_new_years_eve(receipt_preference="annual")
        self.assertIsNone(gift.receipt)
        self.assertEqual(receipts.issue_annual(2027), [])
        (annual,) = receipts.issue_annual(2026)
        self.assertEqual((annual.period_start, annual.period_end), (gift.received_on,) * 2)

    def test_a_card_gift_keeps_the_day_it_was_paid(self):
        session = self.give(amount_once="3000")
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        gift = Gift.objects.get(stripe_checkout_session_id=session)
        self.assertIsNone(gift.received_on)
        self.assertEqual(timezone.localdate(gift.paid_at), timezone.localdate())


class CeilingAndPartnerTests(SiteTestCase):
    def test_the_75_percent_rate_goes_up_to_2000_euros_of_gifts_by_default(self):
        rules = TaxRules.from_settings(DonationSettings.for_site(self.site))
        # 75 % of 2,000 € (loi de finances pour 2026), then 66 % of the next 1,000 €.
        self.assertEqual(rules.reduction(300_000), 150_000 + 66_000)

    def test_a_companys_receipt_waits_for_its_legal_form(self):
        partner = factories.partner(legal_form="")
        self.assertIn(
            "Le reçu d’une entreprise indique sa forme juridique (SAS, SARL…).",
            receipt_problems(partner),
        )
        Partner.objects.filter(pk=partner.pk).update(legal_form="SAS")
        partner.refresh_from_db()
        self.assertEqual(receipt_problems(partner), [])
