"""Monthly recurring revenue is one quantity: what the monthly gifts running at a moment bring in a
month. The dashboard's card, its chart (at the end of each month, the month under way to the
period's last day, marked as such), the chart's table and the admin home's panel show the same
figure."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from campagnes.demo.permissions import mecenat_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login

MRR_TILE = re.compile(
    r'mecenat-tile__label">Revenu mensuel récurrent</span>\s*'
    r'<strong class="mecenat-tile__value">([^<]+)</strong>'
)
LAST_VALUE = re.compile(r'<text class="mecenat-chart__value"[^>]*>([^<]+)</text>')
ROW = re.compile(r"<tr><th scope=\"row\">([^<]+)</th><td>([^<]+)</td></tr>")


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class MonthlyRevenueTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_user("tresoriere", password="x")
        cls.user.groups.add(mecenat_group())

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)

    def plans(self, first: datetime.date) -> None:
        """Relative to `first`, the first day of the month shown: 30 € a month since three
        months, 20 € stopped on its 15th, 15 € retrying since its 3rd, 50 € paused."""
        donor = factories.donor
        before = first - datetime.timedelta(days=80)
        factories.plan(donor("alex@example.org"), 3000, at(before))
        factories.plan(
            donor("sacha@example.org"),
            2000,
            at(before),
            status="cancelled",
            cancelled_at=at(first + datetime.timedelta(days=14)),
        )
        factories.plan(
            donor("claude@example.org"),
            1500,
            at(first + datetime.timedelta(days=2)),
            status="past_due",
        )
        factories.plan(donor("camille@example.org"), 5000, at(before), status="paused")

    def dashboard(self, **query) -> str:
        with translation.override("fr"):
            return self.client.get(reverse("mecenat-dashboard:index"), query).text

    def mrr_chart(self, html: str) -> str:
        return html[html.index('id="mrr-title"') :]

    def test_the_card_the_chart_and_its_table_show_the_same_revenue(self):
        self.plans(datetime.date(2026, 11, 1))
        html = self.dashboard(period="custom", start="2026-11-01", end="2026-11-24")
        # 30 € and 15 € a month run on 24 November; the 20 € stopped on the 15th.
        self.assertEqual(MRR_TILE.findall(html), ["45\u00a0€"])
        chart = self.mrr_chart(html)
        self.assertEqual(LAST_VALUE.search(chart).group(1), "45\u00a0€ (au 24 nov.)")
        rows = dict(ROW.findall(chart[: chart.index("</table>")]))
        self.assertEqual(rows["novembre 2026, au 24 novembre"], "45\u00a0€")
        # At the end of October, the 30 € and the 20 € were running; the 15 € had not started.
        self.assertEqual(rows["octobre 2026"], "50\u00a0€")
        self.assertEqual(rows["juillet 2026"], "0\u00a0€")

    def test_a_period_ending_with_its_month_is_not_marked_partial(self):
        self.plans(datetime.date(2026, 10, 1))
        html = self.dashboard(period="custom", start="2026-10-01", end="2026-10-31")
        self.assertEqual(MRR_TILE.findall(html), ["45\u00a0€"])
        chart = self.mrr_chart(html)
        self.assertEqual(LAST_VALUE.search(chart).group(1), "45\u00a0€")
        self.assertIn('<th scope="row">octobre 2026</th><td>45\u00a0€</td>', chart)

    def test_this_month_on_the_dashboard_and_on_the_admin_home(self):
        self.plans(timezone.localdate().replace(day=1) - datetime.timedelta(days=20))
        html = self.dashboard()
        (card,) = MRR_TILE.findall(html)
        last = LAST_VALUE.search(self.mrr_chart(html)).group(1)
        self.assertTrue(last.startswith(f"{card} (au "), last)
        with translation.override("fr"):
            home = self.client.get(reverse("wagtailadmin_home")).text
        self.assertEqual(MRR_TILE.findall(home), [card])
