"""The figures of the Mécénat dashboard: a period beside the one before it, per campaign.

Money is counted the same way in every figure (tests/test_mecenat_dashboard.py checks each one
against sums made by hand):

- a gift counts once paid, on the day it was confirmed (`paid_at`; an offline gift on the day it
  was received), net of partial refunds; refunded and disputed gifts count for nothing;
- a monthly gift counts each instalment, when that instalment is paid;
- a pledge counts once received, on the day it was received;
- monthly recurring revenue is what the monthly gifts running at the end of the period bring each
  month: active ones and those retrying a failed payment; a paused gift brings nothing.

The whole dashboard is a fixed number of queries, whatever the number of gifts or campaigns. Sums
come from the daily totals of paid gifts (models/totals.py), so days are local days of
settings.TIME_ZONE; so are the periods' bounds.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cached_property

from django.db import models
from django.db.models import Case, Count, F, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Frequency
from campagnes.models import CampaignPage, DonorYear, Gift, GiftDay, Plan, Pledge, ShareOfferingPage
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.models.pages import attach_progress
from campagnes.models.pledges import PledgeStatus, overdue
from campagnes.models.shares import SubscriptionStatus
from campagnes.models.totals import ANY_CAMPAIGN
from home.locales import default_locale_id

ONE_DAY = datetime.timedelta(days=1)
OVERDUE_SHOWN = 8
MRR_MONTHS = 12
NETWORK = "network"  # stands for a campaign id: figures of distinct people across the network


# Periods ----------------------------------------------------------------------------------------


class PeriodKind(models.TextChoices):
    MONTH = "month", _("This month")
    YEAR = "year", _("This year")
    CUSTOM = "custom", _("Custom")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @cached_property
    def start_at(self) -> datetime.datetime:
        return midnight(self.start)

    @cached_property
    def end_at(self) -> datetime.datetime:
        return midnight(self.end + ONE_DAY)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def starts_a_year(period: Period) -> bool:
    """From 1 January to a day of that year: its donors are those of the year's first gifts."""
    return (period.start.month, period.start.day) == (1, 1) and period.end.year == period.start.year


