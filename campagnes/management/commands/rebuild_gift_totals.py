"""Recomputes the totals of paid gifts that the Mécénat dashboard reads, from the gifts: after
gifts were loaded or changed by SQL, or TIME_ZONE changed. Safe on a live site."""

import time

from django.core.management.base import BaseCommand

from campagnes.models import totals


class Command(BaseCommand):
    help = "Recompute the daily totals of paid gifts and each donor's first gift of the year."

    def handle(self, *args, **options):
        started = time.monotonic()
        days, donor_years = totals.rebuild()
        self.stdout.write(
            f"{days} daily totals and {donor_years} donors' years rebuilt "
            f"in {time.monotonic() - started:.1f} s."
        )
