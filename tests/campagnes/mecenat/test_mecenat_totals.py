"""The totals of paid gifts the dashboard reads: kept equal to a rebuild from the gifts through
every way a gift changes, and the year's donors counted from them as by hand."""

import datetime
import io
import threading
import unittest
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.donations import payments
from campagnes.mecenat import dashboard
from campagnes.models import DonorYear, Gift, GiftDay, totals
from campagnes.models.donations import GiftStatus
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.mecenat import MAX_DASHBOARD_QUERIES
from tests.helpers.staff import verified_login

TODAY = datetime.date(2026, 11, 24)
EVENT = {"type": "test"}


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A moment in Paris (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def tables() -> tuple[list, list]:
    days = GiftDay.objects.values_list(
        "day", "campaign_id", "frequency", "is_offline", "gifts", "net_cents"
    )
    years = DonorYear.objects.values_list("donor_id", "year", "campaign_id", "first_gift_on")
    return sorted(days), sorted(years)


class TotalsTestCase(SiteTestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.campaign_index_page(cls.home)
        cls.a = factories.campaign_page(index, title="Campagne A")
        cls.b = factories.campaign_page(index, title="Campagne B", slug="campagne-b")

    def assert_as_rebuilt(self):
        maintained = tables()
        totals.rebuild()
        self.assertEqual(maintained, tables())


class MaintainedTotalsTests(TotalsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))

    def card_gift(self, donor, cents: int, campaign, paid_at: datetime.datetime) -> Gift:
        """A one-off gift confirmed at `paid_at` by the handler of Stripe's webhook."""
        gift = factories.gift(donor, cents, None, status=GiftStatus.PENDING, campaign=campaign)
        session = {
            "id": f"cs_{gift.pk}",
            "mode": "payment",
            "payment_status": "paid",
            "payment_intent": f"pi_{gift.pk}",
            "metadata": {"gift_id": str(gift.pk)},
        }
        with mock.patch("django.utils.timezone.now", return_value=paid_at):
            payments.checkout_completed(session, {"type": "checkout.session.completed"})
        gift.refresh_from_db()
        return gift

    def test_every_change_of_a_gift_keeps_the_totals_equal_to_a_rebuild(self):
        dominique, camille, sacha, morgan, claude = (
            factories.donor(f"{name}@donateurs.example")
            for name in ("dominique", "camille", "sacha", "morgan", "claude")
        )
        plan = factories.plan(
            claude, 1500, at(2025, 6, 1), campaign=self.b, stripe_subscription_id="sub_claude"
        )
        verified_login(self.client, self.user)

        def step(name):
            return self.subTest(step=name)

        with step("paid at 23:30 on 31 December, Paris time"):
            late = self.card_gift(dominique, 10_000, self.a, at(2025, 12, 31, 23, 30))
            self.assert_as_rebuilt()
            self.assertIn(
                (datetime.date(2025, 12, 31), self.a.pk, "once", False, 1, 10_000), tables()[0]
            )
        with step("paid at 00:30 on 1 January, Paris time: still 31 December in UTC"):
            early = self.card_gift(camille, 5_000, self.a, at(2026, 1, 1, 0, 30))
            self.assertEqual(early.paid_at.astimezone(datetime.UTC).day, 31)
            self.assert_as_rebuilt()
            self.assertIn((camille.pk, 2026, self.a.pk, datetime.date(2026, 1, 1)), tables()[1])
        with step("partial refund"):
            refunded = self.card_gift(sacha, 5_000, self.b, at(2026, 3, 2))
            charge = {"payment_intent": refunded.stripe_payment_intent_id, "amount_refunded": 2000}
            payments.charge_refunded(charge, EVENT)
            self.assert_as_rebuilt()
        with step("full refund"):
            payments.charge_refunded({**charge, "amount_refunded": 5000}, EVENT)
            self.assert_as_rebuilt()
            self.assertFalse(DonorYear.objects.filter(donor=sacha).exists())
        with step("dispute"):
            disputed = self.card_gift(morgan, 8_000, self.a, at(2026, 3, 2))
            payments.charge_disputed({"payment_intent": disputed.stripe_payment_intent_id}, EVENT)
            self.assert_as_rebuilt()
        with step("monthly instalment"):
            invoice = {
                "id": "in_claude_1",
                "status": "paid",
                "amount_paid": 1500,
                "parent": {"subscription_details": {"subscription": plan.stripe_subscription_id}},
            }
            # Paid by card: Stripe names no SEPA debit date for the invoice's payment.
            with (
                mock.patch("django.utils.timezone.now", return_value=at(2026, 3, 2, 8)),
                mock.patch("campagnes.stripe.client.invoice_payment_intent", return_value=None),
            ):
                payments.invoice_settled(invoice, EVENT)
            self.assert_as_rebuilt()
        with step("offline gift"):
            self.client.post(
                reverse("gifts:add"),
                {
                    "email": sacha.email,
                    "receipt_preference": "per_gift",
                    "amount": "300",
                    "method": "cheque",
                    "received_on": "2025-03-02",
                    "campaign": self.a.pk,
                },
            )
            self.assertTrue(Gift.objects.filter(donor=sacha, is_offline=True).exists())
            self.assert_as_rebuilt()
        with step("moved to another campaign"):
            late.campaign = self.b
            late.save()
            self.assert_as_rebuilt()
        with step("saved from an instance loaded before a refund"):
            stale = Gift.objects.get(pk=early.pk)
            payments.charge_refunded(
                {"payment_intent": early.stripe_payment_intent_id, "amount_refunded": 5000}, EVENT
            )
            # Writes back what it loaded (paid, nothing refunded): the totals follow the row.
            stale.note = "Relancée"
            stale.save()
            self.assert_as_rebuilt()
        with step("donors merged"):
            response = self.client.post(
                reverse("donors:merge", args=[dominique.pk]),
                {"same_person": "on", "email": camille.email},
            )
            self.assertEqual(response.status_code, 302)
            self.assert_as_rebuilt()
            self.assertIn((dominique.pk, 2026, self.a.pk, datetime.date(2026, 1, 1)), tables()[1])
        with step("gift deleted"):
            Gift.objects.get(pk=late.pk).delete()
            self.assert_as_rebuilt()
        with step("campaign deleted: its gifts have none"):
            self.b.delete()
            self.assertEqual(Gift.objects.filter(campaign_id=self.b.pk).count(), 0)
            self.assert_as_rebuilt()
        days, years = tables()
        self.assertTrue(days and years)

    def test_a_save_that_changes_nothing_counted_leaves_the_totals_alone(self):
        gift = factories.gift(factories.donor("alex@donateurs.example"), 2000, at(2026, 5, 1))
        before = tables()
        with self.assertNumQueries(1):
            gift.save(update_fields=["stripe_payment_intent_id"])
        gift.note = "Merci"
        gift.save()
        self.assertEqual(tables(), before)

    def test_the_command_rebuilds_the_totals_of_gifts_loaded_around_the_model(self):
        donor = factories.donor("alex@donateurs.example")
        factories.gift(donor, 2000, at(2026, 5, 1), campaign=self.a)
        factories.gift(donor, 3000, at(2025, 5, 1))
        expected = tables()
        # As a SQL import would: the gifts change, the totals do not.
        Gift.objects.update(amount_cents=F("amount_cents") * 2)
        out = io.StringIO()
        call_command("rebuild_gift_totals", stdout=out)
        self.assertRegex(out.getvalue(), r"^2 daily totals and 4 donors' years rebuilt in ")
        self.assertEqual(tables()[1], expected[1])
        self.assertEqual([row[-1] for row in tables()[0]], [6000, 4000])


class YearDonorsTests(TotalsTestCase):
    """This year to 24 November 2026, and 2025 to 24 November.

    2026: Dominique A (1 March) and B (1 June); Camille A (1 January, 00:30 in Paris, still 2025
    in UTC); Morgan B (partly refunded) and A (refunded: not counted); Claude twice to no
    campaign; Alex A on 25 November (after the period).
    2025: Dominique A (1 February) and B (1 December, after the period); Sacha A (24 November,
    23:30) and B (25 November, 00:30: after the period); Camille B (31 December, 23:30).

    Donors, this year: A 2, B 2, no campaign 1, network 4 (Dominique, Camille, Morgan, Claude).
    Last year: A 2 (Dominique, Sacha), B 0, network 2.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        dominique, camille, sacha, morgan, claude, alex = (
            factories.donor(f"{name}@donateurs.example")
            for name in ("dominique", "camille", "sacha", "morgan", "claude", "alex")
        )
        a, b = cls.a, cls.b
        for donor, cents, paid_at, fields in (
            (dominique, 10_000, at(2026, 3, 1), {"campaign": a}),
            (dominique, 4_000, at(2026, 6, 1), {"campaign": b}),
            (camille, 5_000, at(2026, 1, 1, 0, 30), {"campaign": a}),
            (morgan, 6_000, at(2026, 2, 1), {"campaign": b, "refunded_cents": 1_000}),
            (morgan, 9_000, at(2026, 2, 2), {"campaign": a, "status": "refunded"}),
            (claude, 2_500, at(2026, 4, 1), {}),
            (claude, 2_500, at(2026, 5, 1), {}),
            (alex, 7_000, at(2026, 11, 25), {"campaign": a}),
            (dominique, 7_000, at(2025, 2, 1), {"campaign": a}),
            (dominique, 3_000, at(2025, 12, 1), {"campaign": b}),
            (sacha, 15_000, at(2025, 11, 24, 23, 30), {"campaign": a}),
            (sacha, 1_000, at(2025, 11, 25, 0, 30), {"campaign": b}),
            (camille, 2_000, at(2025, 12, 31, 23, 30), {"campaign": b}),
        ):
            factories.gift(donor, cents, paid_at, **fields)

    def test_donors_of_this_year_and_last_year_to_the_same_day(self):
        data = dashboard.build(*dashboard.periods("year", TODAY), today=TODAY)
        lines = {line.campaign: line.figures for line in data.campaigns}
        donors = {
            "A": (lines[self.a].current.donors, lines[self.a].previous.donors),
            "B": (lines[self.b].current.donors, lines[self.b].previous.donors),
            "none": (data.other.figures.current.donors, data.other.figures.previous.donors),
            "network": (data.totals.current.donors, data.totals.previous.donors),
        }
        self.assertEqual(donors, {"A": (2, 2), "B": (2, 0), "none": (1, 0), "network": (4, 2)})
        # 100 + 40 + 50 + 50 (60 − 10 refunded) + 25 + 25 €; last year 70 + 150 €.
        self.assertEqual((data.totals.current.gifts_cents, data.totals.current.gifts), (29_000, 6))
        self.assertEqual(
            (data.totals.previous.gifts_cents, data.totals.previous.gifts), (22_000, 2)
        )

    def test_the_same_days_counted_from_the_gifts_give_the_same_donors(self):
        year, _last_year = dashboard.periods("year", TODAY)
        custom = dashboard.periods("custom", TODAY, year.start, year.end)
        self.assertFalse(dashboard.starts_a_year(custom[1]))
        data = dashboard.build(*custom, today=TODAY)
        lines = {line.campaign: line.figures.current.donors for line in data.campaigns}
        self.assertEqual((lines[self.a], lines[self.b], data.totals.current.donors), (2, 2, 4))

    def test_the_year_page_keeps_to_its_queries(self):
        user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        user.groups.add(Group.objects.get(name=MECENAT_GROUP))
        verified_login(self.client, user)
        url = reverse("mecenat-dashboard:index")
        self.client.get(url, {"period": "year"})
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, {"period": "year", "campaign": self.a.pk})
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), MAX_DASHBOARD_QUERIES)


@unittest.skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL (as in CI)")
class ConcurrentChangesTests(TransactionTestCase):
    def test_gifts_confirmed_and_refunded_at_once_add_up(self):
        donors = [factories.donor(f"donateur{n}@donateurs.example") for n in range(4)]
        day = at(2026, 3, 2)
        pending = [
            factories.gift(donors[n % 4], 1000 + n, None, status=GiftStatus.PENDING)
            for n in range(12)
        ]
        paid = [factories.gift(donors[n % 4], 2000, day) for n in range(8)]
        start = threading.Barrier(len(pending) + len(paid))
        errors = []

        def change(pk, status):
            try:
                start.wait()
                with transaction.atomic():
                    gift = Gift.objects.select_for_update().get(pk=pk)
                    if status == GiftStatus.REFUNDED:
                        gift.refunded_cents = gift.amount_cents
                    gift.paid_at = day
                    gift.advance(status)
                    gift.save()
            except Exception as error:
                errors.append(error)
            finally:
                close_old_connections()
                connection.close()

        threads = [
            threading.Thread(target=change, args=(gift.pk, GiftStatus.PAID)) for gift in pending
        ] + [threading.Thread(target=change, args=(gift.pk, GiftStatus.REFUNDED)) for gift in paid]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(errors, [])
        maintained = tables()
        self.assertEqual(maintained[0], [(day.date(), 0, "once", False, 12, 12 * 1000 + 66)])
        totals.rebuild()
        self.assertEqual(maintained, tables())
