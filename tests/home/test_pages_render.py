"""Every page type renders in French and in English with the facts a visitor comes for."""

import datetime
import json

from django.utils import translation

from wagtail.rich_text import RichText

from home.models import NEWS_PER_PAGE, HomeFeaturedLieu
from lieux.choices import Accessibility, LieuKind, Weekday
from tests import factories
from tests.base import SiteTestCase

LIEU_URL_FR = "/fr/lieux/escale-solidaire-lyon/"
LIEU_URL_EN = "/en/places/escale-solidaire-lyon/"


def label_in(language: str, choice) -> str:
    with translation.override(language):
        return str(choice.label)


class PageRenderTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        grocery = factories.activity("Épicerie solidaire", "epicerie-solidaire")
        kitchen = factories.activity("Cuisine collective", "cuisine-collective")
        families = factories.public("Familles", "familles")
        factories.activity(
            "Solidarity grocery", "epicerie-solidaire", locale_code="en", source=grocery
        )
        factories.activity(
            "Community kitchen", "cuisine-collective", locale_code="en", source=kitchen
        )
        factories.public("Families", "familles", locale_code="en", source=families)

        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index, complete=True, activities=[grocery, kitchen], publics=[families]
        )
        cls.news = factories.news_index_page(cls.home)
        # One more article than a page holds, oldest first: the oldest is alone on page 2.
        cls.articles = [
            factories.article_page(
                cls.news,
                title=f"Nouvelle numéro {number}",
                slug=f"nouvelle-{number}",
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            )
            for number in range(NEWS_PER_PAGE)
        ]
        cls.article = factories.article_page(
            cls.news,
            title="Une nouvelle table à Lyon",
            date=datetime.date(2025, 3, 14),
            author="Claire Martin",
            lieu=cls.lieu,
            body=[("paragraph", RichText("<p>Le repas du mardi accueille quarante convives.</p>"))],
        )
        cls.standard = factories.standard_page(cls.home)

        cls.home.hero_button_label = "Trouver un lieu"
        cls.home.hero_button_page = cls.index
        cls.home.key_figures = [("figure", {"figure": "18", "label": "tiers-lieux ouverts"})]
        cls.home.featured_title = "Lieux à la une"
        cls.home.featured_lieux = [HomeFeaturedLieu(lieu=cls.lieu)]
        cls.home.news_title = "Dernières nouvelles"
        cls.home.save_revision().publish()

        cls.translate_page(
            cls.home,
            {
                "Réseau des tiers-lieux solidaires": "Network of solidarity third places",
                "tiers-lieux ouverts": "third places open",
                "Lieux à la une": "Featured places",
            },
        )
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        cls.en_lieu = cls.translate_page(
            cls.lieu,
            {
                "Partager un repas pour recréer du lien entre voisins.": (
                    "Sharing a meal to bring neighbours together again."
                ),
                "Hospitalité inconditionnelle": "Unconditional hospitality",
            },
        )
        cls.translate_page(cls.news, {"actualites": "news", "Actualités": "News"})
        cls.en_article = cls.translate_page(
            cls.article,
            {
                "Une nouvelle table à Lyon": "A new table in Lyon",
                "une-nouvelle-table-a-lyon": "a-new-table-in-lyon",
            },
        )
        cls.translate_page(
            cls.standard,
            {
                "Mentions légales": "Legal notice",
                "mentions-legales": "legal-notice",
                "Ce site est édité par une association.": (
                    "This site is published by an association."
                ),
            },
        )

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    # Lieu ---------------------------------------------------------------------------------

    def test_lieu_page_shows_every_fact_in_french(self):
        response = self.get(LIEU_URL_FR)
        self.assertTemplateUsed(response, "lieux/lieu_page.html")
        for fact in (
            "Escale Solidaire Lyon",
            f">{label_in('fr', LieuKind.ESCALE_SOLIDAIRE)}<",
            "12 rue de la Charité",
            "69002",
            "Lyon",
            "Auvergne-Rhône-Alpes",
            "40 m²",
            "6 septembre 2021",  # opening date
            f">{label_in('fr', Weekday.TUESDAY)}<",  # the opening slot's day
            '<time datetime="09:30">09:30</time>',
            '<time datetime="14:00">14:00</time>',
            "Partager un repas pour recréer du lien entre voisins.",
            "Hospitalité inconditionnelle",
            "Épicerie solidaire",
            "Cuisine collective",
            "Repas partagé",
            "Chaque mardi, 12 h – 14 h",
            "2 €",
            "Familles",
            "Les Petites Cantines",
            "Cuisine participative",
            ">37<",  # volunteers
            ">3<",  # jobs
            "Un comité de pilotage réunit habitants et bénévoles chaque mois.",
            "Association Escales Solidaires",
            label_in("fr", Accessibility.ACCESSIBLE),
            "Entrée de plain-pied et toilettes adaptées.",
            "Fondation Abbé Pierre",
            "Nous cherchons des bénévoles pour la cuisine du mardi.",
            "contact@table-lyon.example",
            "https://table-lyon.example/",
        ):
            with self.subTest(fact=fact):
                self.assertContains(response, fact)

    def test_lieu_page_shows_every_fact_in_english(self):
        response = self.get(LIEU_URL_EN)
        for fact in (
            "Escale Solidaire Lyon",
            "12 rue de la Charité",
            "40 m²",
            f">{LieuKind.ESCALE_SOLIDAIRE.label}<",
            "Sept. 6, 2021",
            ">Tuesday<",
            "Repas partagé",
            "2 €",
            "37</span> volunteers",
            "3</span> direct jobs",
            "Wheelchair accessible",
            "Sharing a meal to bring neighbours together again.",
            "Unconditional hospitality",
            "Solidarity grocery",
            "Community kitchen",
            "Families",
            "Les Petites Cantines",
            "Fondation Abbé Pierre",
            "contact@table-lyon.example",
        ):
            with self.subTest(fact=fact):
                self.assertContains(response, fact)

    def test_english_lieu_page_names_activities_in_english_only(self):
        response = self.get(LIEU_URL_EN)
        self.assertNotContains(response, "Épicerie solidaire")
        self.assertNotContains(response, "Cuisine collective")

    def test_lieu_page_describes_the_place_in_valid_json_ld(self):
        soup = self.get_soup(self.get(LIEU_URL_FR).content)
        scripts = soup.find_all("script", type="application/ld+json")
        nodes = {node["@type"]: node for node in (json.loads(s.string) for s in scripts)}
        self.assertEqual(set(nodes), {"NGO", "BreadcrumbList", "Place"})
        data = nodes["Place"]
        self.assertEqual(data["name"], "Escale Solidaire Lyon")
        self.assertEqual(
            data["geo"], {"@type": "GeoCoordinates", "latitude": 45.75521, "longitude": 4.83196}
        )
        self.assertEqual(data["address"]["postalCode"], "69002")
        self.assertEqual(
            data["openingHoursSpecification"][0]["dayOfWeek"], "https://schema.org/Tuesday"
        )

    # Home ---------------------------------------------------------------------------------

    def test_home_page_in_french(self):
        response = self.get("/fr/")
        self.assertTemplateUsed(response, "home/home_page.html")
        self.assertContains(response, "Réseau des tiers-lieux solidaires")
        self.assertContains(response, "18")
        self.assertContains(response, "tiers-lieux ouverts")
        self.assertContains(response, "Lieux à la une")
        self.assertContains(response, f'href="{LIEU_URL_FR}"')
        self.assertContains(response, "Une nouvelle table à Lyon")
        self.assertContains(response, 'href="/fr/actualites/une-nouvelle-table-a-lyon/"')

    def test_home_page_in_english(self):
        # Page links are synchronised, not translated (wagtail-localize): the French lieu chosen
        # on the French home must be shown through its English translation.
        response = self.get("/en/")
        self.assertContains(response, "Network of solidarity third places")
        self.assertContains(response, "third places open")
        self.assertContains(response, "Featured places")
        self.assertContains(response, f'href="{LIEU_URL_EN}"')
        self.assertContains(response, "A new table in Lyon")
        self.assertContains(response, 'href="/en/news/a-new-table-in-lyon/"')

    # News ---------------------------------------------------------------------------------

    def test_news_index_lists_the_latest_articles_first(self):
        response = self.get("/fr/actualites/")
        self.assertContains(response, "Une nouvelle table à Lyon")
        self.assertContains(response, "Nouvelle numéro 11")
        # The oldest article is on the second page.
        self.assertNotContains(response, "Nouvelle numéro 0<")
        self.assertContains(response, "?page=2")

    def test_news_index_second_page(self):
        response = self.get("/fr/actualites/?page=2")
        self.assertContains(response, "Nouvelle numéro 0")
        self.assertNotContains(response, "Une nouvelle table à Lyon")

    def test_news_index_survives_bad_page_numbers(self):
        for query, expected in (
            ("?page=abc", "Une nouvelle table à Lyon"),
            ("?page=999", "Nouvelle numéro 0"),
        ):
            with self.subTest(query=query):
                self.assertContains(self.get(f"/fr/actualites/{query}"), expected)

    def test_news_index_in_english(self):
        self.assertContains(self.get("/en/news/"), "A new table in Lyon")

    def test_article_shows_date_author_and_lieu(self):
        response = self.get("/fr/actualites/une-nouvelle-table-a-lyon/")
        self.assertContains(response, "14 mars 2025")
        self.assertContains(response, "Claire Martin")
        self.assertContains(response, f'href="{LIEU_URL_FR}"')
        self.assertContains(response, "Le repas du mardi accueille quarante convives.")

    def test_article_in_english_links_the_english_lieu(self):
        response = self.get("/en/news/a-new-table-in-lyon/")
        self.assertContains(response, "A new table in Lyon")
        self.assertContains(response, "March 14, 2025")
        self.assertContains(response, "Claire Martin")
        self.assertContains(response, f'href="{LIEU_URL_EN}"')

    # Standard page --------------------------------------------------------------------------

    def test_standard_page_in_both_languages(self):
        response = self.get("/fr/mentions-legales/")
        self.assertContains(response, "Mentions légales")
        self.assertContains(response, "Ce site est édité par une association.")
        response = self.get("/en/legal-notice/")
        self.assertContains(response, "Legal notice")
        self.assertContains(response, "This site is published by an association.")