def same_day_in(year: int, month: int, day: int) -> datetime.date:
    """The day of another month, or its last day when it is shorter (31 March → 28 February)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods(
    kind: str,
    today: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> tuple[Period, Period]:
    """The period asked for and the one it is compared with.

    This month and this year run to today, and are compared with the same days of the month or
    year before (1–24 November with 1–24 October), so that a month under way is not set against
    a whole one. A custom period is compared with as many days just before it.
    """
    if kind == PeriodKind.CUSTOM and start and end:
        length = end - start + ONE_DAY
        return Period(start, end), Period(start - length, start - ONE_DAY)
    if kind == PeriodKind.YEAR:
        last_year = today.year - 1
        return (
            Period(today.replace(month=1, day=1), today),
            Period(datetime.date(last_year, 1, 1), same_day_in(last_year, today.month, today.day)),
        )
    first = today.replace(day=1)
    before = first - ONE_DAY
    return (
        Period(first, today),
        Period(before.replace(day=1), same_day_in(before.year, before.month, today.day)),
    )


# Figures ----------------------------------------------------------------------------------------


@dataclass
class Figures:
    """What the dashboard shows for one period and one scope: the network, or a campaign."""

    gifts_cents: int = 0
    gifts: int = 0
    donors: int = 0
    once_cents: int = 0
    monthly_cents: int = 0
    offline_cents: int = 0
    offline_gifts: int = 0
    pledges_cents: int = 0
    pledges: int = 0
    mrr_cents: int = 0
    monthly_donors: int = 0
    cancelled_donors: int = 0

    @property
    def raised_cents(self) -> int:
        return self.gifts_cents + self.pledges_cents

    @property
    def average_gift_cents(self) -> int:
        """Of gifts alone: a pledge of 20,000 € would say nothing about what people give."""
        return self.gifts_cents // self.gifts if self.gifts else 0

    def add(self, other: "Figures") -> None:
        for each in fields(self):
            setattr(self, each.name, getattr(self, each.name) + getattr(other, each.name))


@dataclass
class Comparison:
    current: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)


@dataclass
class CampaignLine:
    campaign: CampaignPage | None  # None: gifts to the network or to a lieu
    figures: Comparison = field(default_factory=Comparison)


@dataclass
class PledgeStage:
    status: str
    label: str
    pledges: int = 0
    cents: int = 0
    overdue: int = 0


@dataclass
class Offering:
    title: str
    total_shares: int
    price_cents: int
    by_status: list[tuple[str, int, int, int]]  # label, subscriptions, shares, cents
    sold_shares: int
    held_shares: int
    investors: int

    @property
    def sold_percent(self) -> int:
        return self.sold_shares * 100 // self.total_shares if self.total_shares else 0


@dataclass
class Dashboard:
    current: Period
    previous: Period
    campaign: CampaignPage | None
    campaigns: list[CampaignLine]
    other: CampaignLine
    totals: Comparison
    pipeline: list[PledgeStage]
    overdue_pledges: list[Pledge]
    offerings: list[Offering]
    chart_campaign: CampaignPage | None
    raised_by_day: list[tuple[datetime.date, int]]
    gifts_by_week: list[tuple[datetime.date, int, int]]
    mrr_by_month: list[tuple[datetime.date, int]]

    @property
    def overdue_count(self) -> int:
        return sum(stage.overdue for stage in self.pipeline)

    @property
    def scope(self) -> Comparison:
        """The figures of the chosen campaign, or of the whole network."""
        if self.campaign is None:
            return self.totals
        return next(line.figures for line in self.campaigns if line.campaign == self.campaign)


def build(
    current: Period,
    previous: Period,
    campaign_id: int | None = None,
    today: datetime.date | None = None,
) -> Dashboard:
    today = today or timezone.localdate()
    campaigns = list(
        CampaignPage.objects.filter(locale_id=default_locale_id()).order_by("-start_date", "pk")
    )
    attach_progress(campaigns, count_donors=False)
    lines = {campaign.pk: CampaignLine(campaign) for campaign in campaigns}
    other = CampaignLine(None)
    people, pipeline = collect(current, previous, today, lambda pk: lines.get(pk, other))
    totals = network_totals(people, [*lines.values(), other])

    chosen = lines[campaign_id].campaign if campaign_id in lines else None
    chart_campaign = chosen or next((c for c in campaigns if c.is_open), None)
    days = chart_days(current, chosen)
    return Dashboard(
        current=current,
        previous=previous,
        campaign=chosen,
        campaigns=list(lines.values()),
        other=other,
        totals=totals,
        pipeline=pipeline,
        overdue_pledges=overdue_pledges(today),
        offerings=offerings(),
        chart_campaign=chart_campaign,
        raised_by_day=raised_by_day(chart_campaign, today) if chart_campaign else [],
        gifts_by_week=gifts_by_week(current, days),
        mrr_by_month=mrr_by_month(current, days),
    )


@dataclass
class Summary:
    """This month beside the last, for the panel on the admin home."""

    totals: Comparison
    overdue: int


def summary(current: Period, previous: Period, today: datetime.date) -> Summary:
    lines = defaultdict(lambda: CampaignLine(None))
    people, pipeline = collect(current, previous, today, lines.__getitem__)
    return Summary(
        network_totals(people, list(lines.values())), sum(stage.overdue for stage in pipeline)
    )


def collect(current: Period, previous: Period, today, line) -> tuple[Comparison, list]:
    """Adds gifts, monthly gifts and received pledges to each campaign's line (`line(pk)`).

    Returns the counts of distinct people across the network, and the pledges by status.
    """
    people = Comparison()
    for campaign_pk, name, figures in [
        *gift_figures(current, previous),
        *plan_figures(current, previous),
    ]:
        target = people if campaign_pk == NETWORK else line(campaign_pk).figures
        getattr(target, name).add(figures)
    return people, pledge_figures(current, previous, today, line)


def network_totals(people: Comparison, lines: list[CampaignLine]) -> Comparison:
    """The campaigns' sums; but someone who gave to two campaigns is one donor of the network."""
    totals = Comparison()
    for name in ("current", "previous"):
        total, distinct = getattr(totals, name), getattr(people, name)
        for each in lines:
            total.add(getattr(each.figures, name))
        total.donors = distinct.donors
        total.monthly_donors = distinct.monthly_donors
        total.cancelled_donors = distinct.cancelled_donors
    return totals


