"""The front cache (Varnish, deploy/varnish/default.vcl, or a CDN that purges): which responses it
may keep, and purging what a change made stale.

The site decides, the proxy obeys. A response Django's own page cache would store
(`is_cacheable_request` / `is_cacheable_response` in home/cache.py: anonymous, no form token, no
cookie set, status 200) gets `Surrogate-Control: max-age=FRONT_CACHE_SECONDS`, for the front cache
only (Varnish strips it), and `Cache-Control: public, max-age=0, must-revalidate` for browsers:
they may keep the page for the back button but ask again at each visit, so a publish reaches them
at their next page load. Everything else is `Cache-Control: private` unless the view said more.

Purging follows the events that drop Django's page cache (home/cache.py's `connect_signals`):
publish, unpublish, move and deletion of a page purge the page and the pages that show it (its
ancestors, the indexes and the home, each with any query string, the search results, the sitemap
and the open data files), in each language; site-wide content (navigation, settings, appeals,
images…) purges the whole host. URLs are gathered in one Wagtail `PurgeBatch` per transaction and
sent once it commits (before, the front cache could fetch the old page again and keep it). They
go through Wagtail's frontend cache backends (docs: "Frontend cache invalidator",
wagtail.contrib.frontend_cache): `VarnishBackend` below for FRONT_CACHE_URLS, or a CDN's.
"""

import logging
import threading
from collections import defaultdict
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.cache import SITE_WIDE_MODELS, is_cacheable_request, is_cacheable_response

logger = logging.getLogger(__name__)

# Public files outside the language prefix that depend on no visitor: the front cache keeps them
# (Django's page cache does not: they are cheap to build from its site data).
PUBLIC_FILES = ("/robots.txt", "/sitemap.xml", "/opendata/lieux.geojson", "/opendata/lieux.csv")
# Views outside Wagtail's tree whose pages list other pages.
LISTING_VIEWS = ("search",)
# The end of a URL given to a purge that means "this address with any query string" ("/?*"), or,
# for the root, "every address of the host" ("/*").
ANY_QUERY = "?*"
EVERYTHING = "/*"
PURGE_TIMEOUT = 5


class FrontCacheMiddleware:
    """Tells the front cache and browsers what they may keep. Sits first, around the page cache,
    so that its decision covers the pages that cache serves too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        seconds = settings.FRONT_CACHE_SECONDS
        if not seconds:
            return response
        if front_cacheable(request, response):
            response.headers["Surrogate-Control"] = f"max-age={seconds}"
            # Browsers revalidate every time: no stale page after a publish. CDNs that ignore
            # Surrogate-Control (CloudFront, Cloudflare) read s-maxage when asked to.
            directives = {"public": True, "max_age": 0, "must_revalidate": True}
            if settings.FRONT_CACHE_SHARED_MAXAGE:
                directives["s_maxage"] = seconds
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, **directives)
        elif "Cache-Control" not in response:
            # Neither the front cache nor a proxy on the way keeps a personal page.
            patch_cache_control(response, private=True)
        return response


def front_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.path_info in PUBLIC_FILES and request.method in ("GET", "HEAD"):
        # The same cookies and credentials as is_cacheable_request, which turns away any address
        # outside /fr/ and /en/.
        personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        if any(name in request.COOKIES for name in personal) or "HTTP_AUTHORIZATION" in (
            request.META
        ):
            return False
        return is_cacheable_response(request, response)
    return is_cacheable_request(request) and is_cacheable_response(request, response)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE with the page's Host header), plus BAN for an address with any
    query string and for a whole host (deploy/varnish/default.vcl reads them), and a timeout: an
    unreachable Varnish must not hold an editor's publish."""

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        if url.endswith(ANY_QUERY) or parts.path == EVERYTHING:
            method, query = "BAN", ""
        else:
            method, query = "PURGE", parts.query
        # The address is FRONT_CACHE_URLS' (settings), never a visitor's: http or https only.
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, query, ""))
        headers = {"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"}
        request = Request(target, method=method, headers=headers)  # noqa: S310
        try:
            urlopen(request, timeout=PURGE_TIMEOUT).close()  # noqa: S310
        except HTTPError as error:
            logger.error("Front cache refused %s %s: %s", method, parts.path, error.code)
        except (URLError, OSError) as error:
            logger.error("Front cache unreachable for %s %s: %s", method, parts.path, error)


def for_cdn(url: str) -> str:
    """A CDN's purge API takes exact addresses (CloudFront also takes a final `*`): an address
    with any query string becomes the address itself; its variants expire with their TTL."""
    return url.removesuffix(ANY_QUERY)


