from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.permission_policies import ModelPermissionPolicy

promotions_policy = ModelPermissionPolicy(SearchPromotion)


class PopularSearchesView(SearchTermsReportView):
    """What visitors searched for, most often first (signed-in editors are not counted): for the
    people who choose the promoted results, not only superusers as Wagtail's "Search terms"."""

    page_title = _("Popular searches")
    index_url_name = "search_popular"
    index_results_url_name = "search_popular_results"
    permission_policy = promotions_policy
    any_permission_required = ["add", "change", "delete"]

    def dispatch(self, request, *args, **kwargs):
        # Skips the parent's superuser check; PermissionCheckedMixin checks the policy instead.
        return ReportView.dispatch(self, request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    return [
        path("reports/popular-searches/", PopularSearchesView.as_view(), name="search_popular"),
        path(
            "reports/popular-searches/results/",
            PopularSearchesView.as_view(results_only=True),
            name="search_popular_results",
        ),
    ]


class PopularSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return promotions_policy.user_has_any_permission(request.user, ["add", "change", "delete"])


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PopularSearchesMenuItem(
        _("Popular searches"),
        reverse("search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items):
    # The same report as "Popular searches", for superusers only: one entry is enough.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
