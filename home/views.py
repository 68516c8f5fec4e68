from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .address import public_url
from .cache import site_data
from .seo import LocalisedSitemap


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise: for the load balancer and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy", whatever its class
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def robots_txt(request):
    """Crawl everything public but the admin and the search results; the sitemap lists the pages."""
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in search_paths),
        "",
        f"Sitemap: {public_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """Every live page in every language with its alternates (home.seo.LocalisedSitemap), kept
    with the site data until the next publish: a crawler may ask for it often."""
    key = f"sitemap:{request.scheme}:{request.get_host()}"

    def build() -> bytes:
        response = sitemap_views.sitemap(request, {"pages": LocalisedSitemap(request)})
        return response.render().content

    return HttpResponse(site_data(key, build), content_type="application/xml; charset=utf-8")


def csrf_failure(request, reason=""):
    """A designed page for a refused form (an expired session, a page left open overnight, cookies
    blocked), in the visitor's language, with a way back to the form rather than Django's bare 403.
    The reason stays out of the page: it is for developers and says nothing useful to a donor."""
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer
        if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
        else ""
    )
    return render(request, "403_csrf.html", {"back_url": back}, status=403)
