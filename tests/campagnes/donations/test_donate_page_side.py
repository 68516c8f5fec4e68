"""The donate page's side column: what a donor checks before trusting the form (where the money
goes, the tax reduction, payment security, a contact), in French and in English, with the rates
the receipts use."""

from campagnes.models import DonatePage, DonationSettings
from home.factories import publish
from tests import factories
from tests.base import SiteTestCase

FUNDS = "<ul><li>Les repas à 2 € des tables d'hôtes</li></ul>"
SECURITY = "<p>Votre numéro de carte ne passe jamais par nos serveurs.</p>"
NOTE = "<p>Dans la limite de 20 % du revenu imposable.</p>"


class DonatePageSideTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        settings = factories.donation_settings(cls.site)
        # The rates of gifts made since 14 October 2025 (loi de finances pour 2026).
        settings.reduction_rate, settings.difficulty_rate, settings.company_reduction_rate = (
            66,
            75,
            60,
        )
        settings.difficulty_ceiling_cents = 200_000
        settings.save()
        cls.donate = publish(
            cls.home,
            DonatePage(
                title="Faire un don",
                slug="faire-un-don",
                funds_use=FUNDS,
                tax_note=NOTE,
                payment_security=SECURITY,
                contact="<p>Réponse sous deux jours ouvrés.</p>",
                contact_email="dons@reseau.example",
                contact_phone="04 65 71 00 01",
            ),
        )
        cls.translate_page(cls.home)
        cls.en_donate = cls.translate_page(
            cls.donate,
            {
                "faire-un-don": "donate",
                "Les repas à 2 € des tables d'hôtes": "The €2 meals of the shared tables",
                "Votre numéro de carte ne passe jamais par nos serveurs.": (
                    "Your card number never passes through our servers."
                ),
                "Dans la limite de 20 % du revenu imposable.": "Up to 20% of taxable income.",
            },
        )

    def side(self, url: str) -> str:
        html = self.client.get(url).content.decode()
        start = html.index('class="donate__side')
        return html[start : html.index("</aside>", start)]

    def test_french_side_column_explains_the_reduction_with_the_settings_rates(self):
        side = self.side(self.donate.url)
        self.assertIn("Donner en confiance", side)
        self.assertIn("Votre réduction d'impôt", side)
        # 75 % up to 2,000 € (help to people in difficulty), then 66 %; companies 60 %.
        self.assertIn("75\u00a0% de vos dons jusqu'à 2\u00a0000\u00a0€ par an", side)
        self.assertIn("66\u00a0% au-delà", side)
        self.assertIn("60\u00a0% du don", side)
        # The worked example follows the same rules: 100 € cost 25 €.
        self.assertIn(
            "Un don de <strong>100\u00a0€</strong> vous revient à <strong>25\u00a0€</strong>", side
        )
        self.assertIn("Dans la limite de 20 % du revenu imposable.", side)
        self.assertIn("À quoi sert votre don", side)
        self.assertIn("Paiement sécurisé", side)
        self.assertIn('href="mailto:dons@reseau.example"', side)
        self.assertIn('href="tel:0465710001"', side)

    def test_english_side_column_is_translated(self):
        side = self.side(self.en_donate.url)
        self.assertIn("Giving with confidence", side)
        self.assertIn("Your tax reduction", side)
        self.assertIn("75 % of your gifts up to €2,000 a year", side)
        self.assertIn("A gift of <strong>€100</strong> costs you <strong>€25</strong>", side)
        self.assertIn("The €2 meals of the shared tables", side)
        self.assertIn("Your card number never passes through our servers.", side)
        self.assertIn("Up to 20% of taxable income.", side)
        # The contact is synchronised, not translated.
        self.assertIn('href="mailto:dons@reseau.example"', side)

    def test_without_the_higher_rate_only_the_ordinary_one_is_promised(self):
        settings = DonationSettings.for_site(self.site)
        settings.helps_people_in_difficulty = False
        settings.save()
        side = self.side(self.donate.url)
        self.assertIn("66\u00a0% de vos dons.", side)
        self.assertNotIn("75\u00a0%", side)
        self.assertIn("vous revient à <strong>34\u00a0€</strong>", side)

    def test_empty_parts_are_hidden_but_the_tax_reduction_stays(self):
        page = publish(self.home, DonatePage(title="Don", slug="don-simple"))
        side = self.side(page.url)
        self.assertIn("Votre réduction d'impôt", side)
        self.assertNotIn("Paiement sécurisé", side)
        self.assertNotIn("Une question", side)
