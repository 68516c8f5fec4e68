"""Where campaigns show beyond their own page: the lieux they support, the home page's support
slot, and calls to give (the site-wide banner and the body block)."""

import datetime

from campagnes.models import DonationAppeal, Donor, Gift
from campagnes.models.donations import GiftStatus
from tests import factories
from tests.base import SiteTestCase


class CampaignPlacesTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.home.support_title = "Faire vivre les tiers-lieux"
        cls.home.save_revision().publish()
        lieux = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(lieux, title="La Boussole", city="Saint-Chamond")
        index = factories.campaign_index_page(cls.home)
        cls.open = factories.campaign_page(index, title="Une cuisine pour La Boussole")
        cls.open.lieux = [cls.lieu]
        cls.open.save_revision().publish()
        cls.closed = factories.campaign_page(
            index,
            title="Ouvrir Les Partageurs",
            start_date=datetime.date(2021, 9, 1),
            end_date=datetime.date(2022, 2, 20),
        )
        cls.closed.lieux = [cls.lieu]
        cls.closed.save_revision().publish()
        donor = Donor.objects.create(
            email="a@example.org",
            first_name="Alex",
            last_name="Démo",
            address="1 rue",
            postcode="69003",
            city="Lyon",
        )
        Gift.objects.create(
            donor=donor, campaign=cls.open, amount_cents=150_000, status=GiftStatus.PAID
        )

    def test_a_lieu_page_shows_the_open_campaigns_that_support_it(self):
        response = self.client.get(self.lieu.url)
        self.assertContains(response, "Soutenir ce lieu")
        self.assertContains(response, f'href="{self.open.url}"')
        self.assertNotContains(response, "Ouvrir Les Partageurs")

    def test_the_home_page_shows_the_current_campaigns_with_their_progress(self):
        response = self.client.get(self.home.url)
        self.assertContains(response, "Une cuisine pour La Boussole")
        self.assertContains(response, "1\u00a0500\u00a0€")
        self.assertNotContains(response, "Ouvrir Les Partageurs")

    def test_a_banner_shows_on_every_page_until_it_is_switched_off(self):
        appeal = DonationAppeal.objects.create(
            title="Il manque 18 500 € pour la cuisine",
            button_label="Je donne",
            page=self.open,
            show_as_banner=True,
            locale=self.fr,
        )
        for url in (self.home.url, self.lieu.url):
            self.assertContains(self.client.get(url), "Il manque 18 500 € pour la cuisine")
        appeal.is_active = False
        appeal.save()
        self.assertNotContains(self.client.get(self.home.url), "Il manque 18 500 €")

    def test_a_call_to_give_in_a_body_links_to_its_campaign(self):
        appeal = DonationAppeal.objects.create(
            title="Une cuisine pour 60 repas", page=self.open, locale=self.fr
        )
        page = factories.standard_page(
            self.home, title="Nous soutenir", body=[("donation_appeal", appeal)]
        )
        response = self.client.get(page.url)
        self.assertContains(response, "Une cuisine pour 60 repas")
        self.assertContains(response, f'href="{self.open.url}"')
