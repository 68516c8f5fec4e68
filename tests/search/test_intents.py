"""Searches about giving, investing or one's personal space lead to those pages on any site,
whatever their wording and without promotions (search/intents.py)."""

import datetime
import unittest

from django.urls import reverse
from django.utils import translation

from campagnes.models import DonatePage
from search.intents import GIVE, INVEST, SPACE, intents
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("search")


class IntentWordsTests(unittest.TestCase):
    def test_words_people_type_in_either_language(self):
        cases = {
            "don": [GIVE],
            "Faire un DON": [GIVE],
            "donner": [GIVE],
            "dons mensuels": [GIVE],
            "donate": [GIVE],
            "mécénat": [GIVE],
            "investir": [INVEST],
            "l'investissement solidaire": [INVEST],
            "parts": [INVEST],
            "parts sociales": [INVEST],
            "actions": [INVEST],
            "invest": [INVEST],
            "shares": [INVEST],
            "reçu fiscal": [SPACE],
            "Recus": [SPACE],
            "mon espace": [SPACE],
            "tax receipt": [SPACE],
            "espace donateur": [GIVE, SPACE],
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(intents(query), expected)

    def test_whole_words_only(self):
        # "part" and "action" alone mean other things; "dont" and "London" are not "don".
        for query in ("part", "action sociale", "dont", "London", "abandon", "atelier", ""):
            with self.subTest(query=query):
                self.assertEqual(intents(query), [])


class IntentSearchTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = datetime.date.today()
        cls.donate = factories.publish(
            cls.home, DonatePage(title="Soutenir", slug="soutenir", intro="Chaque geste compte.")
        )
        cls.campaigns = factories.campaign_index_page(cls.home, intro="Nos projets.")
        cls.open_campaign = factories.campaign_page(
            cls.campaigns, title="Un four pour la table", slug="four"
        )
        cls.closed_campaign = factories.campaign_page(
            cls.campaigns,
            title="Un toit pour l'atelier",
            slug="toit",
            start_date=today - datetime.timedelta(days=400),
            end_date=today - datetime.timedelta(days=300),
        )
        cls.offering = share_offering_page(cls.home, title="La Foncière", slug="fonciere")
        cls.standard = factories.standard_page(cls.home, title="Comment aider", slug="aider")
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.en_donate = cls.translate_page(cls.donate, {"Soutenir": "Support", "soutenir": "give"})
        cls.en_campaigns = cls.translate_page(cls.campaigns, {"campagnes": "campaigns"})
        cls.en_open_campaign = cls.translate_page(cls.open_campaign, {"four": "oven"})

    def promoted(self, language: str = "fr", **params) -> list[str]:
        response = self.client.get(search_url(language), params)
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        return [link["href"] for link in soup.select(".search-result--promoted a")]

    def test_giving_leads_to_the_donate_page_the_campaigns_and_the_open_ones(self):
        # None of these pages says "don" or "donner": the words are the search's own.
        self.assertEqual(
            self.promoted(q="donner"),
            [self.donate.url, self.campaigns.url, self.open_campaign.url],
        )
        self.assertEqual(
            self.promoted("en", q="donate"),
            [self.en_donate.url, self.en_campaigns.url, self.en_open_campaign.url],
        )

    def test_investing_leads_to_the_offering_in_the_visitors_language_only(self):
        self.assertEqual(self.promoted(q="actions"), [self.offering.url])
        # The offering has no English page: an English search does not offer the French one.
        self.assertEqual(self.promoted("en", q="invest"), [])

    def test_a_receipt_leads_to_the_personal_space(self):
        for language, query in (("fr", "reçu fiscal"), ("en", "receipts")):
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(
                    self.promoted(language, q=query), [reverse("campagnes:donor_login")]
                )

    def test_other_searches_get_nothing_added(self):
        self.assertEqual(self.promoted(q="aider"), [])

    def test_unpublished_pages_are_not_offered(self):
        self.donate.unpublish()
        self.assertNotIn(self.donate.url, self.promoted(q="don"))

    def test_the_editors_promotions_come_first_and_nothing_twice(self):
        factories.search_promotion("don", self.standard)
        factories.search_promotion("don", self.donate)
        found = self.promoted(q="don")
        self.assertEqual(found[:2], [self.standard.url, self.donate.url])
        self.assertEqual(found.count(self.donate.url), 1)
        # Nor among the ordinary results below.
        soup = self.get_soup(self.client.get(search_url("fr"), {"q": "don"}).content)
        self.assertEqual(len(soup.select(f'main a[href="{self.donate.url}"]')), 1)

    def test_the_type_filter_applies_to_them(self):
        self.assertEqual(self.promoted(q="don", type="campagne"), [self.open_campaign.url])
        self.assertEqual(self.promoted(q="investir", type="parts"), [self.offering.url])
        self.assertEqual(self.promoted(q="don", type="lieu"), [])

    def test_they_are_counted_in_the_results(self):
        response = self.client.get(search_url("fr"), {"q": "don"})
        heading = self.get_soup(response.content).select_one(".results-count").get_text()
        self.assertIn("3 résultats", heading)
