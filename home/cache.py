"""Shared cache of the pages anonymous visitors see, dropped whenever published content changes.

Every worker reads the same cache (Redis when REDIS_URL is set). Each key holds a generation
number that publishing, unpublishing, moving or deleting a page, or saving content every page
shows, increments: invalidation is one increment rather than a scan of keys, and entries of
older generations expire on their own. Site data and template fragments (menus, cards) are kept
under the same generation; a request reads the counter once for all of them, and each process
keeps in memory what it has already read under the current one (ProcessMemory). Which page an
address leads to is site data too (`route_from_site_data`): a page the page cache misses is then
routed in one query, its own row.
"""

import contextlib
import functools
import hashlib
import pickle
import time
from collections.abc import Callable
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from asgiref.local import Local

GENERATION_KEY = "pagecache:generation"
SITE_DATA_SECONDS = 24 * 3600
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/")
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Snippets, settings and images that appear on pages other than their own.
SITE_WIDE_MODELS = [
    "home.Navigation",
    "home.NavigationMenuItem",
    "home.NavigationFooterLink",
    "home.OrganisationSettings",
    "lieux.Activity",
    "lieux.Public",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "campagnes.DonationAppeal",
    "campagnes.DonationSettings",
]


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for public pages from the shared cache, and gives
    the pages it does not serve their Site from the site data.

    It sits right after SecurityMiddleware, so a hit skips sessions, CSRF, the URL resolver and
    the database, and the stored headers include those the inner middleware added (CSP,
    Permissions-Policy). Responses carry `X-Cache: hit` or `X-Cache: miss`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The generation this process saw last: reading the counter and the page under it in
        # one round trip is right every time but after an invalidation.
        self.generation = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.render(request)
        key, entry = self.lookup(request)
        if key is None:  # the cache is unreachable: serve the page as if uncached
            return self.render(request)

        if entry is not None:
            content, headers = entry
            response = HttpResponse(content, headers=dict(headers))
            response.headers["X-Cache"] = "hit"
            return response

        response = self.render(request)
        # A HEAD response is not stored: a server may have dropped its body.
        if request.method == "GET" and is_cacheable_response(request, response):
            cache.set(key, (response.content, list(response.headers.items())), seconds)
        response.headers["X-Cache"] = "miss"
        return response

    def render(self, request: HttpRequest) -> HttpResponse:
        language = get_language_from_path(request.path_info)
        if language is not None:
            # Wagtail looks the Site up with a query on every request, and keeps it on the request
            # (`Site.find_for_request`): on public pages, it comes from the site data instead.
            request._wagtail_site = find_site(request)
            if settings.SHARED_CACHE and request.method in ("GET", "HEAD"):
                route_from_site_data(request, language)
        return self.get_response(request)

    def lookup(self, request: HttpRequest) -> tuple[str | None, tuple | None]:
        """The page's key under the current generation, and its entry if it is cached."""
        if self.generation is not None:
            key = page_key(request, self.generation)
            found = cache.get_many([GENERATION_KEY, key])
            if found.get(GENERATION_KEY) == self.generation:
                _request.generation = self.generation  # the page's site data needs it too
                return key, found.get(key)
        self.generation = current_generation()
        if self.generation is None:
            return None, None
        key = page_key(request, self.generation)
        return key, cache.get(key)


def find_site(request: HttpRequest) -> Site | None:
    # get_host() refuses hosts outside ALLOWED_HOSTS, which bounds the number of keys.
    hostname, _ = split_domain_port(request.get_host())
    return site_data(
        f"site:{hostname}:{request.get_port()}", lambda: Site.find_for_request(request)
    )


