"""The site's public address (`settings.PUBLIC_BASE_URL`): the one source of every absolute
address the site gives out, in its pages' links for search engines, its structured data, its
sitemap, its open data and its emails.

Never the request's host (a proxy, a health check or `127.0.0.1` may have asked), and never the
Wagtail `Site` record: its root URL guesses the scheme from the port, and a fresh install leaves
it on Wagtail's `localhost:80`. The record is kept in step with the setting instead
(`manage.py set_site_address`, run by `load_demo` too), for the admin's "View live" links.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import transaction

from wagtail.models import Page, Site


def public_url(path_or_url: str) -> str:
    """`/fr/lieux/` on the public address. An address that is already absolute (a file on another
    host, a page of another Wagtail site) is returned as it is."""
    if urlsplit(path_or_url).scheme:
        return path_or_url
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/{path_or_url.lstrip('/')}"


def page_url(page: Page, request=None) -> str:
    """A page's public address, or "" when it is not routable (outside every site)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return public_url(path)


def site_host_and_port(base_url: str | None = None) -> tuple[str, int]:
    """The hostname and port a Wagtail `Site` needs to stand for the public address."""
    parts = urlsplit(base_url or settings.PUBLIC_BASE_URL)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


class SiteAddressError(Exception):
    """The default site cannot take the public address; the message says why, for the operator."""


def set_site_address(base_url: str | None = None) -> tuple[Site, bool]:
    """Give the default Wagtail site the public address's hostname and port; returns the site and
    whether it changed. Saving it clears the cached site data (home.cache.SITE_WIDE_MODELS)."""
    hostname, port = site_host_and_port(base_url)
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None:
            raise SiteAddressError("There is no default site: create one in Settings → Sites.")
        if (site.hostname, site.port) == (hostname, port):
            return site, False
        other = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
        if other is not None:
            raise SiteAddressError(
                f"The site {other.site_name or other.pk!r} already has {hostname}:{port}; "
                "change or delete it in Settings → Sites first."
            )
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site, True


def is_local(hostname: str) -> bool:
    if hostname in {"localhost", "testserver"} or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


@checks.register(checks.Tags.security, deploy=True)
def check_public_address(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: a production site whose emails and structured data point to this
    machine, or to plain HTTP, is misconfigured though it starts."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    if is_local(parts.hostname or ""):
        return [
            checks.Warning(
                f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL}: emails, the sitemap and the "
                "pages' structured data would point visitors to this machine.",
                hint="Set PUBLIC_BASE_URL to the site's public address, e.g. "
                "https://tiers-lieux.example, then run `manage.py set_site_address`.",
                id="home.W001",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL}, not HTTPS: every link the site "
                "gives out would go through a redirect, or in clear.",
                hint="Use the https:// address the site is served at.",
                id="home.W002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_source_code_offered(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: the site is free software under the AGPL, whose section 13 asks anyone
    running it for others (modified or not, to be safe) to offer its source to the visitors."""
    if settings.SOURCE_CODE_URL:
        return []
    return [
        checks.Warning(
            "SOURCE_CODE_URL is not set: the footer offers no link to the site's source code.",
            hint="Set SOURCE_CODE_URL to the public repository of the code this site runs "
            "(AGPL-3.0-or-later, section 13).",
            id="home.W003",
        )
    ]
