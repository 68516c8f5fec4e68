"""Everything campagnes adds to the Wagtail admin, registered here and nowhere else: the Giving
(Mécénat) and Finance menus, the totals per offering, the home panel and the log actions.

Every view checks model permissions. Only the "Mécénat" group (migration 0002) holds those of the
donation records and only the "Finance" group (migration 0007) those of the share records: the
Communication group, which edits pages, sees neither menu nor these URLs. The views themselves
live in campagnes/viewsets/, one module per domain.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from campagnes.models import ShareOfferingPage
from campagnes.shares import allocation
from campagnes.viewsets.mecenat import DashboardView, MecenatPanel
from campagnes.viewsets.menus import FinanceGroup, MecenatGroup
from campagnes.viewsets.register import OfferingTotalsView, TotalsMenuItem

# The public share offering page ----------------------------------------------------------------


@hooks.register("before_serve_page")
def release_overdue_share_reservations(page, request, serve_args, serve_kwargs):
    """The offering's status and figures are read after its overdue reservations are ended, so
    that the page never says "full" for shares nobody paid for in time (a cheap read otherwise).
    """
    if isinstance(page, ShareOfferingPage):
        allocation.release_overdue(page)


# Mécénat ----------------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_mecenat_admin():
    return MecenatGroup()


@hooks.register("construct_homepage_panels")
def add_mecenat_panel(request, panels):
    if DashboardView.user_may(request.user):
        panels.append(MecenatPanel())


@hooks.register("register_log_actions")
def register_mecenat_log_actions(actions):
    actions.register_action("campagnes.export", _("Export"), _("Data exported"))
    actions.register_action("campagnes.merge", _("Merge donors"), _("Donors merged"))
    actions.register_action("campagnes.erasure", _("Erase a person"), _("Person erased"))
    actions.register_action(
        "campagnes.donor_identity", _("Change details"), _("Donor's details changed")
    )
    actions.register_action(
        "campagnes.shareholder_address",
        _("Change address"),
        _("Shareholder's address changed by the shareholder"),
    )
    actions.register_action(
        "campagnes.receipt_posted", _("Mark as posted"), _("Receipt posted to the donor")
    )
    # Staff corrections (receipts/corrections.py, donations/corrections.py) and the integrity
    # check of issued documents (home/frozen.py).
    actions.register_action(
        "campagnes.receipt_cancelled", _("Cancel a receipt"), _("Receipt cancelled")
    )
    actions.register_action(
        "campagnes.receipt_replaces", _("Replace a receipt"), _("Receipt issued as a replacement")
    )
    actions.register_action("campagnes.gift_cancelled", _("Cancel a gift"), _("Gift cancelled"))
    actions.register_action(
        "campagnes.gift_corrected", _("Correct a gift"), _("Gift's amount corrected")
    )
    actions.register_action(
        "campagnes.document_unavailable",
        _("Document unavailable"),
        _("Stored document missing or altered"),
    )
    actions.register_action(
        "campagnes.original_remade",
        _("Store the original"),
        _("Original stored as rendered today (freeze_documents --accept-current)"),
    )


# Finance ----------------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_finance_admin():
    return FinanceGroup()


@hooks.register("register_admin_urls")
def register_totals_url():
    return [path("finance/totals/", OfferingTotalsView.as_view(), name="offering_totals")]


@hooks.register("register_admin_menu_item")
def register_totals_menu_item():
    return TotalsMenuItem(
        _("Share offering totals"), reverse("offering_totals"), icon_name="table", order=261
    )
