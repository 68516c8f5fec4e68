"""Site chrome: the menu and footer of the active language, and the links to the other languages.

The menu is the same on every page of a language but for its current-page marks: it is resolved
once per publish (site data) and marked per request. The language links are the page's own.
"""

from dataclasses import dataclass, field, replace

from django import template
from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from wagtail.models import Page, Site

from home.address import public_url
from home.cache import site_data
from home.models import Navigation, NavigationFooterLink, NavigationMenuItem

register = template.Library()


@dataclass
class MenuLink:
    label: str
    url: str
    # "page" when the link is the current page, "section" when the current page is under it.
    current: str = ""


@dataclass
class Menu:
    menu_items: list[MenuLink] = field(default_factory=list)
    footer_links: list[MenuLink] = field(default_factory=list)
    footer_text: str = ""

    def for_path(self, path: str) -> "Menu":
        return Menu(
            [replace(link, current=_current(link.url, path)) for link in self.menu_items],
            [replace(link, current=_current(link.url, path)) for link in self.footer_links],
            self.footer_text,
        )

    # The header and footer fragments vary on these (templates/components/site_*.html).
    @property
    def menu_marks(self) -> str:
        return ",".join(link.current for link in self.menu_items)

    @property
    def footer_marks(self) -> str:
        return ",".join(link.current for link in self.footer_links)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    # False when the page has no live translation and the link falls back to that language's home.
    is_translation: bool
    is_default: bool


@register.simple_tag(takes_context=True)
def get_navigation(context) -> Menu:
    """The Navigation snippet of the active language, else the default language's, else nothing."""
    request = context.get("request")
    language = translation.get_language()
    site = Site.find_for_request(request) if request is not None else None
    menu = site_data(f"menu:{language}:{site.pk if site else ''}", lambda: _menu(request, language))
    return menu.for_path(request.path if request is not None else "")


