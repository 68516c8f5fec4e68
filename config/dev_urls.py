"""The development URLconf (config/settings/dev.py): the site's, plus the developer's pages under
/__dev__/ (home/dev.py). Production and tests route config/urls.py, which has none of them."""

from django.urls import include, path

from home import dev

from .urls import urlpatterns as site_urlpatterns

dev_patterns = [
    path("", dev.index, name="index"),
    path("outbox/", dev.outbox_list, name="outbox"),
    path("outbox/<str:name>/html/", dev.outbox_html, name="outbox_html"),
    path("outbox/<str:name>/<int:index>/", dev.outbox_attachment, name="outbox_attachment"),
    path("500/", dev.error_500, name="error_500"),
]

urlpatterns = [path("__dev__/", include((dev_patterns, "dev"))), *site_urlpatterns]
