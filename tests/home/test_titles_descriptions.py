"""What a search result shows of a page: its title, ended by the organisation's short name, and
a description on every page, the page's own or, failing that, its language's home page's."""

from home.models import OrganisationSettings
from home.seo import DESCRIPTION_LENGTH, shorten
from tests import factories
from tests.base import SiteTestCase


class TitleAndDescriptionTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.organisation = OrganisationSettings.for_site(cls.site)
        cls.organisation.name = "Réseau des tiers-lieux solidaires"
        cls.organisation.short_name = "Tiers-lieux solidaires"
        cls.organisation.save()
        cls.home.intro = "Des lieux ouverts à toutes et à tous."
        cls.home.save_revision().publish()
        cls.bare = factories.standard_page(cls.home, title="Plan du site", slug="plan")
        cls.described = factories.standard_page(
            cls.home, title="Nous rejoindre", slug="rejoindre", intro="Devenez bénévole."
        )
        cls.translate_page(cls.home, {"Des lieux ouverts à toutes et à tous.": "Open places."})
        cls.en_bare = cls.translate_page(cls.bare, {"plan": "map", "Plan du site": "Site map"})

    def head(self, url: str, status: int = 200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        soup = self.get_soup(response.content)
        description = soup.select_one('meta[name="description"]')
        return soup.title.string, description and description["content"]

    def test_a_title_ends_with_the_short_name(self):
        title, _ = self.head(self.described.url)
        self.assertEqual(title, "Nous rejoindre · Tiers-lieux solidaires")

    def test_without_a_short_name_the_title_ends_with_the_name(self):
        self.organisation.short_name = ""
        self.organisation.save()
        title, _ = self.head(self.described.url)
        self.assertEqual(title, "Nous rejoindre · Réseau des tiers-lieux solidaires")

    def test_a_page_is_described_by_its_intro_or_else_its_languages_home(self):
        self.assertEqual(self.head(self.described.url)[1], "Devenez bénévole.")
        self.assertEqual(self.head(self.bare.url)[1], "Des lieux ouverts à toutes et à tous.")
        self.assertEqual(self.head(self.en_bare.url)[1], "Open places.")

    def test_views_and_the_missing_page_are_described_too(self):
        for url, status in (("/fr/recherche/?q=lyon", 200), ("/fr/mon-espace/connexion/", 200)):
            with self.subTest(url):
                self.assertEqual(self.head(url, status)[1], "Des lieux ouverts à toutes et à tous.")
        self.assertEqual(self.head("/en/nope/", 404)[1], "Open places.")

    def test_a_site_without_any_description_has_the_catalogues(self):
        self.home.intro = ""
        self.home.save_revision().publish()
        self.assertEqual(
            self.head(self.bare.url)[1],
            "Des tiers-lieux solidaires ouverts à toutes et à tous\u00a0: repas partagés, "
            "ateliers et jardins. Trouvez un lieu près de chez vous, donnez ou investissez.",
        )


def test_a_long_description_is_cut_between_words_keeping_french_spaces():
    text = "Repas partagés\u00a0: " + "une table ouverte à tous les voisins du quartier, " * 6
    short = shorten(text)
    assert len(short) <= DESCRIPTION_LENGTH
    assert short.startswith("Repas partagés\u00a0: une table")
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert short[-2] != " " and text[len(short) - 1] in " ,"  # a whole word before the cut
