"""Failed monthly payments on the Mécénat dashboard: the donors whose monthly gift lapsed and those
whose payment made good a failure, in the period and with their monthly amounts, beside the
previous period; a lapsed gift counts in the monthly recurring revenue until it lapsed."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from campagnes.demo.permissions import mecenat_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def tile(label: str) -> re.Pattern:
    return re.compile(
        rf'mecenat-tile__label">{label}</span>\s*<strong class="mecenat-tile__value">([^<]+)<'
    )


class RecoveryFiguresTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_user("tresoriere", password="x")
        cls.user.groups.add(mecenat_group())
        donor, plan = factories.donor, factories.plan
        since = at(datetime.date(2026, 6, 1))
        # November: 20 € lapsed on the 10th, 15 € recovered on the 12th (still running), 30 €
        # cancelled by its donor on the 20th; October: 40 € lapsed on the 5th.
        cls.lapsed = plan(
            donor("alex@example.org"),
            2000,
            since,
            status="lapsed",
            lapsed_at=at(datetime.date(2026, 11, 10)),
        )
        plan(
            donor("claude@example.org"),
            1500,
            since,
            recovered_at=at(datetime.date(2026, 11, 12)),
        )
        plan(
            donor("sacha@example.org"),
            3000,
            since,
            status="cancelled",
            cancelled_at=at(datetime.date(2026, 11, 20)),
        )
        plan(
            donor("camille@example.org"),
            4000,
            since,
            status="lapsed",
            lapsed_at=at(datetime.date(2026, 10, 5)),
        )

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)

    def dashboard(self, start: str, end: str) -> str:
        with translation.override("fr"):
            url = reverse("mecenat-dashboard:index")
            query = {"period": "custom", "start": start, "end": end}
            return self.client.get(url, query).text

    def test_lapsed_and_recovered_donors_of_the_period_with_their_monthly_amounts(self):
        html = self.dashboard("2026-11-01", "2026-11-30")
        self.assertEqual(tile("Donateurs mensuels arrêtés").findall(html), ["1"])
        self.assertEqual(tile("Donateurs mensuels rétablis").findall(html), ["1"])
        self.assertIn("20\u00a0€ par mois perdus", html)
        self.assertIn("15\u00a0€ par mois conservés", html)
        # The donor who stopped their gift themselves is not a lapse.
        self.assertIn(
            "1 donateur mensuel arrêté après des paiements refusés (20\u00a0€ par mois).", html
        )
        self.assertIn("1 rétabli après un paiement refusé (15\u00a0€ par mois).", html)
        # October's lapse is the previous period's, and not in this period's list.
        self.assertIn("avant\u00a0: 1", html)
        lapsed_list = html[html.index('id="mecenat-lapsed-section"') :]
        self.assertIn(reverse("plans:inspect", args=[self.lapsed.pk]), lapsed_list)
        self.assertEqual(lapsed_list.count("plans/inspect/"), 1)

    def test_a_lapsed_gift_brings_revenue_until_it_lapsed(self):
        mrr = tile("Revenu mensuel récurrent")
        # On 9 November: 20 € (not lapsed yet), 15 €, 30 €; the 40 € lapsed in October.
        self.assertEqual(mrr.findall(self.dashboard("2026-11-01", "2026-11-09")), ["65\u00a0€"])
        # At the end of November: the 15 € recovered one alone.
        self.assertEqual(mrr.findall(self.dashboard("2026-11-01", "2026-11-30")), ["15\u00a0€"])

    def test_the_link_lists_every_lapsed_monthly_gift(self):
        html = self.dashboard("2026-11-01", "2026-11-30")
        link = f"{reverse('plans:index')}?status=lapsed"
        self.assertIn(f'href="{link}"', html)
        with translation.override("fr"):
            listing = self.client.get(link).text
        self.assertIn("Alex", listing)
        self.assertIn("Camille", listing)
        self.assertNotIn("Claude", listing)
