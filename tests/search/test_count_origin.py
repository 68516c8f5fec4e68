"""Popular searches count what visitors of the site searched and found, nothing a stranger
posts: the count must come from the site's own results page, for a search that had results."""

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query

from tests import factories
from tests.base import SiteTestCase

OWN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


class CountOriginTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.lieu_index_page(cls.home)
        factories.lieu_page(index, title="Escale Solidaire Lyon")

    def token(self, query: str) -> str | None:
        """What the results page gives its script to send (static/js/main.js)."""
        heading = self.get_soup(self.client.get("/fr/recherche/", {"q": query}).content)
        heading = heading.select_one("#results-heading")
        return heading.get("data-count-token") if heading else None

    def count(self, token, **headers):
        return self.client.post(reverse("count_search"), {"token": token or ""}, **headers)

    def hits(self) -> dict:
        return {query.query_string: query.hits for query in Query.objects.all()}

    def test_the_results_page_s_own_count_is_kept(self):
        self.assertEqual(self.count(self.token("Escale"), **OWN).status_code, 204)
        self.assertEqual(self.hits(), {"escale": 1})

    def test_the_referer_stands_in_for_a_missing_origin(self):
        referer = {"HTTP_REFERER": "http://testserver/fr/recherche/?q=Escale"}
        self.assertEqual(self.count(self.token("Escale"), **referer).status_code, 204)
        self.assertEqual(self.hits(), {"escale": 1})

    def test_other_sites_and_unsourced_posts_count_nothing(self):
        token = self.token("Escale")
        for headers in (
            {},
            {"HTTP_ORIGIN": "https://spam.example"},
            {"HTTP_REFERER": "https://spam.example/?q=Escale"},
            {"HTTP_ORIGIN": "null"},
            {**OWN, "HTTP_SEC_FETCH_SITE": "cross-site"},
        ):
            self.assertEqual(self.count(token, **headers).status_code, 400, headers)
        self.assertEqual(self.hits(), {})

    def test_a_search_that_found_nothing_is_not_counted(self):
        self.assertIsNone(self.token("casino en ligne"))
        self.assertEqual(self.count("casino en ligne", **OWN).status_code, 400)
        self.assertEqual(self.count("casino en ligne:forged", **OWN).status_code, 400)
        self.assertEqual(self.hits(), {})

    def test_long_queries_are_not_counted(self):
        from django.core import signing

        from search.views import COUNT_SALT, MAX_COUNTED_LENGTH

        long = signing.Signer(salt=COUNT_SALT).sign("escale " * MAX_COUNTED_LENGTH)
        self.assertEqual(self.count(long, **OWN).status_code, 400)
        self.assertEqual(self.hits(), {})
