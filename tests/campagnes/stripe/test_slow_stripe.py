"""A slow Stripe during a webhook: the call gives up on the configured timeout, the webhook answers
within the worker's time with the event stored for a retry, and the retry completes it."""

import runpy
import time
from io import StringIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

import stripe

from campagnes.choices import GiftStatus, PaymentMethod
from campagnes.models import Gift, StripeEvent
from campagnes.stripe import client as stripe_client
from tests.helpers.payments import StripeFlowTestCase

GUNICORN = runpy.run_path(str(Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"))


def worst_call_seconds(read: float, retries: int) -> float:
    """How long one call may last: every attempt times out, with the back-off between them."""
    attempts = retries + 1
    return attempts * (stripe_client.CONNECT_TIMEOUT + read) + retries * stripe.HTTPClient.MAX_DELAY


class TimeoutSettingsTests(SimpleTestCase):
    def test_one_call_and_a_webhook_end_before_gunicorn_kills_the_worker(self):
        worker = GUNICORN["timeout"]
        call = worst_call_seconds(settings.STRIPE_TIMEOUT, settings.STRIPE_MAX_NETWORK_RETRIES)
        self.assertLess(call, worker)
        self.assertLess(settings.STRIPE_WEBHOOK_BUDGET, worker)

    def test_the_client_uses_the_configured_timeout_and_retries(self):
        with override_settings(STRIPE_TIMEOUT=7, STRIPE_MAX_NETWORK_RETRIES=1):
            client = stripe_client.client()
        self.assertEqual(client._requestor._client._timeout, (2, 7))
        self.assertEqual(client._requestor._options.max_network_retries, 1)

    def test_within_a_deadline_each_call_gets_what_is_left(self):
        with override_settings(STRIPE_TIMEOUT=10, STRIPE_MAX_NETWORK_RETRIES=1):
            with stripe_client.deadline(20):
                read, retries = stripe_client.limits()
                self.assertLessEqual(worst_call_seconds(read, retries), 20)
                self.assertEqual(retries, 1)
            with stripe_client.deadline(4):
                read, retries = stripe_client.limits()
                self.assertEqual(retries, 0, "no time for a second attempt")
                self.assertLessEqual(worst_call_seconds(read, retries), 4)
            with stripe_client.deadline(1), self.assertRaises(stripe_client.ConnectionFailed):
                stripe_client.client()


class SlowStripeWebhookTests(StripeFlowTestCase):
    """A SEPA debit's success: its handler asks Stripe for the day the account was debited."""

    def setUp(self):
        super().setUp()
        session = self.give(email="claire.fontaine@example.org")
        self.fake.complete_session(session, method="sepa_debit", email=None)
        self.deliver_new()
        self.assertEqual(Gift.objects.get().status, GiftStatus.PROCESSING)
        self.fake.async_payment(session, succeeded=True, debit_date="2026-12-01")
        self.event = next(
            event
            for event in self.fake.events[self.delivered :]
            if event["type"] == "checkout.session.async_payment_succeeded"
        )
        self.delivered = len(self.fake.events)
        self.addCleanup(self.fake.answer)

    @override_settings(STRIPE_TIMEOUT=1, STRIPE_MAX_NETWORK_RETRIES=0)
    def test_the_webhook_gives_up_in_time_and_the_retry_completes_the_event(self):
        self.fake.hang()
        timeouts = []
        real = stripe.RequestsClient

        def spy(*args, **kwargs):
            timeouts.append(kwargs.get("timeout"))
            return real(*args, **kwargs)

        started = time.monotonic()
        with mock.patch.object(stripe_client.stripe, "RequestsClient", side_effect=spy):
            response = self.post_event(self.event)
        # The fake would hang for a minute: the webhook gave up on the configured timeout.
        self.assertLess(time.monotonic() - started, GUNICORN["timeout"])
        self.assertEqual(timeouts, [(1, 1)])
        self.assertEqual(response.status_code, 500, "Stripe delivers it again later")

        stored = StripeEvent.objects.get(event_id=self.event["id"])
        self.assertIsNone(stored.processed_at)
        self.assertFalse(stored.refused)
        self.assertEqual(stored.attempts, 1)
        self.assertIn("APIConnectionError", stored.error)
        self.assertNotIn("claire", stored.error)
        self.assertEqual(Gift.objects.get().status, GiftStatus.PROCESSING)
        self.assertIn(self.event["id"], _run("stripe_events", "--list"))

        self.fake.answer()
        with self.captureOnCommitCallbacks(execute=True):
            output = _run("stripe_events", "--retry")
        self.assertIn("1 processed, 0 failed.", output)
        stored.refresh_from_db()
        self.assertIsNotNone(stored.processed_at)
        self.assertEqual((stored.attempts, stored.error), (2, ""))
        gift = Gift.objects.get()
        self.assertEqual((gift.status, gift.method), (GiftStatus.PAID, PaymentMethod.SEPA_DEBIT))
        self.assertEqual(gift.received_on.isoformat(), "2026-12-01")

        # Stripe's own retry then finds the event done.
        self.assertEqual(self.post_event(self.event).status_code, 200)
        self.assertEqual(StripeEvent.objects.get(event_id=self.event["id"]).attempts, 2)

    def test_a_worker_killed_during_the_call_leaves_the_event_stored(self):
        # gunicorn kills a worker past its timeout: nothing after the call runs, the handler's
        # transaction is rolled back, and the event must already be committed.
        with (
            mock.patch.object(stripe_client, "debit_date", side_effect=WorkerKilled),
            self.assertRaises(WorkerKilled),
        ):
            self.post_event(self.event)
        stored = StripeEvent.objects.get(event_id=self.event["id"])
        self.assertIsNone(stored.processed_at)
        self.assertEqual(Gift.objects.get().status, GiftStatus.PROCESSING)
        self.assertIn(self.event["id"], _run("stripe_events", "--list"))

    @override_settings(STRIPE_TIMEOUT=1, STRIPE_MAX_NETWORK_RETRIES=0)
    def test_the_nightly_reconciliation_retries_it_too(self):
        self.fake.hang()
        self.assertEqual(self.post_event(self.event).status_code, 500)
        self.fake.answer()
        with self.captureOnCommitCallbacks(execute=True):
            output = _run("reconcile_stripe")
        self.assertIn("0 failed.", output)
        self.assertIsNotNone(StripeEvent.objects.get(event_id=self.event["id"]).processed_at)
        self.assertEqual(Gift.objects.get().status, GiftStatus.PAID)


class WorkerKilled(BaseException):
    """What a worker past gunicorn's timeout sees: not an Exception anyone catches."""


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()
