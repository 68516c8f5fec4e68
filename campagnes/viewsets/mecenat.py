"""The Mécénat area's own pages: their base view and viewset, the dashboard and its panel on the
admin home.

The dashboard shows what the donation records add up to: it needs the right to see gifts, which
only the Mécénat group has.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput, HeaderButton

from campagnes.exports import datasets as exports
from campagnes.mecenat import charts, dashboard
from campagnes.money import format_amount
from campagnes.viewsets.dates import AssociationTimeMixin, association_today
from campagnes.viewsets.records import short_date

DASHBOARD_PERMISSION = "campagnes.view_gift"
MEDIA_CSS = {"all": ["css/mecenat_admin.css"]}


class MecenatView(AssociationTimeMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the Mécénat area. Users it does not let in go back to the admin home, with
    Wagtail's message, as with the records' own views."""

    @classmethod
    def user_may(cls, user) -> bool:
        return user.has_perm(DASHBOARD_PERMISSION)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PageViewSet(ViewSet):
    """One admin page, listed in the Mécénat menu for the users its view lets in."""

    view_class = None

    @cached_property
    def menu_item_class(self):
        view_class = self.view_class

        class PermissionMenuItem(MenuItem):
            def is_shown(self, request):
                return view_class.user_may(request.user)

        return PermissionMenuItem

    def get_urlpatterns(self):
        return [path("", self.view_class.as_view(), name="index")]


# Dashboard --------------------------------------------------------------------------------------


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=dashboard.PeriodKind.choices,
        initial=dashboard.PeriodKind.MONTH,
        required=False,
        widget=forms.RadioSelect,
    )
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)
    # Its choices are the dashboard's own campaigns, read once with their figures.
    campaign = forms.IntegerField(label=_("Campaign"), required=False, widget=forms.Select)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("period") == dashboard.PeriodKind.CUSTOM:
            if not (start and end):
                raise forms.ValidationError(_("A custom period needs its first and last day."))
            if start > end:
                raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned

    def periods(self, today) -> tuple[dashboard.Period, dashboard.Period]:
        data = self.cleaned_data if self.is_valid() else {}
        return dashboard.periods(
            data.get("period") or dashboard.PeriodKind.MONTH,
            today,
            data.get("start"),
            data.get("end"),
        )

    def campaign_id(self) -> int | None:
        return self.cleaned_data.get("campaign") if self.is_valid() else None


@dataclass
class Tile:
    label: str
    value: str
    previous: str
    change: int | None  # percent; None when there was nothing before
    note: str = ""
    # Parts of the value, as (label, amount, percent of the whole), drawn as one split bar.
    parts: tuple = ()

    @property
    def direction(self) -> str:
        if not self.change:
            return "same"
        return "up" if self.change > 0 else "down"


def change(current: int, previous: int) -> int | None:
    """The change in percent; None when it is new (nothing before)."""
    if not previous:
        return None if current else 0
    return (current - previous) * 100 // previous


def tiles(figures: dashboard.Comparison) -> dict[str, Tile]:
    """The dashboard's figures, each beside the previous period's, by name."""
    now, before = figures.current, figures.previous

    def tile(label, name, note="", money=True, **extra):
        current, previous = getattr(now, name), getattr(before, name)
        show = format_amount if money else str
        return Tile(label, show(current), show(previous), change(current, previous), note, **extra)

    def share(cents):
        return cents * 100 // now.gifts_cents if now.gifts_cents else 0

    return {
        "raised": tile(_("Raised"), "raised_cents", _("gifts and pledges received")),
        "donors": tile(
            _("Donors"),
            "donors",
            ngettext("%(count)s gift", "%(count)s gifts", now.gifts) % {"count": now.gifts},
            money=False,
        ),
        "average": tile(_("Average gift"), "average_gift_cents", _("pledges apart")),
        "gifts": tile(
            _("One-off and monthly gifts"),
            "gifts_cents",
            parts=(
                (_("One-off"), format_amount(now.once_cents), share(now.once_cents)),
                (_("Monthly"), format_amount(now.monthly_cents), share(now.monthly_cents)),
            ),
        ),
        "mrr": tile(_("Monthly recurring revenue"), "mrr_cents", _("at the end of the period")),
        "monthly_donors": tile(
            _("Active monthly donors"),
            "monthly_donors",
            ngettext(
                "%(count)s stopped in the period",
                "%(count)s stopped in the period",
                now.cancelled_donors,
            )
            % {"count": now.cancelled_donors},
            money=False,
        ),
        # Failed payments (campagnes/donations/recovery.py): donors whose monthly gift Stripe's
        # retries could not save, and those whose payment made a failure good.
        "lapsed": tile(
            _("Lapsed monthly donors"),
            "lapsed_donors",
            _("%(amount)s a month lost") % {"amount": format_amount(now.lapsed_cents)},
            money=False,
        ),
        "recovered": tile(
            _("Recovered monthly donors"),
            "recovered_donors",
            _("%(amount)s a month kept") % {"amount": format_amount(now.recovered_cents)},
            money=False,
        ),
        "offline": tile(
            _("Offline gifts"),
            "offline_cents",
            ngettext(
                "%(count)s cheque, transfer or cash gift",
                "%(count)s cheques, transfers or cash gifts",
                now.offline_gifts,
            )
            % {"count": now.offline_gifts},
        ),
        "pledges": tile(
            _("Pledges received"),
            "pledges_cents",
            ngettext("%(count)s pledge", "%(count)s pledges", now.pledges) % {"count": now.pledges},
        ),
    }


