from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .audit import TeamLogEntry  # noqa: F401 (a model: Django finds models here)
from .blocks import BodyBlock, KeyFigureBlock
from .cache import cards, site_data

LATEST_NEWS_COUNT = 3
NEWS_PER_PAGE = 12


class BasePage(Page):
    """Fields every public page has: the introduction and image its cards and header show."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences, shown under the title and on cards that link here."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Landscape, at least 1600 × 900 pixels. Shown at the top and on cards."),
    )
    # The image library is shared by both languages; the words describing the image belong to
    # the page, so wagtail-localize translates them with it.
    image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Write it again when you change "
            "the image. Left empty, the image's description in the library is used."
        ),
    )

    header_panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    @property
    def image_alt_text(self) -> str:
        """The main image's alternative text in the page's language, when it has one."""
        if self.image_alt or self.image is None:
            return self.image_alt
        return self.image.default_alt_text

    def get_child_page_queryset(self):
        """Index pages whose children are all of one type return that type's queryset here, so
        routing loads the child in one query instead of a base row and then its specific row."""
        return None

    def get_view_restrictions(self):
        # Few sites restrict any page: knowing there is none anywhere spares two queries a page.
        if not site_data("view-restrictions", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        children = self.get_child_page_queryset()
        try:
            if children is not None:
                child = children.child_of(self).get(slug=path_components[0])
            else:
                child = self.specific_child(path_components[0])
        except ObjectDoesNotExist as error:
            raise Http404 from error
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def specific_child(self, slug: str) -> Page:
        """A child of mixed types in one query: each allowed type's row is joined to the page's."""
        accessors = {
            model: model._meta.parents[Page].remote_field.get_accessor_name()
            for model in self.allowed_subpage_models()
            if Page in model._meta.parents
        }
        child = Page.objects.child_of(self).select_related(*accessors.values()).get(slug=slug)
        for accessor in accessors.values():
            specific = getattr(child, accessor, None)
            if specific is not None:
                return specific
        return child.specific  # a type no longer allowed here


class HomePage(BasePage):
    # Hero
    hero_button_label = models.CharField(_("button label"), max_length=60, blank=True)
    hero_button_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Key figures
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("key figures"),
        help_text=_("Up to six figures, for example '18 tiers-lieux open'."),
    )

    # Featured lieux (the pages themselves are chosen in the inline panel)
    featured_title = models.CharField(_("featured places title"), max_length=120, blank=True)

    # Support slot: current campaigns are listed here once campaigns exist.
    support_title = models.CharField(_("support title"), max_length=120, blank=True)
    support_text = models.TextField(_("support text"), blank=True)
    support_button_label = models.CharField(_("support button label"), max_length=60, blank=True)
    support_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("support page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    news_title = models.CharField(_("news title"), max_length=120, blank=True)

    content_panels = [
        MultiFieldPanel(
            [
                *BasePage.header_panels,
                FieldPanel("hero_button_label"),
                FieldPanel("hero_button_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("key_figures"),
        MultiFieldPanel(
            [FieldPanel("featured_title"), InlinePanel("featured_lieux", label=_("Place"))],
            heading=_("Featured places"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("support_title"),
                FieldPanel("support_text"),
                FieldPanel("support_button_label"),
                PageChooserPanel("support_page"),
            ],
            heading=_("Support the network"),
        ),
        FieldPanel("news_title"),
    ]

    # One home per language, each under the root: wagtail-localize's translations are siblings.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "lieux.LieuIndexPage",
        "home.NewsIndexPage",
        "home.StandardPage",
        "campagnes.CampaignIndexPage",
        "campagnes.DonatePage",
        "campagnes.ShareOfferingPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Which pages the home shows changes when a page is published: site data, kept per
        # publish of the home itself too (its featured lieux). A preview shows its own.
        if getattr(request, "is_preview", False):
            listing = self.listing()
        else:
            listing = site_data(f"home-listing:{self.cache_key}", self.listing)
        # The cards are cached fragments: their pages are read only for those that are not. The
        # featured lieux' cards are made in the template by the `lieu_cards` tag of lieux, as
        # home imports nothing of the apps above it.
        context["featured_lieu_ids"] = listing["featured"]
        context["latest_news"] = cards(listing["news"], article_card_pages)
        self._linked_pages = listing["links"]  # what the link properties below read
        return context

    def listing(self) -> dict:
        """The ids of the featured lieux (each in the home's language when translated, live
        ones only) and of the latest articles, and the pages the home links to."""
        featured = [link.lieu_id for link in self.featured_lieux.all()]
        sources = dict(
            Page.objects.live().filter(pk__in=featured).values_list("pk", "translation_key")
        )
        translated = dict(
            Page.objects.live()
            .filter(translation_key__in=sources.values(), locale_id=self.locale_id)
            .values_list("translation_key", "pk")
        )
        news = public(ArticlePage.objects.live().filter(locale_id=self.locale_id))
        return {
            "featured": [translated.get(sources[pk], pk) for pk in featured if pk in sources],
            "news": list(
                news.order_by("-date", "-pk").values_list("pk", flat=True)[:LATEST_NEWS_COUNT]
            ),
            "links": self._linked_pages,
        }

    @cached_property
    def _linked_pages(self) -> dict:
        """Every page the home links to, in one query: the hero and support targets in the home's
        language when translated, and the lieux and news indexes for the "see all" links."""
        targets = [pk for pk in (self.hero_button_page_id, self.support_page_id) if pk]
        target_keys = Page.objects.filter(pk__in=targets).values("translation_key")
        pages = list(
            Page.objects.live()
            .filter(
                Q(pk__in=targets)
                | Q(translation_key__in=target_keys, locale_id=self.locale_id)
                | Q(
                    path__startswith=self.path,
                    depth=self.depth + 1,
                    content_type__app_label__in=["lieux", "home"],
                    content_type__model__in=["lieuindexpage", "newsindexpage"],
                )
            )
            .select_related("content_type")
        )
        by_key = {(page.translation_key, page.locale_id): page for page in pages}
        linked = {}
        for name, pk in (("hero", self.hero_button_page_id), ("support", self.support_page_id)):
            target = next((page for page in pages if page.pk == pk), None)
            if target is not None:
                linked[name] = by_key.get((target.translation_key, self.locale_id), target)
        for page in pages:
            is_child = page.path.startswith(self.path) and page.depth == self.depth + 1
            if is_child and page.content_type.model.endswith("indexpage"):
                linked.setdefault(page.content_type.model, page)
        return linked

    @property
    def hero_link_page(self) -> Page | None:
        return self._linked_pages.get("hero")

    @property
    def support_link_page(self) -> Page | None:
        return self._linked_pages.get("support")

    @property
    def lieu_index(self) -> Page | None:
        return self._linked_pages.get("lieuindexpage")

    @property
    def news_index(self) -> Page | None:
        return self._linked_pages.get("newsindexpage")


class HomeFeaturedLieu(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_lieux")
    lieu = models.ForeignKey(
        "lieux.LieuPage", verbose_name=_("place"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("lieu")]


class NewsIndexPage(BasePage):
    content_panels = BasePage.header_panels

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_child_page_queryset(self):
        return ArticlePage.objects.select_related("image", "lieu")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Which articles are listed, in which order, changes when a page is published: site data.
        # Ids only: the cards are cached fragments, whose pages are read only when one is not.
        ids = site_data(f"news-index:{self.pk}", self.article_ids, shared=True)
        page = Paginator(ids, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = cards(page.object_list, article_card_pages)
        context["articles"] = page
        return context

    def article_ids(self) -> tuple[int, ...]:
        articles = public(ArticlePage.objects.live().child_of(self)).order_by("-date", "-pk")
        return tuple(articles.values_list("pk", flat=True))


def public(pages):
    """`pages.public()`, which reads the view restrictions every time, only when there are some."""
    if site_data("view-restrictions", PageViewRestriction.objects.exists):
        return pages.public()
    return pages


# What an article card shows (templates/components/article_card.html).
ARTICLE_CARD_FIELDS = ["title", "url_path", "intro", "image", "date", "lieu__title"]


def article_card_pages(pks: list[int]) -> dict[int, "ArticlePage"]:
    return (
        ArticlePage.objects.select_related("image", "lieu").only(*ARTICLE_CARD_FIELDS).in_bulk(pks)
    )


class ArticlePage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(
        _("author"), max_length=120, blank=True, help_text=_("A person or a team, as signed.")
    )
    lieu = models.ForeignKey(
        "lieux.LieuPage",
        verbose_name=_("place concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.header_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), PageChooserPanel("lieu", "lieux.LieuPage")],
            heading=_("About this article"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class StandardPage(BasePage):
    """A plain page: legal notice, privacy policy, about us."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.header_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Identity of the association that runs the site; the same in every language."""

    name = models.CharField(_("name"), max_length=120, default="Tiers-lieux solidaires")
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        blank=True,
        help_text=_(
            "Ends the title of every page in browser tabs and search results, in every "
            "language, so keep it short. Left empty, the name is used."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without a main image is shared on social networks. "
            "Landscape, at least 1200 × 630 pixels."
        ),
    )
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("legal form"),
        max_length=120,
        blank=True,
        help_text=_("For example: association loi 1901"),
    )
    siren = models.CharField(_("SIREN number"), max_length=11, blank=True)
    rna = models.CharField(
        _("RNA number"), max_length=10, blank=True, help_text=_("Register of associations, W…")
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that explains how personal data is used. Every form that collects "
            "personal data links to it, in the visitor's language."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("logo"),
                FieldPanel("share_image"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("legal_form"),
                FieldPanel("siren"),
                FieldPanel("rna"),
            ],
            heading=_("Legal identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Address and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social networks"),
        ),
        FieldPanel("privacy_page"),
    ]

    # The header shows the logo on every page: fetched with the settings, not by a second query.
    select_related = ["logo", "privacy_page"]

    class Meta:
        verbose_name = _("organisation")

    @classmethod
    def for_site(cls, site):
        # Every page shows it: read once per publish rather than once per page served.
        if site is None:
            return super().for_site(site)
        return site_data(
            f"organisation:{site.pk}", lambda: super(OrganisationSettings, cls).for_site(site)
        )

    @property
    def title_suffix(self) -> str:
        return self.short_name or self.name

    def privacy_url(self) -> str:
        """The privacy page's address in the active language (its French one if untranslated),
        or "" while none is chosen or it is not live."""
        page = self.privacy_page
        if page is None:
            return ""
        page = page.localized
        return (page.url or "") if page.live else ""

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("Mastodon", self.mastodon_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]


@register_snippet
class Navigation(TranslatableMixin, ClusterableModel):
    """Header menu and footer of one language; translated with the rest of the site."""

    name = models.CharField(
        _("name"), max_length=80, default="Navigation", help_text=_("Only shown in the admin.")
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [
        FieldPanel("name"),
        InlinePanel("menu_items", heading=_("Main menu"), label=_("Menu item")),
        FieldPanel("footer_text"),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("Link")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")

    def __str__(self):
        return f"{self.name} ({self.locale})"


class NavigationLink(TranslatableMixin, Orderable):
    label = models.CharField(_("label"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external link"), blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or enter a link, not both."))


class NavigationMenuItem(NavigationLink):
    navigation = ParentalKey(Navigation, on_delete=models.CASCADE, related_name="menu_items")


class NavigationFooterLink(NavigationLink):
    navigation = ParentalKey(Navigation, on_delete=models.CASCADE, related_name="footer_links")
