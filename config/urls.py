from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campagnes import urls as campagnes_urls
from campagnes.stripe.webhooks import stripe_webhook
from home.views import healthz, robots_txt, sitemap
from lieux import opendata
from search import urls as search_urls
from search.views import count_search

# Admin and documents stay outside the language prefix; public pages live under /fr/ and /en/.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    # For search engines and partners: one address whatever the language.
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("opendata/lieux.geojson", opendata.lieux_geojson, name="lieux_geojson"),
    path("opendata/lieux.csv", opendata.lieux_csv, name="lieux_csv"),
    # Stripe signs what it sends: no language prefix, no CSRF token, no page cache.
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    # Sent by the results page, which the page cache serves: one address for both languages.
    path("search/count/", count_search, name="count_search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(search_urls)),
    path("", include(campagnes_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include(wagtail_urls)),
)
