"""Nightly reconciliation: process the Stripe events whose webhook never arrived.

Stripe gives up on an endpoint after three days of failures, and a delivery can be lost to a
misconfigured secret or an outage. Stripe's event list is the record: any event created since
the last run that is not stored is stored and processed as if its webhook had arrived. Stored
events that failed or were cut short (a slow Stripe) are run again too.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from campagnes.models import ReconciliationRun, StripeEvent
from campagnes.stripe import client as stripe_client
from campagnes.stripe import webhooks
from campagnes.stripe.events import incoming, storable

FIRST_RUN_SECONDS = 3 * 24 * 3600
# Events created in the last seconds before a run may not be listed yet by then: each run
# looks a little further back, and events already stored are skipped.
OVERLAP_SECONDS = 300


class Command(BaseCommand):
    help = "Store and process the Stripe events created since the last run that never arrived."

    def handle(self, *args, **options):
        last = ReconciliationRun.objects.order_by("-until").first()
        since = last.until - OVERLAP_SECONDS if last else int(time.time()) - FIRST_RUN_SECONDS
        try:
            events = stripe_client.list_events(created_after=since)
        except stripe_client.StripeError as error:
            raise CommandError(f"Stripe's event list could not be read: {error}") from error

        stored = set(
            StripeEvent.objects.filter(event_id__in=[event.id for event in events]).values_list(
                "event_id", flat=True
            )
        )
        for event in events:
            if event.id in stored:
                continue
            # for_json: the payload goes to a JSONField, as a webhook's decoded body would.
            payload = storable(event.to_dict(for_json=True))
            webhooks.store(incoming(payload))
        # The missing events just stored, and the earlier ones that failed, oldest first.
        processed, failures = webhooks.retry(webhooks.pending())
        failed = len(failures)
        for record, error in failures:
            self.stderr.write(f"{record.event_id} ({record.type}) failed: {error}")

        latest = [last.until] if last else [since]
        until = max([*latest, *(event.created for event in events)])
        ReconciliationRun.objects.create(
            since=since, until=until, listed=len(events), processed=processed
        )
        self.stdout.write(
            f"{len(events)} events listed since {since}, {len(events) - len(stored)} missing, "
            f"{processed} processed, {failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} Stripe events failed: see `stripe_events --list`.")
