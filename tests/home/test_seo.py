"""What search engines and social networks read: titles, descriptions and share cards, canonical
addresses, schema.org JSON-LD, the sitemap with its language alternates, robots.txt and the
redirects of old addresses."""

import json

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from defusedxml import ElementTree

from home.models import OrganisationSettings
from home.seo import SHARE_IMAGE_SPEC, json_ld_dumps
from tests import factories
from tests.base import SiteTestCase

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(soup) -> dict[str, dict]:
    """The page's JSON-LD nodes by type (the organisation's is on every page)."""
    return {
        node["@type"]: node
        for node in (
            json.loads(script.string)
            for script in soup.select('script[type="application/ld+json"]')
        )
    }


class SeoTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)  # the organisation's name and address
        cls.organisation = OrganisationSettings.for_site(cls.site)
        cls.organisation.siren = "123456789"
        cls.organisation.facebook_url = "https://www.facebook.com/tierslieux"
        cls.organisation.share_image = factories.image("Partage", size=(1600, 900))
        cls.organisation.save()
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index,
            complete=True,
            image=factories.image("Façade", size=(1600, 1000)),
            seo_title="L'Escale de Lyon, table d'hôtes solidaire",
            search_description="Repas partagés à 2 € au cœur de Lyon.",
        )
        cls.news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(cls.news)
        cls.campaigns = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.campaigns, intro="Une cuisine neuve.")
        cls.draft = factories.standard_page(cls.home, title="Brouillon")
        cls.draft.unpublish()
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        cls.en_lieu = cls.translate_page(cls.lieu)

    def soup(self, url: str):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return self.get_soup(response.content)

    def meta(self, soup, name: str) -> str | None:
        tag = soup.select_one(f'meta[property="{name}"]') or soup.select_one(f'meta[name="{name}"]')
        return tag["content"] if tag else None

    # Title, description, share card ---------------------------------------------------------

    def test_a_page_has_its_title_description_and_share_card(self):
        soup = self.soup(self.lieu.url)
        self.assertTrue(soup.title.string.startswith("L'Escale de Lyon, table d'hôtes solidaire"))
        self.assertEqual(self.meta(soup, "description"), "Repas partagés à 2 € au cœur de Lyon.")
        self.assertEqual(self.meta(soup, "og:title"), "L'Escale de Lyon, table d'hôtes solidaire")
        self.assertEqual(self.meta(soup, "og:description"), "Repas partagés à 2 € au cœur de Lyon.")
        self.assertEqual(self.meta(soup, "og:type"), "website")
        self.assertEqual(self.meta(soup, "og:url"), f"http://testserver{self.lieu.url}")
        self.assertEqual(self.meta(soup, "og:locale"), "fr_FR")
        self.assertEqual(self.meta(soup, "og:locale:alternate"), "en_GB")
        self.assertEqual(self.meta(soup, "twitter:card"), "summary_large_image")

    def test_the_share_image_is_a_rendition_of_the_main_image(self):
        soup = self.soup(self.lieu.url)
        rendition = self.lieu.image.get_rendition(SHARE_IMAGE_SPEC)
        self.assertEqual(self.meta(soup, "og:image"), f"http://testserver{rendition.url}")
        self.assertEqual(self.meta(soup, "og:image:width"), "1200")
        self.assertEqual(self.meta(soup, "og:image:height"), "630")
        self.assertEqual(self.meta(soup, "og:image:alt"), "Façade")

    def test_a_page_without_image_shares_the_organisation_image(self):
        soup = self.soup(self.article.url)
        rendition = self.organisation.share_image.get_rendition(SHARE_IMAGE_SPEC)
        self.assertEqual(self.meta(soup, "og:image"), f"http://testserver{rendition.url}")
        self.assertEqual(self.meta(soup, "og:type"), "article")
        self.assertEqual(self.meta(soup, "article:published_time"), "2025-03-14")

    def test_without_any_image_the_card_is_a_summary(self):
        self.organisation.share_image = None
        self.organisation.save()
        soup = self.soup(self.article.url)
        self.assertIsNone(self.meta(soup, "og:image"))
        self.assertEqual(self.meta(soup, "twitter:card"), "summary")

    def test_canonical_address_drops_filters_and_keeps_the_page_number(self):
        for url, canonical in (
            (self.lieu.url, self.lieu.url),
            (f"{self.index.url}?ville=Lyon&utm_source=x", self.index.url),
            (f"{self.news.url}?page=2", f"{self.news.url}?page=2"),
            (f"{self.news.url}?page=1", self.news.url),
            (f"{self.news.url}?page=abc", self.news.url),
        ):
            with self.subTest(url=url):
                link = self.soup(url).select_one('link[rel="canonical"]')
                self.assertEqual(link["href"], f"http://testserver{canonical}")

    def test_the_search_page_is_not_indexed(self):
        soup = self.soup("/fr/recherche/?q=lyon")
        self.assertEqual(self.meta(soup, "robots"), "noindex")
        self.assertIsNone(soup.select_one('link[rel="canonical"]'))

    # JSON-LD --------------------------------------------------------------------------------

    def test_the_home_page_describes_the_organisation(self):
        data = json_ld(self.soup("/fr/"))["NGO"]
        self.assertEqual(data["name"], "Réseau des tiers-lieux solidaires")
        self.assertEqual(data["legalName"], "Association Réseau des tiers-lieux solidaires")
        self.assertEqual(data["url"], "http://testserver/fr/")
        self.assertEqual(data["address"]["postalCode"], "69003")
        self.assertEqual(data["sameAs"], ["https://www.facebook.com/tierslieux"])
        self.assertEqual(data["identifier"]["value"], "123456789")

    def test_a_lieu_is_a_place(self):
        data = json_ld(self.soup(self.lieu.url))["Place"]
        self.assertEqual(data["geo"]["latitude"], 45.75521)

    def test_a_campaign_is_a_donate_action(self):
        nodes = json_ld(self.soup(self.campaign.url))
        data = nodes["DonateAction"]
        url = f"http://testserver{self.campaign.url}"
        self.assertEqual(data["name"], self.campaign.title)
        self.assertEqual(data["description"], "Une cuisine neuve.")
        self.assertEqual(data["recipient"], {"@id": nodes["NGO"]["@id"]})
        self.assertTrue(data["startTime"].startswith(f"{self.campaign.start_date}T00:00:00+0"))
        self.assertEqual(data["actionStatus"], "https://schema.org/ActiveActionStatus")
        self.assertEqual(data["target"]["urlTemplate"], f"{url}#give-title")

    def test_json_ld_cannot_close_its_script_element(self):
        text = json_ld_dumps({"name": "</script><script>alert(1)</script> & co"})
        self.assertNotIn("<", text)
        self.assertEqual(json.loads(text)["name"], "</script><script>alert(1)</script> & co")

    def test_json_ld_is_data_the_policy_allows(self):
        # No inline code: the JSON-LD is a data block, which script-src does not govern.
        response = self.client.get("/fr/")
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])
        scripts = self.get_soup(response.content).select("script:not([src])")
        self.assertEqual({script["type"] for script in scripts}, {"application/ld+json"})

    # Sitemap, robots, redirects -------------------------------------------------------------

    def test_sitemap_lists_every_live_page_in_both_languages_with_alternates(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        urls = ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
        locations = {url.find(f"{SITEMAP}loc").text: url for url in urls}
        live = Page.objects.live().filter(depth__gte=2)
        self.assertEqual(set(locations), {f"http://testserver{page.url}" for page in live})
        self.assertNotIn(f"http://testserver{self.draft.url}", locations)
        self.assertIn("http://testserver/en/places/escale-solidaire-lyon/", locations)

        lieu = locations[f"http://testserver{self.lieu.url}"]
        alternates = {
            link.get("hreflang"): link.get("href") for link in lieu.findall(f"{XHTML}link")
        }
        self.assertEqual(
            alternates,
            {
                "fr": f"http://testserver{self.lieu.url}",
                "en": f"http://testserver{self.en_lieu.url}",
                "x-default": f"http://testserver{self.lieu.url}",
            },
        )
        self.assertIsNotNone(lieu.find(f"{SITEMAP}lastmod"))
        # A page without a translation has no alternates.
        article = locations[f"http://testserver{self.article.url}"]
        self.assertEqual(article.findall(f"{XHTML}link"), [])

    def test_sitemap_follows_publishing(self):
        self.client.get("/sitemap.xml")
        page = factories.standard_page(self.home, title="Nouvelle page")
        self.assertContains(self.client.get("/sitemap.xml"), f"http://testserver{page.url}")

    def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_search(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        for line in (
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /fr/recherche/",
            "Disallow: /en/search/",
            "Sitemap: http://testserver/sitemap.xml",
        ):
            self.assertIn(line, lines)

    def test_an_old_address_redirects_to_its_page(self):
        Redirect.objects.create(old_path="/nos-lieux/lyon", redirect_page=self.lieu)
        response = self.client.get("/nos-lieux/lyon/")
        self.assertRedirects(response, self.lieu.url, status_code=301)
        Redirect.objects.create(old_path="/fr/ancienne-page", redirect_link="https://example.org/")
        response = self.client.get("/fr/ancienne-page/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://example.org/")
