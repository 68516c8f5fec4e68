"""Totals of paid gifts kept beside the gifts: the Mécénat dashboard reads a few thousand rows of
them instead of a year of gifts.

They follow the dashboard's counting rules (campagnes/mecenat/figures.py): a gift counts while it
is paid, net of partial refunds, on the local day of `paid_at` in settings.TIME_ZONE.
`Gift.save()` and `Gift.delete()` keep them exact, `donors.merge` recounts the two donors and a
deleted campaign's totals go to "no campaign" with its gifts. Whatever else changes gifts behind
the model's back (QuerySet.update() of these fields, SQL, a new TIME_ZONE) must be followed by
`rebuild()`: `manage.py rebuild_gift_totals`.
"""

import datetime
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db import connection, models, transaction
from django.db.models import Count, F, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Frequency, GiftStatus

NO_CAMPAIGN = 0  # gifts to no campaign
ANY_CAMPAIGN = -1  # a donor's gifts whatever their campaign: the network


class GiftDay(models.Model):
    """The paid gifts of one day to one campaign, by frequency and channel: how many, and what
    they brought net of partial refunds."""

    day = models.DateField(_("day"))
    # NO_CAMPAIGN rather than NULL: a key both databases can upsert on (NULLs never conflict).
    campaign_id = models.PositiveIntegerField(_("campaign"))
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    is_offline = models.BooleanField(_("recorded by staff"))
    # Signed: totals that drifted (gifts loaded by SQL, not rebuilt yet) never make a refund fail.
    gifts = models.IntegerField(_("gifts"))
    net_cents = models.BigIntegerField(_("net amount (cents)"))

    class Meta:
        verbose_name = _("day of gifts")
        verbose_name_plural = _("days of gifts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "campaign_id", "frequency", "is_offline"], name="gift_day_key"
            )
        ]
        indexes = [models.Index(fields=["campaign_id", "day"], name="gift_day_campaign")]

    def __str__(self):
        return f"{self.day} · {self.campaign_id} · {self.gifts}"