@register.simple_tag(takes_context=True)
def get_language_links(context) -> list[LanguageLink]:
    """One link per site language: the page's live translation, else that language's home.

    Pages outside Wagtail's tree (search) keep their path and query in the other language.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        page = None
    language = translation.get_language()
    site = Site.find_for_request(request) if request is not None else None

    def translations():
        # One query for the current page's translations and the home of every language.
        wanted = _homes(site)
        if page is not None:
            wanted |= Q(translation_key=page.translation_key)
        return list(
            Page.objects.live()
            .filter(wanted)
            .annotate(is_home=ExpressionWrapper(_homes(site), output_field=BooleanField()))
            .select_related("locale")
        )

    pages = site_data(
        f"translations:{site.pk if site else ''}:{page.translation_key if page else ''}",
        translations,
    )
    return _language_links(request, page, pages, language)


def _homes(site: Site | None) -> Q:
    if site is None:
        return Q(pk__in=[])
    return Q(
        translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key")
    )


def _menu(request, language: str) -> Menu:
    navigation, items, footer_links = _navigation(language)
    if navigation is None:
        return Menu()
    links = [link for link in items + footer_links if link["link_page_id"]]
    # One query for every page the menu links to, in the active language: page choosers are
    # synchronised, not translated, so an English menu may point to French pages.
    pages = list(
        Page.objects.live()
        .filter(
            Q(
                translation_key__in={link["page_key"] for link in links},
                locale__language_code=language,
            )
            | Q(pk__in={link["link_page_id"] for link in links})
        )
        .select_related("locale")
    )
    by_id = {other.pk: other for other in pages}
    by_key = {
        other.translation_key: other for other in pages if other.locale.language_code == language
    }
    targets = {
        link["link_page_id"]: by_key.get(link["page_key"]) or by_id.get(link["link_page_id"])
        for link in links
    }
    return Menu(
        _menu_links(items, targets, request),
        _menu_links(footer_links, targets, request),
        navigation["footer_text"],
    )


LINK_COLUMNS = ("sort_order", "pk", "label", "link_url", "link_page_id")
LINK_RELATED = {
    "page_key": F("link_page__translation_key"),
    "page_language": F("link_page__locale__language_code"),
    "navigation_pk": F("navigation_id"),
    "footer_text": F("navigation__footer_text"),
    "navigation_language": F("navigation__locale__language_code"),
}


def _navigation(language: str) -> tuple[dict | None, list[dict], list[dict]]:
    """The navigation to show and its menu and footer links, in one query (two when it has none).

    Menu items and footer links live in two tables with the same columns: a UNION reads both.
    """
    languages = {language, settings.LANGUAGE_CODE}

    def links(model, kind: str):
        return (
            model.objects.filter(navigation__locale__language_code__in=languages)
            .annotate(kind=Value(kind))
            .values("kind", *LINK_COLUMNS, **LINK_RELATED)
            .order_by()  # a UNION's parts may not be ordered; the union is
        )

    rows = list(
        links(NavigationMenuItem, "menu")
        .union(links(NavigationFooterLink, "footer"), all=True)
        .order_by("sort_order", "pk")
    )
    navigations = {
        row["navigation_language"]: {"pk": row["navigation_pk"], "footer_text": row["footer_text"]}
        for row in rows
    }
    if language not in navigations:
        # A navigation with only a footer text, or none in this language: the default's is shown.
        navigations.update(
            (language, {"pk": navigation.pk, "footer_text": navigation.footer_text})
            for navigation in Navigation.objects.filter(locale__language_code=language)
        )
    navigation = navigations.get(language) or navigations.get(settings.LANGUAGE_CODE)
    if navigation is None:
        return None, [], []
    rows = [row for row in rows if row["navigation_pk"] == navigation["pk"]]
    return (
        navigation,
        [row for row in rows if row["kind"] == "menu"],
        [row for row in rows if row["kind"] == "footer"],
    )


def _menu_links(links: list[dict], targets: dict, request) -> list[MenuLink]:
    resolved = []
    for link in links:
        if link["link_page_id"]:
            target = targets.get(link["link_page_id"])
            if target is None:
                continue  # an unpublished page has no address to link to
            url = target.get_url(request)
        else:
            url = link["link_url"]
        resolved.append(MenuLink(link["label"], url))
    return resolved


def _current(url: str, path: str) -> str:
    if not url or not path or "://" in url:
        return ""
    if url == path:
        return "page"
    # Every page is under its language's home: only deeper links mark a section.
    if path.startswith(url) and url.strip("/").count("/") >= 1:
        return "section"
    return ""


def _language_links(
    request, page: Page | None, pages: list[Page], current: str
) -> list[LanguageLink]:
    by_language = {}
    for candidate in pages:
        is_translation = page is not None and candidate.translation_key == page.translation_key
        if is_translation or candidate.is_home:
            code = candidate.locale.language_code
            if is_translation or code not in by_language:
                by_language[code] = (candidate, is_translation)
    if page is not None:
        # A draft being previewed is not live, so not in `pages`, but is still the current page.
        own = next((candidate for candidate in pages if candidate.pk == page.pk), None)
        code = own.locale.language_code if own is not None else page.locale.language_code
        by_language[code] = (page, True)

    view_path = _non_page_path(request) if page is None else None
    links = []
    for code, name in settings.LANGUAGES:
        target, is_translation = by_language.get(code, (None, False))
        if view_path is not None:
            url, is_translation, target = translate_url(view_path, code), True, None
        elif target is not None:
            url = target.get_url(request)
        else:
            url = f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                absolute_url=public_url(url),
                is_current=code == current,
                is_translation=is_translation,
                is_default=code == settings.LANGUAGE_CODE,
            )
        )
    return links


def _non_page_path(request) -> str | None:
    """The full path of a Django view (search); None for Wagtail pages and unknown addresses."""
    if request is None:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name == "wagtail_serve":
        return None
    return request.get_full_path()
