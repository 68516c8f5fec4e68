"""Shared cache of the pages anonymous visitors see, dropped whenever published content changes.

Every worker reads the same cache (Redis when REDIS_URL is set). Each key holds a generation
number that publishing, unpublishing, moving or deleting a page, or saving content every page
shows, increments: invalidation is one increment rather than a scan of keys, and entries of
older generations expire on their own. Site data and template fragments (menus, cards) are kept
under the same generation; a request reads the counter once for all of them.
"""

import contextlib
import hashlib
import time
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

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
        if get_language_from_path(request.path_info) is not None:
            # Wagtail looks the Site up with a query on every request, and keeps it on the request
            # (`Site.find_for_request`): on public pages, it comes from the site data instead.
            request._wagtail_site = find_site(request)
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


def site_data(name: str, build: Callable):
    """What `build()` returns, kept until published content next changes.

    For data many pages show (menus, settings, vocabularies): they then cost no query on a page
    the page cache missed. Only with SHARED_CACHE: a worker's memory would keep it after a publish
    made in another worker.
    """
    if not settings.SHARED_CACHE:
        return build()
    generation = current_generation()
    if generation is None:
        return build()
    key = f"sitedata:{generation}:{name}"
    value = getattr(_request, "read_ahead", {}).get(key, _MISSING)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, SITE_DATA_SECONDS)
    return value


def read_site_data_ahead(names: list[str]) -> None:
    """Reads what `site_data()` will be asked for under these names in one round trip rather than
    one each (a list of cached cards). What is not found is built when asked for."""
    if not settings.SHARED_CACHE or not getattr(_request, "active", False):
        return
    generation = current_generation()
    if generation is not None:
        keys = [f"sitedata:{generation}:{name}" for name in names]
        _request.read_ahead.update(cache.get_many(keys))


_MISSING = object()


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
    for model in [*map(apps.get_model, SITE_WIDE_MODELS), get_image_model()]:
        post_save.connect(content_changed, sender=model, dispatch_uid="page_cache")
        post_delete.connect(content_changed, sender=model, dispatch_uid="page_cache")
