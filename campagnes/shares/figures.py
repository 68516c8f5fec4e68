"""The figures of each share offering for the Finance totals and the Mécénat dashboard: the named
figures of the public page (`models.shares.ShareFigures`: shares offered, subscribed, paid,
issued and available, investors), subscriptions by status, and the waiting list."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from campagnes.models import ShareAllocation, ShareOfferingPage, WaitingListEntry
from campagnes.models.register import WaitingStatus
from campagnes.models.shares import ShareFigures, SubscriptionStatus, figure_aggregates
from home.locales import default_locale_id

SHOWN = SubscriptionStatus.submitted()  # a draft is not a subscription yet
WAITING = (WaitingStatus.WAITING, WaitingStatus.OFFERED)


@dataclass(frozen=True)
class StatusLine:
    status: str
    label: str
    count: int
    shares: int
    cents: int


@dataclass
class OfferingFigures:
    page: ShareOfferingPage
    figures: ShareFigures  # what the public page shows, under the same names
    lines: list[StatusLine]
    waiting_people: int
    waiting_shares: int

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def total_shares(self) -> int:
        return self.page.total_shares

    @property
    def by_status(self) -> list[tuple[str, int, int, int]]:
        """label, subscriptions, shares, cents: one row per status past the draft."""
        return [(line.label, line.count, line.shares, line.cents) for line in self.lines]

    @property
    def investors(self) -> int:
        return self.figures.investors


def offerings() -> list[OfferingFigures]:
    """Every offering (its source page), newest first, in one query whatever their number: each
    status's sums side by side (a filtered aggregate each); the allocation and the waiting list
    as subqueries, which a second join would multiply."""
    aggregates = figure_aggregates("subscriptions__")
    for status in SHOWN:
        of_status = Q(subscriptions__status=status)
        aggregates[f"{status}_count"] = Count("subscriptions", filter=of_status)
        aggregates[f"{status}_shares"] = Sum("subscriptions__shares", filter=of_status)
        aggregates[f"{status}_cents"] = Sum("subscriptions__amount_cents", filter=of_status)
    waiting = WaitingListEntry.objects.filter(page=OuterRef("pk"), status__in=WAITING)
    waiting = waiting.order_by().values("page")
    pages = (
        ShareOfferingPage.objects.filter(locale_id=default_locale_id())
        .annotate(
            **aggregates,
            taken=Subquery(ShareAllocation.objects.filter(page=OuterRef("pk")).values("taken")),
            waiting_people=Subquery(waiting.annotate(n=Count("pk")).values("n")),
            waiting_shares=Subquery(waiting.annotate(n=Sum("shares")).values("n")),
        )
        .order_by("-opens_on", "pk")
    )
    return [
        OfferingFigures(
            page=page,
            figures=ShareFigures.of(page, vars(page), page.taken),
            lines=[
                StatusLine(
                    status=status,
                    label=SubscriptionStatus(status).label,
                    count=getattr(page, f"{status}_count"),
                    shares=getattr(page, f"{status}_shares") or 0,
                    cents=getattr(page, f"{status}_cents") or 0,
                )
                for status in SHOWN
            ],
            waiting_people=page.waiting_people or 0,
            waiting_shares=page.waiting_shares or 0,
        )
        for page in pages
    ]
