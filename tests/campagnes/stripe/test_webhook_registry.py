"""The webhook registry: each payable domain registers its own handlers, and a new one plugs in
without touching the others (issue 13). Also the one-release `campagnes.tasks` shim, which tasks
queued before the move are stored by."""

import time
import uuid

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase
from django.utils.module_loading import import_string

from campagnes.models import Gift, StripeEvent
from campagnes.stripe import webhooks
from campagnes.stripe.webhooks import Registry, registry
from tests.helpers.payments import StripeFlowTestCase

# The events the README tells operators to send to the endpoint.
SUBSCRIBED = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "invoice.paid",
    "invoice.payment_failed",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "charge.refunded",
    "charge.dispute.created",
}


class RegistryTests(SimpleTestCase):
    def test_a_claimed_object_goes_to_its_domain_and_the_rest_to_the_fallback(self):
        routes = Registry()
        gifts, tickets = object(), object()
        routes.register("charge.refunded", handler=gifts)
        routes.register(
            "charge.refunded", handler=tickets, claims=lambda o: "ticket" in o["metadata"]
        )
        self.assertIs(routes.handler_for("charge.refunded", {"metadata": {"ticket": "7"}}), tickets)
        self.assertIs(routes.handler_for("charge.refunded", {"metadata": {}}), gifts)
        self.assertIsNone(routes.handler_for("invoice.paid", {"metadata": {}}))

    def test_two_fallbacks_for_one_event_type_are_a_configuration_error(self):
        routes = Registry()
        routes.register("invoice.paid", handler=print)
        with self.assertRaises(ImproperlyConfigured):
            routes.register("invoice.paid", handler=repr)

    def test_every_event_the_endpoint_subscribes_to_has_a_handler(self):
        self.assertEqual(registry.event_types(), SUBSCRIBED)

    def test_share_events_go_to_the_shares_and_the_others_to_donations(self):
        shares = {"metadata": {"share_subscription_id": "3"}}
        handler = registry.handler_for("checkout.session.completed", shares)
        self.assertEqual(handler.__module__, "campagnes.shares.payments")
        handler = registry.handler_for("checkout.session.completed", {"metadata": {"gift_id": "3"}})
        self.assertEqual(handler.__module__, "campagnes.donations.payments")

    def test_tasks_queued_before_the_move_still_find_their_function(self):
        for name, module in (
            ("send_receipt", "campagnes.receipts.tasks"),
            ("update_receipts", "campagnes.receipts.tasks"),
            ("send_gift_confirmation", "campagnes.donations.tasks"),
            ("send_plan_confirmation", "campagnes.donations.tasks"),
            ("send_share_confirmation", "campagnes.shares.tasks"),
            ("send_share_paid", "campagnes.shares.tasks"),
            ("send_share_certificate", "campagnes.shares.tasks"),
            ("send_waiting_list_offer", "campagnes.shares.tasks"),
            ("send_login_link", "campagnes.spaces.tasks"),
        ):
            with self.subTest(name):
                self.assertIs(
                    import_string(f"campagnes.tasks.{name}"), import_string(f"{module}.{name}")
                )


class ThirdPayableThingTests(StripeFlowTestCase):
    """A new kind of payment (an event ticket, say) registers its handler and gets its events
    through the real endpoint, while the donations' handlers never see them."""

    def setUp(self):
        super().setUp()
        self.received = []
        self.claimed = list(registry.claimed["checkout.session.completed"])
        registry.register(
            "checkout.session.completed",
            handler=lambda session, event: self.received.append(session["id"]),
            claims=lambda session: "ticket_id" in (session.get("metadata") or {}),
        )
        self.addCleanup(registry.claimed.__setitem__, "checkout.session.completed", self.claimed)

    def test_its_events_reach_it_and_no_gift_changes(self):
        self.give()
        ticket_session = {
            "id": "cs_test_ticket",
            "object": "checkout.session",
            "mode": "payment",
            "payment_status": "paid",
            "metadata": {"ticket_id": "12", "gift_id": str(Gift.objects.get().pk)},
        }
        event = {
            "id": f"evt_{uuid.uuid4().hex}",
            "object": "event",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {"object": ticket_session},
        }
        self.assertEqual(self.post_event(event).status_code, 200)
        self.assertEqual(self.received, ["cs_test_ticket"])
        self.assertEqual(Gift.objects.get().status, "pending")
        self.assertIsNotNone(StripeEvent.objects.get(event_id=event["id"]).processed_at)
        self.assertIs(webhooks.registry, registry)
