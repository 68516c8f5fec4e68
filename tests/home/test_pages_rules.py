"""Where each page type may be created: what an editor sees under "Add child page"."""

from wagtail.models import Page

from campagnes.models import CampaignIndexPage, CampaignPage, DonatePage, ShareOfferingPage
from home.models import ArticlePage, HomePage, NewsIndexPage, StandardPage
from lieux.models import LieuIndexPage, LieuPage
from tests import factories
from tests.base import SiteTestCase


class PageTreeRulesTests(SiteTestCase):
    def test_home_page_only_sits_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                LieuIndexPage,
                NewsIndexPage,
                StandardPage,
                CampaignIndexPage,
                DonatePage,
                ShareOfferingPage,
            },
        )
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_campaigns_sit_under_their_index_and_the_donate_page_under_the_home(self):
        self.assertAllowedParentPageTypes(CampaignIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})
        self.assertAllowedParentPageTypes(CampaignPage, {CampaignIndexPage})
        self.assertAllowedSubpageTypes(CampaignPage, set())
        self.assertAllowedParentPageTypes(DonatePage, {HomePage})
        self.assertAllowedSubpageTypes(DonatePage, set())

    def test_index_pages_only_sit_under_a_home_page(self):
        self.assertAllowedParentPageTypes(LieuIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LieuIndexPage, {LieuPage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertCanNotCreateAt(StandardPage, LieuIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)

    def test_a_home_page_takes_one_lieux_index_and_one_news_index(self):
        self.assertTrue(LieuIndexPage.can_create_at(self.home))
        self.assertTrue(NewsIndexPage.can_create_at(self.home))
        factories.lieu_index_page(self.home)
        factories.news_index_page(self.home)

        self.assertFalse(LieuIndexPage.can_create_at(self.home))
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        # The limit is per home: the English home still takes its own indexes.
        english_home = self.translate_page(self.home)
        self.assertTrue(LieuIndexPage.can_create_at(english_home))
        self.assertTrue(NewsIndexPage.can_create_at(english_home))

    def test_lieu_page_is_a_leaf_under_the_lieux_index(self):
        self.assertAllowedParentPageTypes(LieuPage, {LieuIndexPage})
        self.assertAllowedSubpageTypes(LieuPage, set())
        self.assertCanNotCreateAt(HomePage, LieuPage)
        self.assertCanNotCreateAt(StandardPage, LieuPage)
        self.assertCanNotCreateAt(NewsIndexPage, LieuPage)

    def test_article_page_is_a_leaf_under_the_news_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(LieuIndexPage, ArticlePage)

    def test_standard_page_sits_under_the_home_page_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(LieuIndexPage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)
