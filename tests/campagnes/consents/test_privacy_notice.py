"""The short notice of processing where personal data is collected: under the donation form and
on the bulletin's first step, in the visitor's language, linking to the privacy page chosen in
the organisation settings."""

from home.models import OrganisationSettings
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page


class PrivacyNoticeTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.campaign = factories.campaign_page(factories.campaign_index_page(cls.home))
        cls.offering = share_offering_page(cls.home)
        cls.privacy = factories.standard_page(
            cls.home, title="Politique de confidentialité", slug="confidentialite"
        )
        cls.translate_page(cls.home, {"accueil": "home"})
        cls.translate_page(cls.privacy, {"confidentialite": "privacy"})
        cls.campaign_en = cls.translate_page(cls.campaign.get_parent().specific)
        cls.campaign_en = cls.translate_page(cls.campaign)
        organisation = OrganisationSettings.for_site(cls.site)
        organisation.legal_name = "Association Réseau des tiers-lieux solidaires"
        organisation.email = "contact@tiers-lieux.example"
        organisation.privacy_page = cls.privacy
        organisation.save()

    def notice(self, url: str) -> str:
        content = self.client.get(url).text
        start = content.find("data-privacy-notice")
        self.assertGreater(start, 0, f"no privacy notice on {url}")
        return content[start : content.find("</section>", start)]

    def test_the_donation_form_says_who_why_how_long_and_links_the_privacy_page(self):
        notice = self.notice(self.campaign.url)
        self.assertIn("Vos données personnelles", notice)
        self.assertIn(
            "Association Réseau des tiers-lieux solidaires utilise ces informations", notice
        )
        self.assertIn("6\u00a0ans", notice)
        self.assertIn("Stripe", notice)
        self.assertIn('href="/fr/mon-espace/"', notice)
        self.assertIn('href="mailto:contact@tiers-lieux.example"', notice)
        self.assertIn('href="/fr/confidentialite/"', notice)

    def test_in_english_the_notice_links_the_english_privacy_page(self):
        notice = self.notice(self.campaign_en.url)
        self.assertIn("Your personal data", notice)
        self.assertIn("kept for 6 years", notice)
        self.assertIn('href="/en/my-space/"', notice)
        self.assertIn('href="/en/privacy/"', notice)

    def test_the_bulletin_s_first_step_names_the_issuing_company(self):
        notice = self.notice(f"/fr/souscription/{self.offering.pk}/investisseur/")
        self.assertIn("Foncière des tiers-lieux utilise les réponses de ce bulletin", notice)
        self.assertIn("registre des associés", notice)
        self.assertIn('href="/fr/confidentialite/"', notice)
        english = self.notice(f"/en/subscription/{self.offering.pk}/investor/")
        self.assertIn("register of shareholders", english)
        self.assertIn('href="/en/privacy/"', english)

    def test_without_a_privacy_page_chosen_the_notice_still_says_how_to_act(self):
        OrganisationSettings.objects.update(privacy_page=None)
        notice = self.notice(self.campaign.url)
        self.assertNotIn("confidentialite", notice)
        self.assertIn('href="/fr/mon-espace/"', notice)
