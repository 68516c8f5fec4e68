from django.core.cache import cache

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from . import factories


class SiteTestCase(WagtailPageTestCase):
    """The French site with its English locale: both locales, the home page and the one Site.

    Subclasses add their pages in `setUpTestData` (call super first) and translate them with
    `translate_page`, parents before children, as an editor would.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.fr = factories.locale("fr")
        cls.en = factories.locale("en")
        cls.home = factories.home_page()
        sites = list(Site.objects.all())
        assert len(sites) == 1, f"Expected exactly one Site, found {sites}"
        cls.site = sites[0]
        assert cls.site.root_page_id == cls.home.pk

    def setUp(self):
        super().setUp()
        # Wagtail caches the site root paths; pages of another test class must not leak in.
        cache.clear()

    @classmethod
    def translate_page(cls, page: Page, strings: dict[str, str] | None = None) -> Page:
        """Publish the English translation of `page` through wagtail-localize.

        `strings` maps French source strings (title, slug, intro…) to their English translation;
        the others fall back to the French text, as wagtail-localize does for untranslated strings.
        """
        source, _ = TranslationSource.get_or_create_from_instance(page)
        for french, english in (strings or {}).items():
            segments = StringSegment.objects.filter(source=source, string__data=french)
            assert segments, f"No translatable string {french!r} in {page}"
            for segment in segments:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=cls.en,
                    context=segment.context,
                    defaults={"data": english, "translation_type": "manual"},
                )
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=cls.en)
        # wagtail-localize publishes on commit, which a TestCase never reaches: run it now.
        with cls.captureOnCommitCallbacks(execute=True):
            translation.save_target(publish=True)
        return page.get_translation(cls.en)
