"""Whole donation flows against the project's fake Stripe server (real HTTP on loopback).

The donor fills the form with Django's test client and is redirected to the fake Checkout; the
fake plays the payer and the bank; its events reach the webhook endpoint signed as Stripe signs
them, posted by these tests so that they can also replay, reorder and forge them.
"""

import json
import time
from unittest import mock

from django.core import mail

from campagnes.models import Gift, Plan, Receipt, StripeEvent
from campagnes.receipts import issue as receipts
from campagnes.stripe import client as stripe_client
from tests.fakestripe import sign_payload
from tests.helpers.donations import rendered_intent
from tests.helpers.payments import SECRET, StripeFlowTestCase


class OneOffGiftTests(StripeFlowTestCase):
    def test_a_card_gift_is_confirmed_counted_thanked_and_receipted(self):
        intent = rendered_intent(self.client, self.campaign.url)
        session = self.give(amount_once="5000", receipt_by_email="on", intent=intent)
        gift = Gift.objects.get()
        self.assertEqual(gift.status, "pending")
        self.fake.complete_session(session, method="card")
        self.deliver_new()

        gift.refresh_from_db()
        self.assertEqual((gift.status, gift.amount_cents, gift.method), ("paid", 5000, "card"))
        progress = self.progress()
        self.assertEqual((progress.raised_cents, progress.donors), (5000, 1))
        receipt = Receipt.objects.get()
        self.assertEqual(receipt.number, f"{receipt.year}-000001")
        self.assertEqual(receipt.amount_cents, 5000)
        subjects = [message.subject for message in mail.outbox]
        self.assertIn("Merci pour votre don de 50\u00a0€", subjects)
        self.assertIn(f"Votre reçu fiscal n° {receipt.number}", subjects)
        attachment = next(m for m in mail.outbox if "reçu" in m.subject).attachments[0]
        self.assertTrue(attachment[1].startswith(b"%PDF"))

        thanks = self.client.get(f"/fr/don/merci/{gift.public_id}/")
        self.assertContains(thanks, "Votre don de 50\u00a0€ est confirmé.")
        # Another browser, knowing the address, sees nothing.
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.client.get(f"/fr/don/merci/{gift.public_id}/").status_code, 404)

    def test_the_thank_you_page_asks_stripe_when_the_webhook_is_late(self):
        session = self.give()
        self.fake.complete_session(session, method="card")  # not delivered yet
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.get(f"/fr/don/merci/{Gift.objects.get().public_id}/")
        self.assertContains(response, "est confirmé")
        self.deliver_new()  # the late webhook changes nothing more
        self.assertEqual(Gift.objects.get().status, "paid")
        self.assertEqual(Receipt.objects.count(), 1)

    def test_a_sepa_gift_awaits_confirmation_then_fails_without_counting(self):
        session = self.give(amount_once="3000")
        self.fake.complete_session(session, method="sepa_debit")
        self.deliver_new()
        gift = self.gift(session)
        self.assertEqual(gift.status, "processing")
        self.assertContains(
            self.client.get(f"/fr/don/merci/{gift.public_id}/"), "en attente de confirmation"
        )
        self.assertEqual(self.progress().raised_cents, 0)

        self.fake.async_payment(session, succeeded=False)
        self.deliver_new()
        gift.refresh_from_db()
        self.assertEqual(gift.status, "failed")
        self.assertEqual(self.progress().raised_cents, 0)
        self.assertFalse(Receipt.objects.exists())

    def test_a_sepa_gift_counts_once_the_debit_succeeds(self):
        session = self.give(amount_once="3000")
        self.fake.complete_session(session, method="sepa_debit")
        self.fake.async_payment(session, succeeded=True)
        self.deliver_new()
        self.assertEqual(self.gift(session).status, "paid")
        self.assertEqual(self.progress().raised_cents, 3000)

    def test_a_refund_cancels_the_receipt_and_the_total(self):
        session = self.give(amount_once="5000")
        self.fake.complete_session(session)
        self.deliver_new()
        gift = self.gift(session)
        stripe_client.client().v1.refunds.create(
            params={"payment_intent": gift.stripe_payment_intent_id}
        )
        self.deliver_new()
        gift.refresh_from_db()
        self.assertEqual((gift.status, gift.refunded_cents), ("refunded", 5000))
        self.assertEqual(self.progress().raised_cents, 0)
        receipt = Receipt.objects.get()
        self.assertIsNotNone(receipt.cancelled_on)  # kept, marked cancelled, never reused

    def test_a_partial_refund_issues_a_corrected_receipt(self):
        session = self.give(amount_once="5000")
        self.fake.complete_session(session)
        self.deliver_new()
        gift = self.gift(session)
        stripe_client.client().v1.refunds.create(
            params={"payment_intent": gift.stripe_payment_intent_id, "amount": 2000}
        )
        self.deliver_new()
        self.assertEqual(self.progress().raised_cents, 3000)
        first, second = Receipt.objects.order_by("sequence")
        self.assertIsNotNone(first.cancelled_on)
        self.assertEqual((second.amount_cents, second.replaces_id), (3000, first.pk))

    def test_a_dispute_takes_the_gift_out_of_the_total(self):
        session = self.give(amount_once="5000")
        self.fake.complete_session(session)
        self.deliver_new()
        intent = stripe_client.retrieve_payment_intent(self.gift(session).stripe_payment_intent_id)
        self.fake.dispute(intent["latest_charge"])
        self.deliver_new()
        self.assertEqual(self.gift(session).status, "disputed")
        self.assertEqual(self.progress().raised_cents, 0)