def within(period: Period, field_name: str = "paid_at") -> Q:
    return Q(**{f"{field_name}__gte": period.start_at, f"{field_name}__lt": period.end_at})


GIFT_SUMS = (
    "gifts_cents",
    "gifts",
    "once_cents",
    "monthly_cents",
    "offline_cents",
    "offline_gifts",
)


def gift_figures(current: Period, previous: Period):
    """(campaign id or "network", period name, Figures) of paid gifts, from two queries: the
    sums from the daily totals, the donors from `donor_counts`."""
    aggregates = {}
    for name, period in (("current", current), ("previous", previous)):
        inside = Q(day__gte=period.start, day__lte=period.end)
        aggregates |= {
            f"{name}_gifts_cents": Sum("net_cents", filter=inside),
            f"{name}_gifts": Sum("gifts", filter=inside),
            f"{name}_once_cents": Sum("net_cents", filter=inside & Q(frequency=Frequency.ONCE)),
            f"{name}_monthly_cents": Sum(
                "net_cents", filter=inside & Q(frequency=Frequency.MONTHLY)
            ),
            f"{name}_offline_cents": Sum("net_cents", filter=inside & Q(is_offline=True)),
            f"{name}_offline_gifts": Sum("gifts", filter=inside & Q(is_offline=True)),
        }
    rows = (
        GiftDay.objects.filter(day__gte=previous.start, day__lte=current.end)
        .values("campaign_id")
        .annotate(**aggregates)
        .order_by()
    )
    donors = donor_counts(current, previous)
    for row in rows:
        counted = donors.get(row["campaign_id"], {})
        for name in ("current", "previous"):
            figures = {key: row[f"{name}_{key}"] or 0 for key in GIFT_SUMS}
            yield row["campaign_id"] or None, name, Figures(donors=counted.get(name, 0), **figures)
    for name in ("current", "previous"):
        yield NETWORK, name, Figures(donors=donors.get(NETWORK, {}).get(name, 0))


def donor_counts(current: Period, previous: Period) -> dict:
    """{campaign id (0: none) or "network": {period name: distinct donors}}, from one query.

    Someone who gave to two campaigns is one donor of the network. Years to a day read each
    donor's first gift of the year, a row per donor and campaign; other periods count distinct
    donors among their gifts.
    """
    periods = (("current", current), ("previous", previous))
    if starts_a_year(current) and starts_a_year(previous):
        counts = {
            name: Count(
                "pk", filter=Q(first_gift_on__gte=period.start, first_gift_on__lte=period.end)
            )
            for name, period in periods
        }
        rows = (
            DonorYear.objects.filter(
                first_gift_on__gte=previous.start, first_gift_on__lte=current.end
            )
            .values("campaign_id")
            .annotate(**counts)
            .order_by()
        )
        return {
            NETWORK if row["campaign_id"] == ANY_CAMPAIGN else row["campaign_id"]: row
            for row in rows
        }
    paid = Gift.objects.filter(status=GiftStatus.PAID)
    counts = {}
    for name, period in periods:
        inside = within(period)
        counts[name] = Count("donor", distinct=True, filter=inside)
        # One row whatever the grouping: the database computes it once for the whole query.
        counts[f"{name}_network"] = Subquery(
            paid.filter(inside)
            .order_by()
            .values("status")
            .annotate(donors=Count("donor", distinct=True))
            .values("donors")
        )
    rows = (
        paid.filter(paid_at__gte=previous.start_at, paid_at__lt=current.end_at)
        # Grouped on an expression, not the column: PostgreSQL then reads the period from the
        # covering index and sorts it, instead of walking the whole table in campaign order.
        .annotate(campaign_or_0=Coalesce("campaign_id", 0))
        .values("campaign_or_0")
        .annotate(**counts)
        .order_by()
    )
    result = {}
    for row in rows:
        result[row["campaign_or_0"]] = row
        result[NETWORK] = {name: row[f"{name}_network"] or 0 for name, _period in periods}
    return result


