"""Stripe events in the Mécénat admin: what the webhook received, whether it was applied, and a
way to process a failed event again.
"""

import datetime
import json
import logging

from django.contrib import messages
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import HeaderButton

import django_filters

from campagnes.models import StripeEvent
from campagnes.stripe import webhooks
from campagnes.viewsets.records import RecordActionView, RecordInspectView, RecordViewSet

logger = logging.getLogger(__name__)


def event_state(event: StripeEvent) -> str:
    if event.refused:
        return _("Refused (malformed)")
    if event.processed_at:
        return _("Processed")
    return _("Failed") if event.error else _("Waiting")


class StripeEventInspectView(RecordInspectView):
    def get_created_display_value(self):
        return timezone.localtime(
            datetime.datetime.fromtimestamp(self.object.created, datetime.UTC)
        )

    def get_payload_display_value(self):
        return format_html("<pre>{}</pre>", json.dumps(self.object.payload, indent=2))

    @cached_property
    def header_buttons(self):
        done = self.object.processed_at or self.object.refused
        if done or not self.user_has_permission("change"):
            return []
        return [
            HeaderButton(_("Process again"), url=self.action_url("process"), icon_name="resubmit")
        ]


class ProcessEventView(RecordActionView):
    page_title = _("Process again")
    header_icon = "resubmit"
    submit_label = _("Process the event")

    def confirmation(self):
        return _("The event's handler runs again; it never applies an event twice.")

    def run(self):
        event = self.object
        if event.processed_at:
            messages.info(self.request, _("This event was already processed."))
            return
        try:
            webhooks.process(event)
        except Exception as error:
            # webhooks.process has stored the error on the event for the next attempt.
            logger.exception("Stripe event %s failed again", event.event_id)
            messages.error(
                self.request,
                _("The event failed again: %(error)s")
                % {"error": f"{type(error).__name__}: {error}"},
            )
        else:
            messages.success(self.request, _("Event processed."))


def event_types() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(webhooks.registry.event_types())]


class StripeEventFilterSet(WagtailFilterSet):
    processed = django_filters.BooleanFilter(
        field_name="processed_at", lookup_expr="isnull", exclude=True, label=_("Processed")
    )
    # A callable, read when the form is built: the domains register their handlers at start-up.
    type = django_filters.ChoiceFilter(choices=event_types, label=_("Type"))

    class Meta:
        model = StripeEvent
        fields = ["processed", "type"]


class StripeEventViewSet(RecordViewSet):
    model = StripeEvent
    name = "stripe-events"
    icon = "resubmit"
    menu_label = _("Stripe events")
    inspect_view_class = StripeEventInspectView
    list_display = [
        "type",
        "event_id",
        Column("state", label=_("State"), accessor=event_state),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        "attempts",
        Column("error", label=_("Error"), accessor=lambda event: event.error[:80]),
    ]
    filterset_class = StripeEventFilterSet
    search_fields = ["event_id", "type"]
    inspect_view_fields = [
        "event_id",
        "type",
        "created",
        "received_at",
        "processed_at",
        "attempts",
        "error",
        "refused",
        "payload",
    ]
    labels = {
        "event_id": _("Stripe id"),
        "type": _("Type"),
        "created": _("Created at Stripe"),
        "received_at": _("Received"),
        "processed_at": _("Processed"),
        "attempts": _("Attempts"),
        "error": _("Error"),
        "payload": _("Content"),
    }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("process/<int:pk>/", self.construct_view(ProcessEventView), name="process"),
        ]
