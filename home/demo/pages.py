"""Builds home's French side of the demo: the home page, the news, the standard pages, the
navigation and the site settings; and the helpers every app's demo writes its bodies with."""

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape

from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from home.factories import article_page, news_index_page, standard_page
from home.models import (
    HomeFeaturedLieu,
    HomePage,
    Navigation,
    NavigationFooterLink,
    NavigationMenuItem,
    OrganisationSettings,
)

from .content import H2, Block, CallToAction, Paragraph, Picture, RichText, Testimony
from .content.catalogue import STANDARD_PAGES
from .content.news import ARTICLES, AUTHOR
from .content.site import HOME, NAVIGATION, NEWS_INDEX, ORGANISATION
from .context import DemoContext

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def rich_text(items: RichText) -> str:
    html = []
    for item in items:
        if isinstance(item, H2):
            html.append(f"<h2>{escape(item.text.fr)}</h2>")
        elif isinstance(item, list):
            html.append("<ul>" + "".join(f"<li>{escape(t.fr)}</li>" for t in item) + "</ul>")
        else:
            html.append(f"<p>{escape(item.fr)}</p>")
    return "".join(html)


def stream(blocks: tuple[Block, ...], images: dict[str, Image], pages: dict[str, Page]) -> list:
    """Raw StreamField data for BodyBlock."""
    data = []
    for block in blocks:
        if isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": rich_text(block.text)})
        elif isinstance(block, Testimony):
            value = {"quote": block.quote.fr, "author": block.author.fr, "role": block.role.fr}
            data.append({"type": "testimony", "value": value})
        elif isinstance(block, Picture):
            image = {"image": images[block.image].pk, "alt_text": block.alt.fr, "decorative": False}
            value = {"image": image, "caption": block.caption.fr, "credit": ""}
            data.append({"type": "image", "value": value})
        elif isinstance(block, CallToAction):
            value = {
                "title": block.title.fr,
                "text": block.text.fr,
                "button_label": block.button.fr,
                "page": pages[block.page].pk,
                "url": "",
            }
            data.append({"type": "call_to_action", "value": value})
    return data


def find_french_pages(locale: Locale) -> dict[str, Page] | None:
    """The demo pages by French slug ("accueil" for the home), or None before the first run."""
    home = HomePage.objects.filter(locale=locale, slug=HOME["slug"].fr, depth=2).first()
    if home is None:
        return None
    pages = {page.slug: page for page in home.get_descendants().specific()}
    pages[home.slug] = home
    return pages


def add_home_page(locale: Locale, images: dict[str, Image]) -> HomePage:
    """The French home, added without a revision: it links to pages of every app, which do not
    exist yet. `build_home_pages` publishes it once they do."""
    return Page.get_first_root_node().add_child(
        instance=HomePage(
            title=HOME["title"].fr,
            slug=HOME["slug"].fr,
            locale=locale,
            intro=HOME["intro"].fr,
            image=images[HOME["image"]],
            hero_button_label=HOME["hero_button_label"].fr,
            key_figures=[
                {"type": "figure", "value": {"figure": figure.fr, "label": label.fr}}
                for figure, label in HOME["key_figures"]
            ],
            featured_title=HOME["featured_title"].fr,
            support_title=HOME["support_title"].fr,
            support_text=HOME["support_text"].fr,
            support_button_label=HOME["support_button_label"].fr,
            news_title=HOME["news_title"].fr,
        )
    )


def build_home_pages(context: DemoContext) -> int:
    """The news index, the standard pages and the articles, then the home's links (the lieux it
    features among them); every page published once. Returns how many pages were created."""
    home, images, pages = context.home, context.images, context.pages
    news_index = news_index_page(
        home,
        title=NEWS_INDEX["title"].fr,
        slug=NEWS_INDEX["slug"].fr,
        intro=NEWS_INDEX["intro"].fr,
        image=images[NEWS_INDEX["image"]],
    )
    pages[news_index.slug] = news_index
    for spec in STANDARD_PAGES:
        page = standard_page(
            home,
            title=spec.title.fr,
            slug=spec.slug.fr,
            intro=spec.intro.fr,
            image=images[spec.image] if spec.image else None,
            body=stream(spec.body, images, pages),
        )
        pages[page.slug] = page
    for article in ARTICLES:
        pages[article.slug.fr] = article_page(
            news_index,
            title=article.title.fr,
            slug=article.slug.fr,
            intro=article.intro.fr,
            image=images[article.image],
            date=article.date,
            author=AUTHOR.fr,
            lieu=pages[article.lieu],
            body=stream(article.body, images, pages),
        )

    home.hero_button_page = pages[HOME["hero_page"]]
    home.support_page = pages[HOME["support_page"]]
    home.featured_lieux = [
        HomeFeaturedLieu(sort_order=i, lieu=pages[slug])
        for i, slug in enumerate(HOME["featured_lieux"])
    ]
    home.save_revision().publish()
    return 1 + len(STANDARD_PAGES) + len(ARTICLES)


def point_site_at(home: HomePage) -> bool:
    """Serve the French home on the default site and drop Wagtail's placeholder page.

    A site already serving the home is left as it is, with whatever hostname it was given since.
    """
    changed = False
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        site.hostname, site.port, site.root_page = "localhost", 80, home
        site.site_name = ORGANISATION["name"]
        site.save()
        changed = True
    welcome = Page.objects.filter(
        depth=2, title=WAGTAIL_WELCOME_TITLE, content_type=ContentType.objects.get_for_model(Page)
    )
    if welcome.exists():
        welcome.delete()
        changed = True
    return changed


def ensure_organisation(site: Site, logo: Image, privacy_page: Page | None = None) -> bool:
    """Fill the organisation settings once; later edits in the admin are kept. The privacy page
    is chosen on its own, so that a site loaded before the setting existed gets it too."""
    settings = OrganisationSettings.for_site(site)
    changed = False
    if privacy_page is not None and settings.privacy_page_id is None:
        settings.privacy_page = privacy_page
        changed = True
    if not settings.legal_name:
        for field, value in ORGANISATION.items():
            setattr(settings, field, value)
        settings.logo = logo
        changed = True
    if changed:
        settings.save()
    return changed


def ensure_navigation(locale: Locale, pages: dict[str, Page]) -> tuple[Navigation, bool]:
    """The menu and footer links, to the demo pages that exist (an app may have no demo)."""
    navigation = Navigation.objects.filter(locale=locale).first()
    if navigation:
        return navigation, False

    def links(model, items):
        items = [(label, pages[key]) for label, key in items if key in pages]
        return [
            model(sort_order=i, label=label.fr, link_page=page)
            for i, (label, page) in enumerate(items)
        ]

    navigation = Navigation(
        locale=locale,
        name=NAVIGATION["name"].fr,
        footer_text=rich_text(NAVIGATION["footer_text"]),
        menu_items=links(NavigationMenuItem, NAVIGATION["menu_items"]),
        footer_links=links(NavigationFooterLink, NAVIGATION["footer_links"]),
    )
    navigation.save()
    return navigation, True
