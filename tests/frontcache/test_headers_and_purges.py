"""What the site tells the front cache, and what it asks it to purge (home/frontcache.py),
without Varnish: the headers of Django's answers, and the addresses a change makes stale."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.test import override_settings

from home import frontcache
from home.models import OrganisationSettings
from tests import factories
from tests.base import SiteTestCase

VARNISH = {"varnish": {"BACKEND": "home.frontcache.VarnishBackend", "LOCATION": "http://cache"}}


@override_settings(FRONT_CACHE_SECONDS=3600, WAGTAILFRONTENDCACHE=VARNISH)
class FrontCacheTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(cls.news, title="Une table à Lyon", slug="table")
        cls.translate_page(cls.home, {"Réseau des tiers-lieux solidaires": "Solidarity network"})
        cls.translate_page(cls.news, {"actualites": "news", "Actualités": "News"})
        cls.translate_page(cls.article, {"table": "table-lyon", "Une table à Lyon": "A table"})

    def setUp(self):
        super().setUp()
        # setUpTestData's publishes left their batch waiting for a commit that a TestCase never
        # makes; a test's own changes start a batch of their own, as a new transaction would.
        frontcache._pending.batch = None

    # Headers ---------------------------------------------------------------------------------

    def test_an_anonymous_page_is_for_the_front_cache_and_revalidated_by_browsers(self):
        response = self.client.get("/fr/actualites/table/")
        self.assertEqual(response["Surrogate-Control"], "max-age=3600")
        self.assertEqual(response["Cache-Control"], "public, max-age=0, must-revalidate")

    def test_public_files_outside_the_languages_are_for_the_front_cache_too(self):
        for path in ("/sitemap.xml", "/opendata/lieux.csv"):
            self.assertEqual(self.client.get(path)["Surrogate-Control"], "max-age=3600", path)

    def test_a_cdn_that_ignores_surrogate_control_can_be_told_in_cache_control(self):
        with self.settings(FRONT_CACHE_SHARED_MAXAGE=True):
            response = self.client.get("/fr/actualites/table/")
        self.assertIn("s-maxage=3600", response["Cache-Control"])

    def test_a_signed_in_editor_gets_a_private_page(self):
        editor = get_user_model().objects.create_superuser("editrice", "e@example.org", "x")
        self.client.force_login(editor)
        response = self.client.get("/fr/actualites/table/")
        self.assertNotIn("Surrogate-Control", response)
        self.assertEqual(response["Cache-Control"], "private")

    def test_what_a_view_marked_personal_stays_so(self):
        response = self.client.get("/admin/login/")
        self.assertNotIn("Surrogate-Control", response)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_without_a_front_cache_the_answers_are_left_alone(self):
        with self.settings(FRONT_CACHE_SECONDS=0):
            response = self.client.get("/fr/actualites/table/")
        self.assertNotIn("Surrogate-Control", response)
        self.assertNotIn("Cache-Control", response)

    # Purges ----------------------------------------------------------------------------------

    def test_a_publish_purges_the_page_and_what_shows_it_in_both_languages(self):
        with (
            mock.patch.object(frontcache, "send") as send,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.article.save_revision().publish()
        # One batch for the transaction, however many signals it sent.
        self.assertEqual(send.call_count, 1)
        urls = send.call_args.args[0]
        base = "http://localhost"
        for expected in (
            f"{base}/fr/actualites/table/?*",
            f"{base}/en/news/table-lyon/?*",
            f"{base}/fr/actualites/?*",
            f"{base}/en/news/?*",
            f"{base}/fr/?*",
            f"{base}/en/?*",
            f"{base}/fr/recherche/?*",
            f"{base}/en/search/?*",
            f"{base}/sitemap.xml",
            f"{base}/opendata/lieux.geojson",
            f"{base}/opendata/lieux.csv",
        ):
            self.assertIn(expected, urls)
        # A page's change is not a site-wide one.
        self.assertNotIn(f"{base}/*", urls)

    def test_nothing_is_sent_before_the_commit(self):
        """Before it, Varnish would fetch the old page again and keep it."""
        with mock.patch.object(frontcache, "send") as send:
            with self.captureOnCommitCallbacks(execute=False) as callbacks:
                self.article.save_revision().publish()
            send.assert_not_called()
            self.assertTrue(callbacks)

    def test_site_wide_content_purges_every_address(self):
        with (
            mock.patch.object(frontcache, "send") as send,
            self.captureOnCommitCallbacks(execute=True),
        ):
            organisation = OrganisationSettings.for_site(self.site)
            organisation.short_name = "Réseau"
            organisation.save()
        self.assertEqual(send.call_args.args[0], {"http://localhost/*"})

    def test_no_purge_without_a_front_cache(self):
        with (
            self.settings(WAGTAILFRONTENDCACHE={}),
            mock.patch.object(frontcache, "send") as send,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.article.save_revision().publish()
        send.assert_not_called()

    def test_a_cdn_gets_exact_addresses(self):
        self.assertEqual(
            frontcache.for_cdn("https://site.example/fr/actualites/?*"),
            "https://site.example/fr/actualites/",
        )