def route_from_site_data(request: HttpRequest, language: str) -> None:
    """Routes a page request the way Wagtail's `serve` view will, in one query once the address
    is known, and leaves the result where that view looks for it.

    Wagtail walks the tree: the active Locale, the home page in that language, then each page of
    the path with its specific row. Which page an address leads to only changes when a page is
    published, moved or deleted, so it is site data; the page itself is read from the database
    every time and checked as Wagtail checks it (`route()` on a page without further path raises
    Http404 when it is not live). Sub-pages of routable pages (a campaign's thanks page) are
    routed by Wagtail as before.
    """
    site = request._wagtail_site
    if site is None:
        return
    with translation.override(language):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return
        if match.url_name != "wagtail_serve":
            return
        path = match.args[0] if match.args else match.kwargs.get("path", "")
        name = f"route:{site.pk}:{language}:{path}"
        # Addresses come from visitors: only those of existing pages are kept.
        entry = read_site_data(name)
        if entry is _MISSING:
            result = Page.route_for_request(request, path)
            if result is not None and not result.args and not result.kwargs:
                write_site_data(name, (result.page._meta.label, result.page.pk))
            return
    label, pk = entry
    try:
        page = apps.get_model(label).objects.get(pk=pk)
        request._wagtail_route_for_request = page.route(request, [])
    except (ObjectDoesNotExist, Http404):
        request._wagtail_route_for_request = None
    # Page URLs read the sites' root paths (a round trip to the cache) once per request.
    request._wagtail_cached_site_root_paths = site_data("site-root-paths", Site.get_site_root_paths)


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    # Public pages live under /fr/ and /en/; anything else may depend on the visitor.
    if path.startswith(EXCLUDED_PREFIXES) or get_language_from_path(path) is None:
        return False
    # A session or flash-message cookie means someone signed in or a page made for this visitor.
    personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    if any(name in request.COOKIES for name in personal_cookies):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A form's CSRF token is personal; Django 5 flags it as NEEDS_UPDATE, older versions as USED.
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    varies_on = {header.strip() for header in cc_delim_re.split(response.get("Vary", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES and "*" not in varies_on


def page_key(request: HttpRequest, generation: int) -> str:
    language = get_language_from_path(request.path_info)
    # The absolute URI holds the scheme, host, path and query string.
    address = f"{language}|{request.build_absolute_uri()}"
    return f"pagecache:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


# What a request read from the cache: the generation, read once for every fragment and piece of
# site data of the page (which then all belong to one generation), and entries read ahead.
_request = Local()


def current_generation() -> int | None:
    generation = getattr(_request, "generation", None)
    if generation is not None:
        return generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock rather than 0: if Redis evicts the counter, it never comes back to
        # a number older entries were stored under.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if getattr(_request, "active", False):
        _request.generation = generation
    return generation


def _request_started(**kwargs) -> None:
    _request.active = True
    _forget()


def _request_finished(**kwargs) -> None:
    # Outside a request (commands, tasks) every read goes to the cache.
    _request.active = False
    _forget()


def _forget() -> None:
    _request.generation = None
    _request.read_ahead = {}


def site_data(name: str, build: Callable, shared: bool = False):
    """What `build()` returns, kept until published content next changes.

    For data many pages show (menus, settings, vocabularies): they then cost no query on a page
    the page cache missed. Only with SHARED_CACHE: a worker's memory would keep it after a publish
    made in another worker. A `shared` value is the same object for every request of a process
    (rather than a copy each), which spares unpickling a large one: its users never change it.
    """
    value = read_site_data(name, shared)
    if value is _MISSING:
        value = build()
        write_site_data(name, value, shared)
    return value


def read_site_data(name: str, shared: bool = False):
    """The site data kept under `name`, or _MISSING."""
    if not settings.SHARED_CACHE:
        return _MISSING
    generation = current_generation()
    if generation is None:
        return _MISSING
    key = f"sitedata:{generation}:{name}"
    value = _memory.get(generation, key)
    if value is _MISSING:
        value = getattr(_request, "read_ahead", {}).get(key, _MISSING)
        if value is _MISSING:
            value = cache.get(key, _MISSING)
        if value is not _MISSING:
            _memory.put(generation, key, value, shared)
    return value


def write_site_data(name: str, value, shared: bool = False) -> None:
    if not settings.SHARED_CACHE:
        return
    generation = current_generation()
    if generation is None:
        return
    key = f"sitedata:{generation}:{name}"
    cache.set(key, value, SITE_DATA_SECONDS)
    _memory.put(generation, key, value, shared)


def read_site_data_ahead(names: list[str]) -> None:
    """Reads what `site_data()` will be asked for under these names in one round trip rather than
    one each (a list of cached cards). What is not found is built when asked for."""
    if not settings.SHARED_CACHE or not getattr(_request, "active", False):
        return
    generation = current_generation()
    if generation is not None:
        keys = [f"sitedata:{generation}:{name}" for name in names]
        missing = [key for key in keys if not _memory.has(generation, key)]
        if missing:
            _request.read_ahead.update(cache.get_many(missing))


_MISSING = object()


class Card:
    """An item of a list shown as cached cards (`{% sitecache "…-card" card.pk %}`): its page's id,
    and its page, read for all the cards of the list at once, when one is not in the cache."""

    def __init__(self, pk: int, pages: Callable[[], dict]):
        self.pk = pk
        self.pages = pages

    @property
    def page(self):
        return self.pages()[self.pk]


def cards(pks: list[int], load_pages: Callable[[list[int]], dict]) -> list[Card]:
    """Cards for the pages `pks`, in this order; `load_pages(pks)` gives their pages by id."""
    pages = functools.cache(lambda: load_pages(pks))
    return [Card(pk, pages) for pk in pks]


class ProcessMemory:
    """The site data and fragments of the current generation this process has already read.

    An entry never changes under its generation, and every request reads the generation from the
    shared cache: an entry kept here is as right as the shared one, and spares a round trip to it.
    Entries go when the generation changes, or all at once past MAX_ENTRIES. Anything but a
    string or a `shared` value is kept pickled and unpickled at each use, so no request sees
    another's changes to it.
    """

    MAX_ENTRIES = 10_000

    def __init__(self):
        self.generation = None
        self.entries: dict[str, object] = {}

    def get(self, generation: int, key: str):
        if generation != self.generation:
            return _MISSING
        value = self.entries.get(key, _MISSING)
        if isinstance(value, Pickled):
            return pickle.loads(value.data)  # noqa: S301 -- written by this process, below
        return value

    def has(self, generation: int, key: str) -> bool:
        return generation == self.generation and key in self.entries

    def put(self, generation: int, key: str, value, shared: bool = False) -> None:
        if generation != self.generation or len(self.entries) >= self.MAX_ENTRIES:
            # A new generation (or an old request finishing late) starts over: a dictionary of
            # its own, so a request still reading the old one is never mixed up.
            self.entries = {}
            self.generation = generation
        if not shared and not isinstance(value, str):
            value = Pickled(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        self.entries[key] = value


class Pickled(NamedTuple):
    data: bytes


_memory = ProcessMemory()


def invalidate_pages() -> None:
    _forget()  # a request that publishes then shows the new generation
    # Without a counter no stored page can be reached: the next request starts a new one.
    with contextlib.suppress(ValueError):
        cache.incr(GENERATION_KEY)


def content_changed(**kwargs) -> None:
    invalidate_pages()
    # Until the change commits, other workers still read the old rows and may store them again
    # under the new generation; a second increment after the commit drops those entries.
    transaction.on_commit(invalidate_pages)


def connect_signals() -> None:
    """Called from HomeConfig.ready(), once every model is loaded."""
    request_started.connect(_request_started, dispatch_uid="page_cache")
    request_finished.connect(_request_finished, dispatch_uid="page_cache")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid="page_cache")
    # Page deletions send post_delete with the base Page class as sender, whatever the type.
    post_delete.connect(content_changed, sender=Page, dispatch_uid="page_cache")
    # Documents too: a page body's links to them are kept with the body (`page-body` fragments).
    models = [*map(apps.get_model, SITE_WIDE_MODELS), get_image_model(), get_document_model()]
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid="page_cache")
        post_delete.connect(content_changed, sender=model, dispatch_uid="page_cache")