RUNNING = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE)


def plan_figures(current: Period, previous: Period):
    """(campaign id or "network", period name, Figures) of monthly gifts, from one query.

    Plans are few (one per monthly donor) and their statuses have no history but
    `cancelled_at`: they are read whole and counted here.
    """
    plans = Plan.objects.filter(created_at__lt=current.end_at).filter(
        Q(status__in=RUNNING) | Q(status=PlanStatus.CANCELLED, cancelled_at__gte=previous.start_at)
    )
    rows = list(
        plans.values_list(
            "campaign_id", "donor_id", "amount_cents", "status", "created_at", "cancelled_at"
        ).order_by()
    )
    for name, period in (("current", current), ("previous", previous)):
        mrr = defaultdict(int)
        running, cancelled = defaultdict(set), defaultdict(set)
        start, end = period.start_at, period.end_at
        for campaign_id, donor_id, cents, status, created_at, cancelled_at in rows:
            if created_at >= end:
                continue
            if status in RUNNING or (cancelled_at and cancelled_at >= end):
                mrr[campaign_id] += cents
                running[campaign_id].add(donor_id)
            elif cancelled_at and cancelled_at >= start:
                cancelled[campaign_id].add(donor_id)
        for campaign_id in mrr.keys() | cancelled.keys():
            yield (
                campaign_id,
                name,
                Figures(
                    mrr_cents=mrr[campaign_id],
                    monthly_donors=len(running[campaign_id]),
                    cancelled_donors=len(cancelled[campaign_id]),
                ),
            )
        yield (
            NETWORK,
            name,
            Figures(
                monthly_donors=len(set().union(*running.values())),
                cancelled_donors=len(set().union(*cancelled.values())),
            ),
        )


def pledge_figures(current: Period, previous: Period, today, line) -> list[PledgeStage]:
    """Adds received pledges to the campaigns' figures; returns the pipeline by status."""
    aggregates = {"pledges": Count("pk"), "cents": Sum("amount_cents")}
    aggregates["overdue"] = Count("pk", filter=overdue(today))
    for name, period in (("current", current), ("previous", previous)):
        received = Q(
            status=PledgeStatus.RECEIVED,
            received_on__gte=period.start,
            received_on__lte=period.end,
        )
        aggregates[f"{name}_cents"] = Sum("amount_cents", filter=received)
        aggregates[f"{name}_pledges"] = Count("pk", filter=received)
    stages = {status: PledgeStage(status, label) for status, label in PledgeStatus.choices}
    rows = Pledge.objects.values("campaign_id", "status").annotate(**aggregates).order_by()
    for row in rows:
        stage = stages[row["status"]]
        stage.pledges += row["pledges"]
        stage.cents += row["cents"] or 0
        stage.overdue += row["overdue"]
        for name in ("current", "previous"):
            getattr(line(row["campaign_id"]).figures, name).add(
                Figures(pledges_cents=row[f"{name}_cents"] or 0, pledges=row[f"{name}_pledges"])
            )
    return list(stages.values())


def overdue_pledges(today) -> list[Pledge]:
    due = Case(
        When(status__in=PledgeStatus.before_signature(), then=F("expected_signature_on")),
        default=F("expected_payment_on"),
    )
    pledges = list(
        Pledge.objects.overdue(today)
        .select_related("partner", "campaign")
        .annotate(due_on=due)
        .order_by("due_on", "pk")[:OVERDUE_SHOWN]
    )
    for pledge in pledges:
        pledge.days_late = (today - pledge.due_on).days
    return pledges


