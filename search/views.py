import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from home import ratelimit
from home.cache import site_data
from home.client import client_address

from .forms import SearchForm
from .results import search_site
from .suggestions import lieu_suggestions as suggest

# A person searches a few times a minute; more from one address is a script inflating the report.
COUNTS_PER_ADDRESS = 30
COUNT_WINDOW_SECONDS = 60
# Longer queries are pasted text, not what people look for: the report does not keep them.
MAX_COUNTED_LENGTH = 100
COUNT_SALT = "search.count"


def active_locale_id() -> int:
    language = get_language()
    return site_data(f"locale:{language}", lambda: Locale.get_active().pk)


@require_safe
def search(request):
    form = SearchForm(request.GET)
    page_number = request.GET.get("page")
    found = search_site(
        form.query, get_language(), active_locale_id(), form.kind, page_number, request
    )
    context = {"form": form, "search": found}
    # Its next pages are the same search, and a search that found nothing is no popular one:
    # only a first page with results is counted, with the server's word for it.
    if form.query and not page_number and found.total:
        context["count_token"] = signing.Signer(salt=COUNT_SALT).sign(form.query)
    return TemplateResponse(request, "search/search.html", context)


def from_own_page(request) -> bool:
    """Whether the browser says the request comes from one of the site's own pages."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return False
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    hosts = {request.get_host(), urlsplit(settings.PUBLIC_BASE_URL).netloc}
    # An absolute address only: "null" (sandboxed or privacy-stripped) or a path proves nothing.
    parts = urlsplit(source)
    scheme_ok = parts.scheme == "https" or parts.scheme == "http" and not request.is_secure()
    return scheme_ok and parts.netloc in hosts


def counted_query(request) -> str | None:
    """The query the results page vouches for, if it is one the report may show."""
    try:
        query = signing.Signer(salt=COUNT_SALT).unsign(request.POST.get("token", ""))
    except signing.BadSignature:
        return None
    if not query or len(query) > MAX_COUNTED_LENGTH:
        return None
    if any(unicodedata.category(char) == "Cc" for char in query):
        return None
    return query


@csrf_exempt  # a cached results page carries no token; counting a search changes nothing else
@require_POST
def count_search(request):
    """Counts a visitor's search for Reports → Popular searches.

    The results page is the same for everyone and kept by the page cache, so the server cannot
    count its requests: the page reports the search it shows (static/js/main.js), with a token
    the server signed when the search found something. Other sites and made-up queries are
    refused (400), editors' own searches and bursts from one address left out (204).
    """
    query = counted_query(request)
    if query is None or not from_own_page(request):
        return HttpResponse(status=400)
    address = client_address(request)
    if not request.user.is_authenticated and not ratelimit.over_limit(
        [(f"search-count:ip:{address}", COUNTS_PER_ADDRESS)], COUNT_WINDOW_SECONDS
    ):
        Query.get(query).add_hit()
    return HttpResponse(status=204)


@require_safe
def lieu_suggestions(request):
    form = SearchForm(request.GET)
    return JsonResponse(suggest(form.query, active_locale_id(), request))
