"""The shared page cache: what it stores, what it never stores, and what empties it.

The test settings turn the cache off (PAGE_CACHE_SECONDS = 0); these tests turn it back on.
Pages are built with plain Wagtail calls so the tests do not move with the factories, and the
assertions use titles and labels that any template shows.
"""

import copy
import datetime
import io

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, TestCase, override_settings

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailTestUtils

from home.models import (
    ArticlePage,
    HomePage,
    Navigation,
    NavigationMenuItem,
    NewsIndexPage,
    OrganisationSettings,
    StandardPage,
)
from lieux.choices import LieuKind, Region
from lieux.models import LieuIndexPage, LieuPage

CSRF_FORM_PAGE = """<h1>{{ page.title }}</h1>
<form method="post" action="/fr/contact/">{% csrf_token %}<button>Envoyer</button></form>"""


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def templates_overriding(templates: dict[str, str]) -> list[dict]:
    """The project's template settings, with `templates` found before the files of the same name."""
    engine = copy.deepcopy(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", templates),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return [engine]


@override_settings(PAGE_CACHE_SECONDS=600)
class PageCacheTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.fr = Locale.objects.get_or_create(language_code="fr")[0]
        root = Page.get_first_root_node()
        cls.home = publish(
            root, HomePage(title="Réseau des tiers-lieux", slug="accueil", locale=cls.fr)
        )
        cls.site = Site.objects.get(is_default_site=True)
        cls.site.root_page = cls.home
        cls.site.save()
        root.get_children().exclude(pk=cls.home.pk).delete()
        # Created now rather than by the first page view, which would count as a settings change.
        OrganisationSettings.for_site(cls.site)

        cls.lieux = publish(cls.home, LieuIndexPage(title="Les lieux", slug="lieux"))
        cls.news = publish(cls.home, NewsIndexPage(title="Actualités", slug="actualites"))
        cls.article = publish(
            cls.news,
            ArticlePage(
                title="Une table d'hôtes ouvre à Lyon",
                slug="table-lyon",
                date=datetime.date(2025, 3, 14),
            ),
        )
        cls.legal = publish(cls.home, StandardPage(title="Mentions légales", slug="mentions"))
        cls.about = publish(cls.home, StandardPage(title="Qui sommes-nous", slug="qui"))

    def setUp(self):
        cache.clear()

    def assertCached(self, url: str) -> None:
        """Render `url` once, then check the next visitor gets it from the cache."""
        self.assertEqual(self.client.get(url)["X-Cache"], "miss")
        self.assertEqual(self.client.get(url)["X-Cache"], "hit")

    def assertFresh(self, url: str, text: str | None = None, status: int = 200):
        response = self.client.get(url)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertEqual(response.status_code, status)
        if text:
            self.assertContains(response, text, status_code=status)
        return response

    # What is stored --------------------------------------------------------------------------

    def test_a_second_anonymous_visit_is_a_hit_without_sql(self):
        first = self.client.get("/fr/actualites/table-lyon/")
        self.assertEqual(first["X-Cache"], "miss")
        with self.assertNumQueries(0):
            second = self.client.get("/fr/actualites/table-lyon/")
        self.assertEqual(second["X-Cache"], "hit")
        self.assertEqual(second.content, first.content)
        self.assertContains(second, "Une table d&#x27;hôtes ouvre à Lyon")
        for header in ("Content-Type", "Content-Language", "Content-Security-Policy"):
            self.assertEqual(second[header], first[header])
        self.assertEqual(self.client.head("/fr/actualites/table-lyon/")["X-Cache"], "hit")

    def test_search_results_are_cached_until_the_next_publish(self):
        self.assertCached("/fr/recherche/?q=lyon")
        publish(
            self.news,
            ArticlePage(
                title="Un jardin partagé à Lyon", slug="jardin-lyon", date=datetime.date(2025, 4, 2)
            ),
        )
        self.assertFresh("/fr/recherche/?q=lyon", "Un jardin partagé à Lyon")

    def test_the_key_holds_the_host_and_the_query_string(self):
        self.assertCached("/fr/actualites/")
        self.assertEqual(self.client.get("/fr/actualites/?page=1")["X-Cache"], "miss")
        self.assertEqual(
            self.client.get("/fr/actualites/", HTTP_HOST="localhost")["X-Cache"], "miss"
        )

    def test_zero_seconds_turns_the_cache_off(self):
        with self.settings(PAGE_CACHE_SECONDS=0):
            self.client.get("/fr/")
            response = self.client.get("/fr/")
        self.assertNotIn("X-Cache", response)

    # What empties it -------------------------------------------------------------------------

    def test_publishing_a_change_shows_at_once(self):
        self.assertCached(self.article.url)
        self.article.title = "Deux tables d'hôtes à Lyon"
        self.article.save_revision().publish()
        self.assertFresh(self.article.url, "Deux tables d&#x27;hôtes à Lyon")

    def test_the_deployment_command_drops_every_cached_page(self):
        self.assertCached(self.article.url)
        call_command("clear_page_cache", stdout=io.StringIO())
        self.assertEqual(self.client.get(self.article.url)["X-Cache"], "miss")

    def test_a_new_lieu_appears_on_the_index(self):
        self.assertCached(self.lieux.url)
        publish(
            self.lieux,
            LieuPage(
                title="La Boussole",
                slug="la-boussole",
                kind=LieuKind.TIERS_LIEU,
                street_address="3 rue de la République",
                postcode="42400",
                city="Saint-Chamond",
                region=Region.AUVERGNE_RHONE_ALPES,
            ),
        )
        self.assertFresh(self.lieux.url, "La Boussole")

    def test_unpublishing_takes_the_page_and_its_card_away(self):
        self.assertCached(self.article.url)
        self.assertCached(self.news.url)
        self.article.unpublish()
        self.assertFresh(self.article.url, status=404)
        self.assertNotContains(self.assertFresh(self.news.url), "Une table d&#x27;hôtes")

    def test_moving_a_page_moves_its_address(self):
        self.assertCached("/fr/qui/")
        self.about.move(self.legal, pos="last-child")
        # Wagtail leaves a redirect at the old address.
        self.assertRedirects(
            self.assertFresh("/fr/qui/", status=301),
            "/fr/mentions/qui/",
            status_code=301,
            fetch_redirect_response=False,
        )
        self.assertFresh("/fr/mentions/qui/", "Qui sommes-nous")

    def test_deleting_a_page_takes_it_away(self):
        self.assertCached("/fr/qui/")
        self.about.delete()
        self.assertFresh("/fr/qui/", status=404)

    def test_saving_the_navigation_refreshes_every_page(self):
        navigation = Navigation.objects.create(locale=self.fr)
        self.assertCached(self.article.url)
        navigation.menu_items = [NavigationMenuItem(label="Agenda solidaire", link_page=self.news)]
        navigation.save()
        self.assertFresh(self.article.url, "Agenda solidaire")

    def test_saving_the_organisation_settings_refreshes_every_page(self):
        self.assertCached(self.article.url)
        organisation = OrganisationSettings.for_site(self.site)
        organisation.name = "Les Tables Ouvertes"
        organisation.save()
        self.assertFresh(self.article.url, "Les Tables Ouvertes")

    def test_restricting_a_page_asks_the_next_visitor_for_the_password(self):
        self.assertCached(self.legal.url)
        PageViewRestriction.objects.create(
            page=self.legal, restriction_type=PageViewRestriction.PASSWORD, password="tables"
        )
        response = self.client.get(self.legal.url)
        self.assertNotContains(response, "Mentions légales</h1>", status_code=200)
        self.assertContains(response, 'name="password"')

    # What is never stored --------------------------------------------------------------------

    def test_a_signed_in_user_is_never_served_nor_stored_a_cached_page(self):
        self.assertCached(self.article.url)
        self.client.force_login(self.create_superuser("editor"))
        self.assertNotEqual(self.client.get(self.article.url).get("X-Cache"), "hit")
        self.client.get(self.legal.url)
        self.client.logout()
        self.assertEqual(self.client.get(self.legal.url)["X-Cache"], "miss")

    def test_a_page_with_a_csrf_form_is_never_stored(self):
        with self.settings(
            TEMPLATES=templates_overriding({"home/standard_page.html": CSRF_FORM_PAGE})
        ):
            first = self.client.get(self.legal.url)
            # A visitor without the first one's cookie must not receive the first one's token.
            second = Client().get(self.legal.url)
        self.assertContains(first, "csrfmiddlewaretoken")
        self.assertEqual(second["X-Cache"], "miss")

    def test_a_missing_page_is_not_stored(self):
        for _ in range(2):
            response = self.client.get("/fr/nexiste-pas/")
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response["X-Cache"], "miss")

    def test_the_admin_and_the_health_check_are_left_alone(self):
        for url in ("/healthz", "/admin/login/", "/healthz"):
            self.assertNotIn("X-Cache", self.client.get(url))