class DonorYear(models.Model):
    """The day of a donor's first paid gift of a calendar year, to one campaign (or none) and,
    in a row of its own, to any campaign.

    The donors of a period from 1 January to a day of that year are the rows whose first gift
    falls in it: counted without DISTINCT, whatever the number of gifts.
    """

    donor = models.ForeignKey(
        "campagnes.Donor",
        verbose_name=_("donor"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique key starts with it
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # A campaign, NO_CAMPAIGN or ANY_CAMPAIGN.
    campaign_id = models.IntegerField(_("campaign"))
    first_gift_on = models.DateField(_("first gift"))

    class Meta:
        verbose_name = _("donor's year")
        verbose_name_plural = _("donors' years")
        constraints = [
            models.UniqueConstraint(fields=["donor", "year", "campaign_id"], name="donor_year_key")
        ]
        indexes = [
            models.Index(
                fields=["first_gift_on"], include=["campaign_id"], name="donor_year_first_gift"
            )
        ]

    def __str__(self):
        return f"{self.donor_id} · {self.year} · {self.campaign_id}"


# What one gift adds ------------------------------------------------------------------------------

COUNTED_FIELDS = (
    "status",
    "paid_at",
    "campaign_id",
    "frequency",
    "is_offline",
    "donor_id",
    "amount_cents",
    "refunded_cents",
)


@dataclass(frozen=True)
class Counted:
    day: datetime.date
    campaign_id: int
    frequency: str
    is_offline: bool
    donor_id: int
    net_cents: int

    @property
    def day_key(self) -> tuple:
        return (self.day, self.campaign_id, self.frequency, self.is_offline)

    @property
    def donor_key(self) -> tuple:
        return (self.donor_id, self.day, self.campaign_id)


def counted(values: dict | None) -> Counted | None:
    """What a gift with these values adds: nothing unless it is paid and dated."""
    if values is None or values["status"] != GiftStatus.PAID or values["paid_at"] is None:
        return None
    return Counted(
        day=timezone.localdate(values["paid_at"], timezone.get_default_timezone()),
        campaign_id=values["campaign_id"] or NO_CAMPAIGN,
        frequency=values["frequency"],
        is_offline=values["is_offline"],
        donor_id=values["donor_id"],
        net_cents=values["amount_cents"] - values["refunded_cents"],
    )


@contextmanager
def tracking(gift, update_fields=None, deleting: bool = False):
    """Applies to the totals what saving (or deleting) `gift` in the block changes.

    The row is read back locked rather than remembered as loaded: an instance loaded before
    another request changed the gift would otherwise apply a difference to the wrong values.
    """
    # The model comes from the instance: models.donations imports this module, not the reverse.
    gift_model = type(gift)
    updated = None
    if update_fields is not None:
        updated = {gift_model._meta.get_field(name).attname for name in update_fields}
        if not updated.intersection(COUNTED_FIELDS):
            yield
            return
    # No savepoint: a failure here fails the gift's save and its transaction with it.
    with transaction.atomic(savepoint=False):
        before = None
        if gift.pk is not None:
            rows = gift_model.objects.select_for_update().filter(pk=gift.pk).values(*COUNTED_FIELDS)
            before = next(iter(rows), None)
        yield
        after = None
        if not deleting:
            saved = {name: getattr(gift, name) for name in updated or COUNTED_FIELDS}
            after = {**before, **saved} if updated else saved
        changed(counted(before), counted(after))


def changed(before: Counted | None, after: Counted | None) -> None:
    if before == after:
        return
    if before is None:
        add_first_gift(after)
    elif after is None or before.donor_key != after.donor_key:
        done = [each for each in (before, after) if each is not None]
        recount({each.donor_id for each in done}, {each.day.year for each in done})
    days = defaultdict(lambda: [0, 0])
    for each, sign in ((before, -1), (after, 1)):
        if each is not None:
            days[each.day_key][0] += sign
            days[each.day_key][1] += sign * each.net_cents
    add_to_days({key: change for key, change in days.items() if any(change)})


# Writing the tables ------------------------------------------------------------------------------

# Columns by name: a migration's historical models may list them in another order.
DAY_KEY = ("day", "campaign_id", "frequency", "is_offline")
DAY_COLUMNS = (*DAY_KEY, "gifts", "net_cents")
YEAR_KEY = ("donor_id", "year", "campaign_id")
YEAR_COLUMNS = (*YEAR_KEY, "first_gift_on")
ADD_TO_DAY = "gifts = {0}.gifts + excluded.gifts, net_cents = {0}.net_cents + excluded.net_cents"
KEEP_EARLIER = (
    "first_gift_on = CASE WHEN excluded.first_gift_on < {0}.first_gift_on "
    "THEN excluded.first_gift_on ELSE {0}.first_gift_on END"
)


def upsert(model, names: tuple, rows: str, params: list, key: tuple, update: str) -> None:
    """INSERT of `rows` (VALUES or SELECT) that updates the rows whose key exists."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(names)}) {rows} "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {update.format(table)}",
            params,
        )


def values_clause(model, names: tuple, rows: list[tuple]) -> tuple[str, list]:
    """VALUES of `rows` for the columns `names`, and their parameters."""
    fields = [model._meta.get_field(name) for name in names]
    params = [
        field.get_db_prep_save(value, connection)
        for row in rows
        for field, value in zip(fields, row, strict=True)
    ]
    placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
    return "VALUES " + ", ".join([placeholders] * len(rows)), params


def add_to_days(changes: dict[tuple, list[int]]) -> None:
    """Adds (gifts, cents) to each day's row, created when missing, in one statement.

    An increment, never a total computed from a read: concurrent gifts of one day add up.
    """
    if not changes:
        return
    # One order for every transaction: two that change the same days never deadlock.
    rows = [(*key, *change) for key, change in sorted(changes.items())]
    upsert(GiftDay, DAY_COLUMNS, *values_clause(GiftDay, DAY_COLUMNS, rows), DAY_KEY, ADD_TO_DAY)
    emptied = Q()
    for key, (gifts, _cents) in changes.items():
        if gifts < 0:
            emptied |= Q(**dict(zip(DAY_KEY, key, strict=True)))
    if emptied:
        GiftDay.objects.filter(emptied, gifts=0).delete()


def lock_donors(donor_ids: set[int]) -> None:
    """Makes changes to one donor's years wait for each other, the second seeing the first.

    FOR NO KEY UPDATE: a gift being inserted holds a key share of its donor, which this must not
    wait for.
    """
    donors = (
        global_apps.get_model("campagnes", "Donor")
        .objects.select_for_update(no_key=True)
        .filter(pk__in=donor_ids)
    )
    list(donors.order_by("pk").values_list("pk"))


def add_first_gift(gift: Counted) -> None:
    """A gift that starts counting is its donor's first of the year, to its campaign and to any,
    unless they gave earlier that year: no need to read their other gifts."""
    lock_donors({gift.donor_id})
    rows = [
        (gift.donor_id, gift.day.year, campaign_id, gift.day)
        for campaign_id in (gift.campaign_id, ANY_CAMPAIGN)
    ]
    upsert(
        DonorYear,
        YEAR_COLUMNS,
        *values_clause(DonorYear, YEAR_COLUMNS, rows),
        YEAR_KEY,
        KEEP_EARLIER,
    )


def recount(donor_ids: set[int], years: set[int] | None = None) -> None:
    """Recomputes the donors' first gifts of `years` (None: of every year) from their gifts."""
    lock_donors(donor_ids)
    rows = DonorYear.objects.filter(donor_id__in=donor_ids)
    gifts = counted_gifts(global_apps.get_model("campagnes", "Gift"))
    gifts = gifts.filter(donor_id__in=donor_ids)
    if years is not None:
        rows = rows.filter(year__in=years)
        inside = Q()
        for year in years:
            inside |= Q(paid_at__gte=new_year(year), paid_at__lt=new_year(year + 1))
        gifts = gifts.filter(inside)
    rows.delete()
    insert(DonorYear, YEAR_COLUMNS, first_gifts(gifts))


def new_year(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 1, 1), timezone.get_default_timezone())


def counted_gifts(gift_model) -> models.QuerySet:
    return gift_model.objects.filter(status=GiftStatus.PAID, paid_at__isnull=False).order_by()


def local(function):
    """TruncDate or ExtractYear of `paid_at` in settings.TIME_ZONE, whatever the active one."""
    return function("paid_at", tzinfo=timezone.get_default_timezone())


def gift_days(gifts: models.QuerySet) -> models.QuerySet:
    """GiftDay's columns, in order, from `gifts`."""
    return (
        gifts.annotate(day=local(TruncDate), campaign_or_0=Coalesce("campaign_id", NO_CAMPAIGN))
        .values("day", "campaign_or_0", "frequency", "is_offline")
        .annotate(gifts=Count("pk"), net_cents=Sum(F("amount_cents") - F("refunded_cents")))
    )


def first_gifts(gifts: models.QuerySet) -> models.QuerySet:
    """DonorYear's columns, in order, from `gifts`: per campaign, then for any campaign."""
    first = Min(local(TruncDate))
    per_campaign = (
        gifts.annotate(year=local(ExtractYear), campaign_or_0=Coalesce("campaign_id", NO_CAMPAIGN))
        .values("donor_id", "year", "campaign_or_0")
        .annotate(first_gift_on=first)
    )
    network = (
        gifts.annotate(year=local(ExtractYear))
        .values("donor_id", "year")
        .annotate(campaign_or_0=Value(ANY_CAMPAIGN), first_gift_on=first)
    )
    return per_campaign.union(network, all=True)


def insert(model, names: tuple, rows: models.QuerySet) -> int:
    """INSERT … SELECT of `rows` into the columns `names`; returns the number of rows."""
    sql, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(names)}) {sql}", params)
        return cursor.rowcount


