"""Ends share reservations whose payment time is up and lapsed waiting-list offers; their shares
go to the waiting list first, then back on offer. Reminds investors whose transfer reservation
lapses soon. Run it every few minutes (cron or a timer)."""

from django.core.management.base import BaseCommand

from campagnes.shares import allocation


class Command(BaseCommand):
    help = "End unpaid share reservations and lapsed waiting-list offers whose time is up."

    def handle(self, *args, **options):
        ended = allocation.expire_overdue()
        reminded = allocation.remind_transfers()
        self.stdout.write(f"{ended} reservation(s) or offer(s) ended, {reminded} reminder(s) sent.")