def period_label(period: dashboard.Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": date_format(period.end, "SHORT_DATE_FORMAT"),
    }


def to_date(point: dashboard.MonthlyRevenue, day_format: str = "j F") -> str:
    """For the month under way, which the chart shows to the period's last day: "to 7 December"."""
    if point.until is None:
        return ""
    return _("to %(day)s") % {"day": date_format(point.until, day_format)}


def month_label(point: dashboard.MonthlyRevenue) -> str:
    month = date_format(point.month, "YEAR_MONTH_FORMAT")
    if point.until is None:
        return month
    return _("%(month)s, %(to_date)s") % {"month": month, "to_date": to_date(point)}


class DashboardView(MecenatView):
    template_name = "campagnes/viewsets/dashboard.html"
    page_title = _("Giving dashboard")
    header_icon = "tag"

    @cached_property
    def form(self) -> PeriodForm:
        return PeriodForm(self.request.GET or None)

    @cached_property
    def data(self) -> dashboard.Dashboard:
        today = association_today()
        current, previous = self.form.periods(today)
        return dashboard.build(current, previous, self.form.campaign_id(), today)

    @cached_property
    def header_buttons(self):
        if not exports.GIFTS.may_export(self.request.user):
            return []
        query = {
            "dataset": "gifts",
            "start": self.data.current.start.isoformat(),
            "end": self.data.current.end.isoformat(),
        }
        if self.data.campaign:
            query["campaign"] = self.data.campaign.pk
        url = f"{reverse('mecenat-exports:index')}?{urlencode(query)}"
        return [HeaderButton(_("Export these gifts"), url=url, icon_name="download")]

    def get_context_data(self, **kwargs):
        data = self.data
        self.form.fields["campaign"].widget.choices = [
            ("", _("All campaigns")),
            *((line.campaign.pk, line.campaign.title) for line in data.campaigns),
        ]
        raised_chart = self.raised_chart(data)
        return super().get_context_data(
            form=self.form,
            data=data,
            tiles=tiles(data.scope).values(),
            current_label=period_label(data.current),
            previous_label=period_label(data.previous),
            raised_chart=raised_chart,
            raised_table={
                "headings": [_("Day"), _("Raised to date")],
                "rows": [
                    (short_date(day), format_amount(cents))
                    for day, cents in (raised_chart.series if raised_chart else [])
                ],
            },
            weekly_chart=charts.bar_chart(
                [(week, count) for week, count, _cents in data.gifts_by_week],
                title=_("Gifts per week"),
                description=_("Number of gifts confirmed each week of the period."),
                width=charts.HALF_WIDTH,
            ),
            weekly_table={
                "headings": [_("Week of"), _("Gifts"), _("Amount")],
                "rows": [
                    (short_date(week), count, format_amount(cents))
                    for week, count, cents in data.gifts_by_week
                ],
            },
            mrr_chart=charts.line_chart(
                [(point.month, point.cents) for point in data.mrr_by_month],
                title=_("Monthly recurring revenue"),
                description=_(
                    "What the monthly gifts running at the end of each month bring in a month: "
                    "active ones and those retrying a failed payment."
                ),
                monthly=True,
                width=charts.HALF_WIDTH,
                # "to 7 Dec": short, as it is written on the chart beside its last point.
                last_note=to_date(data.mrr_by_month[-1], "j N") if data.mrr_by_month else "",
            ),
            mrr_table={
                "headings": [_("Month"), _("Monthly recurring revenue")],
                "rows": [
                    (month_label(point), format_amount(point.cents)) for point in data.mrr_by_month
                ],
            },
            **kwargs,
        )

    def raised_chart(self, data: dashboard.Dashboard):
        campaign = data.chart_campaign
        if campaign is None:
            return None
        progress = campaign.progress
        return charts.line_chart(
            data.raised_by_day,
            title=_("Raised over time: %(campaign)s") % {"campaign": campaign.title},
            description=_("%(raised)s raised of a %(goal)s goal (%(percent)s %%), day by day.")
            % {
                "raised": format_amount(progress.raised_cents),
                "goal": format_amount(campaign.goal_cents),
                "percent": progress.percent,
            },
            goal_cents=campaign.goal_cents,
            goal_label=_("Goal %(goal)s") % {"goal": format_amount(campaign.goal_cents)},
        )


class MecenatPanel(Component):
    """This month on the admin home, for the Mécénat team: four figures and a way in."""

    name = "mecenat"
    template_name = "campagnes/viewsets/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        today = association_today()
        current, previous = dashboard.periods(dashboard.PeriodKind.MONTH, today)
        summary = dashboard.summary(current, previous, today)
        return {
            "tiles": [tiles(summary.totals)[name] for name in ("raised", "donors", "mrr")],
            "overdue": summary.overdue,
            "dashboard_url": reverse("mecenat-dashboard:index"),
            "pledges_url": f"{reverse('pledges:index')}?overdue=true",
        }

    class Media:
        css = MEDIA_CSS


class DashboardViewSet(PageViewSet):
    name = "mecenat-dashboard"
    url_prefix = "mecenat"
    icon = "tag"
    menu_label = _("Dashboard")
    view_class = DashboardView
