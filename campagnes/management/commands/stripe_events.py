"""Stored Stripe events that were never processed: list them, or process them again.

An event whose handler failed stays stored with its error; Stripe retries it for three days, and
this command (or the admin's "Process again") runs it once the cause is fixed.
"""

from django.core.management.base import BaseCommand, CommandError

from campagnes.models import StripeEvent
from campagnes.stripe import webhooks


class Command(BaseCommand):
    help = "List or process again the stored Stripe events that were never processed."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--list", action="store_true", help="List unprocessed events.")
        action.add_argument(
            "--retry", action="store_true", help="Process unprocessed events, oldest first."
        )

    def handle(self, *args, **options):
        pending = StripeEvent.objects.filter(processed_at__isnull=True).order_by("created", "id")
        if options["list"]:
            for event in pending:
                self.stdout.write(
                    f"{event.event_id}  {event.type}  attempts: {event.attempts}  {event.error}"
                )
            self.stdout.write(f"{len(pending)} unprocessed events.")
            return

        processed = failed = 0
        for event in pending:
            try:
                if webhooks.process(event):
                    processed += 1
            except Exception as error:  # stored on the event by webhooks.process
                failed += 1
                self.stderr.write(f"{event.event_id} ({event.type}) failed: {error}")
        self.stdout.write(f"{processed} processed, {failed} failed.")
        if failed:
            # A non-zero exit makes cron or the scheduler report it.
            raise CommandError(f"{failed} Stripe events still fail.")
