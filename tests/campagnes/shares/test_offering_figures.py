"""One definition for each figure of a share offering: the public page (in both languages), the
Mécénat dashboard and the Finance totals show the same shares subscribed, paid, issued and
available and the same investors, under the same names, in the words of the security (actions
for an ESUS company, parts sociales for a cooperative)."""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from campagnes.demo.permissions import finance_group, mecenat_group
from campagnes.models import WaitingListEntry
from campagnes.shares import allocation
from tests.base import SiteTestCase
from tests.helpers.shares import held_subscription, share_offering_page
from tests.helpers.staff import verified_login

FIGURE = re.compile(r'<(?:dd|td) data-figure="(\w+)">([^<]*)</(?:dd|td)>')


def shown_figures(html: str) -> dict[str, str]:
    """The named figures a page shows, as written on it."""
    return dict(FIGURE.findall(html))


class OfferingFiguresOnEveryScreenTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, total_shares=1500, max_shares_per_investor=200)
        # Louise subscribed twice: one investor. Paul is paid, Marc issued, Léa has not paid
        # yet, and Jo's reservation expired (his shares went back on offer).
        for email, status, shares in (
            ("louise@example.org", "issued", 100),
            ("louise@example.org", "reserved", 20),
            ("paul@example.org", "paid", 7),
            ("marc@example.org", "issued", 3),
            ("lea@example.org", "processing", 5),
        ):
            held_subscription(cls.page, shares, email, status=status)
        held_subscription(cls.page, 9, "jo@example.org", status="expired")
        with transaction.atomic():
            allocation.free(cls.page, 9)
            # Three shares kept for the first person waiting: taken, but nobody's yet.
            entry = WaitingListEntry.objects.create(
                page=cls.page, email="zoe@example.org", name="Zoé", shares=3
            )
            allocation.take(cls.page, 3)
            WaitingListEntry.objects.filter(pk=entry.pk).update(status="offered", offered_shares=3)
        cls.staff = get_user_model().objects.create_user("mecenat-finance", password="x")
        cls.staff.groups.add(mecenat_group(), finance_group())
        cls.english = cls.translate_page(cls.page, {cls.page.title: "Invest in the company"})

    def public(self, page) -> str:
        return self.client.get(page.url).text

    def admin(self, url: str) -> str:
        verified_login(self.client, self.staff)
        with translation.override("fr"):
            return self.client.get(url).text

    def test_the_public_page_the_dashboard_and_the_finance_totals_say_the_same(self):
        expected = {
            "offered": "1\u00a0500",
            "subscribed": "135",
            "paid": "110",
            "issued": "103",
            "available": "1\u00a0362",
            "investors": "4",
        }
        public = self.public(self.page)
        self.assertEqual(shown_figures(public), expected)
        self.assertIn("actions souscrites sur 1\u00a0500 offertes", public)
        self.assertIn("3 autres sont gardées pour les personnes de la liste d’attente.", public)
        dashboard = self.admin(reverse("mecenat-dashboard:index"))
        self.assertEqual(shown_figures(dashboard), expected)
        totals = self.admin(reverse("offering_totals"))
        self.assertEqual(shown_figures(totals), expected)
        for html in (public, dashboard, totals):
            for label in ("Actions souscrites", "Actions payées", "Actions émises"):
                self.assertIn(label, html)
            self.assertNotIn("parts vendues", html)

        # The English page counts its French source's subscriptions, in English words.
        english = self.public(self.english)
        self.assertEqual(
            shown_figures(english), {**expected, "offered": "1,500", "available": "1,362"}
        )
        self.assertIn("<dt>Shares subscribed</dt>", english)
        self.assertIn("shares subscribed of 1,500 offered", english)

    def test_a_cooperative_offers_parts_sociales_on_every_screen(self):
        page = self.page
        page.security_kind = "scic_parts"
        page.save_revision().publish()
        public = self.public(page)
        dashboard = self.admin(reverse("mecenat-dashboard:index"))
        totals = self.admin(reverse("offering_totals"))
        for html in (public, dashboard, totals):
            self.assertIn("Parts sociales souscrites", html)
            self.assertIn("Parts sociales émises", html)
            self.assertNotIn("Actions souscrites", html)
        self.assertIn("parts sociales souscrites sur 1\u00a0500 offertes", public)
        self.assertIn("de 2 à 200 parts sociales par investisseur", public)
