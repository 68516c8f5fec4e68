"""The schema.org JSON-LD of every page type, as a search engine reads it: the organisation as
one NGO node the other nodes point to, articles, breadcrumbs, places with their picture, dates
with their time and zone, international phone numbers, and every address on the public one."""

import datetime
import json

from django.test import override_settings

from campagnes.models import DonatePage
from home.models import OrganisationSettings
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page

PUBLIC = "https://tiers-lieux.example"
ORGANISATION_ID = f"{PUBLIC}/#organisation"
ISO_DATETIME = "%Y-%m-%dT%H:%M:%S%z"


def json_ld(soup) -> dict[str, dict]:
    """The page's JSON-LD nodes by type; a type present twice fails the test."""
    nodes = [
        json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')
    ]
    by_type = {node["@type"]: node for node in nodes}
    assert len(by_type) == len(nodes), [node["@type"] for node in nodes]
    return by_type


def addresses(data) -> list[str]:
    """Every address in a JSON-LD tree but the schema.org vocabulary's own and the other sites
    a node is the same as (a lieu's website, the organisation's social networks)."""
    if isinstance(data, dict):
        return [url for key, value in data.items() if key != "sameAs" for url in addresses(value)]
    if isinstance(data, list):
        return [url for value in data for url in addresses(value)]
    if isinstance(data, str) and "://" in data and not data.startswith("https://schema.org"):
        return [data]
    return []


def is_iso_datetime(text: str) -> bool:
    try:
        return datetime.datetime.strptime(text, ISO_DATETIME).tzinfo is not None
    except ValueError:
        return False


@override_settings(PUBLIC_BASE_URL=PUBLIC, WAGTAILADMIN_BASE_URL=PUBLIC)
class StructuredDataTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        organisation = OrganisationSettings.for_site(cls.site)
        organisation.phone = "04 65 71 00 00"
        organisation.logo = factories.image("Logo", size=(300, 300))
        organisation.save()
        cls.lieux = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.lieux, complete=True, image=factories.image("Façade", size=(1600, 1000))
        )
        cls.news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(
            cls.news, image=factories.image("Table", size=(1600, 900))
        )
        cls.standard = factories.standard_page(cls.home)
        cls.campaigns = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.campaigns)
        cls.donate = factories.publish(cls.home, DonatePage(title="Faire un don", slug="don-page"))
        cls.offering = share_offering_page(cls.home)
        cls.en_home = cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Network"})
        cls.translate_page(cls.campaigns, {"campagnes": "campaigns", "Campagnes": "Campaigns"})
        cls.en_campaign = cls.translate_page(cls.campaign)

    def nodes(self, url: str, status: int = 200) -> dict[str, dict]:
        # The request comes in by another host than the public address, as behind a proxy.
        response = self.client.get(url, HTTP_HOST="127.0.0.1")
        self.assertEqual(response.status_code, status, url)
        return json_ld(self.get_soup(response.content))

    def page_types(self) -> dict[str, str]:
        return {
            "home": "/fr/",
            "english home": "/en/",
            "lieu index": self.lieux.url,
            "lieu": self.lieu.url,
            "news index": self.news.url,
            "article": self.article.url,
            "standard page": self.standard.url,
            "campaign index": self.campaigns.url,
            "campaign": self.campaign.url,
            "english campaign": self.en_campaign.url,
            "donate page": self.donate.url,
            "share offering": self.offering.url,
            "search results": "/fr/recherche/?q=lyon",
            "donor sign-in": "/fr/mon-espace/connexion/",
        }

    def test_every_page_names_the_organisation_as_one_ngo_node(self):
        for name, url in self.page_types().items():
            with self.subTest(name):
                ngo = self.nodes(url)["NGO"]
                self.assertEqual(ngo["@id"], ORGANISATION_ID)
                self.assertEqual(ngo["name"], "Réseau des tiers-lieux solidaires")
        with self.subTest("page not found"):
            self.assertEqual(self.nodes("/fr/nope/", 404)["NGO"]["@id"], ORGANISATION_ID)

    def test_the_organisation_phone_is_international(self):
        self.assertEqual(self.nodes("/fr/")["NGO"]["telephone"], "+33 4 65 71 00 00")

    def test_every_address_is_on_the_public_address_whatever_the_request_host(self):
        for name, url in self.page_types().items():
            with self.subTest(name):
                found = addresses(list(self.nodes(url).values()))
                self.assertTrue(found)
                wrong = [url for url in found if not url.startswith(f"{PUBLIC}/")]
                self.assertEqual(wrong, [])

    def test_a_campaign_is_a_donate_action_given_to_the_organisation_node(self):
        for url in (self.campaign.url, self.en_campaign.url):
            with self.subTest(url):
                nodes = self.nodes(url)
                action = nodes["DonateAction"]
                self.assertEqual(action["recipient"], {"@id": nodes["NGO"]["@id"]})
                self.assertTrue(is_iso_datetime(action["startTime"]), action["startTime"])
                self.assertTrue(is_iso_datetime(action["endTime"]), action["endTime"])
                self.assertTrue(
                    action["startTime"].startswith(self.campaign.start_date.isoformat())
                )
                self.assertTrue(action["endTime"].startswith(f"{self.campaign.end_date}T23:59:59"))

    def test_an_article_is_an_article_published_by_the_organisation(self):
        article = self.nodes(self.article.url)["Article"]
        self.assertEqual(article["headline"], "Une nouvelle table à Lyon")
        self.assertTrue(article["datePublished"].startswith("2025-03-14T"))
        self.assertTrue(is_iso_datetime(article["datePublished"]), article["datePublished"])
        self.assertTrue(is_iso_datetime(article["dateModified"]), article["dateModified"])
        self.assertGreaterEqual(
            datetime.datetime.strptime(article["dateModified"], ISO_DATETIME),
            datetime.datetime.strptime(article["datePublished"], ISO_DATETIME),
        )
        self.assertEqual(article["publisher"], {"@id": ORGANISATION_ID})
        self.assertEqual(article["author"], {"@id": ORGANISATION_ID})
        (image,) = article["image"]
        self.assertTrue(image.startswith(f"{PUBLIC}/media/images/"))
        self.assertEqual(article["mainEntityOfPage"], f"{PUBLIC}{self.article.url}")

    def test_a_breadcrumb_is_a_breadcrumb_list(self):
        items = self.nodes(self.lieu.url)["BreadcrumbList"]["itemListElement"]
        self.assertEqual(
            [(item["position"], item["name"], item["item"]) for item in items],
            [
                (1, "Accueil", f"{PUBLIC}/fr/"),
                (2, self.lieux.title, f"{PUBLIC}{self.lieux.url}"),
                (3, self.lieu.title, f"{PUBLIC}{self.lieu.url}"),
            ],
        )
        for name, url in self.page_types().items():
            with self.subTest(name):
                has_breadcrumb = "breadcrumbs" in self.client.get(url).text
                self.assertEqual("BreadcrumbList" in self.nodes(url), has_breadcrumb)

    def test_a_place_has_its_picture_and_international_phone(self):
        place = self.nodes(self.lieu.url)["Place"]
        self.assertTrue(place["image"].startswith(f"{PUBLIC}/media/images/"))
        self.assertEqual(place["telephone"], "+33 4 72 00 00 00")
