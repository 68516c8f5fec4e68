"""The dashboard's periods: this month, this year or chosen days, beside the period before.

Days are local days of settings.TIME_ZONE, as in the daily totals (models/totals.py); a period's
bounds are midnights there.
"""

import calendar
import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)


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


def months_back(day: datetime.date, count: int) -> datetime.date:
    """The first day of the month `count` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


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
