"""Donors as people: what one has given over the years, and two records of one person merged.

A donor is known by email, so someone who gave twice with the same address is one donor already;
the same person under two addresses, or once with an email and once without (a cheque recorded by
staff), is two records until staff merge them: a donor without email is never matched by name.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Max, Min, Sum
from django.db.models.functions import ExtractYear

from wagtail.log_actions import log

from campagnes.models import Donor, Gift, LoginToken, Partner, Plan, Receipt, totals
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.models.identity import IDENTITY_NAMES, Identity

# Identity fields the kept record takes from the merged one when it has none: an email too, so
# that merging a record without one into its online twin keeps the receipts emailed.
IDENTITY = ("email", *Donor.IDENTITY_FIELDS, "stripe_customer_id")


@dataclass
class History:
    given_cents: int
    gifts: int
    first: datetime.datetime | None
    last: datetime.datetime | None
    years: list[tuple[int, int, int]]  # year, gifts, cents, most recent first


def history(donor: Donor) -> History:
    """What the donor gave: paid gifts, net of refunds, in total and year by year."""
    paid = Gift.objects.filter(donor=donor, status=GiftStatus.PAID)
    net = Sum(F("amount_cents") - F("refunded_cents"))
    years = (
        paid.annotate(year=ExtractYear("paid_at"))
        .values("year")
        .annotate(gifts=Count("pk"), cents=net, first=Min("paid_at"), last=Max("paid_at"))
        .order_by("-year")
    )
    rows = list(years)
    return History(
        given_cents=sum(row["cents"] for row in rows),
        gifts=sum(row["gifts"] for row in rows),
        first=min((row["first"] for row in rows), default=None),
        last=max((row["last"] for row in rows), default=None),
        years=[(row["year"], row["gifts"], row["cents"]) for row in rows],
    )


class MergeRefused(Exception):
    pass


def merge(keep: Donor, other: Donor, user) -> None:
    """Moves the gifts, monthly gifts and receipts of `other` to `keep`, then deletes `other`.

    Issued receipts keep the name and address they were printed with; `keep` takes the identity
    fields it lacks. Two partners' records are not merged: each company has its own receipts.
    """
    if keep.pk == other.pk:
        raise MergeRefused("a donor cannot be merged with itself")
    with transaction.atomic():
        partners = list(Partner.objects.filter(donor__in=[keep, other]))
        if len(partners) > 1:
            raise MergeRefused("both records belong to partners")
        moved = {
            "gifts": Gift.objects.filter(donor=other).update(donor=keep),
            "monthly_gifts": Plan.objects.filter(donor=other).update(donor=keep),
            "receipts": Receipt.objects.filter(donor=other).update(donor=keep),
        }
        # The gifts moved without Gift.save(): the days' totals do not change, the first gifts
        # of each year do.
        totals.recount({keep.pk, other.pk})
        Partner.objects.filter(donor=other).update(donor=keep)
        LoginToken.objects.filter(donor=other).delete()
        for name in IDENTITY:
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        keep.newsletter = keep.newsletter or other.newsletter
        keep.created_at = min(keep.created_at, other.created_at)
        merged = {"merged_email": other.email, "merged_name": str(other)}
        # Deleted first: the email it hands over is unique.
        other.delete()
        keep.save()
        log(instance=keep, action="campagnes.merge", user=user, data={**merged, **moved})


# Who the donor is -------------------------------------------------------------------------------

# What the donor changes from the donor space: their identity and how they want receipts.
OWN_FIELDS = (*Donor.IDENTITY_FIELDS, "receipt_preference", "receipt_by_email")


def follow_identity(donor: Donor, before: Identity) -> int:
    """After the donor's record changed from `before`: their running monthly gifts and their
    gifts not receipted yet that were given under that identity take the new one (a move, a
    corrected name), so that next receipts print it. Gifts given under another identity with
    this email, and receipted ones, keep theirs. Returns how many records followed."""
    after = donor.identity()
    if after == before:
        return 0
    fields = {name: getattr(after, name) for name in IDENTITY_NAMES}
    followed = 0
    running = Plan.objects.filter(donor=donor).exclude(
        status__in=(PlanStatus.CANCELLED, PlanStatus.EXPIRED)
    )
    not_receipted = Gift.objects.filter(donor=donor, receipt__isnull=True)
    for model, records in ((Plan, running), (Gift, not_receipted)):
        ids = [each.pk for each in records if each.identity().key() == before.key()]
        # QuerySet.update() leaves the gifts' totals alone: amounts and dates do not change.
        followed += model.objects.filter(pk__in=ids).update(**fields)
    return followed


def change_identity(donor: Donor, changes: dict, *, user=None) -> list[str]:
    """The donor's own change, from the donor space (signed in by the emailed link, `user`
    None) or by staff: saved, followed by their gifts (`follow_identity`) and logged in the
    record's history with the names of the fields changed (not their values). Returns those
    names; nothing is saved or logged when nothing changed."""
    before = donor.identity()
    changed = [
        name for name in OWN_FIELDS if name in changes and getattr(donor, name) != changes[name]
    ]
    if not changed:
        return []
    with transaction.atomic():
        for name in changed:
            setattr(donor, name, changes[name])
        donor.save(update_fields=changed)
        followed = follow_identity(donor, before)
        log(
            instance=donor,
            action="campagnes.donor_identity",
            user=user,
            data={"fields": changed, "followed": followed, "by": "staff" if user else "donor"},
        )
    return changed
