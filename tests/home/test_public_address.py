"""The public address (`PUBLIC_BASE_URL`): every absolute address the site gives out is built on
it, whatever host a request came in by and whatever the Wagtail Site record says (Wagtail's first
migration leaves it on `localhost:80`, as the tests' site is); `manage.py set_site_address` puts
the record in step; `check --deploy` warns when it points to this machine."""

import io
import json
import re

from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, override_settings

from wagtail.models import Site

import pytest
from defusedxml import ElementTree

from config.settings.env import env_base_url
from home.address import check_public_address
from tests import factories
from tests.base import SiteTestCase

PUBLIC = "https://tierslieux.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# Any absolute address on the machine or the request's host: none may reach a visitor.
LOCAL_ADDRESS = re.compile(r"https?://(localhost|127\.0\.0\.1|testserver)\b")


@override_settings(PUBLIC_BASE_URL=PUBLIC)
class PublicAddressTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index, complete=True, image=factories.image("Façade", size=(1600, 1000))
        )
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        cls.en_lieu = cls.translate_page(cls.lieu)

    def test_the_site_record_is_still_wagtails_localhost(self):
        # The situation of a fresh install: what follows must not depend on the record.
        self.assertEqual((self.site.hostname, self.site.port), ("localhost", 80))

    def test_a_lieu_page_gives_the_public_address_in_its_json_ld_and_links(self):
        response = self.client.get(self.lieu.url)
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        (data,) = [
            node
            for node in (
                json.loads(script.string)
                for script in soup.select('script[type="application/ld+json"]')
            )
            if node["@type"] == "Place"
        ]
        self.assertEqual(data["url"], f"{PUBLIC}{self.lieu.url}")
        self.assertEqual(
            soup.select_one('link[rel="canonical"]')["href"], f"{PUBLIC}{self.lieu.url}"
        )
        self.assertEqual(
            soup.select_one('meta[property="og:url"]')["content"], f"{PUBLIC}{self.lieu.url}"
        )
        self.assertTrue(
            soup.select_one('meta[property="og:image"]')["content"].startswith(f"{PUBLIC}/")
        )
        self.assertEqual(
            {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')},
            {
                "fr": f"{PUBLIC}{self.lieu.url}",
                "en": f"{PUBLIC}{self.en_lieu.url}",
                "x-default": f"{PUBLIC}{self.lieu.url}",
            },
        )
        self.assertIsNone(LOCAL_ADDRESS.search(response.text), LOCAL_ADDRESS.search(response.text))

    def test_the_home_page_names_the_organisation_at_the_public_address(self):
        soup = self.get_soup(self.client.get("/fr/").content)
        (data,) = [
            json.loads(script.string)
            for script in soup.select('script[type="application/ld+json"]')
        ]
        self.assertEqual(data["url"], f"{PUBLIC}/fr/")
        self.assertEqual(data["@id"], f"{PUBLIC}/#organisation")

    def test_the_sitemap_and_robots_txt_list_public_addresses_only(self):
        response = self.client.get("/sitemap.xml")
        root = ElementTree.fromstring(response.content)
        locations = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
        alternates = [link.get("href") for link in root.iter(f"{XHTML}link")]
        self.assertIn(f"{PUBLIC}{self.lieu.url}", locations)
        self.assertIn(f"{PUBLIC}{self.en_lieu.url}", alternates)
        for address in locations + alternates:
            self.assertTrue(address.startswith(f"{PUBLIC}/"), address)
        self.assertNotIn(b"localhost", response.content)
        self.assertIn(f"Sitemap: {PUBLIC}/sitemap.xml", self.client.get("/robots.txt").text)

    def test_the_open_data_links_each_lieu_at_its_public_address(self):
        geojson = self.client.get("/opendata/lieux.geojson").json()
        (feature,) = geojson["features"]
        self.assertEqual(feature["properties"]["url"], f"{PUBLIC}{self.lieu.url}")
        self.assertEqual(feature["properties"]["url_en"], f"{PUBLIC}{self.en_lieu.url}")
        self.assertNotIn("localhost", self.client.get("/opendata/lieux.csv").text)

    def test_a_request_by_another_host_still_gets_the_public_address(self):
        # A health check, a proxy or a developer's 127.0.0.1: the page says where the site is.
        response = self.client.get(self.lieu.url, HTTP_HOST="127.0.0.1")
        canonical = self.get_soup(response.content).select_one('link[rel="canonical"]')
        self.assertEqual(canonical["href"], f"{PUBLIC}{self.lieu.url}")

    def test_the_sign_in_email_links_to_the_public_address(self):
        from campagnes.models import Donor

        Donor.objects.create(email="louise.bernard@example.org", first_name="Louise")
        self.client.post("/fr/mon-espace/connexion/", {"email": "louise.bernard@example.org"})
        (message,) = mail.outbox
        self.assertRegex(message.body, rf"{re.escape(PUBLIC)}/fr/mon-espace/lien/\?token=[\w-]+")
        self.assertIsNone(LOCAL_ADDRESS.search(message.body))


class SiteAddressCommandTests(SiteTestCase):
    def run_command(self) -> str:
        output = io.StringIO()
        call_command("set_site_address", stdout=output)
        return output.getvalue()

    @override_settings(PUBLIC_BASE_URL=PUBLIC, ALLOWED_HOSTS=["tierslieux.example"])
    def test_the_default_site_takes_the_public_hostname_and_port_once(self):
        self.assertIn("Default site set to tierslieux.example:443", self.run_command())
        self.site.refresh_from_db()
        self.assertEqual((self.site.hostname, self.site.port), ("tierslieux.example", 443))
        self.assertEqual(self.site.root_url, PUBLIC)
        self.assertIn("already on tierslieux.example:443", self.run_command())
        # Wagtail finds the site for requests on the public host, pages keep their addresses.
        response = self.client.get("/fr/", HTTP_HOST="tierslieux.example", secure=True)
        self.assertEqual(response.status_code, 200)

    @override_settings(PUBLIC_BASE_URL="http://127.0.0.1:8000")
    def test_a_development_address_keeps_its_port(self):
        self.run_command()
        self.site.refresh_from_db()
        self.assertEqual((self.site.hostname, self.site.port), ("127.0.0.1", 8000))

    @override_settings(PUBLIC_BASE_URL=PUBLIC)
    def test_another_site_on_the_address_stops_the_command_with_a_reason(self):
        Site.objects.create(
            hostname="tierslieux.example", port=443, root_page=self.home, site_name="Ancien"
        )
        with self.assertRaisesMessage(CommandError, "'Ancien' already has tierslieux.example:443"):
            self.run_command()
        self.site.refresh_from_db()
        self.assertEqual(self.site.hostname, "localhost")


class DeployCheckTests(SimpleTestCase):
    def ids(self) -> list[str]:
        return [message.id for message in check_public_address()]

    def test_an_https_public_address_passes(self):
        with override_settings(PUBLIC_BASE_URL=PUBLIC):
            self.assertEqual(self.ids(), [])

    def test_an_address_on_this_machine_is_reported(self):
        for address in ("http://127.0.0.1:8000", "http://localhost", "https://[::1]:8443"):
            with self.subTest(address), override_settings(PUBLIC_BASE_URL=address):
                self.assertEqual(self.ids(), ["home.W001"])

    def test_a_plain_http_address_is_reported(self):
        with override_settings(PUBLIC_BASE_URL="http://tierslieux.example"):
            self.assertEqual(self.ids(), ["home.W002"])


# Reading the setting ------------------------------------------------------------------------


def test_the_public_address_is_read_without_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://tierslieux.example/")
    assert env_base_url(("PUBLIC_BASE_URL",), "http://127.0.0.1:8000") == PUBLIC


def test_the_former_name_is_still_read(monkeypatch):
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://ancien.example:8443")
    names = ("PUBLIC_BASE_URL", "WAGTAILADMIN_BASE_URL")
    assert env_base_url(names, "http://127.0.0.1:8000") == "https://ancien.example:8443"
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL")
    assert env_base_url(names, "http://127.0.0.1:8000") == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "value", ["https://tierslieux.example/fr/", "tierslieux.example", "ftp://x.example"]
)
def test_an_address_with_a_path_or_without_scheme_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_BASE_URL"):
        env_base_url(("PUBLIC_BASE_URL",), "")