def send(urls: set[str]) -> None:
    """Sends the purges, grouped by host, to every configured backend that serves the host."""
    if not urls:
        return
    by_host = defaultdict(list)
    for url in sorted(urls):
        by_host[urlsplit(url).netloc].append(url)
    for backend in get_backends().values():
        for host, group in by_host.items():
            if not backend.invalidates_hostname(urlsplit(f"//{host}").hostname):
                continue
            if isinstance(backend, VarnishBackend):
                backend.purge_batch(group)
            else:
                backend.purge_batch(sorted({for_cdn(url) for url in group}))


class PendingPurge(PurgeBatch):
    """The URLs a transaction made stale, sent once it commits; one per thread."""

    def flush(self) -> None:
        if getattr(_pending, "batch", None) is self:
            _pending.batch = None
        send(self.urls)


_pending = threading.local()


def schedule(urls) -> None:
    """Purges `urls` after the current transaction commits (at once outside one)."""
    urls = {url for url in urls if url}
    if not urls or not settings.WAGTAILFRONTENDCACHE:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send(urls)
        return
    batch = getattr(_pending, "batch", None)
    # A batch whose transaction rolled back lost its callback (Django drops it from
    # `run_on_commit`, its list of callbacks waiting for the commit): a new one starts.
    registered = batch is not None and any(
        callback == batch.flush for _, callback, _ in connection.run_on_commit
    )
    if not registered:
        batch = _pending.batch = PendingPurge()
        # robust: a purge that fails is logged; the publish it follows has committed anyway.
        transaction.on_commit(batch.flush, robust=True)
    batch.add_urls(urls)


def page_urls(page: Page, url_paths: tuple[str, ...] = ()) -> set[str]:
    """The addresses a change of `page` makes stale: the page and its ancestors (indexes, home),
    each with any query string (filters, pagination), in every language it has, the search
    results of every language, the sitemap and the open data files. `url_paths` adds the page's
    other tree paths (before a move)."""
    urls = set()
    pages = [page, *page.get_translations(inclusive=False)]
    for version in pages:
        paths = {version.url_path, *url_paths} if version.pk == page.pk else {version.url_path}
        for url_path in paths:
            urls.add(full_url(version, url_path))
        for ancestor in version.get_ancestors().filter(depth__gt=1):
            urls.add(full_url(ancestor, ancestor.url_path))
    urls = {url + ANY_QUERY for url in urls if url}
    for site in Site.objects.all():
        base = site.root_url
        urls.update(base + path for path in PUBLIC_FILES if path != "/robots.txt")
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for name in LISTING_VIEWS:
                    try:
                        urls.add(base + reverse(name) + ANY_QUERY)
                    except NoReverseMatch:
                        continue
    return urls


def full_url(page: Page, url_path: str) -> str | None:
    """The page's full URL for `url_path` (its path in the tree, maybe a former one), as
    `Page.get_full_url` gives it for its current path; None outside any site."""
    current = page.url_path
    page.url_path = url_path
    try:
        return page.get_full_url()
    finally:
        page.url_path = current


def everything() -> set[str]:
    return {site.root_url + EVERYTHING for site in Site.objects.all()}


def page_changed(sender=None, instance=None, **kwargs) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if isinstance(instance, Page):
        schedule(page_urls(instance))
    else:
        # A published snippet (an appeal) may show on any page, as home/cache.py assumes too.
        schedule(everything())


def page_moved(
    sender=None, instance=None, url_path_before=None, parent_page_before=None, **kwargs
) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    before = (url_path_before,) if url_path_before else ()
    urls = page_urls(instance, before)
    if parent_page_before is not None:
        # The lists it left: its former parent and that parent's ancestors.
        urls |= page_urls(parent_page_before)
    if instance.numchild:
        # Its descendants moved with it, each to a new address: everything goes.
        urls |= everything()
    schedule(urls)


def site_changed(**kwargs) -> None:
    if settings.WAGTAILFRONTENDCACHE:
        schedule(everything())


def connect_signals() -> None:
    """Called from HomeConfig.ready() after home.cache's: on commit, Django's page cache moves to a
    new generation first, so the front cache's next fetch never gets the old page from it."""
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(page_changed, dispatch_uid="front_cache")
    post_page_move.connect(page_moved, dispatch_uid="front_cache")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="front_cache")
    models = [*map(apps.get_model, SITE_WIDE_MODELS), get_image_model(), get_document_model()]
    for model in models:
        post_save.connect(site_changed, sender=model, dispatch_uid="front_cache")
        post_delete.connect(site_changed, sender=model, dispatch_uid="front_cache")
