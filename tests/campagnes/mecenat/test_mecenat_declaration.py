"""The yearly declaration of article 222 bis of the CGI: receipts and their total per year of the
gifts, individuals and companies apart."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Receipt
from campagnes.money import format_amount
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login


class DeclarationTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        person = factories.donor("jeanne.martin@example.org")
        company = factories.donor("rse@boulangerie.example", company_name="Boulangerie")
        receipts = {}
        # number, donor, kind, cents, gift date or annual period, issued on, cancelled on
        for n, (donor, kind, cents, when, issued_on, cancelled_on) in enumerate(
            (
                (person, "individual", 10_000, datetime.date(2025, 5, 1), None, None),
                # An annual receipt made in January belongs to the year of its gifts.
                (person, "individual", 30_000, (2025, 1, 1, 2025, 12, 31), (2026, 1, 15), None),
                (company, "company", 200_000, datetime.date(2025, 9, 10), None, None),
                (person, "individual", 8_000, datetime.date(2025, 6, 1), None, (2025, 7, 1)),
                (person, "individual", 6_000, datetime.date(2025, 6, 1), None, None),
                (person, "individual", 5_000, datetime.date(2026, 2, 1), None, None),
            ),
            start=1,
        ):
            annual = isinstance(when, tuple)
            issued = datetime.date(*issued_on) if issued_on else (when if not annual else None)
            receipts[n] = Receipt.objects.create(
                number=f"{issued.year}-{n:06d}",
                year=issued.year,
                sequence=n,
                kind=kind,
                donor=donor,
                is_annual=annual,
                period_start=datetime.date(*when[:3]) if annual else None,
                period_end=datetime.date(*when[3:]) if annual else None,
                gift_date=None if annual else when,
                amount_cents=cents,
                issued_on=issued,
                method="Chèque",
                first_name=donor.first_name,
                last_name=donor.last_name,
                company_name=donor.company_name,
                address="3 rue des Lilas\n69001 Lyon",
                cancelled_on=datetime.date(*cancelled_on) if cancelled_on else None,
                replaces=receipts.get(4) if n == 5 else None,
            )
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))

    def test_totals_per_year_of_the_gifts_individuals_and_companies_apart(self):
        verified_login(self.client, self.user)
        with translation.override("fr"):
            response = self.client.get(reverse("mecenat-declaration:index"))
        years = {year["year"]: year for year in response.context["years"]}
        self.assertEqual(list(years), [2026, 2025])
        # 2025: 100 + 300 (annual, issued in 2026) + 60 € (the corrected receipt, not the one it
        # cancelled) for people; 2,000 € for the company.
        self.assertEqual(years[2025]["individual"], (3, 46_000))
        self.assertEqual(years[2025]["company"], (1, 200_000))
        self.assertEqual(years[2025]["total"], (4, 246_000))
        self.assertEqual(years[2026]["individual"], (1, 5_000))
        self.assertEqual(years[2026]["company"], (0, 0))
        with translation.override("fr"):
            self.assertContains(response, format_amount(246_000))
        self.assertContains(response, "222 bis")
