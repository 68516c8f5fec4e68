"""French by default, English on request: redirects, switcher, hreflang, UI language and 404s."""

from django.utils import translation

from tests import factories
from tests.base import SiteTestCase

LIEU_FR = "/fr/lieux/la-boussole/"
LIEU_EN = "/en/places/la-boussole/"


def in_french(msgid: str) -> str:
    """The French of a UI string, from the compiled catalogue; fails when it has none."""
    with translation.override("fr"):
        french = translation.gettext(msgid)
    assert french != msgid, f"{msgid!r} has no French translation in locale/fr/LC_MESSAGES"
    return french


class LanguageTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.lieu_index_page(cls.home)
        lieu = factories.lieu_page(
            index, title="La Boussole", city="Saint-Chamond", postcode="42400", complete=True
        )
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.translate_page(index, {"lieux": "places", "Les lieux": "Places"})
        cls.translate_page(lieu)

    def test_root_redirects_to_french_by_default(self):
        response = self.client.get("/", follow=True)
        self.assertRedirects(response, "/fr/")
        self.assertContains(response, "Réseau des tiers-lieux solidaires")

    def test_root_redirects_to_english_for_an_english_browser(self):
        response = self.client.get("/", headers={"accept-language": "en-GB,en;q=0.8"}, follow=True)
        self.assertRedirects(response, "/en/")
        self.assertContains(response, "Solidarity network")

    def test_an_unsupported_browser_language_gets_french(self):
        response = self.client.get("/", headers={"accept-language": "de"}, follow=True)
        self.assertRedirects(response, "/fr/")

    def test_language_switcher_links_to_the_same_lieu_in_the_other_language(self):
        for url, other_language, other_url in (
            ("/fr/lieux/la-boussole/", "en", LIEU_EN),
            (LIEU_EN, "fr", LIEU_FR),
        ):
            with self.subTest(url=url):
                soup = self.get_soup(self.client.get(url).content)
                switcher_link = soup.select_one(f'a[hreflang="{other_language}"]')
                self.assertIsNotNone(switcher_link, "no link to the other language")
                self.assertEqual(switcher_link["href"], other_url)

    def test_alternate_links_name_both_translations(self):
        soup = self.get_soup(self.client.get(LIEU_FR).content)
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        self.assertEqual(alternates["en"], f"http://testserver{LIEU_EN}")
        self.assertEqual(alternates["fr"], f"http://testserver{LIEU_FR}")

    def test_html_lang_follows_the_url_language(self):
        for url, language in ((LIEU_FR, "fr"), (LIEU_EN, "en"), ("/fr/", "fr"), ("/en/", "en")):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(self.get_soup(response.content).html["lang"], language)
                self.assertEqual(response.headers["Content-Language"], language)

    def texts(self, url) -> set[str]:
        soup = self.get_soup(self.client.get(url).content)
        return {text.strip() for text in soup.find_all(string=True)}

    def test_interface_is_in_french_on_french_pages(self):
        french = self.texts(LIEU_FR)
        english = self.texts(LIEU_EN)
        for label in ("Practical information", "Opening hours", "Regular activities", "Search"):
            with self.subTest(label=label):
                self.assertIn(label, english)
                self.assertNotIn(label, french)
                self.assertIn(in_french(label), french)

    def test_filter_labels_are_in_french_on_the_french_index(self):
        soup = self.get_soup(self.client.get("/fr/lieux/").content)
        labels = {label.text.strip() for label in soup.select("form.filters label")}
        # "Public" is the same word in both languages.
        expected = {in_french(label) for label in ("Region", "City", "Activity")} | {"Public"}
        self.assertEqual(labels, expected)


class NotFoundTests(SiteTestCase):
    def test_unknown_french_address_gets_the_french_404_page(self):
        response = self.client.get("/fr/nope/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        soup = self.get_soup(response.content)
        self.assertEqual(soup.html["lang"], "fr")
        self.assertEqual(soup.h1.text.strip(), in_french("Page not found"))
        self.assertIsNotNone(
            soup.select_one('main a[href="/fr/"]'), "no way back to the French home"
        )

    def test_unknown_english_address_gets_the_english_404_page(self):
        self.translate_page(self.home)
        response = self.client.get("/en/nope/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        soup = self.get_soup(response.content)
        self.assertEqual(soup.html["lang"], "en")
        self.assertEqual(soup.h1.text.strip(), "Page not found")
        self.assertIsNotNone(
            soup.select_one('main a[href="/en/"]'), "no way back to the English home"
        )
