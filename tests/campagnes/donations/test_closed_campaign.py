"""A closed campaign thanks its donors with what it raised: online and offline gifts net of
refunds and received pledges, on its page and its card, in both languages. One that raised
nothing on this site says it has ended, and thanks nobody beside "0 €"."""

import datetime

from django.utils import timezone

from campagnes.models.pledges import PledgeStatus
from tests import factories
from tests.base import SiteTestCase


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class ClosedCampaignTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.campaign_index_page(cls.home)
        dates = {"start_date": datetime.date(2021, 9, 1), "end_date": datetime.date(2022, 2, 20)}
        cls.closed = factories.campaign_page(
            cls.index, title="Ouvrir Les Partageurs", goal_cents=1_200_000, **dates
        )
        cls.empty = factories.campaign_page(
            cls.index, title="Une campagne sans don", slug="sans-don", **dates
        )
        day = datetime.date(2021, 10, 4)
        alex = factories.donor("alex@example.org")
        camille = factories.donor("camille@example.org")
        # A card gift, a cheque recorded by staff, a refunded gift and a received pledge.
        factories.gift(alex, 30_000, at(day), campaign=cls.closed, method="card")
        factories.gift(
            camille,
            500_000,
            at(day),
            campaign=cls.closed,
            method="cheque",
            is_offline=True,
            received_on=day,
        )
        factories.gift(alex, 9_000, at(day), campaign=cls.closed, status="refunded")
        factories.pledge(
            factories.partner(),
            700_000,
            campaign=cls.closed,
            status=PledgeStatus.RECEIVED,
            received_on=day,
        )
        cls.english = cls.translate_page(cls.index, {"Campagnes": "Campaigns"})
        cls.closed_en = cls.translate_page(cls.closed, {"Ouvrir Les Partageurs": "Opening"})

    def test_its_page_shows_and_thanks_what_it_raised(self):
        html = self.client.get(self.closed.url).text
        # 300 € online + 5,000 € by cheque + 7,000 € pledged; the refunded gift counts nothing.
        self.assertIn('<strong class="progress__raised">12\u00a0300\u00a0€</strong>', html)
        self.assertIn("102\u00a0% de l’objectif", html)
        self.assertIn(
            "Cette campagne s’est terminée le 20 février 2022. Elle a recueilli 12\u00a0300\u00a0€ "
            "grâce à 3 donateurs",
            html,
        )
        self.assertNotIn("0 donateur", html)

    def test_its_card_and_its_english_page_say_the_same(self):
        card = self.client.get(self.index.url).text
        self.assertIn('<strong class="progress__raised">12\u00a0300\u00a0€</strong>', card)
        self.assertIn("3 donateurs", card)
        english = self.client.get(self.closed_en.url).text
        self.assertIn("It raised €12,300 thanks to 3 donors: thank you to each of them.", english)

    def test_a_closed_campaign_that_raised_nothing_thanks_nobody(self):
        html = self.client.get(self.empty.url).text
        self.assertIn("Cette campagne s’est terminée le 20 février 2022.", html)
        self.assertNotIn("progress__raised", html)
        self.assertNotIn("merci", html.lower().split("site-footer")[0])
