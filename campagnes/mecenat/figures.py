"""The dashboard's figures: gifts, donors, monthly gifts and pledges of two periods, per campaign.

Money is counted the same way in every figure (tests/campagnes/mecenat/test_mecenat_dashboard.py
checks each one against sums made by hand):

- a gift counts once paid, on the day it was confirmed (`paid_at`; an offline gift on the day it
  was received), net of partial refunds; refunded and disputed gifts count for nothing;
- a monthly gift counts each instalment, when that instalment is paid;
- a pledge counts once received, on the day it was received;
- monthly recurring revenue is what the monthly gifts running at the end of the period bring each
  month: active ones and those retrying a failed payment; a paused gift brings nothing;
- a monthly gift lapses when Stripe's retries of a failed instalment run out, and is recovered
  when a payment makes good a failure (campagnes/donations/recovery.py): both are counted in the
  period it happened, with the gift's monthly amount.

The whole dashboard is a fixed number of queries, whatever the number of gifts or campaigns: each
query here sums both periods side by side (`current_…` and `previous_…` aggregates, a filter each),
grouped by campaign. Sums come from the daily totals of paid gifts (models/totals.py), so days are
local days of settings.TIME_ZONE; so are the periods' bounds.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields

from django.db.models import Count, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from campagnes.choices import Frequency
from campagnes.mecenat.periods import Period, starts_a_year
from campagnes.models import DonorYear, Gift, GiftDay, Plan, Pledge
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.models.pledges import PledgeStatus, overdue
from campagnes.models.totals import ANY_CAMPAIGN

NETWORK = "network"  # stands for a campaign id: figures of distinct people across the network


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
    lapsed_donors: int = 0
    lapsed_cents: int = 0
    recovered_donors: int = 0
    recovered_cents: int = 0

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
class PledgeStage:
    status: str
    label: str
    pledges: int = 0
    cents: int = 0
    overdue: int = 0


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
    # GiftDay rather than Gift: a few rows a day (campaign × frequency × offline) to sum, instead
    # of every gift of both periods. `campaign_id` 0 is "no campaign" (models/totals.py).
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
        # DonorYear holds one row per donor, year and campaign (and one for ANY_CAMPAIGN: the
        # network), dated by the donor's first gift of the year. Counting the rows whose date
        # falls in the period is counting distinct donors, with no DISTINCT over the gifts.
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
    # Any other period: COUNT(DISTINCT donor) over its paid gifts, per campaign and, through a
    # subquery, across the network (a donor of two campaigns is one donor there).
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
# When a monthly gift that no longer runs stopped: cancelled by the donor, or lapsed.
ENDED_AT = Coalesce("cancelled_at", "lapsed_at")


def plans_running_from(since, until):
    """The monthly gifts that may count in the monthly recurring revenue at some moment from
    `since` to `until`: created before `until`, running, or cancelled or lapsed after `since`."""
    return Plan.objects.filter(created_at__lt=until).filter(
        Q(status__in=RUNNING)
        | Q(status=PlanStatus.CANCELLED, cancelled_at__gte=since)
        | Q(status=PlanStatus.LAPSED, lapsed_at__gte=since)
    )


def runs_at(status: str, created_at, ended_at, moment) -> bool:
    """Whether a monthly gift counts in the monthly recurring revenue at `moment`: the one rule
    of the dashboard's card and of its chart. Created before it, and active or retrying a failed
    payment, or cancelled or lapsed only later; a paused gift brings nothing."""
    if created_at >= moment:
        return False
    return status in RUNNING or bool(ended_at and ended_at >= moment)


def plan_figures(current: Period, previous: Period):
    """(campaign id or "network", period name, Figures) of monthly gifts, from one query.

    Plans are few (one per monthly donor) and their statuses have no history but
    `cancelled_at`: they are read whole and counted here.
    """
    plans = plans_running_from(previous.start_at, current.end_at)
    rows = list(
        plans.values_list(
            "campaign_id",
            "donor_id",
            "amount_cents",
            "status",
            "created_at",
            "cancelled_at",
            "lapsed_at",
            "recovered_at",
        ).order_by()
    )
    for name, period in (("current", current), ("previous", previous)):
        mrr, lapsed_cents, recovered_cents = defaultdict(int), defaultdict(int), defaultdict(int)
        running, cancelled = defaultdict(set), defaultdict(set)
        lapsed, recovered = defaultdict(set), defaultdict(set)
        start, end = period.start_at, period.end_at
        for row in rows:
            campaign_id, donor_id, cents, status, created_at, cancelled_at, lapsed_at = row[:7]
            recovered_at = row[7]
            if created_at >= end:
                continue
            if runs_at(status, created_at, cancelled_at or lapsed_at, end):
                mrr[campaign_id] += cents
                running[campaign_id].add(donor_id)
            elif cancelled_at and cancelled_at >= start:
                cancelled[campaign_id].add(donor_id)
            if lapsed_at and start <= lapsed_at < end:
                lapsed[campaign_id].add(donor_id)
                lapsed_cents[campaign_id] += cents
            if recovered_at and start <= recovered_at < end:
                recovered[campaign_id].add(donor_id)
                recovered_cents[campaign_id] += cents
        for campaign_id in mrr.keys() | cancelled.keys() | lapsed.keys() | recovered.keys():
            yield (
                campaign_id,
                name,
                Figures(
                    mrr_cents=mrr[campaign_id],
                    monthly_donors=len(running[campaign_id]),
                    cancelled_donors=len(cancelled[campaign_id]),
                    lapsed_donors=len(lapsed[campaign_id]),
                    lapsed_cents=lapsed_cents[campaign_id],
                    recovered_donors=len(recovered[campaign_id]),
                    recovered_cents=recovered_cents[campaign_id],
                ),
            )
        yield (
            NETWORK,
            name,
            Figures(
                monthly_donors=len(set().union(*running.values())),
                cancelled_donors=len(set().union(*cancelled.values())),
                lapsed_donors=len(set().union(*lapsed.values())),
                recovered_donors=len(set().union(*recovered.values())),
            ),
        )


def pledge_figures(current: Period, previous: Period, today, line) -> list[PledgeStage]:
    """Adds received pledges to the campaigns' figures (`line(pk)`); returns the pipeline by
    status."""
    # One query grouped by campaign and status: the pipeline's totals of every pledge, and beside
    # them the pledges received in each period, for the campaigns' figures.
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
