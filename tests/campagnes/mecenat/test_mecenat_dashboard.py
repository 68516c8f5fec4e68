"""Every figure of the Mécénat dashboard against sums made by hand on a fixed data set.

The data set, on 24 November 2026 (this month: 1–24 November, compared with 1–24 October):

Campaign A (goal 10,000 €), campaign B (goal 5,000 €), gifts to neither (the network).

November, counted:
    g1  Dominique  A  one-off   100 €  card              3 Nov
    g2  Camille    A  one-off    50 €  20 € refunded     5 Nov  → 30 €
    g4  Dominique  B  one-off    40 €                   10 Nov
    g5  Morgan     B  monthly    10 €  (plan p1)         2 Nov
    g6  Sacha      A  one-off   300 €  cheque (offline) 12 Nov
    g7  Claude     —  one-off    25 €                   20 Nov
    g10 Morgan     B  monthly    10 €  (plan p1)        24 Nov, 23:30
    g12 Claude     A  one-off     5 €                    1 Nov, 00:05
November, not counted: g3 200 € refunded, g8 60 € pending, g9 80 € disputed.
October 1–24, counted: h1 Dominique A 70 € (5 Oct), h2 Morgan B monthly 10 € (2 Oct),
    h3 Sacha A 150 € transfer, offline (20 Oct).
Neither period: h4 Camille A 500 € (28 Oct), g11 Alex A 10 € (31 Oct, 23:50).

Monthly gifts: p1 Morgan B 10 € active since September; p2 Sacha B 20 € stopped 15 November;
p3 Claude A 15 € retrying since 30 October; p4 Camille A 50 € paused; p5 Alex A 30 € never paid;
p6 Dominique B 25 € stopped 10 October.

Pledges: received 2,000 € (A, 15 Nov) and 1,000 € (B, 10 Oct); invoiced 5,000 € (A) expected
20 Nov and proposal 700 € expected signed 1 Nov: both overdue; prospect 3,000 € due in December;
declined 400 €.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.mecenat import dashboard
from campagnes.mecenat.periods import Period
from campagnes.models import CampaignPage, Subscription
from campagnes.models.pledges import PledgeStatus
from campagnes.models.shares import SubscriptionStatus
from campagnes.money import format_amount
from campagnes.shares import figures as shares_figures
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.mecenat import MAX_DASHBOARD_QUERIES
from tests.helpers.shares import share_offering_page
from tests.helpers.staff import verified_login

TODAY = datetime.date(2026, 11, 24)
NOVEMBER = Period(datetime.date(2026, 11, 1), TODAY)
OCTOBER = Period(datetime.date(2026, 10, 1), datetime.date(2026, 10, 24))


def at(month: int, day: int, hour: int = 12, minute: int = 0, year: int = 2026):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class DashboardDataTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.campaign_index_page(cls.home)
        cls.a = factories.campaign_page(
            index,
            title="Campagne A",
            goal_cents=1_000_000,
            start_date=datetime.date(2026, 9, 1),
            end_date=datetime.date(2026, 12, 31),
        )
        cls.b = factories.campaign_page(
            index,
            title="Campagne B",
            goal_cents=500_000,
            start_date=datetime.date(2026, 8, 1),
            end_date=None,
        )
        people = {
            name: factories.donor(f"{name}@donateurs.example")
            for name in ("dominique", "camille", "sacha", "morgan", "claude", "alex")
        }
        dominique, camille, sacha, morgan, claude, alex = people.values()
        a, b = cls.a, cls.b
        p1 = factories.plan(morgan, 1000, at(9, 1), campaign=b)
        factories.plan(
            sacha, 2000, at(8, 1), campaign=b, status="cancelled", cancelled_at=at(11, 15)
        )
        factories.plan(claude, 1500, at(10, 30), campaign=a, status="past_due")
        factories.plan(camille, 5000, at(6, 1), campaign=a, status="paused")
        factories.plan(alex, 3000, at(11, 10), campaign=a, status="incomplete")
        factories.plan(
            dominique, 2500, at(5, 1), campaign=b, status="cancelled", cancelled_at=at(10, 10)
        )
        monthly = {"frequency": "monthly", "plan": p1, "campaign": b}
        for donor, cents, paid_at, fields in (
            (dominique, 10000, at(11, 3), {"campaign": a, "method": "card"}),
            (camille, 5000, at(11, 5), {"campaign": a, "refunded_cents": 2000}),
            (alex, 20000, at(11, 6), {"campaign": a, "status": "refunded"}),
            (dominique, 4000, at(11, 10), {"campaign": b}),
            (morgan, 1000, at(11, 2), monthly),
            (sacha, 30000, at(11, 12), {"campaign": a, "is_offline": True, "method": "cheque"}),
            (claude, 2500, at(11, 20), {}),
            (camille, 6000, None, {"campaign": a, "status": "pending"}),
            (alex, 8000, at(11, 8), {"campaign": a, "status": "disputed"}),
            (morgan, 1000, at(11, 24, 23, 30), monthly),
            (claude, 500, at(11, 1, 0, 5), {"campaign": a}),
            (dominique, 7000, at(10, 5), {"campaign": a}),
            (morgan, 1000, at(10, 2), monthly),
            (sacha, 15000, at(10, 20), {"campaign": a, "is_offline": True}),
            (camille, 50000, at(10, 28), {"campaign": a}),
            (alex, 1000, at(10, 31, 23, 50), {"campaign": a}),
        ):
            factories.gift(donor, cents, paid_at, **fields)
        boulangerie = factories.partner("Boulangeries Martin")
        fondation = factories.partner("Fondation du Rhône", siren="")
        for partner, cents, fields in (
            (boulangerie, 200_000, {"campaign": a, "received_on": datetime.date(2026, 11, 15)}),
            (fondation, 100_000, {"campaign": b, "received_on": datetime.date(2026, 10, 10)}),
        ):
            factories.pledge(partner, cents, status=PledgeStatus.RECEIVED, **fields)
        factories.pledge(
            boulangerie,
            500_000,
            campaign=a,
            status=PledgeStatus.INVOICED,
            expected_payment_on=datetime.date(2026, 11, 20),
        )
        factories.pledge(
            boulangerie,
            70_000,
            campaign=a,
            status=PledgeStatus.PROPOSAL,
            expected_signature_on=datetime.date(2026, 11, 1),
        )
        factories.pledge(
            fondation,
            300_000,
            status=PledgeStatus.PROSPECT,
            expected_signature_on=datetime.date(2026, 12, 1),
        )
        factories.pledge(fondation, 40_000, campaign=b, status=PledgeStatus.DECLINED)


class FiguresTests(DashboardDataTestCase):
    def build(self, campaign=None):
        return dashboard.build(NOVEMBER, OCTOBER, campaign.pk if campaign else None, TODAY)

    def test_this_month_is_compared_with_the_same_days_of_the_month_before(self):
        self.assertEqual(dashboard.periods("month", TODAY), (NOVEMBER, OCTOBER))
        year = dashboard.periods("year", TODAY)
        self.assertEqual(
            year,
            (
                Period(datetime.date(2026, 1, 1), TODAY),
                Period(datetime.date(2025, 1, 1), datetime.date(2025, 11, 24)),
            ),
        )
        custom = dashboard.periods(
            "custom", TODAY, datetime.date(2026, 3, 10), datetime.date(2026, 3, 19)
        )
        self.assertEqual(custom[1], Period(datetime.date(2026, 2, 28), datetime.date(2026, 3, 9)))
        # 31 March is compared with the last day of February.
        march = dashboard.periods("month", datetime.date(2026, 3, 31))
        self.assertEqual(march[1].end, datetime.date(2026, 2, 28))

    def test_network_figures_of_both_periods(self):
        totals = self.build().totals
        now, before = totals.current, totals.previous
        self.assertEqual(
            (now.gifts_cents, now.gifts, now.donors, now.average_gift_cents),
            (52_000, 8, 5, 6_500),
        )
        self.assertEqual((now.once_cents, now.monthly_cents), (50_000, 2_000))
        self.assertEqual((now.offline_cents, now.offline_gifts), (30_000, 1))
        self.assertEqual((now.pledges_cents, now.pledges, now.raised_cents), (200_000, 1, 252_000))
        self.assertEqual((now.mrr_cents, now.monthly_donors, now.cancelled_donors), (2_500, 2, 1))

        self.assertEqual(
            (before.gifts_cents, before.gifts, before.donors, before.average_gift_cents),
            (23_000, 3, 3, 7_666),
        )
        self.assertEqual((before.once_cents, before.monthly_cents), (22_000, 1_000))
        self.assertEqual((before.offline_cents, before.offline_gifts), (15_000, 1))
        self.assertEqual((before.pledges_cents, before.raised_cents), (100_000, 123_000))
        self.assertEqual(
            (before.mrr_cents, before.monthly_donors, before.cancelled_donors), (3_000, 2, 1)
        )

    def test_figures_per_campaign(self):
        data = self.build()
        lines = {line.campaign: line.figures.current for line in data.campaigns}
        a, b, other = lines[self.a], lines[self.b], data.other.figures.current
        self.assertEqual(
            (a.gifts_cents, a.gifts, a.donors, a.once_cents, a.monthly_cents),
            (43_500, 4, 4, 43_500, 0),
        )
        self.assertEqual(
            (a.offline_cents, a.pledges_cents, a.raised_cents), (30_000, 200_000, 243_500)
        )
        self.assertEqual((a.mrr_cents, a.monthly_donors, a.cancelled_donors), (1_500, 1, 0))
        self.assertEqual((b.gifts_cents, b.gifts, b.donors, b.monthly_cents), (6_000, 3, 2, 2_000))
        self.assertEqual((b.mrr_cents, b.monthly_donors, b.cancelled_donors), (1_000, 1, 1))
        self.assertEqual((other.gifts_cents, other.donors), (2_500, 1))
        # Someone who gave to A and B is one donor of the network, not two.
        self.assertEqual(a.donors + b.donors + other.donors, 7)
        self.assertEqual(data.totals.current.donors, 5)

    def test_raised_to_date_against_the_goal_counts_received_pledges(self):
        progress = {line.campaign: line.campaign.progress for line in self.build().campaigns}
        # The campaign pages count their donors from the gifts; the dashboard shows none.
        pages = {campaign: CampaignPage.objects.get(pk=campaign.pk) for campaign in progress}
        # A: 100 + 30 + 300 + 5 + 70 + 150 + 500 + 10 € of gifts and a 2,000 € pledge.
        self.assertEqual((progress[self.a].raised_cents, progress[self.a].percent), (316_500, 31))
        self.assertEqual(
            (pages[self.a].progress.raised_cents, pages[self.a].progress.donors), (316_500, 6)
        )
        # B: 40 + 10 + 10 + 10 € and a 1,000 € pledge; Dominique, Morgan and the foundation.
        self.assertEqual((progress[self.b].raised_cents, progress[self.b].percent), (107_000, 21))
        self.assertEqual(
            (pages[self.b].progress.raised_cents, pages[self.b].progress.donors), (107_000, 3)
        )

    def test_a_chosen_campaign_is_the_scope(self):
        data = self.build(self.b)
        self.assertEqual(data.campaign, self.b)
        self.assertEqual(data.scope.current.gifts_cents, 6_000)
        self.assertEqual(data.scope.previous.gifts_cents, 1_000)

    def test_pledges_by_status_and_overdue(self):
        data = self.build()
        stages = {
            stage.status: (stage.pledges, stage.cents, stage.overdue) for stage in data.pipeline
        }
        self.assertEqual(
            stages,
            {
                "prospect": (1, 300_000, 0),
                "proposal": (1, 70_000, 1),
                "signed": (0, 0, 0),
                "invoiced": (1, 500_000, 1),
                "received": (2, 300_000, 0),
                "declined": (1, 40_000, 0),
            },
        )
        self.assertEqual(data.overdue_count, 2)
        self.assertEqual(
            [(pledge.amount_cents, pledge.days_late) for pledge in data.overdue_pledges],
            [(70_000, 23), (500_000, 4)],
        )

    def test_gifts_per_week_and_monthly_revenue_at_each_months_end(self):
        data = self.build()
        self.assertEqual(
            [(week.isoformat(), count, cents) for week, count, cents in data.gifts_by_week],
            [
                ("2026-10-26", 1, 500),
                ("2026-11-02", 3, 14_000),
                ("2026-11-09", 2, 34_000),
                ("2026-11-16", 1, 2_500),
                ("2026-11-23", 1, 1_000),
            ],
        )
        # The monthly gifts running at the end of each month, as the card counts them at the end
        # of the period: Dominique's from May until she stopped on 10 October, Sacha's from
        # August until 15 November, Morgan's from September, Claude's (retrying) from 30
        # October; Camille's is paused, Alex's never started.
        months = {point.month: point.cents for point in data.mrr_by_month}
        self.assertEqual(len(months), 12)
        self.assertEqual(min(months), datetime.date(2025, 12, 1))
        self.assertEqual(
            [months[datetime.date(2026, month, 1)] for month in range(4, 12)],
            [0, 2_500, 2_500, 2_500, 4_500, 5_500, 4_500, 2_500],
        )
        # November is under way: counted on the period's last day, it is the card's figure.
        last = data.mrr_by_month[-1]
        self.assertEqual((last.until, last.cents), (TODAY, data.totals.current.mrr_cents))
        self.assertTrue(all(point.until is None for point in data.mrr_by_month[:-1]))

    def test_raised_over_time_adds_up_day_by_day(self):
        series = dict(dashboard.raised_by_day(self.a, TODAY))
        self.assertEqual(min(series), datetime.date(2026, 9, 1))
        self.assertEqual(max(series), TODAY)
        self.assertEqual(series[datetime.date(2026, 10, 4)], 0)
        # 70 + 150 + 500 €, and 10 € given at 23:50 on the 31st, Paris time.
        self.assertEqual(series[datetime.date(2026, 10, 31)], 73_000)
        self.assertEqual(series[datetime.date(2026, 11, 1)], 73_500)
        self.assertEqual(
            series[datetime.date(2026, 11, 15)], 73_500 + 10_000 + 3_000 + 30_000 + 200_000
        )
        self.assertEqual(series[TODAY], 316_500)

    def test_the_summary_of_the_admin_home_matches(self):
        summary = dashboard.summary(NOVEMBER, OCTOBER, TODAY)
        self.assertEqual(summary.totals.current.raised_cents, 252_000)
        self.assertEqual(summary.totals.current.donors, 5)
        self.assertEqual(summary.totals.current.mrr_cents, 2_500)
        self.assertEqual(summary.overdue, 2)


class DashboardPageTests(DashboardDataTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)

    def get(self, **params):
        # A custom period names its days: the page does not depend on the day the tests run.
        query = {"period": "custom", "start": "2026-11-01", "end": "2026-11-24", **params}
        with translation.override("fr"):
            return self.client.get(reverse("mecenat-dashboard:index"), query)

    def test_figures_charts_and_their_tables_are_shown(self):
        response = self.get()
        self.assertEqual(response.status_code, 200)
        with translation.override("fr"):
            for cents in (252_000, 6_500, 2_500, 30_000, 200_000, 316_500, 1_000_000):
                self.assertContains(response, format_amount(cents))
        self.assertContains(response, "mecenat-chart__svg", count=3)
        self.assertContains(response, 'class="mecenat-chart__goal"')
        self.assertContains(response, "<details", count=3)
        self.assertContains(response, "Campagne A")
        self.assertContains(response, "Boulangeries Martin")  # an overdue pledge's partner

    def test_the_query_count_does_not_grow_with_the_records(self):
        self.get()
        with CaptureQueriesContext(connection) as queries:
            self.get(campaign=self.a.pk)
        self.assertLessEqual(len(queries), MAX_DASHBOARD_QUERIES)
        for n in range(30):
            donor = factories.donor(f"encore.{n}@donateurs.example")
            factories.gift(donor, 1000, at(11, 1 + n % 20), campaign=self.b)
        with CaptureQueriesContext(connection) as more:
            self.get(campaign=self.a.pk)
        self.assertEqual(len(more), len(queries))

    def test_a_bad_period_falls_back_to_this_month_with_a_message(self):
        response = self.get(start="2026-11-30", end="2026-11-01")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "help-critical")
        response = self.get(campaign="not-a-number", period="nonsense")
        self.assertEqual(response.status_code, 200)

    def test_the_admin_home_has_the_month_panel(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("mecenat-dashboard:index"))
        self.assertContains(response, 'id="mecenat-section"')


class OfferingFiguresTests(SiteTestCase):
    def test_shares_subscribed_paid_issued_investors_and_amounts_by_status(self):
        offering = share_offering_page(self.home, total_shares=100)
        for email, status, shares in (
            ("louise@example.org", "paid", 5),
            ("louise@example.org", "issued", 10),
            ("paul@example.org", "approved", 3),
            ("marc@example.org", "reserved", 4),
            ("lea@example.org", "processing", 2),
            ("jo@example.org", "expired", 6),
            ("jo@example.org", "draft", 50),
        ):
            Subscription.objects.create(
                page=offering,
                email=email,
                status=status,
                shares=shares,
                amount_cents=shares * 10_000,
            )
        (offering_figures,) = shares_figures.offerings()
        figures = offering_figures.figures
        # Subscribed: every share held, paid or not (24); paid: paid, approved or issued (18);
        # issued: written in the register (10). Investors are the people holding shares:
        # Louise, Paul, Marc and Léa; Jo's shares expired.
        self.assertEqual(
            (figures.offered, figures.subscribed, figures.paid, figures.issued),
            (100, 24, 18, 10),
        )
        self.assertEqual((figures.awaiting_payment, figures.investors), (6, 4))
        self.assertEqual(figures.subscribed_percent, 24)
        self.assertEqual(offering.figures, figures)
        by_status = {label: rest for label, *rest in offering_figures.by_status}
        self.assertEqual(by_status[SubscriptionStatus.PAID.label], [1, 5, 50_000])
        self.assertEqual(by_status[SubscriptionStatus.EXPIRED.label], [1, 6, 60_000])
        self.assertNotIn(SubscriptionStatus.DRAFT.label, by_status)

        # The Finance totals and the public offering page say the same.
        finance = get_user_model().objects.create_user("tresoriere", password="x")
        finance.groups.add(Group.objects.get(name="Finance"))
        verified_login(self.client, finance)
        totals = self.client.get(reverse("offering_totals"))
        self.assertContains(totals, '<td data-figure="investors">4</td>', html=False)
