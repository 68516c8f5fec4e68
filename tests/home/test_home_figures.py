"""The home page's key figures follow the data: the lieux and the towns they are in, the money
raised and the donors are counted; the editors' figures follow for what no record holds."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone

from lieux.choices import Region
from tests import factories
from tests.base import SiteTestCase


def figures(response) -> str:
    html = response.content.decode()
    start = html.index('class="key-figures__list"')
    # Collapses the template's indentation, not the non-breaking spaces inside figures.
    return re.sub(r"[ \n]+", " ", html[start : html.index("</ul>", start)])


class HomeFiguresTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home.key_figures = [("figure", {"figure": "2 €", "label": "le repas partagé"})]
        cls.home.save_revision().publish()
        cls.index = factories.lieu_index_page(cls.home)
        factories.lieu_page(cls.index, title="Escale Lyon", slug="lyon")
        factories.lieu_page(cls.index, title="Escale Vaise", slug="vaise")
        cls.campaigns = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.campaigns, slug="cuisine")

    def test_a_new_lieu_changes_the_count_at_once(self):
        shown = figures(self.client.get("/fr/"))
        self.assertIn("2</span>", shown)
        self.assertIn("lieux dans le réseau", shown)
        self.assertIn("ville dans 1 région", shown)
        factories.lieu_page(
            self.index,
            title="Les Partageurs",
            slug="les-partageurs",
            city="Lille",
            postcode="59000",
            region=Region.HAUTS_DE_FRANCE,
            latitude=Decimal("50.62140"),
            longitude=Decimal("3.06800"),
        )
        shown = figures(self.client.get("/fr/"))
        self.assertIn('3</span> <span class="key-figure__label">lieux dans le réseau', shown)
        self.assertIn('2</span> <span class="key-figure__label">villes dans 2 régions', shown)

    def test_an_unpublished_lieu_is_no_longer_counted(self):
        extra = factories.lieu_page(self.index, title="Escale Brotteaux", slug="brotteaux")
        self.assertIn("3</span>", figures(self.client.get("/fr/")))
        extra.unpublish()
        self.assertIn(
            '2</span> <span class="key-figure__label">lieux', figures(self.client.get("/fr/"))
        )

    def test_money_and_donors_follow_the_gifts(self):
        self.assertNotIn("collectés", figures(self.client.get("/fr/")))
        paid_at = timezone.make_aware(datetime.datetime(2026, 10, 2, 12))
        for email, cents in (("ana@ex.example", 5_000), ("bob@ex.example", 150_000)):
            factories.gift(factories.donor(email), cents, paid_at, campaign=self.campaign)
        factories.gift(factories.donor("cyd@ex.example"), 9_900, None, status="pending")
        partner = factories.partner()
        factories.pledge(partner, 300_000, campaign=self.campaign, status="received")
        factories.pledge(partner, 900_000, campaign=self.campaign, status="signed")
        shown = figures(self.client.get("/fr/"))
        # 50 € + 1,500 € paid, and a received 3,000 € pledge; not the pending gift or the
        # signed pledge.
        self.assertIn("4\u00a0550\u00a0€</span>", shown)
        self.assertIn("collectés auprès des donateurs et partenaires", shown)
        self.assertIn('2</span> <span class="key-figure__label">donateurs', shown)

    def test_editors_figures_follow_the_counted_ones(self):
        shown = figures(self.client.get("/fr/"))
        self.assertLess(shown.index("lieux dans le réseau"), shown.index("le repas partagé"))

    def test_english_home_counts_each_lieu_once(self):
        self.translate_page(self.home)
        self.translate_page(self.index)
        for lieu in self.index.get_children().specific():
            self.translate_page(lieu)
        shown = figures(self.client.get("/en/"))
        self.assertIn('2</span> <span class="key-figure__label">places in the network', shown)
        self.assertIn("town in 1 region", shown)
