"""What the donate page's side column and the home page's key figures know of giving: what a
gift costs after the tax reduction, and the money and donors the network has counted so far."""

from django import template
from django.db.models import Count, Sum, Value
from django.utils.formats import number_format
from django.utils.translation import npgettext, pgettext

from campagnes.models import DonorYear, GiftDay, Pledge
from campagnes.models.pledges import PledgeStatus
from campagnes.models.totals import ANY_CAMPAIGN
from campagnes.money import TaxRules, format_amount

register = template.Library()


@register.simple_tag
def gift_cost(rules: TaxRules, cents: int) -> str:
    """What a one-off gift of `cents` costs a household once its income tax is reduced."""
    return format_amount(rules.cost(int(cents)))


def raised_cents() -> int:
    """Confirmed money, as campaign progress counts it (paid gifts net of refunds, from their
    daily totals, and received pledges), whatever the campaign: one query for both."""
    gifts = GiftDay.objects.annotate(one=Value(1)).values("one").annotate(raised=Sum("net_cents"))
    pledges = (
        Pledge.objects.filter(status=PledgeStatus.RECEIVED)
        .annotate(one=Value(1))
        .values("one")
        .annotate(raised=Sum("amount_cents"))
    )
    rows = (
        gifts.order_by()
        .values_list("raised", flat=True)
        .union(pledges.order_by().values_list("raised", flat=True), all=True)
    )
    return sum(row or 0 for row in rows)


def donor_count() -> int:
    """People and companies who have made a paid gift: the yearly "any campaign" rows hold each
    once a year, so the count reads those rather than every gift."""
    return DonorYear.objects.filter(campaign_id=ANY_CAMPAIGN).aggregate(
        donors=Count("donor_id", distinct=True)
    )["donors"]


@register.simple_tag
def giving_figures() -> list[dict[str, str]]:
    """[{"figure", "label"}] for the money raised and the donors, read at each render as
    campaign progress is (the page cache keeps the page, figures included); none before the
    first gift."""
    raised = raised_cents()
    if raised <= 0:
        return []
    donors = donor_count()
    unit = 10_000 if raised >= 1_000_000 else 100
    figures = [
        {
            # Whole hundreds of euros past 10,000 €: a round figure reads faster.
            "figure": format_amount(raised // unit * unit),
            "label": pgettext("key figure", "raised from donors and partners"),
        }
    ]
    if donors:
        figures.append(
            {
                "figure": number_format(donors, force_grouping=True),
                "label": npgettext("key figure", "donor", "donors", donors),
            }
        )
    return figures
