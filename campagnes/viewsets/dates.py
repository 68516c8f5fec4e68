"""Dates and times in the admin, in the association's time zone (settings.TIME_ZONE).

Wagtail renders the admin in the time zone each user chose in their profile. The association's
records are legal ones (the share register, bulletins signed at a time printed in Paris time,
receipts dated on the association's day), so its admin pages run and render in the association's
zone whatever the profile says, and say which zone they show. Legal screens show absolute dates,
never "16 hours ago".
"""

import datetime
import functools
import types

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.ui.tables import Column


def association_zone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def association_today() -> datetime.date:
    return timezone.localdate(timezone=association_zone())


def zone_name() -> str:
    """The zone as staff read it: "Paris" for Europe/Paris."""
    return str(association_zone()).rsplit("/", 1)[-1].replace("_", " ")


def _with_zone(label) -> str:
    return _("%(label)s (%(city)s time)") % {"label": label, "city": zone_name()}


# A column heading naming the zone, translated when the page is rendered.
with_zone = lazy(_with_zone, str)


def legal_date(value) -> str:
    """A date, or the association's day of a date and time, written in full figures."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, association_zone())
    return date_format(value, "SHORT_DATE_FORMAT")


def legal_datetime(value, seconds: bool = False) -> str:
    """A date and time in the association's zone, without the zone (a column names it)."""
    if not value:
        return ""
    local = timezone.localtime(value, association_zone())
    time = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {time}"


def legal_datetime_with_zone(value) -> str:
    """ "07/12/2026 18:41:13 (Paris time, UTC+01:00)": to the second, as the bulletin prints it,
    with the zone and its offset on that day."""
    if not value:
        return ""
    local = timezone.localtime(value, association_zone())
    offset = local.strftime("%z")
    return _("%(datetime)s (%(city)s time, UTC%(offset)s)") % {
        "datetime": legal_datetime(value, seconds=True),
        "city": zone_name(),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


class LegalDateColumn(Column):
    """An absolute date (or date and time) in the association's zone, where Wagtail's DateColumn
    would write "16 hours ago". A column of times names the zone in its heading."""

    def __init__(self, name, with_time: bool = False, **kwargs):
        self.with_time = with_time
        super().__init__(name, **kwargs)
        if with_time:
            self.label = with_zone(self.label)

    def get_value(self, instance):
        value = super().get_value(instance)
        if not value:
            return ""
        text = legal_datetime(value) if self.with_time else legal_date(value)
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)


def in_association_time(view):
    """Runs `view`, and renders its response, in the association's zone. Wagtail's admin wraps
    every view in the user's zone and renders TemplateResponses inside it again: the render is
    wrapped here the same way, inside Wagtail's, so the association's zone wins."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        zone = association_zone()
        with timezone.override(zone):
            response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            render = response.render

            def render_in_zone(response):
                with timezone.override(zone):
                    return render()

            response.render = types.MethodType(render_in_zone, response)
        return response

    return wrapped


class AssociationTimeMixin:
    """A class-based admin view that runs in the association's zone (`in_association_time`)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return in_association_time(super().as_view(**initkwargs))
