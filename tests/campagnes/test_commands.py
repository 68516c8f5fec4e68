"""The donation commands: January's annual receipts, re-processing and nightly reconciliation."""

import datetime
import io

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from campagnes.choices import Frequency, ReceiptPreference
from campagnes.models import Donor, Gift, Plan, ReconciliationRun, StripeEvent
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.receipts import issue as receipts
from campagnes.stripe import webhooks
from campagnes.stripe.events import incoming
from tests import factories
from tests.base import SiteTestCase
from tests.fakestripe import FakeStripe
from tests.helpers.donations import donor_fields


def donor(email: str, preference=ReceiptPreference.ANNUAL) -> Donor:
    first_name, last_name = email.split("@")[0].split(".")
    return Donor.objects.create(
        email=email,
        first_name=first_name.capitalize(),
        last_name=last_name.capitalize(),
        address="1 rue de la Gare",
        postcode="69001",
        city="Lyon",
        receipt_preference=preference,
    )


def paid_gift(donor: Donor, cents: int, paid_on: datetime.date, **fields) -> Gift:
    paid_at = timezone.make_aware(datetime.datetime.combine(paid_on, datetime.time(10)))
    fields.setdefault("status", GiftStatus.PAID)
    return Gift.objects.create(
        donor=donor, amount_cents=cents, frequency=Frequency.MONTHLY, paid_at=paid_at, **fields
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


class AnnualReceiptTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.year = timezone.localdate().year - 1
        cls.monthly = donor("anne.roux@example.org")
        cls.instalments = [
            paid_gift(cls.monthly, 2000, datetime.date(cls.year, month, 5)) for month in (1, 2, 3)
        ]
        # Receipted on its own before the donor chose one receipt a year.
        cls.receipted = cls.instalments[0]
        receipts.issue_for_gift(cls.receipted)
        cls.receipted.refresh_from_db()
        cls.other = donor("marc.petit@example.org")
        paid_gift(cls.other, 5000, datetime.date(cls.year, 12, 31))
        paid_gift(cls.other, 7000, datetime.date(cls.year, 6, 1), status=GiftStatus.REFUNDED)
        paid_gift(cls.other, 9000, datetime.date(cls.year + 1, 1, 2))

    def test_one_receipt_per_donor_without_the_gifts_already_receipted(self):
        with self.captureOnCommitCallbacks(execute=True):
            output = run("issue_annual_receipts")
        self.assertIn(f"{self.year}: 2 annual receipts issued, 90.00 EUR.", output)

        monthly = self.monthly.receipts.get(is_annual=True)
        self.assertEqual(monthly.amount_cents, 4000)
        self.assertEqual(set(monthly.gifts.all()), {self.instalments[1], self.instalments[2]})
        self.assertEqual(
            (monthly.period_start, monthly.period_end),
            (datetime.date(self.year, 2, 5), datetime.date(self.year, 3, 5)),
        )
        self.receipted.refresh_from_db()
        self.assertFalse(self.receipted.receipt.is_annual)
        other = self.other.receipts.get()
        self.assertEqual(other.amount_cents, 5000)
        self.assertEqual(len(mail.outbox), 2)

    def test_running_it_again_issues_nothing(self):
        run("issue_annual_receipts", "--year", str(self.year))
        receipts_issued = self.monthly.receipts.count() + self.other.receipts.count()
        output = run("issue_annual_receipts", "--year", str(self.year))
        self.assertIn("0 annual receipts issued", output)
        self.assertEqual(
            self.monthly.receipts.count() + self.other.receipts.count(), receipts_issued
        )

    def test_another_year_is_chosen_with_its_option(self):
        output = run("issue_annual_receipts", "--year", str(self.year + 1))
        self.assertIn(f"{self.year + 1}: 1 annual receipts issued, 90.00 EUR.", output)


class StripeEventsCommandTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.donor = donor("lea.morel@example.org", ReceiptPreference.PER_GIFT)
        cls.gift = Gift.objects.create(donor=cls.donor, amount_cents=4000)

    def stored(self, event_id: str, obj, created: int) -> StripeEvent:
        """An event whose processing failed when it arrived, as the webhook view leaves it."""
        return StripeEvent.objects.create(
            event_id=event_id,
            type="checkout.session.completed",
            created=created,
            payload={"id": event_id, "type": "checkout.session.completed", "data": {"object": obj}},
            attempts=1,
            error="OperationalError: could not connect to server",
        )

    def session(self) -> dict:
        return {
            "id": "cs_cmd_1",
            "mode": "payment",
            "payment_status": "paid",
            "payment_intent": "pi_cmd_1",
            "metadata": {"gift_id": str(self.gift.pk)},
        }

    def test_retry_processes_a_stored_failed_event(self):
        event = self.stored("evt_cmd_1", self.session(), 1_790_000_000)
        self.assertIn("evt_cmd_1", run("stripe_events", "--list"))
        with self.captureOnCommitCallbacks(execute=True):
            output = run("stripe_events", "--retry")
        self.assertIn("1 processed, 0 failed.", output)
        event.refresh_from_db()
        self.gift.refresh_from_db()
        self.assertIsNotNone(event.processed_at)
        self.assertEqual((event.attempts, event.error), (2, ""))
        self.assertEqual(self.gift.status, GiftStatus.PAID)
        self.assertIsNotNone(self.gift.receipt)
        self.assertIn("0 unprocessed events.", run("stripe_events", "--list"))

    def test_an_event_that_still_fails_is_reported_and_the_others_processed(self):
        broken = self.stored("evt_cmd_2", "not an object", 1_790_000_000)
        self.stored("evt_cmd_3", self.session(), 1_790_000_001)
        with self.assertRaisesMessage(CommandError, "1 Stripe events still fail."):
            run("stripe_events", "--retry")
        broken.refresh_from_db()
        self.assertIsNone(broken.processed_at)
        self.assertIn("AttributeError", broken.error)
        self.gift.refresh_from_db()
        self.assertEqual(self.gift.status, GiftStatus.PAID)

    def test_an_action_is_required(self):
        with self.assertRaises(CommandError):
            run("stripe_events")


class ReconcileStripeTests(SiteTestCase):
    """The fake delivers nothing (no webhook URL): only reconciliation can learn of payments."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index)

    def setUp(self):
        super().setUp()
        # One fake per test: events of a rolled-back test would name the next test's gift ids.
        self.fake = FakeStripe(webhook_url=None).start()
        self.addCleanup(self.fake.stop)
        settings = override_settings(
            STRIPE_SECRET_KEY="sk_test_x",
            STRIPE_WEBHOOK_SECRET="whsec_test",
            STRIPE_API_BASE=self.fake.url,
        )
        settings.enable()
        self.addCleanup(settings.disable)

    def give(self, **fields) -> str:
        response = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(**fields)}
        )
        self.assertEqual(response.status_code, 302)
        return response["Location"].rsplit("/", 1)[1]

    def reconcile(self) -> str:
        with self.captureOnCommitCallbacks(execute=True):
            return run("reconcile_stripe")

    def test_events_that_never_arrived_are_stored_and_processed(self):
        self.fake.complete_session(self.give(), method="card")
        self.fake.complete_session(self.give(frequency="monthly", email="paul.roy@example.org"))
        self.assertFalse(StripeEvent.objects.exists())

        self.reconcile()
        gift = Gift.objects.get(frequency=Frequency.ONCE)
        self.assertEqual((gift.status, gift.amount_cents), (GiftStatus.PAID, 5000))
        self.assertIsNotNone(gift.receipt)
        plan = Plan.objects.get()
        self.assertEqual(plan.status, PlanStatus.ACTIVE)
        instalment = plan.instalments.get()
        self.assertEqual((instalment.status, instalment.amount_cents), (GiftStatus.PAID, 2000))
        self.assertEqual(self.campaign.progress.raised_cents, 7000)

        events = self.fake.events
        self.assertEqual(
            set(StripeEvent.objects.values_list("event_id", flat=True)),
            {event["id"] for event in events},
        )
        self.assertFalse(StripeEvent.objects.filter(processed_at__isnull=True).exists())
        run_ = ReconciliationRun.objects.get()
        self.assertEqual((run_.listed, run_.processed), (len(events), len(events)))
        self.assertEqual(run_.until, max(event["created"] for event in events))

    def test_events_already_stored_are_skipped_and_a_second_run_adds_nothing(self):
        self.fake.complete_session(self.give(), method="card")
        delivered = self.fake.events[0]
        # The receipt is issued by a task queued once the transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            webhooks.process(webhooks.store(incoming(delivered)))
        first = self.reconcile()
        self.assertIn(f"{len(self.fake.events) - 1} missing", first)
        second = self.reconcile()
        self.assertIn("0 missing, 0 processed, 0 failed.", second)
        runs = ReconciliationRun.objects.order_by("started_at", "pk")
        self.assertEqual([run_.processed for run_ in runs], [len(self.fake.events) - 1, 0])
        self.assertEqual(runs[1].since, runs[0].until - 300)
        self.assertEqual(Gift.objects.get().status, GiftStatus.PAID)
        self.assertEqual(Gift.objects.get().receipt.gifts.count(), 1)
