"""Builders of home's pages, images and locales, for the tests and the demo alike.

Plain functions in place of wagtail-factories (not on the package list): each takes the parent
page, accepts any model field as a keyword to override the defaults, and returns the page saved,
published and live. Keyword-only flags name a state, as factory traits would
(`lieu_page(index, complete=True)` in lieux.factories fills every fact of a lieu's sheet).
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from PIL import Image as PillowImage

from home.models import ArticlePage, HomePage, NewsIndexPage, StandardPage


def locale(language_code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language_code)[0]


def publish(parent: Page, page: Page) -> Page:
    # ASCII slugs, as an editor would type them: URLs in the tests stay readable.
    page.slug = page.slug or slugify(page.title)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def image(title: str = "Façade du lieu", size: tuple[int, int] = (160, 90)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (200, 120, 60)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title[:20]}.png")
    )


# Pages --------------------------------------------------------------------------------------


def home_page(**fields) -> HomePage:
    """The French home page at the top of the default site, created once.

    Wagtail's migrations leave a "Welcome" page as the site's root: the site is pointed at the new
    home first, because deleting the page a Site points to deletes the Site too.
    """
    root = Page.get_first_root_node()
    existing = HomePage.objects.filter(depth=2, locale=locale("fr")).first()
    if existing:
        return existing
    home = HomePage(
        title=fields.pop("title", "Réseau des tiers-lieux solidaires"),
        slug="accueil",
        locale=locale("fr"),
        **fields,
    )
    publish(root, home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    for welcome in root.get_children().exclude(pk=home.pk).not_type(HomePage):
        welcome.delete()
    return home


def news_index_page(parent: HomePage, **fields) -> NewsIndexPage:
    fields.setdefault("title", "Actualités")
    fields.setdefault("slug", "actualites")
    return publish(parent, NewsIndexPage(**fields))


def article_page(parent: NewsIndexPage, **fields) -> ArticlePage:
    fields.setdefault("title", "Une nouvelle table à Lyon")
    fields.setdefault("date", datetime.date(2025, 3, 14))
    fields.setdefault("author", "Équipe communication")
    fields.setdefault("intro", "Le réseau grandit.")
    return publish(parent, ArticlePage(**fields))


def standard_page(parent: Page, **fields) -> StandardPage:
    fields.setdefault("title", "Mentions légales")
    fields.setdefault(
        "body", [("paragraph", RichText("<p>Ce site est édité par une association.</p>"))]
    )
    return publish(parent, StandardPage(**fields))


def search_promotion(query: str, page: Page, **fields) -> SearchPromotion:
    """A result the editors promote for `query` (Settings → Promoted search results)."""
    return SearchPromotion.objects.create(query=Query.get(query), page=page, **fields)