def lock_tables() -> None:
    """Waits for the transactions writing totals, and holds off the next ones until this one
    commits (PostgreSQL; SQLite writes one transaction at a time anyway)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            connection.ops.quote_name(model._meta.db_table) for model in (GiftDay, DonorYear)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def rebuild(apps=global_apps) -> tuple[int, int]:
    """Recomputes both tables from the gifts; returns their numbers of rows.

    Safe on a live site: a gift changed meanwhile applies its change once this has committed.
    """
    gift_model, day_model, year_model = (
        apps.get_model("campagnes", name) for name in ("Gift", "GiftDay", "DonorYear")
    )
    with transaction.atomic():
        lock_tables()
        day_model.objects.all().delete()
        year_model.objects.all().delete()
        gifts = counted_gifts(gift_model)
        return (
            insert(day_model, DAY_COLUMNS, gift_days(gifts)),
            insert(year_model, YEAR_COLUMNS, first_gifts(gifts)),
        )


@receiver(post_delete, sender="campagnes.CampaignPage")
def campaign_deleted(sender, instance, **kwargs):
    """The campaign's gifts now have no campaign (SET_NULL, which bypasses Gift.save()): so have
    its totals, added to a day's, or keeping a donor's earlier first gift."""
    lock_tables()
    for model, names, key, update in (
        (GiftDay, DAY_COLUMNS, DAY_KEY, ADD_TO_DAY),
        (DonorYear, YEAR_COLUMNS, YEAR_KEY, KEEP_EARLIER),
    ):
        table = connection.ops.quote_name(model._meta.db_table)
        moved = ", ".join(names).replace("campaign_id", str(NO_CAMPAIGN))
        rows = f"SELECT {moved} FROM {table} WHERE campaign_id = %s"  # noqa: S608 -- its names
        upsert(model, names, rows, [instance.pk], key, update)
        model.objects.filter(campaign_id=instance.pk).delete()