def offerings() -> list[Offering]:
    """Each share offering: shares sold against its cap, investors, amounts by status."""
    statuses = [status for status in SubscriptionStatus if status != SubscriptionStatus.DRAFT]
    sold = (SubscriptionStatus.PAID, SubscriptionStatus.APPROVED, SubscriptionStatus.ISSUED)
    aggregates = {
        "investors": Count(
            "subscriptions__email", distinct=True, filter=Q(subscriptions__status__in=sold)
        )
    }
    for status in statuses:
        of_status = Q(subscriptions__status=status)
        aggregates[f"{status}_count"] = Count("subscriptions", filter=of_status)
        aggregates[f"{status}_shares"] = Sum("subscriptions__shares", filter=of_status)
        aggregates[f"{status}_cents"] = Sum("subscriptions__amount_cents", filter=of_status)
    rows = (
        ShareOfferingPage.objects.filter(locale_id=default_locale_id())
        .values("pk", "title", "total_shares", "price_cents", "opens_on")
        .annotate(**aggregates)
        .order_by("-opens_on", "pk")
    )
    result = []
    for row in rows:
        by_status = [
            (
                status.label,
                row[f"{status}_count"],
                row[f"{status}_shares"] or 0,
                row[f"{status}_cents"] or 0,
            )
            for status in statuses
        ]
        shares = {status: row[f"{status}_shares"] or 0 for status in statuses}
        result.append(
            Offering(
                title=row["title"],
                total_shares=row["total_shares"],
                price_cents=row["price_cents"],
                by_status=by_status,
                sold_shares=sum(shares[status] for status in sold),
                held_shares=shares[SubscriptionStatus.RESERVED]
                + shares[SubscriptionStatus.PROCESSING],
                investors=row["investors"],
            )
        )
    return result


# Over time --------------------------------------------------------------------------------------


def raised_by_day(campaign: CampaignPage, today) -> list[tuple[datetime.date, int]]:
    """The campaign's total at the end of each day since it started (gifts and pledges)."""
    gifts = (
        GiftDay.objects.filter(campaign_id=campaign.pk)
        .values("day")
        .annotate(cents=Sum("net_cents"))
        .order_by()
    )
    pledges = (
        Pledge.objects.filter(campaign_id=campaign.pk, status=PledgeStatus.RECEIVED)
        .annotate(day=F("received_on"))
        .values("day")
        .annotate(cents=Sum("amount_cents"))
        .order_by()
    )
    by_day = defaultdict(int)
    for row in gifts.union(pledges, all=True):
        by_day[row["day"]] += row["cents"] or 0
    last = min(campaign.end_date or today, today)
    series, total, day = [], 0, min([campaign.start_date, *by_day])
    while day <= last:
        total += by_day.get(day, 0)
        series.append((day, total))
        day += ONE_DAY
    return series


def months_back(day: datetime.date, count: int) -> datetime.date:
    """The first day of the month `count` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def charted_since(current: Period) -> datetime.date:
    """The first day the charts below show: twelve months to the period's end, or the whole
    period when it is longer."""
    return min(current.start, months_back(current.end, MRR_MONTHS - 1))


def chart_days(current: Period, campaign: CampaignPage | None) -> list[dict]:
    """Gifts and cents per day and frequency, from the first day either chart below shows."""
    days = GiftDay.objects.filter(day__gte=charted_since(current), day__lte=current.end)
    if campaign is not None:
        days = days.filter(campaign_id=campaign.pk)
    return list(
        days.values("day", "frequency")
        .annotate(gifts=Sum("gifts"), cents=Sum("net_cents"))
        .order_by()
    )


def gifts_by_week(current: Period, days: list[dict]):
    """Gifts and their amount per week of the period, weeks starting on Monday."""
    weeks = {}
    monday = current.start - datetime.timedelta(days=current.start.weekday())
    while monday <= current.end:
        weeks[monday] = [0, 0]
        monday += datetime.timedelta(days=7)
    for row in days:
        if row["day"] in current:
            week = weeks[row["day"] - datetime.timedelta(days=row["day"].weekday())]
            week[0] += row["gifts"]
            week[1] += row["cents"]
    return [(week, count, cents) for week, (count, cents) in weeks.items()]


def mrr_by_month(current: Period, days: list[dict]):
    """Monthly instalments paid per month, over the year to the period's end (or the whole
    period when longer): what monthly giving actually brought in."""
    months = {}
    month = charted_since(current).replace(day=1)
    while month <= current.end:
        months[month] = 0
        month = months_back(month, -1)
    for row in days:
        if row["frequency"] == Frequency.MONTHLY:
            months[row["day"].replace(day=1)] += row["cents"]
    return list(months.items())