class MonthlyGiftTests(StripeFlowTestCase):
    def test_three_paid_instalments_then_a_cancellation(self):
        session = self.give(frequency="monthly", amount_monthly="2000")
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        plan = Plan.objects.get()
        self.assertEqual(plan.status, "active")
        for _ in range(2):
            self.fake.next_invoice(plan.stripe_subscription_id)
        self.deliver_new()
        stripe_client.cancel_subscription(plan.stripe_subscription_id)
        self.deliver_new()

        plan.refresh_from_db()
        self.assertEqual(plan.status, "cancelled")
        instalments = plan.instalments.order_by("pk")
        self.assertEqual([(g.status, g.amount_cents) for g in instalments], [("paid", 2000)] * 3)
        progress = self.progress()
        self.assertEqual((progress.raised_cents, progress.donors), (6000, 1))
        # Monthly donors get one receipt a year, by the January command.
        self.assertFalse(Receipt.objects.exists())
        self.assertEqual(len(receipts.issue_annual(instalments[0].paid_at.year)), 1)
        self.assertEqual(Receipt.objects.get().amount_cents, 6000)
        self.assertEqual(len(receipts.issue_annual(instalments[0].paid_at.year)), 0)

    def test_a_new_card_saved_from_the_donor_space_pays_the_next_instalments(self):
        session = self.give(frequency="monthly", amount_monthly="2000")
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        plan = Plan.objects.select_related("donor").get()
        subscription = stripe_client.client().v1.subscriptions.retrieve(plan.stripe_subscription_id)
        old_method = subscription.default_payment_method
        setup_url = stripe_client.create_setup_session(
            plan.donor.stripe_customer_id,
            plan.stripe_subscription_id,
            "http://testserver/ok",
            "http://testserver/ko",
            "fr",
        )
        self.fake.complete_session(setup_url.rsplit("/", 1)[1], method="sepa_debit")
        # The fake adopts the method itself; Stripe leaves that to the site: undo it.
        stripe_client.update_subscription(
            plan.stripe_subscription_id, {"default_payment_method": old_method}, "undo"
        )
        self.deliver_new()  # the donor never came back to the site: the webhook does it
        subscription = stripe_client.client().v1.subscriptions.retrieve(plan.stripe_subscription_id)
        self.assertNotEqual(subscription.default_payment_method, old_method)
        method = stripe_client.client().v1.payment_methods.retrieve(
            subscription.default_payment_method
        )
        self.assertEqual(method.type, "sepa_debit")


