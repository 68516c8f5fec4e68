"""A lieu's page leads the visitor there: directions on OpenStreetMap to the lieu's coordinates,
its place on OpenStreetMap's map, and its point on the server-drawn map of France (no tiles)."""

from decimal import Decimal

from tests import factories
from tests.base import SiteTestCase


class DirectionsTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(
            cls.index, latitude=Decimal("50.62140"), longitude=Decimal("3.06800")
        )
        cls.without = factories.lieu_page(
            cls.index, title="Sans adresse précise", slug="sans", latitude=None, longitude=None
        )
        cls.translate_page(cls.index)
        cls.en_lieu = cls.translate_page(cls.lieu)

    def test_the_directions_link_goes_to_the_lieus_coordinates(self):
        response = self.client.get(self.lieu.url)
        self.assertContains(
            response,
            'href="https://www.openstreetmap.org/directions?to=50.62140%2C3.06800"',
        )
        self.assertContains(response, "Itinéraire")
        self.assertContains(
            response,
            'href="https://www.openstreetmap.org/?mlat=50.62140&amp;mlon=3.06800#map=17/50.62140/3.06800"',
        )
        # The small map of France is drawn in the page: nothing is loaded from a tile server.
        self.assertContains(response, 'class="location-map"')
        self.assertContains(response, "Lyon sur la carte de France")
        self.assertNotContains(response, "tile.openstreetmap")

    def test_english_coordinates_keep_their_dot(self):
        response = self.client.get(self.en_lieu.url)
        self.assertContains(response, "directions?to=50.62140%2C3.06800")
        self.assertContains(response, "Directions")

    def test_a_lieu_without_coordinates_has_no_directions(self):
        response = self.client.get(self.without.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "openstreetmap.org/directions")
        self.assertNotContains(response, 'class="location-map"')
