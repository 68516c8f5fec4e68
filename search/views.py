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
    context = {
        "form": form,
        "search": found,
        # Its next pages are the same search: only the first one is counted.
        "count_search": bool(form.query) and not page_number,
    }
    return TemplateResponse(request, "search/search.html", context)


@csrf_exempt  # a cached results page carries no token; counting a search changes nothing else
@require_POST
def count_search(request):
    """Counts a visitor's search for Reports → Popular searches.

    The results page is the same for everyone and kept by the page cache, so the server cannot
    count its requests: the page reports the search it shows (static/js/main.js). Editors'
    own searches would skew the report and are left out.
    """
    form = SearchForm(request.POST)
    address = client_address(request)
    if (
        form.query
        and not request.user.is_authenticated
        and not ratelimit.over_limit(
            [(f"search-count:ip:{address}", COUNTS_PER_ADDRESS)], COUNT_WINDOW_SECONDS
        )
    ):
        Query.get(form.query).add_hit()
    return HttpResponse(status=204)


@require_safe
def lieu_suggestions(request):
    form = SearchForm(request.GET)
    return JsonResponse(suggest(form.query, active_locale_id(), request))