class ReplayTests(StripeFlowTestCase):
    """Every flow's events delivered in order, then three more times, then (on new records) in
    reverse order: gifts, plans, totals and valid receipts end the same."""

    def run_flows(self) -> list[dict]:
        start = len(self.fake.events)
        card = self.give(amount_once="5000", email="carte@example.org")
        self.fake.complete_session(card)
        sepa = self.give(amount_once="3000", email="sepa@example.org")
        self.fake.complete_session(sepa, method="sepa_debit")
        self.fake.async_payment(sepa, succeeded=False)
        refunded = self.give(amount_once="3000", email="rembourse@example.org")
        self.fake.complete_session(refunded)
        monthly = self.give(frequency="monthly", amount_monthly="2000", email="mensuel@example.org")
        self.fake.complete_session(monthly)
        subscription = stripe_client.retrieve_checkout_session(monthly)["subscription"]
        self.fake.next_invoice(subscription)
        self.fake.next_invoice(subscription)
        stripe_client.cancel_subscription(subscription)
        intent = stripe_client.retrieve_checkout_session(refunded)["payment_intent"]
        stripe_client.client().v1.refunds.create(params={"payment_intent": intent})
        return self.fake.events[start:]

    def state(self) -> dict:
        return {
            "gifts": sorted(
                (g.donor.email, g.frequency, g.status, g.amount_cents, g.refunded_cents)
                for g in Gift.objects.select_related("donor")
            ),
            "plans": sorted((p.donor.email, p.status, p.amount_cents) for p in Plan.objects.all()),
            "raised": self.progress().raised_cents,
            "valid receipts": sorted(
                (r.donor.email, r.amount_cents)
                for r in Receipt.objects.filter(cancelled_on=None).select_related("donor")
            ),
        }

    EXPECTED = {
        "gifts": sorted(
            [
                ("carte@example.org", "once", "paid", 5000, 0),
                ("sepa@example.org", "once", "failed", 3000, 0),
                ("rembourse@example.org", "once", "refunded", 3000, 3000),
                *[("mensuel@example.org", "monthly", "paid", 2000, 0)] * 3,
            ]
        ),
        "plans": [("mensuel@example.org", "cancelled", 2000)],
        "raised": 5000 + 3 * 2000,
        # One-off gifts get a receipt each; monthly donors' come in January.
        "valid receipts": [("carte@example.org", 5000)],
    }

    def test_events_in_order_then_replayed_three_times(self):
        events = self.run_flows()
        self.delivered += len(events)
        for event in events:
            self.assertEqual(self.post_event(event).status_code, 200, event["type"])
        self.assertEqual(self.state(), self.EXPECTED)
        for _ in range(3):
            for event in events:
                self.assertEqual(self.post_event(event).status_code, 200)
        self.assertEqual(self.state(), self.EXPECTED)
        self.assertEqual(StripeEvent.objects.count(), len(events))

    def test_events_in_reverse_order_three_times(self):
        events = self.run_flows()
        self.delivered += len(events)
        for _ in range(3):
            for event in reversed(events):
                self.assertEqual(self.post_event(event).status_code, 200, event["type"])
        self.assertEqual(self.state(), self.EXPECTED)


class WebhookSignatureTests(StripeFlowTestCase):
    def setUp(self):
        super().setUp()
        session = self.give()
        self.event = self.fake.complete_session(session)[0]

    def assertRefused(self, response):
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())
        self.assertEqual(Gift.objects.get().status, "pending")

    def test_a_missing_signature_is_refused_before_any_write(self):
        body = json.dumps(self.event).encode()
        self.assertRefused(
            self.client.post("/stripe/webhook/", body, content_type="application/json")
        )

    def test_a_forged_signature_is_refused(self):
        self.assertRefused(self.post_event(self.event, secret="whsec_forger"))

    def test_a_tampered_body_is_refused(self):
        body = json.dumps(self.event).encode()
        header = sign_payload(body, SECRET)
        self.event["data"]["object"]["amount_total"] = 1
        self.assertRefused(
            self.client.post(
                "/stripe/webhook/",
                json.dumps(self.event).encode(),
                content_type="application/json",
                headers={"Stripe-Signature": header},
            )
        )

    def test_stale_and_future_signatures_are_refused(self):
        # A minute beyond the tolerance on either side: a loaded machine cannot make it pass.
        margin = stripe_client.SIGNATURE_TOLERANCE + 60
        self.assertRefused(self.post_event(self.event, timestamp=int(time.time()) - margin))
        self.assertRefused(self.post_event(self.event, timestamp=int(time.time()) + margin))

    def test_a_processing_error_answers_500_and_keeps_the_event_for_a_retry(self):
        with mock.patch(
            "campagnes.donations.payments.move", side_effect=RuntimeError("database hiccup")
        ):
            self.assertEqual(self.post_event(self.event).status_code, 500)
        stored = StripeEvent.objects.get()
        self.assertIsNone(stored.processed_at)
        self.assertIn("database hiccup", stored.error)
        self.assertEqual(self.post_event(self.event).status_code, 200)  # Stripe's retry
        self.assertEqual(Gift.objects.get().status, "paid")
