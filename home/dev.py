"""The developer's pages, on with `make run` only (`settings.DEV_TOOLS`, config/settings/dev.py,
whose URLconf config/dev_urls.py is the only one to route them):

- `/__dev__/`: what there is to see;
- `/__dev__/outbox/`: the emails the site sent (home/outbox.py), newest first, links clickable,
  attachments downloadable;
- `/__dev__/500/`: the page visitors get when the server fails, which DEBUG replaces with a
  traceback;
- and, in place of Django's debug 404 listing every URL pattern, the designed 404 page with a
  note linking to those technical details (DesignedNotFoundMiddleware).

Each view answers 404 when DEV_TOOLS is off, should a URLconf ever route it by mistake.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_http_methods, require_safe
from django.views.defaults import server_error

from wagtail.models import Site

from . import outbox
from .address import site_host_and_port

# Messages shown on the outbox page; older ones stay in the folder, counted.
OUTBOX_PAGE_SIZE = 100
# Added to an address to see Django's technical 404 page instead of the designed one.
TECHNICAL = "technical"


def dev_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.DEV_TOOLS:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The designed 404 page --------------------------------------------------------------------------


class DesignedNotFoundMiddleware:
    """With DEBUG on, Django answers an unknown address with its technical page, which lists
    every URL pattern: a visitor never sees it, so neither should the developer by default. This
    shows the designed page, as production does, with a note linking to the technical one
    (`?technical=1`).

    Two ways to a 404: a view raising Http404 (Wagtail's page serving, most of them), caught in
    `process_exception`; an address no pattern matches, known after the fact by its request
    having no `resolver_match`. A view that returns a 404 response of its own keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and wants_designed_page(request)
        ):
            return designed_not_found(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and wants_designed_page(request):
            return designed_not_found(request)
        return None


def wants_designed_page(request) -> bool:
    return settings.DEV_TOOLS and TECHNICAL not in request.GET


def designed_not_found(request) -> HttpResponse:
    query = request.GET.copy()
    query[TECHNICAL] = "1"
    language = get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        return render(
            request,
            "dev/404.html",
            {"technical_url": f"{request.path}?{query.urlencode()}"},
            status=404,
        )


# The developer's pages --------------------------------------------------------------------------


@require_safe
@dev_only
def index(request):
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    return render(
        request,
        "dev/index.html",
        {
            "outbox_count": len(outbox.file_names()),
            "outbox_path": outbox.outbox_path(),
            "public_base_url": settings.PUBLIC_BASE_URL,
            "site": site,
            "site_matches": site is not None and (site.hostname, site.port) == (hostname, port),
            "languages": settings.LANGUAGES,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@dev_only
def outbox_list(request):
    if request.method == "POST":
        outbox.clear()
        return HttpResponseRedirect(reverse("dev:outbox"))
    names = outbox.file_names()
    shown = [outbox.read(name) for name in names[:OUTBOX_PAGE_SIZE]]
    return render(
        request,
        "dev/outbox.html",
        {
            "outbox_messages": [message for message in shown if message is not None],
            "older_count": max(len(names) - OUTBOX_PAGE_SIZE, 0),
            "outbox_path": outbox.outbox_path(),
        },
    )


@require_safe
@dev_only
def outbox_html(request, name: str):
    """A message's HTML version (Wagtail's notifications have one), as a mail client shows it."""
    message = outbox.parse(name)
    part = message.get_body(preferencelist=("html",)) if message is not None else None
    if part is None:
        raise Http404
    return HttpResponse(part.get_content(), content_type="text/html; charset=utf-8")


@require_safe
@dev_only
def outbox_attachment(request, name: str, index: int):
    message = outbox.parse(name)
    parts = outbox.attachments(message) if message is not None else []
    if index >= len(parts):
        raise Http404
    part = parts[index]
    response = HttpResponse(
        part.get_payload(decode=True) or b"", content_type=part.get_content_type()
    )
    filename = part.get_filename() or f"attachment-{index + 1}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
@dev_only
def error_500(request):
    """The page visitors get when the server fails, rendered as Django's handler renders it:
    without a request context, the database perhaps gone. `?lang=en` for the English one."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        return server_error(request)
