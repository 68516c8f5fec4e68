"""The lieux index: filters as plain links (no JavaScript), result counts, pagination and the map
markers."""

from decimal import Decimal
from unittest import mock

from lieux.choices import Region
from lieux.filters import LieuFilterForm
from lieux.models import vocabulary
from tests import factories
from tests.base import SiteTestCase

LYON = "Escale Solidaire Lyon"
LILLE = "Les Partageurs"
SAINT_CHAMOND = "La Boussole"
BRUNOY = "Maison du Coin"
EVERY_LIEU = {LYON, LILLE, SAINT_CHAMOND, BRUNOY}


class LieuIndexFilterTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        grocery = factories.activity("Épicerie solidaire", "epicerie-solidaire")
        kitchen = factories.activity("Cuisine collective", "cuisine-collective")
        factories.activity("Atelier vélo", "atelier-velo")  # used by no lieu
        families = factories.public("Familles", "familles")
        elders = factories.public("Personnes âgées", "personnes-agees")
        factories.activity(
            "Solidarity grocery", "epicerie-solidaire", locale_code="en", source=grocery
        )
        factories.activity(
            "Community kitchen", "cuisine-collective", locale_code="en", source=kitchen
        )

        cls.index = factories.lieu_index_page(cls.home)
        cls.lieux = {
            LYON: factories.lieu_page(
                cls.index, title=LYON, activities=[grocery], publics=[families]
            ),
            LILLE: factories.lieu_page(
                cls.index,
                title=LILLE,
                city="Lille",
                postcode="59000",
                region=Region.HAUTS_DE_FRANCE,
                latitude=Decimal("50.62925"),
                longitude=Decimal("3.05726"),
                activities=[kitchen],
                publics=[families],
            ),
            # No coordinates yet: listed, but absent from the map.
            SAINT_CHAMOND: factories.lieu_page(
                cls.index,
                title=SAINT_CHAMOND,
                city="Saint-Chamond",
                postcode="42400",
                latitude=None,
                longitude=None,
                activities=[kitchen, grocery],
                publics=[elders],
            ),
            BRUNOY: factories.lieu_page(
                cls.index,
                title=BRUNOY,
                city="Brunoy",
                postcode="91800",
                region=Region.ILE_DE_FRANCE,
                latitude=Decimal("48.69790"),
                longitude=Decimal("2.50440"),
            ),
        }
        cls.translate_page(cls.home)
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        for lieu in cls.lieux.values():
            cls.translate_page(lieu)

    def get(self, query=""):
        response = self.client.get(f"/fr/lieux/{query}")
        self.assertEqual(response.status_code, 200)
        return response

    def assertListsExactly(self, response, titles):
        listed = {lieu.title for lieu in response.context["lieux"]}
        self.assertEqual(listed, set(titles))
        for title in titles:
            self.assertContains(response, title)
        for title in EVERY_LIEU - set(titles):
            self.assertNotContains(response, title)

    def test_without_filters_every_lieu_is_listed(self):
        self.assertListsExactly(self.get(), EVERY_LIEU)

    def test_activity_filter_keeps_the_lieux_offering_it(self):
        self.assertListsExactly(self.get("?activite=epicerie-solidaire"), {LYON, SAINT_CHAMOND})

    def test_region_filter(self):
        self.assertListsExactly(self.get("?region=auvergne-rhone-alpes"), {LYON, SAINT_CHAMOND})

    def test_city_filter(self):
        self.assertListsExactly(self.get("?ville=Lille"), {LILLE})

    def test_public_filter(self):
        self.assertListsExactly(self.get("?public=personnes-agees"), {SAINT_CHAMOND})

    def test_filters_combine(self):
        response = self.get("?region=auvergne-rhone-alpes&activite=cuisine-collective")
        self.assertListsExactly(response, {SAINT_CHAMOND})
        self.assertListsExactly(self.get("?public=familles&ville=Lyon"), {LYON})

    def test_unknown_values_are_ignored(self):
        for query in (
            "?activite=nope",
            "?region=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "?ville=Paris",
            "?public=",
            "?activite=atelier-velo",  # a real term, but no published lieu offers it
            "?page=abc&region[]=x",
        ):
            with self.subTest(query=query):
                response = self.get(query)
                self.assertListsExactly(response, EVERY_LIEU)
                self.assertNotContains(response, "<script>alert(1)</script>")

    def results_count(self, response) -> str:
        return " ".join(self.get_soup(response.content).select_one(".results-count").text.split())

    def test_result_count_is_shown(self):
        self.assertEqual(self.results_count(self.client.get("/en/places/")), "4 places")
        filtered = self.client.get("/en/places/?activite=epicerie-solidaire")
        self.assertEqual(self.results_count(filtered), "2 places out of 4")
        # In French the same numbers, in French words.
        french = self.results_count(self.get("?activite=epicerie-solidaire"))
        self.assertRegex(french, r"^2 lieux\b.*\b4$")

    def test_map_has_one_marker_link_per_lieu_with_coordinates(self):
        soup = self.get_soup(self.get().content)
        map_links = {a["href"] for a in soup.select("svg a")}
        expected = {self.lieux[title].url for title in (LYON, LILLE, BRUNOY)}
        self.assertEqual(map_links, expected)
        self.assertNotIn(self.lieux[SAINT_CHAMOND].url, map_links)

    def test_map_follows_the_filters(self):
        soup = self.get_soup(self.get("?activite=epicerie-solidaire").content)
        self.assertEqual({a["href"] for a in soup.select("svg a")}, {self.lieux[LYON].url})

    def test_english_index_filters_by_the_same_slugs_with_english_names(self):
        response = self.client.get("/en/places/?activite=epicerie-solidaire")
        self.assertEqual(response.status_code, 200)
        self.assertEqual({lieu.title for lieu in response.context["lieux"]}, {LYON, SAINT_CHAMOND})
        self.assertContains(response, "Solidarity grocery")
        self.assertNotContains(response, "Épicerie solidaire")

    # Pagination: one card a page, so the four lieux make several pages.

    def cards(self, response) -> list[str]:
        soup = self.get_soup(response.content)
        return [title.text.strip() for title in soup.select(".card__title")]

    def map_links(self, response) -> set[str]:
        return {a["href"] for a in self.get_soup(response.content).select("svg a")}

    @mock.patch("lieux.models.LIEUX_PER_PAGE", 1)
    def test_pagination_links_keep_the_filters(self):
        soup = self.get_soup(self.get("?public=familles").content)
        links = {a["href"] for a in soup.select(".pagination a")}
        self.assertEqual(links, {"?public=familles&page=1", "?public=familles&page=2"})

    @mock.patch("lieux.models.LIEUX_PER_PAGE", 1)
    def test_the_second_page_shows_the_next_card_and_counts_the_whole_set(self):
        # Lille comes before Lyon: the lieux are in the order of their city.
        self.assertEqual(self.cards(self.get("?public=familles")), [LILLE])
        second = self.get("?public=familles&page=2")
        self.assertEqual(self.cards(second), [LYON])
        self.assertRegex(self.results_count(second), r"^2 lieux\b.*\b4$")

    @mock.patch("lieux.models.LIEUX_PER_PAGE", 1)
    def test_a_page_out_of_range_shows_the_last_page(self):
        for query in ("?public=familles&page=99", "?public=familles&page=-1"):
            with self.subTest(query=query):
                self.assertEqual(self.cards(self.get(query)), [LYON])

    @mock.patch("lieux.models.LIEUX_PER_PAGE", 1)
    def test_the_map_shows_every_lieu_of_the_filtered_set_on_every_page(self):
        expected = {self.lieux[LILLE].url, self.lieux[LYON].url}
        for page in (1, 2):
            with self.subTest(page=page):
                response = self.get(f"?public=familles&page={page}")
                self.assertEqual(self.map_links(response), expected)

    def test_one_page_of_results_has_no_pagination(self):
        response = self.get()
        self.assertEqual(len(self.cards(response)), len(EVERY_LIEU))
        self.assertNotContains(response, 'class="pagination"')


