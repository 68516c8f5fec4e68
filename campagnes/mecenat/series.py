"""The dashboard's figures over time, for its charts: a campaign's total day by day, gifts per
week, monthly instalments per month.

Read from the daily totals of paid gifts (models/totals.py), a few queries whatever the number of
gifts; days are local days of settings.TIME_ZONE.
"""

import datetime
from collections import defaultdict

from django.db.models import F, Sum

from campagnes.choices import Frequency
from campagnes.mecenat.periods import ONE_DAY, Period, months_back
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
    """The first day the charts below show: twelve months to the period's end, or the whole
    period when it is longer."""
    return min(current.start, months_back(current.end, MRR_MONTHS - 1))


def chart_days(current: Period, campaign: CampaignPage | None) -> list[dict]:
    """Gifts and cents per day and frequency, from the first day either chart below shows."""
    # One query for both charts: GiftDay has a row per day, campaign, frequency and kind of gift,
    # so summing over campaigns (or keeping one) leaves a row per day and frequency.
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
