"""French and English typography as readers see it: "1er septembre", no line broken before
"€" or ":", the French catalogue written so, alternative text in the page's language, and the
English demo free of French words, French image descriptions and French addresses."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page

import polib
from bs4 import BeautifulSoup

from home.models import ArticlePage
from tests import factories
from tests.base import SiteTestCase
from tests.home.test_demo_site import DemoTestCase

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# A breakable space where French typography wants a no-break one.
BREAKABLE = re.compile(r" [:;!?€»]| %(?!\()|« |\d \d{3}\b")


def render(template: str, **context) -> str:
    return Template("{% load typography_tags %}" + template).render(Context(context))


class DatesTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        news = factories.news_index_page(cls.home, slug="actualites")
        cls.first = factories.article_page(
            news, title="La rentrée", slug="rentree", date=datetime.date(2026, 9, 1)
        )
        cls.second = factories.article_page(
            news, title="Le lendemain", slug="lendemain", date=datetime.date(2026, 9, 2)
        )
        cls.translate_page(cls.home)
        cls.translate_page(news, {"actualites": "news"})
        cls.en_first = cls.translate_page(cls.first, {"rentree": "back-to-school"})

    def test_the_first_of_the_month_is_1er_in_french(self):
        self.assertContains(self.client.get(self.first.url), "1er septembre 2026")
        response = self.client.get(self.second.url)
        self.assertContains(response, "2 septembre 2026")
        self.assertNotContains(response, "2er")

    def test_english_keeps_its_own_format(self):
        response = self.client.get(self.en_first.url)
        self.assertContains(response, "Sept. 1, 2026")
        self.assertNotContains(response, "1er")

    def test_the_filter_says_1er_with_the_time_too_and_nothing_for_no_date(self):
        moment = datetime.datetime(2026, 10, 1, 18, 30)
        with translation.override("fr"):
            self.assertEqual(
                render('{{ d|day:"DATETIME_FORMAT" }}', d=moment), "1er octobre 2026 18:30"
            )
            self.assertEqual(render("{{ d|day }}", d=None), "")
        with translation.override("en"):
            self.assertEqual(render("{{ d|day }}", d=moment.date()), "Oct. 1, 2026")


class NoBreakSpaceTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index, goal_cents=1_000_000)
        lieux = factories.lieu_index_page(cls.home)
        lieu = factories.lieu_page(lieux, title="La Boussole", slug="la-boussole")
        news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(news, lieu=lieu)

    def test_a_french_page_keeps_amounts_and_their_euro_sign_together(self):
        content = self.client.get(self.campaign.url).text
        # 30 € costs 7,50 € after tax; the goal of 10 000 € keeps its thousands together too.
        self.assertIn("7,50\u00a0€", content)
        self.assertIn("10\u00a0000\u00a0€", content)
        self.assertNotRegex(content, r"\d €")

    def test_a_french_label_keeps_its_colon(self):
        self.assertContains(self.client.get(self.article.url), "Lieu concerné\u00a0:")

    def test_the_french_catalogue_has_no_breakable_space_before_a_sign(self):
        catalogue = polib.pofile(str(CATALOGUE))
        breakable = [
            text
            for entry in catalogue
            if not entry.obsolete
            for text in (entry.msgstr, *entry.msgstr_plural.values())
            if BREAKABLE.search(text)
        ]
        self.assertEqual(breakable, [])


class AlternativeTextTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        news = factories.news_index_page(cls.home, slug="actualites")
        image = factories.image("Façade")
        image.description = "Façade du lieu au petit matin"
        image.save()
        cls.article = factories.article_page(
            news, image=image, image_alt="La façade du lieu, volets ouverts"
        )
        cls.translate_page(cls.home)
        cls.translate_page(news, {"actualites": "news"})
        cls.en_article = cls.translate_page(
            cls.article, {"La façade du lieu, volets ouverts": "The place's front, shutters open"}
        )

    def alts(self, page) -> list[str]:
        soup = BeautifulSoup(self.client.get(page.url).text, "html.parser")
        return [img["alt"] for img in soup.select("main img")]

    def test_each_language_describes_the_image_in_its_own_words(self):
        self.assertEqual(self.alts(self.article), ["La façade du lieu, volets ouverts"])
        self.assertEqual(self.alts(self.en_article), ["The place's front, shutters open"])

    def test_without_words_of_its_own_the_page_uses_the_library_s_description(self):
        self.article.image_alt = ""
        self.article.save_revision().publish()
        self.assertEqual(self.alts(self.article), ["Façade du lieu au petit matin"])


FRENCH_SEGMENTS = re.compile(
    r"/(don|donateur|souscription|investisseur|actualites|campagnes|faire-un-don|investir|"
    r"table-hotes-rentree|partageurs-trois-ans|recoltes-jardin-cotiere)/"
)
# "lieu(x)" or the word lieu(x) alone; "Tiers-lieux solidaires", a name, may stay.
FRENCH_WORD = re.compile(r"lieu\(x\)|(?<![\w-])lieux?(?![\w-])", re.IGNORECASE)


class EnglishDemoTests(DemoTestCase):
    def english_pages(self):
        return Page.objects.live().filter(locale=self.en, depth__gte=2).specific()

    def test_english_pages_have_english_words_alt_texts_and_addresses(self):
        french_descriptions = set(
            get_image_model().objects.exclude(description="").values_list("description", flat=True)
        )
        pages = list(self.english_pages())
        self.assertGreater(len(pages), 20)
        for page in pages:
            with self.subTest(page=page.url):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                soup = BeautifulSoup(response.text, "html.parser")
                main = soup.select_one("main")
                self.assertIsNone(FRENCH_WORD.search(main.get_text(" ")))
                alts = {img.get("alt", "") for img in soup.select("img")}
                self.assertEqual(alts & french_descriptions, set())
                hrefs = [a["href"] for a in soup.select("a[href^='/en/']")]
                self.assertEqual([h for h in hrefs if FRENCH_SEGMENTS.search(h)], [])

    def test_english_articles_have_english_addresses(self):
        articles = ArticlePage.objects.live().filter(locale=self.en)
        self.assertTrue(articles.exists())
        for article in articles:
            with self.subTest(article=article.title):
                french = article.get_translation(self.fr)
                self.assertNotEqual(article.slug, french.slug)