class LieuFilterFormTests(SiteTestCase):
    """The form offers only what the published lieux hold, so no filter can come up empty."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.grocery = factories.activity("Épicerie solidaire", "epicerie-solidaire")
        factories.activity("Atelier vélo", "atelier-velo")
        cls.families = factories.public("Familles", "familles")
        factories.public("Étudiants", "etudiants")
        index = factories.lieu_index_page(cls.home)
        factories.lieu_page(index, title=LYON, activities=[cls.grocery], publics=[cls.families])
        factories.lieu_page(
            index, title=BRUNOY, city="Brunoy", postcode="91800", region=Region.ILE_DE_FRANCE
        )
        cls.lieux = list(index.get_lieux())

    def form(self, data=None):
        return LieuFilterForm(data or {}, lieux=self.lieux, vocabulary=vocabulary(self.fr))

    def values(self, form, name):
        return [value for value, _ in form.fields[name].choices if value]

    def test_choices_only_offer_values_present_on_published_lieux(self):
        form = self.form()
        self.assertEqual(
            self.values(form, "region"), [Region.AUVERGNE_RHONE_ALPES, Region.ILE_DE_FRANCE]
        )
        self.assertEqual(self.values(form, "ville"), ["Brunoy", "Lyon"])
        self.assertEqual(self.values(form, "activite"), ["epicerie-solidaire"])
        self.assertEqual(self.values(form, "public"), ["familles"])

    def test_a_value_not_offered_filters_nothing(self):
        form = self.form({"activite": "atelier-velo", "region": "corse"})
        self.assertFalse(form.is_filtered)
        self.assertEqual(len(form.filter(self.lieux)), 2)

    def test_an_offered_value_filters(self):
        form = self.form({"ville": "Brunoy"})
        self.assertTrue(form.is_filtered)
        self.assertEqual([lieu.title for lieu in form.filter(self.lieux)], [BRUNOY])
