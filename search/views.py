from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from home.cache import site_data

from .forms import SearchForm
from .results import search_site
from .suggestions import lieu_suggestions as suggest


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
    if form.query and not page_number and not request.user.is_authenticated:
        # Visitors' searches feed Reports → Popular searches; the editors' own would skew it.
        Query.get(form.query).add_hit()
    response = TemplateResponse(request, "search/search.html", {"form": form, "search": found})
    if form.query:
        # Each search must reach this view to be counted: the page cache may not answer it.
        patch_cache_control(response, private=True)
    return response


@require_safe
def lieu_suggestions(request):
    form = SearchForm(request.GET)
    return JsonResponse(suggest(form.query, active_locale_id(), request))
