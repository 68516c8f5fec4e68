"""What a page rendered without the page cache keeps between requests, and what empties it.

These run as the benchmark's cold pages do (PAGE_CACHE_SECONDS = 0, site data and fragments on):
which page an address leads to, the lists of cards, the sections read from a page's related rows
and its StreamField body are kept, under the cache generation and, for a page's own parts, its
last publish. Every test changes something an editor can change, then checks the very next
request shows it.
"""

import datetime

from django.core.cache import cache
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from home.cache import GENERATION_KEY
from home.models import HomeFeaturedLieu, OrganisationSettings, StandardPage
from lieux.models import HostedStructure, Partner, RecurringActivity
from tests import factories
from tests.base import SiteTestCase

# A standard page reads its page row and nothing else once its parts are cached: the route, the
# breadcrumbs, the body, the header, footer and menu are all kept. A failure here means a part of
# the page (or of the base template) reads the database at every request again.
EXPECTED_STANDARD_PAGE_QUERIES = 1


class FragmentCacheTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(cls.index, complete=True)
        cls.news = factories.news_index_page(cls.home)
        cls.article = factories.article_page(cls.news, lieu=cls.lieu)
        cls.standard = factories.standard_page(cls.home)
        # Created now rather than by the first page view, which would count as a settings change.
        OrganisationSettings.for_site(cls.site)

    def get(self, url: str, status: int = 200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return response

    def republish(self, page, **fields):
        page = type(page).objects.get(pk=page.pk)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        return type(page).objects.get(pk=page.pk)

    # A page's own parts -----------------------------------------------------------------------

    def test_a_published_body_shows_at_once(self):
        self.assertContains(self.get(self.standard.url), "Ce site est édité par une association.")
        self.republish(
            self.standard, body=[("paragraph", RichText("<p>Hébergé par une coopérative.</p>"))]
        )
        response = self.get(self.standard.url)
        self.assertContains(response, "Hébergé par une coopérative.")
        self.assertNotContains(response, "Ce site est édité par une association.")

    def test_a_replaced_document_is_linked_at_once_from_a_body(self):
        document = get_document_model().objects.create(
            title="Statuts", file=ContentFile(b"%PDF-1.4", name="statuts.pdf")
        )
        link = f'<p><a linktype="document" id="{document.pk}">Nos statuts</a></p>'
        self.republish(self.standard, body=[("paragraph", RichText(link))])
        self.assertContains(self.get(self.standard.url), "statuts.pdf")
        document.file = ContentFile(b"%PDF-1.4", name="statuts-2026.pdf")
        document.save()
        self.assertContains(self.get(self.standard.url), "statuts-2026.pdf")

    def test_a_renamed_parent_shows_in_the_breadcrumbs_of_its_children(self):
        self.assertContains(self.get(self.lieu.url), "Les lieux</a>")
        self.republish(self.index, title="Tous les lieux")
        self.assertContains(self.get(self.lieu.url), "Tous les lieux</a>")

    def test_the_sections_of_a_lieu_follow_its_publish(self):
        response = self.get(self.lieu.url)
        for text in ("Repas partagé", "Les Petites Cantines", "Fondation Abbé Pierre"):
            self.assertContains(response, text)
        self.republish(
            self.lieu,
            recurring_activities=[RecurringActivity(name="Atelier vélo", schedule="Le samedi")],
            hosted_structures=[HostedStructure(name="La Cyclofficine", role="Réparation")],
            partners=[Partner(name="Métropole de Lyon")],
        )
        response = self.get(self.lieu.url)
        for text in ("Atelier vélo", "La Cyclofficine", "Métropole de Lyon"):
            self.assertContains(response, text)
        for text in ("Repas partagé", "Les Petites Cantines", "Fondation Abbé Pierre"):
            self.assertNotContains(response, text)

    def test_a_renamed_lieu_shows_on_the_articles_about_it(self):
        self.assertContains(self.get(self.article.url), "Escale Solidaire Lyon</a>")
        self.republish(self.lieu, title="Escale Solidaire Lyon 7e")
        self.assertContains(self.get(self.article.url), "Escale Solidaire Lyon 7e</a>")

    # Lists of other pages ---------------------------------------------------------------------

    def test_a_new_article_is_listed_at_once_on_the_news_and_the_home(self):
        for url in (self.news.url, self.home.url):
            self.assertContains(self.get(url), "Une nouvelle table à Lyon")
        factories.article_page(
            self.news, title="La cuisine ouvre le lundi", date=datetime.date(2025, 4, 1)
        )
        for url in (self.news.url, self.home.url):
            self.assertContains(self.get(url), "La cuisine ouvre le lundi")

    def test_an_unpublished_article_leaves_the_lists(self):
        self.get(self.news.url)
        self.article.unpublish()
        for url in (self.news.url, self.home.url):
            self.assertNotContains(self.get(url), "Une nouvelle table à Lyon")

    def test_the_featured_lieux_follow_the_home_publish(self):
        card_link = f'class="card__link" href="{self.lieu.url}"'
        self.assertNotContains(self.get(self.home.url), card_link)
        self.republish(self.home, featured_lieux=[HomeFeaturedLieu(lieu=self.lieu)])
        self.assertContains(self.get(self.home.url), card_link)

    def test_a_new_lieu_is_listed_and_mapped_at_once(self):
        marker = 'class="france-map__marker"'
        self.assertContains(self.get(self.index.url), marker, count=1)
        factories.lieu_page(self.index, title="La Boussole", city="Saint-Chamond")
        response = self.get(self.index.url)
        self.assertContains(response, "La Boussole")
        self.assertContains(response, marker, count=2)

    def test_a_campaign_card_shows_its_progress_at_each_request(self):
        self.republish(self.home, support_title="Soutenir le réseau")
        campaign = factories.campaign_page(factories.campaign_index_page(self.home))
        self.assertContains(self.get(self.home.url), '<strong class="progress__raised">0\u00a0€')
        factories.gift(factories.donor("alex@example.org"), 150_000, campaign=campaign)
        # A gift publishes nothing: the card is keyed on the progress read for this request.
        self.assertContains(
            self.get(self.home.url), '<strong class="progress__raised">1\u00a0500\u00a0€'
        )

    # Which page an address leads to -----------------------------------------------------------

    def test_an_address_follows_unpublishing_and_renaming(self):
        self.get(self.standard.url)
        self.standard.unpublish()
        self.get(self.standard.url, status=404)
        page = self.republish(self.standard, slug="mentions")
        self.assertEqual(page.url, "/fr/mentions/")
        self.assertContains(self.get(page.url), "Mentions légales")
        self.assertNotEqual(self.client.get("/fr/mentions-legales/").status_code, 200)

    def test_a_publish_in_another_process_shows_here_at_once(self):
        """This process keeps what it read under the current generation; another worker's publish
        moves the generation in the shared cache, which every request reads first."""
        self.get(self.standard.url)
        # Another worker's publish, as this process sees it: rows and the counter change,
        # nothing of this process's memory does.
        StandardPage.objects.filter(pk=self.standard.pk).update(title="Mentions et crédits")
        cache.incr(GENERATION_KEY)
        self.assertContains(self.get(self.standard.url), "Mentions et crédits")

    def test_a_standard_page_reads_only_its_own_row(self):
        self.get(self.standard.url)
        with self.assertNumQueries(EXPECTED_STANDARD_PAGE_QUERIES):
            self.get(self.standard.url)
