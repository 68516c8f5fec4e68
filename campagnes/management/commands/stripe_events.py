"""Stored Stripe events that were never processed: list them, or process them again.

An event whose handler failed (or was cut short, a slow Stripe past its timeout) stays stored with
its error; Stripe retries it for three days, and this command, the nightly `reconcile_stripe` or
the admin's "Process again" runs it. Refused (malformed) events are listed, never run.
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
        pending = webhooks.pending()
        if options["list"]:
            for event in pending:
                self.stdout.write(
                    f"{event.event_id}  {event.type}  attempts: {event.attempts}  {event.error}"
                )
            self.stdout.write(f"{len(pending)} unprocessed events.")
            refused = StripeEvent.objects.filter(refused=True).count()
            if refused:
                self.stdout.write(f"{refused} refused (malformed) events, never processed.")
            return

        processed, failures = webhooks.retry(pending)
        failed = len(failures)
        for event, error in failures:
            self.stderr.write(f"{event.event_id} ({event.type}) failed: {error}")
        self.stdout.write(f"{processed} processed, {failed} failed.")
        if failed:
            # A non-zero exit makes cron or the scheduler report it.
            raise CommandError(f"{failed} Stripe events still fail.")
