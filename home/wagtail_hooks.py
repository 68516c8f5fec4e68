"""Admin hooks of the site app: the second-factor pages (home/otp_views.py) and the log entries
kept per team (home/audit.py)."""

from django.apps import apps
from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import otp_views
from .audit import TeamLogEntry


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("second-factor/", otp_views.enrol, name="second_factor_enrol"),
        path("second-factor/verify/", otp_views.verify, name="second_factor_verify"),
        path("confirm-identity/", otp_views.confirm_identity, name="confirm_identity"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("second_factor_enrol"),
        "label": _("Second factor"),
        "help_text": _("Set up an authenticator app and backup codes for signing in."),
    }


@hooks.register("register_log_actions")
def team_log_entries(actions):
    for label in settings.TEAM_LOGGED_MODELS:
        actions.register_model(apps.get_model(label), TeamLogEntry)
