"""Signed but malformed Stripe events: stored (refused when they cannot be run) and answered at
once, never a 500 that Stripe would retry for days. Also on PostgreSQL, which refuses NUL
characters in text and JSON."""

import json
import time

from campagnes.models import Gift, StripeEvent
from campagnes.models.donations import GiftStatus
from tests.fakestripe import sign_payload
from tests.helpers.payments import SECRET, StripeFlowTestCase


class MalformedEventTests(StripeFlowTestCase):
    def setUp(self):
        super().setUp()
        self.event = self.fake.complete_session(self.give(), method="card")[0]
        self.assertEqual(self.event["type"], "checkout.session.completed")

    def post_raw(self, body: bytes):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                "/stripe/webhook/",
                body,
                content_type="application/json",
                headers={"Stripe-Signature": sign_payload(body, SECRET)},
            )

    def post_changed(self, **changes):
        return self.post_raw(json.dumps({**self.event, **changes}).encode())

    def gift_status(self) -> str:
        return Gift.objects.get().status

    def assertRefusedAndAcknowledged(self, response, reason: str) -> StripeEvent:
        self.assertEqual(response.status_code, 200)
        stored = StripeEvent.objects.get()
        self.assertTrue(stored.refused)
        self.assertIsNone(stored.processed_at)
        self.assertIn(reason, stored.error)
        self.assertEqual(self.gift_status(), GiftStatus.PENDING, "a refused event changes nothing")
        return stored

    def test_nul_characters_are_dropped_and_the_event_applied(self):
        body = json.dumps(self.event).replace(
            '"checkout.session.completed"', '"checkout.session.complet\\u0000ed"'
        )
        # In the id, in a key, in a value: PostgreSQL's jsonb refuses \u0000 anywhere.
        body = body.replace(f'"{self.event["id"]}"', f'"{self.event["id"]}\\u0000"', 1)
        payload = json.loads(body)
        payload["data"]["object"]["metadata"]["note\u0000"] = "a\u0000b"
        response = self.post_raw(json.dumps(payload).encode())
        self.assertEqual(response.status_code, 200)
        stored = StripeEvent.objects.get()
        self.assertEqual(stored.event_id, self.event["id"])
        self.assertEqual(stored.type, "checkout.session.completed")
        self.assertNotIn("\\u0000", json.dumps(stored.payload))
        self.assertEqual(stored.payload["data"]["object"]["metadata"]["note"], "ab")
        self.assertIsNotNone(stored.processed_at)
        self.assertEqual(self.gift_status(), GiftStatus.PAID)

    def test_a_null_type_is_stored_refused_and_a_second_delivery_adds_nothing(self):
        self.assertRefusedAndAcknowledged(self.post_changed(type=None), "no valid event type")
        self.assertEqual(self.post_changed(type=None).status_code, 200)
        self.assertEqual(StripeEvent.objects.count(), 1)

    def test_a_type_that_is_not_text_or_too_long_is_refused(self):
        self.assertRefusedAndAcknowledged(self.post_changed(type=["x"]), "no valid event type")
        StripeEvent.objects.all().delete()
        stored = self.assertRefusedAndAcknowledged(
            self.post_changed(type="checkout." + "a" * 300), "no valid event type"
        )
        self.assertLessEqual(len(stored.type), 100)

    def test_unknown_fields_are_kept_and_ignored(self):
        event = {**self.event, "surprise": {"nested": [1, None, "x"]}, "livemode": "maybe"}
        event["data"] = {**event["data"], "previous_attributes": {"mystery": True}}
        event["data"]["object"] = {**event["data"]["object"], "brand_new_field": {"a": 1}}
        response = self.post_raw(json.dumps(event).encode())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(StripeEvent.objects.get().payload["surprise"]["nested"], [1, None, "x"])
        self.assertEqual(self.gift_status(), GiftStatus.PAID)

    def test_absurd_creation_times_are_refused(self):
        # Far future (beyond a 32-bit column too), negative, before Stripe existed, not a number.
        for created in (10**15, 2**31 + 5, -1, 0, 86_400, "1790000000", 1.5e9, True, None):
            with self.subTest(created=created):
                StripeEvent.objects.all().delete()
                stored = self.assertRefusedAndAcknowledged(
                    self.post_changed(created=created), "no valid creation time"
                )
                self.assertEqual(stored.created, 0)

    def test_a_300_character_id_is_stored_shortened_and_deduplicated(self):
        long_id = "evt_" + "x" * 296
        self.assertEqual(self.post_changed(id=long_id).status_code, 200)
        self.assertEqual(self.post_changed(id=long_id).status_code, 200)
        stored = StripeEvent.objects.get()
        self.assertLessEqual(len(stored.event_id), 255)
        self.assertTrue(stored.event_id.startswith("evt_xxx"))
        self.assertIsNotNone(stored.processed_at)
        self.assertEqual(self.gift_status(), GiftStatus.PAID)
        # Another long id with the same start is another event.
        self.assertEqual(self.post_changed(id=long_id[:-1] + "y").status_code, 200)
        self.assertEqual(StripeEvent.objects.count(), 2)

    def test_a_missing_or_non_text_id_is_stored_refused_under_a_hash_of_the_body(self):
        for event_id in (None, 12, "", "   "):
            with self.subTest(event_id=event_id):
                StripeEvent.objects.all().delete()
                stored = self.assertRefusedAndAcknowledged(
                    self.post_changed(id=event_id), "no event id"
                )
                self.assertTrue(stored.event_id.startswith("no-id-"))

    def test_an_object_that_is_not_an_object_is_refused(self):
        self.assertRefusedAndAcknowledged(
            self.post_changed(data={"object": "cs_123"}), "no data object"
        )
        StripeEvent.objects.all().delete()
        self.assertRefusedAndAcknowledged(self.post_changed(data=[1, 2]), "no data object")

    def test_lone_surrogates_and_nan_are_stored(self):
        body = json.dumps(self.event)
        body = body.replace('"metadata": {', '"metadata": {"odd": "\\ud800x", "n": NaN, ', 1)
        self.assertIn("NaN", body)
        self.assertEqual(self.post_raw(body.encode()).status_code, 200)
        metadata = StripeEvent.objects.get().payload["data"]["object"]["metadata"]
        self.assertEqual((metadata["odd"], metadata["n"]), ("x", None))
        self.assertEqual(self.gift_status(), GiftStatus.PAID)

    def test_a_signed_body_that_is_not_a_json_object_is_refused_without_a_trace(self):
        for body in (b"not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"[" * 100_000):
            with self.subTest(body=body[:10]):
                self.assertEqual(self.post_raw(body).status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())

    def test_a_handler_failing_on_the_content_is_acknowledged_and_kept_for_a_retry(self):
        # A metadata that is not a dictionary: the handler cannot read it, a retry would not.
        event = json.loads(json.dumps(self.event))
        event["data"]["object"]["metadata"] = ["gift_id"]
        response = self.post_raw(json.dumps(event).encode())
        self.assertEqual(response.status_code, 200)
        stored = StripeEvent.objects.get()
        self.assertFalse(stored.refused)
        self.assertIsNone(stored.processed_at)
        self.assertEqual(stored.attempts, 1)
        self.assertIn("Error", stored.error)
        self.assertNotIn("@", stored.error)

    def test_the_timestamp_check_still_comes_first(self):
        body = json.dumps({**self.event, "type": None}).encode()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/stripe/webhook/",
                body,
                content_type="application/json",
                headers={"Stripe-Signature": sign_payload(body, SECRET, int(time.time()) - 900)},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(StripeEvent.objects.exists())
