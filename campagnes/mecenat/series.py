"""The dashboard's figures over time, for its charts: a campaign's total day by day, gifts per
week, the monthly recurring revenue at the end of each month.

Read from the daily totals of paid gifts (models/totals.py) and the monthly gifts, a few queries
whatever their number; days are local days of settings.TIME_ZONE.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Sum

from campagnes.mecenat.figures import ENDED_AT, plans_running_from, runs_at
from campagnes.mecenat.periods import ONE_DAY, Period, midnight, months_back
from campagnes.models import CampaignPage, GiftDay, Pledge
from campagnes.models.pledges import PledgeStatus

MRR_MONTHS = 12


def raised_by_day(campaign: CampaignPage, today) -> list[tuple[datetime.date, int]]:
    """The campaign's total at the end of each day since it started (gifts and pledges)."""
    # One query: the days' net sums of paid gifts (GiftDay, kept by the gifts' writes) and of
    # received pledges, as rows of the same shape; they are added up and carried forward here.
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


def charted_since(current: Period) -> datetime.date:
    """The first day the monthly chart shows: twelve months to the period's end, or the whole
    period when it is longer."""
    return min(current.start, months_back(current.end, MRR_MONTHS - 1))


def chart_days(current: Period, campaign: CampaignPage | None) -> list[dict]:
    """Gifts and cents per day and frequency of the period, for the weekly chart."""
    # GiftDay has a row per day, campaign, frequency and kind of gift, so summing over campaigns
    # (or keeping one) leaves a row per day and frequency.
    days = GiftDay.objects.filter(day__gte=current.start, day__lte=current.end)
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


@dataclass(frozen=True)
class MonthlyRevenue:
    month: datetime.date  # its first day
    cents: int
    # The last day counted when the period ends before the month does (the month under way):
    # the figure is then the revenue on that day, the card's "at the end of the period".
    until: datetime.date | None = None


def mrr_by_month(current: Period, campaign: CampaignPage | None) -> list[MonthlyRevenue]:
    """The monthly recurring revenue at the end of each month, over the year to the period's end
    (or the whole period when longer): the quantity of the dashboard's card, by the same rule
    (figures.runs_at), so the last point is the card's figure. One query."""
    first = charted_since(current).replace(day=1)
    plans = plans_running_from(midnight(first), current.end_at)
    if campaign is not None:
        plans = plans.filter(campaign_id=campaign.pk)
    rows = list(plans.values_list("amount_cents", "status", "created_at", ENDED_AT).order_by())
    series, month = [], first
    while month <= current.end:
        next_month = months_back(month, -1)
        partial = next_month > current.end + ONE_DAY
        moment = current.end_at if partial else midnight(next_month)
        cents = sum(amount for amount, *plan in rows if runs_at(*plan, moment))
        series.append(MonthlyRevenue(month, cents, current.end if partial else None))
        month = next_month
    return series
