"""Giving is one click from anywhere: the donate page, the campaigns, the share offering and the
personal space are linked from every public page, in both languages, on a fresh site (from the
page tree, whatever the menu holds) and on the demo (every page crawled); and the site search
finds them for the words people type.
"""

from collections import deque
from urllib.parse import urlencode, urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from bs4 import BeautifulSoup

from campagnes.models import CampaignIndexPage, DonatePage, ShareOfferingPage
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page
from tests.home.test_demo_site import load_demo, shrink_demo_images

LANGUAGES = ("fr", "en")
# What people type (issue 14), in both languages: each language's search understands both.
GIVING_WORDS = ("don", "donner", "faire un don", "donate", "Donation", "give")
INVESTING_WORDS = ("invest", "investir", "parts", "actions", "shares", "Parts sociales")


def space_url(language: str) -> str:
    with translation.override(language):
        return reverse("campagnes:donor_login")


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("search")


def hrefs(html: bytes | str) -> set[str]:
    return {link["href"] for link in BeautifulSoup(html, "html.parser").select("a[href]")}


class FreshSiteTests(SiteTestCase):
    """A site nobody gave a menu: the header and footer still lead to giving, by page type."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.donate = factories.publish(
            cls.home,
            DonatePage(title="Faire un don", slug="faire-un-don", intro="Votre don compte."),
        )
        cls.campaigns = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.campaigns)
        cls.offering = share_offering_page(cls.home, title="Investir", slug="investir")
        cls.legal = factories.standard_page(cls.home, slug="mentions-legales")
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.en_donate = cls.translate_page(
            cls.donate, {"Faire un don": "Make a donation", "faire-un-don": "donate"}
        )
        cls.en_campaigns = cls.translate_page(
            cls.campaigns, {"Campagnes": "Campaigns", "campagnes": "campaigns"}
        )
        cls.en_offering = cls.translate_page(
            cls.offering, {"Investir": "Invest", "investir": "invest"}
        )

    def page_links(self, url: str) -> BeautifulSoup:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return BeautifulSoup(response.content, "html.parser")

    def test_header_and_footer_lead_to_giving_in_the_pages_language(self):
        pages = {
            "fr": (self.home, self.legal, self.campaign, self.offering),
            "en": (self.home.get_translation(self.en), self.en_campaigns, self.en_offering),
        }
        expected = {
            "fr": (self.donate.url, self.campaigns.url, self.offering.url),
            "en": (self.en_donate.url, self.en_campaigns.url, self.en_offering.url),
        }
        for language, language_pages in pages.items():
            donate, campaigns, offering = expected[language]
            for page in language_pages:
                with self.subTest(page=page.url):
                    soup = self.page_links(page.url)
                    header = soup.select_one(".site-header")
                    bar_button = header.select_one(".donate-button--bar")
                    self.assertEqual(bar_button["href"], donate)
                    self.assertEqual(header.select_one(".space-link")["href"], space_url(language))
                    column = soup.select_one(".site-footer__support")
                    self.assertEqual(
                        [link["href"] for link in column.select("a")],
                        [donate, campaigns, offering, space_url(language)],
                    )

    def test_the_button_speaks_the_pages_language(self):
        self.assertEqual(
            self.page_links("/fr/").select_one(".donate-button--bar").get_text(strip=True),
            "Faire un don",
        )
        english = self.page_links("/en/")
        self.assertEqual(english.select_one(".donate-button--bar").get_text(strip=True), "Donate")
        self.assertEqual(english.select_one(".space-link").get_text(strip=True), "My space")

    def test_the_donate_page_is_marked_as_the_current_page(self):
        soup = self.page_links(self.donate.url)
        self.assertEqual(soup.select_one(".donate-button--bar")["aria-current"], "page")
        # Elsewhere it is not: the cached header varies on the mark.
        self.assertFalse(
            self.page_links("/fr/").select_one(".donate-button--bar").has_attr("aria-current")
        )

    def test_an_untranslated_donate_page_is_still_offered_in_english(self):
        self.en_donate.unpublish()
        soup = self.page_links("/en/")
        self.assertEqual(soup.select_one(".donate-button--bar")["href"], self.donate.url)

    def test_without_a_donate_page_the_button_leads_to_the_campaigns(self):
        self.donate.unpublish()
        soup = self.page_links("/fr/")
        self.assertEqual(soup.select_one(".donate-button--bar")["href"], self.campaigns.url)

    def test_without_anything_to_give_to_the_personal_space_stays(self):
        for page in (self.donate, self.campaigns, self.offering):
            page.unpublish()
        soup = self.page_links("/fr/")
        self.assertIsNone(soup.select_one(".donate-button"))
        self.assertEqual(soup.select_one(".space-link")["href"], space_url("fr"))
        self.assertEqual(
            [link["href"] for link in soup.select(".site-footer__support a")], [space_url("fr")]
        )

    def test_search_finds_the_pages_without_any_promotion(self):
        for language, donate, campaigns, offering in (
            ("fr", self.donate, self.campaigns, self.offering),
            ("en", self.en_donate, self.en_campaigns, self.en_offering),
        ):
            for word in GIVING_WORDS:
                with self.subTest(language=language, word=word):
                    found = self.results(language, word)
                    self.assertIn(donate.url, found)
                    self.assertIn(campaigns.url, found)
            for word in INVESTING_WORDS:
                with self.subTest(language=language, word=word):
                    self.assertIn(offering.url, self.results(language, word))

    def results(self, language: str, query: str) -> list[str]:
        response = self.client.get(search_url(language), {"q": query})
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [link["href"] for link in soup.select(".search-result__title a")]


class DemoFindabilityTests(WagtailPageTestCase):
    """Every public page of the demo, found by following links from each home, links to the
    donate page, the campaigns, the share offering and the personal space of its language; and
    search finds the first three for each word people type."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_demo()
        shrink_demo_images()
        cls.targets = {}
        for language in LANGUAGES:
            locale = Locale.objects.get(language_code=language)

            def url(model, locale=locale):
                return model.objects.live().get(locale=locale).url

            cls.targets[language] = {
                "donate page": url(DonatePage),
                "campaigns": url(CampaignIndexPage),
                "share offering": url(ShareOfferingPage),
                "personal space": space_url(language),
            }

    def crawl(self, language: str) -> dict[str, set[str]]:
        """Every page reached from the language's home through links, by path (queries, such as
        the lieux filters and pagination, are the same page), with the links it holds."""
        client = Client()
        start = f"/{language}/"
        queue, seen, pages = deque([start]), {start}, {}
        while queue:
            path = queue.popleft()
            response = client.get(path, follow=True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            links = hrefs(response.content)
            pages[path] = links
            for href in links:
                parts = urlsplit(href)
                if parts.netloc or not parts.path.startswith(start) or parts.path in seen:
                    continue
                if parts.path.endswith((".pdf", ".csv", ".geojson")):
                    continue
                seen.add(parts.path)
                queue.append(parts.path)
        return pages

    def test_every_public_page_links_to_giving_investing_and_the_personal_space(self):
        for language in LANGUAGES:
            pages = self.crawl(language)
            with self.subTest(language=language):
                live = Page.objects.live().filter(depth__gte=2, locale__language_code=language)
                # The crawl met every live page of the tree and the pages outside it: none is out
                # of its reach, and none goes unchecked.
                expected = {page.url for page in live} | {
                    search_url(language),
                    space_url(language),
                }
                self.assertLessEqual(expected, set(pages), sorted(pages))
                missing = {
                    path: [name for name, url in self.targets[language].items() if url not in links]
                    for path, links in pages.items()
                }
                self.assertEqual({path: names for path, names in missing.items() if names}, {})

    def test_the_support_pages_donation_section_has_a_button(self):
        for language, path in (("fr", "/fr/nous-soutenir/"), ("en", "/en/support-us/")):
            with self.subTest(language=language):
                soup = BeautifulSoup(self.client.get(path).content, "html.parser")
                buttons = soup.select("main .cta a.button")
                self.assertIn(
                    self.targets[language]["donate page"], [button["href"] for button in buttons]
                )

    def test_the_menu_reaches_the_campaigns_and_the_offering(self):
        for language in LANGUAGES:
            soup = BeautifulSoup(self.client.get(f"/{language}/").content, "html.parser")
            menu = [link["href"] for link in soup.select(".main-nav a")]
            with self.subTest(language=language):
                self.assertIn(self.targets[language]["campaigns"], menu)
                self.assertIn(self.targets[language]["share offering"], menu)

    def test_search_finds_the_donate_page_the_campaigns_and_the_offering(self):
        for language in LANGUAGES:
            targets = self.targets[language]
            for word in GIVING_WORDS:
                found = self.results(language, word)
                with self.subTest(language=language, word=word):
                    self.assertIn(targets["donate page"], found)
                    self.assertIn(targets["campaigns"], found)
                    # The open campaigns too, which take gifts now.
                    campaigns = [
                        url
                        for url in found
                        if url.startswith(targets["campaigns"]) and url != targets["campaigns"]
                    ]
                    self.assertTrue(campaigns, found)
            for word in INVESTING_WORDS:
                with self.subTest(language=language, word=word):
                    self.assertIn(targets["share offering"], self.results(language, word))

    def results(self, language: str, query: str) -> list[str]:
        response = self.client.get(f"{search_url(language)}?{urlencode({'q': query})}")
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [link["href"] for link in soup.select(".search-result__title a")]
