"""The site search: stemming per language on PostgreSQL, plain matching on SQLite, one language at
a time, promoted results, pagination, the type filter, hostile queries, the counts behind Popular
searches, and the suggestions of the lieux index."""

import datetime
import unittest

from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

from search.kinds import KINDS
from search.results import RESULTS_PER_PAGE, excerpt, query_terms
from search.views import COUNT_SALT
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page

postgres_only = unittest.skipUnless(
    connection.vendor == "postgresql", "stemming needs PostgreSQL's text search"
)


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("search")


def in_language(language: str, text) -> str:
    with translation.override(language):
        return str(text)


class SearchTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index,
            title="Escale Solidaire Lyon",
            intro="Une table d'hôtes et un atelier de cuisine, avec une épicerie ouverte à tous.",
        )
        cls.other_lieu = factories.lieu_page(
            cls.index,
            title="Les Partageurs",
            city="Lille",
            postcode="59000",
            intro="Des bureaux partagés et un jardin au cœur de Moulins.",
        )
        cls.news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(
            cls.news,
            title="Portes ouvertes à Lille",
            date=datetime.date(2025, 6, 1),
            intro="Les Partageurs ouvrent leurs portes.",
            body=[("paragraph", RichText("<p>Visites du jardin et goûter partagé.</p>"))],
        )
        cls.campaigns = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(
            cls.campaigns,
            intro="Financer la cuisine de La Boussole.",
            story=[("paragraph", RichText("<p>Un jardin potager pour la cuisine.</p>"))],
        )
        cls.offering = share_offering_page(cls.home, intro="Devenez associé de la foncière.")
        cls.standard = factories.standard_page(
            cls.home,
            title="Faire un don",
            slug="faire-un-don",
            body=[("paragraph", RichText("<p>Chaque don soutient le jardin partagé.</p>"))],
        )
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        cls.en_lieu = cls.translate_page(
            cls.lieu,
            {
                "Une table d'hôtes et un atelier de cuisine, avec une épicerie ouverte à tous.": (
                    "A shared table and a cooking workshop, with a grocery open to all."
                )
            },
        )
        cls.en_standard = cls.translate_page(
            cls.standard,
            {
                "Faire un don": "Give",
                "faire-un-don": "give",
                "Chaque don soutient le jardin partagé.": "Every gift supports the gardens.",
            },
        )

    def search(self, language: str = "fr", **params):
        response = self.client.get(search_url(language), params)
        self.assertEqual(response.status_code, 200)
        return response

    def titles(self, response) -> list[str]:
        return [
            link.get_text(strip=True)
            for link in self.get_soup(response.content).select(".search-result__title a")
        ]

    # Matching and languages -----------------------------------------------------------------

    def test_finds_the_word_as_written_in_both_languages(self):
        self.assertEqual(self.titles(self.search(q="atelier")), ["Escale Solidaire Lyon"])
        self.assertEqual(self.titles(self.search("en", q="workshop")), ["Escale Solidaire Lyon"])

    @postgres_only
    def test_french_is_stemmed_on_french_pages(self):
        # The page says "atelier" and "cuisine"; the visitor types plurals and a verb.
        self.assertEqual(self.titles(self.search(q="ateliers")), ["Escale Solidaire Lyon"])
        self.assertIn("Escale Solidaire Lyon", self.titles(self.search(q="cuisines")))

    @postgres_only
    def test_english_is_stemmed_on_english_pages(self):
        self.assertEqual(self.titles(self.search("en", q="workshops")), ["Escale Solidaire Lyon"])
        self.assertEqual(self.titles(self.search("en", q="cooked")), ["Escale Solidaire Lyon"])

    def test_accents_do_not_matter(self):
        self.assertEqual(self.titles(self.search(q="EPICERIE")), ["Escale Solidaire Lyon"])

    def test_each_language_searches_its_own_pages(self):
        french = self.search(q="cuisine")
        self.assertIn("Escale Solidaire Lyon", self.titles(french))
        self.assertContains(french, f'href="{self.lieu.url}"')
        self.assertNotContains(french, self.en_lieu.url)
        # The English page says "cooking": the French word finds nothing in English…
        english = self.search("en", q="cuisine")
        self.assertEqual(self.titles(english), [])
        self.assertContains(english, "Nothing found.")
        # …and the English word nothing in French.
        self.assertEqual(self.titles(self.search(q="workshop")), [])

    def test_searches_every_kind_of_content_page(self):
        response = self.search(q="jardin")
        self.assertCountEqual(
            self.titles(response),
            [
                "Les Partageurs",
                "Portes ouvertes à Lille",
                self.campaign.title,
                "Faire un don",
            ],
        )
        self.assertEqual(self.titles(self.search(q="foncière")), [self.offering.title])

    def test_index_pages_and_the_home_are_not_results(self):
        self.assertEqual(self.titles(self.search(q="réseau")), [])

    def test_unpublished_pages_are_not_results(self):
        self.other_lieu.unpublish()
        self.assertNotIn("Les Partageurs", self.titles(self.search(q="bureaux")))

    def test_results_show_type_excerpt_and_date(self):
        soup = self.get_soup(self.search(q="goûter").content)
        result = soup.select_one(".search-result")
        kind = result.select_one(".search-result__type").get_text(strip=True)
        self.assertEqual(kind, in_language("fr", KINDS["article"].label))
        self.assertEqual(result.select_one("time")["datetime"], "2025-06-01")
        self.assertEqual(result.select_one("mark").get_text(), "goûter")
        self.assertIn("Visites du jardin et", result.select_one(".search-result__excerpt").text)

    def test_a_page_without_its_own_date_shows_its_last_publication(self):
        soup = self.get_soup(self.search(q="bureaux").content)
        # The page shows the day in the site's time zone (Paris), not UTC's.
        published = timezone.localdate(self.other_lieu.last_published_at).isoformat()
        self.assertEqual(soup.select_one(".search-result time")["datetime"], published)

    # Type filter and pagination ------------------------------------------------------------

    def test_type_filter_narrows_the_results_and_counts_each_type(self):
        response = self.search(q="jardin", type="lieu")
        self.assertEqual(self.titles(response), ["Les Partageurs"])
        soup = self.get_soup(response.content)
        links = {
            link.get_text(" ", strip=True): link["href"]
            for link in soup.select(".search-filter__link")
        }
        every = in_language("fr", _("All"))
        names = {slug: in_language("fr", KINDS[slug].plural) for slug in KINDS}
        self.assertEqual(
            set(links),
            {
                f"{every} 4",
                *(f"{names[slug]} 1" for slug in ("lieu", "article", "campagne", "page")),
            },
        )
        self.assertEqual(links[f"{every} 4"], "?q=jardin")
        self.assertEqual(links[f"{names['article']} 1"], "?q=jardin&type=article")
        current = soup.select_one(".search-filter__link[aria-current]")
        self.assertEqual(current.get_text(" ", strip=True), f"{names['lieu']} 1")

    def test_an_unknown_type_is_ignored(self):
        self.assertEqual(len(self.titles(self.search(q="jardin", type="nope"))), 4)

    def test_results_are_paginated_and_links_keep_the_query(self):
        for number in range(RESULTS_PER_PAGE + 2):
            factories.article_page(
                self.news, title=f"Réparation numéro {number}", slug=f"reparation-{number}"
            )
        first = self.search(q="réparation")
        self.assertEqual(len(self.titles(first)), RESULTS_PER_PAGE)
        heading = self.get_soup(first.content).select_one(".results-count").text
        self.assertIn(str(RESULTS_PER_PAGE + 2), heading)
        self.assertContains(first, 'href="?q=r%C3%A9paration&amp;page=2"')
        second = self.search(q="réparation", page="2")
        self.assertEqual(len(self.titles(second)), 2)
        self.assertEqual(self.titles(self.search(q="réparation", page="99")), self.titles(second))
        self.assertEqual(len(self.titles(self.search(q="réparation", page="x"))), 10)

    # Promotions -----------------------------------------------------------------------------

    def test_promoted_pages_come_first_in_the_visitors_language(self):
        factories.search_promotion("Don", self.standard, description="Comment donner.")
        french = self.get_soup(self.search(q="don ").content)
        promoted = french.select_one(".search-result--promoted")
        self.assertEqual(promoted.select_one("a")["href"], self.standard.url)
        self.assertIn("Comment donner.", promoted.text)
        # Shown once: the promotion is not repeated among the results.
        self.assertEqual(len(french.select(f'a[href="{self.standard.url}"]')), 1)
        english = self.get_soup(self.search("en", q="DON").content)
        self.assertEqual(
            english.select_one(".search-result--promoted a")["href"], self.en_standard.url
        )

    def test_promotions_follow_the_type_filter(self):
        factories.search_promotion("don", self.standard)
        self.assertEqual(self.titles(self.search(q="don", type="lieu")), [])
        self.assertEqual(self.titles(self.search(q="don", type="page")), ["Faire un don"])

    def test_an_external_link_can_be_promoted(self):
        SearchPromotion.objects.create(
            query=Query.get("impôts"),
            external_link_url="https://www.impots.gouv.fr/",
            external_link_text="Réduction d'impôt",
        )
        soup = self.get_soup(self.search(q="impôts").content)
        self.assertEqual(
            soup.select_one(".search-result--promoted a")["href"], "https://www.impots.gouv.fr/"
        )

    # Queries anyone may type -----------------------------------------------------------------

    def test_hostile_queries_give_a_page_never_an_error(self):
        queries = [
            "a" * 10_000,
            "lyon " * 2_000,
            "'; DROP TABLE wagtailcore_page; --",
            "1' OR '1'='1",
            '"',
            "NEAR(atelier cuisine)",
            "atelier AND OR NOT",
            "-atelier *",
            "(&|!):*'\\",
            "<script>alert('x')</script>",
            '"><img src=x onerror=alert(1)>',
            "🏠🍲 atelier 👩‍🍳",
            "atelier\x00cuisine",
            "\t\n ",
            "%00%27",
        ]
        for query in queries:
            with self.subTest(query=query[:40]):
                response = self.client.get(search_url("fr"), {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>alert")
                self.assertNotContains(response, "<img src=x")

    def test_an_emoji_search_keeps_the_words_around_it(self):
        self.assertEqual(self.titles(self.search(q="🍲 atelier")), ["Escale Solidaire Lyon"])

    def test_an_empty_query_shows_the_form_only(self):
        response = self.search(q="   ")
        self.assertContains(response, 'name="q"')
        self.assertNotContains(response, "results-count")
        self.assertEqual(Query.objects.count(), 0)

    def test_search_addresses_are_translated(self):
        self.assertEqual(search_url("fr"), "/fr/recherche/")
        self.assertEqual(search_url("en"), "/en/search/")
        soup = self.get_soup(self.search(q="jardin").content)
        english = soup.select_one('.language-switcher a[hreflang="en"]')
        self.assertEqual(english["href"], "/en/search/?q=jardin")

    # Popular searches -----------------------------------------------------------------------

    def count(self, query: str, **extra):
        """What the results page's script sends (static/js/main.js), for a search with results
        (tests/search/test_count_origin.py tries the others)."""
        token = signing.Signer(salt=COUNT_SALT).sign(query)
        extra.setdefault("HTTP_ORIGIN", "http://testserver")
        return self.client.post(reverse("count_search"), {"token": token}, **extra)

    def test_the_first_results_page_asks_to_be_counted(self):
        heading = self.get_soup(self.search(q="Atelier").content).select_one("#results-heading")
        self.assertEqual(heading["data-count-search"], reverse("count_search"))
        self.assertEqual(
            signing.Signer(salt=COUNT_SALT).unsign(heading["data-count-token"]), "Atelier"
        )
        # Its next page is the same search.
        second = self.get_soup(self.search(q="atelier", page="2").content)
        self.assertFalse(second.select_one("#results-heading").has_attr("data-count-search"))

    def test_visitors_searches_are_counted(self):
        self.assertEqual(self.count("Atelier").status_code, 204)
        self.count("atelier")
        self.assertEqual(Query.get("atelier").hits, 2)

    def test_showing_results_counts_nothing_by_itself(self):
        self.search(q="atelier")
        self.assertEqual(Query.objects.count(), 0)

    def test_editors_searches_are_not_counted(self):
        self.client.force_login(self.create_superuser("editor"))
        self.count("atelier")
        self.assertEqual(Query.get("atelier").hits, 0)

    def test_an_empty_or_hostile_count_counts_nothing(self):
        for query in ("", "\x00"):
            self.assertEqual(self.count(query).status_code, 400)
        self.assertEqual(self.client.get(reverse("count_search")).status_code, 405)
        self.assertEqual(Query.objects.count(), 0)

    def test_one_address_cannot_inflate_the_report(self):
        for _attempt in range(40):
            self.count("casino", REMOTE_ADDR="203.0.113.9")
        self.count("casino", REMOTE_ADDR="198.51.100.4")
        self.assertEqual(Query.get("casino").hits, 31)

    def test_behind_a_proxy_the_limit_is_per_visitor(self):
        proxy = {"REMOTE_ADDR": "10.0.0.2"}
        with self.settings(TRUSTED_PROXY_COUNT=1):
            for _attempt in range(40):
                self.count("casino", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
            self.count("casino", **proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
        self.assertEqual(Query.get("casino").hits, 31)

    def test_results_pages_are_kept_by_the_page_cache(self):
        # The page is the same for everyone: counting no longer needs each request.
        self.assertNotIn("private", self.search(q="atelier").get("Cache-Control", ""))

    def test_popular_searches_report_is_for_the_promotions_managers(self):
        self.count("atelier")
        self.count("jardin")
        self.count("jardin")
        url = reverse("search_popular")
        staff = self.create_user("camille", password="camille-password")
        staff.groups.add(Group.objects.get(name="Communication"))
        staff.groups.get().permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="change_searchpromotion"),
        )
        reader = self.create_user("lea", password="lea-password")
        reader.user_permissions.add(Permission.objects.get(codename="access_admin"))

        self.client.force_login(reader)
        self.assertNotEqual(self.client.get(url).status_code, 200)
        self.client.force_login(staff)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        rows = [
            row.get_text(" ", strip=True)
            for row in self.get_soup(response.content).select("tbody tr")
        ]
        self.assertEqual(rows, ["jardin 2", "atelier 1"])
        menu = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(menu, url)


class SuggestionTests(SiteTestCase):
    """The lieux index's search field: suggestions as JSON, and the plain form behind them."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.lieu_index_page(cls.home)
        factories.lieu_page(index, title="Escale Solidaire Lyon")
        factories.lieu_page(index, title="La Table de Lyon", slug="table-lyon")
        miribel = factories.lieu_page(
            index, title="Escale Solidaire Côtière", city="Miribel", postcode="01700"
        )
        cls.translate_page(cls.home)
        cls.translate_page(index, {"lieux": "places", "Les lieux": "Places"})
        cls.translate_page(miribel)

    def suggest(self, query: str, language: str = "fr") -> dict:
        with translation.override(language):
            url = reverse("lieu_suggestions")
        response = self.client.get(url, {"q": query})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_suggests_the_city_then_its_lieux(self):
        found = self.suggest("lyo")["suggestions"]
        self.assertEqual(
            [(item["label"], item["url"]) for item in found],
            [
                ("Lyon", "/fr/lieux/?ville=Lyon"),
                ("Escale Solidaire Lyon", "/fr/lieux/escale-solidaire-lyon/"),
                ("La Table de Lyon", "/fr/lieux/table-lyon/"),
            ],
        )
        with translation.override("fr"):
            self.assertEqual(
                found[0]["detail"],
                ngettext("%(count)d place", "%(count)d places", 2) % {"count": 2},
            )
        self.assertEqual(found[1]["detail"], "Lyon")

    def test_every_word_counts_and_accents_do_not(self):
        found = self.suggest("escale COTI")["suggestions"]
        self.assertEqual([item["label"] for item in found], ["Escale Solidaire Côtière"])

    def test_english_suggestions_link_to_english_pages(self):
        found = self.suggest("miri", "en")["suggestions"]
        self.assertEqual(
            [item["url"] for item in found],
            ["/en/places/?ville=Miribel", "/en/places/escale-solidaire-cotiere/"],
        )

    def test_nothing_typed_or_nothing_found(self):
        for query in ("", "   ", "zzz", "\x00", "<b>"):
            with self.subTest(query=query):
                self.assertEqual(self.suggest(query)["suggestions"], [])

    def test_without_javascript_the_field_is_a_search_of_the_lieux(self):
        soup = self.get_soup(self.client.get("/fr/lieux/").content)
        form = soup.select_one("form.lieu-search")
        self.assertEqual(form["action"], "/fr/recherche/")
        self.assertEqual(form["data-autocomplete"], "/fr/recherche/lieux/")
        self.assertEqual(form.select_one('input[name="type"]')["value"], "lieu")
        self.assertIsNotNone(form.select_one('input[name="q"]'))
        self.assertIsNotNone(soup.select_one('script[src$="js/autocomplete.js"]'))
        response = self.client.get(form["action"], {"q": "lyon", "type": "lieu"})
        titles = [a.text for a in self.get_soup(response.content).select(".search-result__title a")]
        self.assertCountEqual(titles, ["Escale Solidaire Lyon", "La Table de Lyon"])


class ExcerptTests(unittest.TestCase):
    def test_marks_the_words_found_around_the_first_one(self):
        text = " ".join(f"mot{n}" for n in range(50)) + " les ateliers du mardi"
        shown = excerpt([text], query_terms("Atelier"))
        self.assertTrue(shown.startswith("… mot"))
        self.assertIn("<mark>ateliers</mark> du mardi", shown)

    def test_escapes_the_text(self):
        shown = excerpt(
            ["<b>Un atelier</b> & une table pour tous les voisins du quartier"], ["atelier"]
        )
        self.assertTrue(shown.startswith("&lt;b&gt;Un <mark>atelier"))
        self.assertIn("&amp; une table", shown)
        self.assertNotIn("<b>", shown)

    def test_reads_from_the_first_paragraph_with_a_match(self):
        shown = excerpt(
            [
                "Une introduction sans le mot cherché, assez longue pour compter.",
                "Lyon",
                "Le jardin partagé ouvre chaque samedi matin aux familles du quartier.",
            ],
            query_terms("jardins"),
        )
        self.assertTrue(shown.startswith("Le <mark>jardin</mark> partagé"))

    def test_the_start_of_the_text_when_nothing_matches(self):
        shown = excerpt(["Une table d'hôtes ouverte à toutes et à tous, chaque midi."], ["vélo"])
        self.assertEqual(shown, "Une table d&#x27;hôtes ouverte à toutes et à tous, chaque midi.")
