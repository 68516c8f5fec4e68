"""Open data: every published lieu as GeoJSON and CSV, with the facts of its page."""

import csv
import datetime
import io
import json
from decimal import Decimal

from lieux.choices import LieuKind
from lieux.map import VIEWBOX, project
from lieux.opendata import COLUMNS
from tests import factories
from tests.base import SiteTestCase

GEOJSON = "/opendata/lieux.geojson"
CSV = "/opendata/lieux.csv"


def assert_valid_geojson(data: dict) -> None:
    """The rules of RFC 7946 a map library relies on."""
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data, "RFC 7946 has no crs member: coordinates are WGS 84"
    assert isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str | int)
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]
        assert isinstance(longitude, float) and isinstance(latitude, float)
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


class OpenDataTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        grocery = factories.activity("Épicerie solidaire", "epicerie-solidaire")
        families = factories.public("Familles", "familles")
        factories.activity(
            "Solidarity grocery", "epicerie-solidaire", locale_code="en", source=grocery
        )
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index, complete=True, activities=[grocery], publics=[families]
        )
        cls.lille = factories.lieu_page(
            cls.index,
            title="Les Partageurs",
            kind=LieuKind.HABITAT_PARTAGE,
            city="Lille",
            postcode="59000",
            latitude=Decimal("50.62925"),
            longitude=Decimal("3.05726"),
        )
        cls.unlocated = factories.lieu_page(
            cls.index, title="Lieu sans adresse précise", latitude=None, longitude=None
        )
        cls.draft = factories.lieu_page(cls.index, title="Lieu en projet")
        cls.draft.unpublish()
        cls.translate_page(cls.home)
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})
        cls.translate_page(cls.lieu)

    def geojson(self) -> dict:
        response = self.client.get(GEOJSON)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/geo+json")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        return json.loads(response.content)

    def features(self) -> dict[str, dict]:
        return {feature["properties"]["name"]: feature for feature in self.geojson()["features"]}

    def test_geojson_is_valid_and_lists_every_published_lieu_once(self):
        data = self.geojson()
        assert_valid_geojson(data)
        names = [feature["properties"]["name"] for feature in data["features"]]
        # Each lieu once, whatever its translations; drafts are not published data.
        self.assertEqual(
            names, ["Escale Solidaire Lyon", "Les Partageurs", "Lieu sans adresse précise"]
        )

    def test_geojson_carries_the_facts_of_the_lieu_page(self):
        feature = self.features()["Escale Solidaire Lyon"]
        self.assertEqual(feature["id"], str(self.lieu.translation_key))
        self.assertEqual(feature["geometry"]["coordinates"], [4.83196, 45.75521])
        properties = feature["properties"]
        self.assertEqual(
            properties,
            {
                "id": str(self.lieu.translation_key),
                "name": "Escale Solidaire Lyon",
                "kind": "escale-solidaire",
                "kind_label": "Escale Solidaire",
                "street_address": "12 rue de la Charité",
                "postcode": "69002",
                "city": "Lyon",
                "region": "Auvergne-Rhône-Alpes",
                "surface_m2": 40,
                "opening_date": "2021-09-06",
                "activities": ["Épicerie solidaire"],
                "publics": ["Familles"],
                "volunteers": 37,
                "jobs": 3,
                "figures_date": "2024-12-31",
                "website": "https://table-lyon.example/",
                "url": "http://testserver/fr/lieux/escale-solidaire-lyon/",
                "url_en": "http://testserver/en/places/escale-solidaire-lyon/",
            },
        )

    def test_a_lieu_without_coordinates_has_no_geometry(self):
        feature = self.features()["Lieu sans adresse précise"]
        self.assertIsNone(feature["geometry"])
        self.assertEqual(feature["properties"]["url_en"], "")

    def test_geojson_opens_on_a_map_of_france(self):
        # Drawn with the projection of the site's own map: longitude and latitude swapped, or
        # off by a factor, would land outside it.
        _, _, width, height = (float(number) for number in VIEWBOX.split())
        points = [
            feature["geometry"]["coordinates"]
            for feature in self.geojson()["features"]
            if feature["geometry"]
        ]
        self.assertEqual(len(points), 2)
        for longitude, latitude in points:
            x, y = project(longitude, latitude)
            self.assertTrue(0 <= x <= width and 0 <= y <= height, (longitude, latitude))
        lyon, lille = (project(*point) for point in points)
        self.assertLess(lille[1], lyon[1], "Lille is north of Lyon")

    def test_csv_has_a_header_and_a_row_per_lieu(self):
        response = self.client.get(CSV)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="lieux.csv"', response["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        self.assertEqual(list(rows[0]), COLUMNS)
        self.assertEqual(len(rows), 3)
        lyon = rows[0]
        self.assertEqual(lyon["name"], "Escale Solidaire Lyon")
        self.assertEqual(lyon["latitude"], "45.75521")
        self.assertEqual(lyon["longitude"], "4.83196")
        self.assertEqual(lyon["activities"], "Épicerie solidaire")
        self.assertEqual(lyon["opening_date"], "2021-09-06")
        self.assertEqual(rows[2]["latitude"], "")

    def test_a_newly_published_lieu_is_in_the_files(self):
        self.geojson()
        factories.lieu_page(
            self.index, title="Nouveau lieu", opening_date=datetime.date(2026, 1, 5)
        )
        self.assertIn("Nouveau lieu", self.features())
        self.assertContains(self.client.get(CSV), "Nouveau lieu")


class OpenDataLicenceTests(SiteTestCase):
    """A partner reusing the files learns their licence from each file and from the site."""

    LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.lieu_index_page(cls.home)
        factories.lieu_page(cls.index, complete=True)
        cls.translate_page(cls.home)
        cls.translate_page(cls.index, {"lieux": "places", "Les lieux": "Places"})

    def test_both_files_name_the_licence_in_their_headers(self):
        for address in (GEOJSON, CSV):
            with self.subTest(address):
                link = self.client.get(address)["Link"]
                self.assertIn(f"<{self.LICENCE}>", link)
                self.assertIn('rel="license"', link)

    def test_the_geojson_names_the_licence_and_whom_to_credit(self):
        data = json.loads(self.client.get(GEOJSON).content)
        assert_valid_geojson(data)
        self.assertEqual(data["license"]["name"], "Licence Ouverte / Open Licence 2.0")
        self.assertEqual(data["license"]["url"], self.LICENCE)
        self.assertTrue(data["attribution"])

    def test_the_places_page_offers_the_files_and_their_licence_in_both_languages(self):
        for address, words in (
            (self.index.url, "Données ouvertes"),
            ("/en/places/", "Open data"),
        ):
            with self.subTest(address):
                soup = self.get_soup(self.client.get(address).content)
                line = soup.select_one(".lieux-index__opendata")
                self.assertIn(words, line.get_text(" ", strip=True))
                links = {a["href"] for a in line.select("a")}
                self.assertEqual(links, {GEOJSON, CSV, self.LICENCE})
                self.assertEqual(line.select_one("a[rel=license]")["href"], self.LICENCE)
