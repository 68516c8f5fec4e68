"""The Mécénat dashboard: a period beside the one before it, per campaign and for the network.

`periods()` picks the two periods, `build()` gathers the figures (figures.py), the series of the
charts (series.py), the pledge pipeline and the share offerings; `summary()` is the admin home's
panel. How money is counted is said in figures.py.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, F, When
from django.utils import timezone

from campagnes.mecenat.figures import (
    NETWORK,
    Comparison,
    PledgeStage,
    gift_figures,
    plan_figures,
    pledge_figures,
)

# The views choose their periods here too: `periods()` gives the two that `build()` compares.
from campagnes.mecenat.periods import Period, PeriodKind, periods, starts_a_year  # noqa: F401
from campagnes.mecenat.series import (
    MonthlyRevenue,
    chart_days,
    gifts_by_week,
    mrr_by_month,
    raised_by_day,
)
from campagnes.models import CampaignPage, Plan, Pledge
from campagnes.models.donations import PlanStatus
from campagnes.models.pages import attach_progress
from campagnes.models.pledges import PledgeStatus
from campagnes.shares import figures as shares_figures
from campagnes.shares.figures import OfferingFigures
from home.locales import default_locale_id

OVERDUE_SHOWN = 8
LAPSED_SHOWN = 8


@dataclass
class CampaignLine:
    campaign: CampaignPage | None  # None: gifts to the network or to a lieu
    figures: Comparison = field(default_factory=Comparison)


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
    offerings: list[OfferingFigures]
    chart_campaign: CampaignPage | None
    raised_by_day: list[tuple[datetime.date, int]]
    gifts_by_week: list[tuple[datetime.date, int, int]]
    mrr_by_month: list[MonthlyRevenue]
    lapsed_plans: list[Plan] = field(default_factory=list)

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
        offerings=shares_figures.offerings(),
        chart_campaign=chart_campaign,
        raised_by_day=raised_by_day(chart_campaign, today) if chart_campaign else [],
        gifts_by_week=gifts_by_week(current, days),
        mrr_by_month=mrr_by_month(current, chosen),
        lapsed_plans=lapsed_plans(current, chosen),
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
        total.lapsed_donors = distinct.lapsed_donors
        total.recovered_donors = distinct.recovered_donors
    return totals


def lapsed_plans(period: Period, campaign: CampaignPage | None) -> list[Plan]:
    """The monthly gifts that lapsed in the period, latest first: the ones to call about."""
    plans = Plan.objects.filter(
        status=PlanStatus.LAPSED, lapsed_at__gte=period.start_at, lapsed_at__lt=period.end_at
    )
    if campaign is not None:
        plans = plans.filter(campaign=campaign)
    return list(plans.select_related("donor").order_by("-lapsed_at", "-pk")[:LAPSED_SHOWN])


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
