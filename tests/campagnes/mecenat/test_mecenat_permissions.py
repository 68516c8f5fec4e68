"""Who sees what: Communication edits pages and sees no donor data; Mécénat sees donors, pledges
and exports; Finance sees subscriptions and the register. Direct URLs included."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import StreamingHttpResponse
from django.urls import reverse

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Subscription
from home.demo.permissions import communication_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import share_offering_page
from tests.helpers.staff import verified_login

FINANCE_GROUP = "Finance"


class BoundaryTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index)
        offering = share_offering_page(cls.home)
        cls.subscription = Subscription.objects.create(
            page=offering,
            status="paid",
            first_name="Louise",
            last_name="Investisseuse",
            email="louise@example.org",
            shares=5,
            amount_cents=50_000,
        )
        cls.donor = factories.donor("jeanne.martin@example.org")
        cls.other = factories.donor("jeanne.m@example.org", first_name="Jeanne", last_name="Martin")
        factories.gift(cls.donor, 5000, None, status="pending", campaign=cls.campaign)
        cls.partner = factories.partner("Boulangeries Martin")
        cls.pledge = factories.pledge(cls.partner, 100_000, campaign=cls.campaign)
        User = get_user_model()
        communication = communication_group()
        cls.users = {}
        for name, group in (
            ("communication", communication),
            ("mecenat", Group.objects.get(name=MECENAT_GROUP)),
            ("finance", Group.objects.get(name=FINANCE_GROUP)),
        ):
            cls.users[name] = User.objects.create_user(name, f"{name}@example.org")
            cls.users[name].groups.add(group)

    def mecenat_urls(self) -> list[str]:
        """The Mécénat area added by issue 6, reads and writes."""
        return [
            reverse("mecenat-dashboard:index"),
            reverse("mecenat-declaration:index"),
            reverse("partners:index"),
            reverse("partners:add"),
            reverse("partners:inspect", args=[self.partner.pk]),
            reverse("partners:edit", args=[self.partner.pk]),
            reverse("pledges:index"),
            reverse("pledges:add"),
            reverse("pledges:inspect", args=[self.pledge.pk]),
            reverse("pledges:edit", args=[self.pledge.pk]),
            reverse("donors:inspect", args=[self.donor.pk]),
            reverse("donors:merge", args=[self.donor.pk]),
            f"{reverse('gifts:index')}?export=csv",
            f"{reverse('donors:index')}?export=xlsx",
            f"{reverse('pledges:index')}?export=csv",
        ]

    def finance_urls(self) -> list[str]:
        return [
            reverse("share-subscriptions:index"),
            reverse("share-subscriptions:inspect", args=[self.subscription.pk]),
            reverse("share-register:index"),
        ]

    def export(self, dataset: str):
        return self.client.get(
            reverse("mecenat-exports:index"),
            {"download": "1", "dataset": dataset, "file_format": "csv"},
        )

    def assertRefused(self, url: str, method: str = "get"):
        response = getattr(self.client, method)(url)
        self.assertIn(response.status_code, (302, 403), url)
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"), url)
        self.assertNotIsInstance(response, StreamingHttpResponse)
        self.assertNotIn(b"Martin", response.content)
        self.assertNotIn(b"Investisseuse", response.content)


class CommunicationTests(BoundaryTestCase):
    def setUp(self):
        super().setUp()
        verified_login(self.client, self.users["communication"])

    def test_sees_no_donor_data_by_menu_or_by_url(self):
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(home.status_code, 200)
        for url in (reverse("mecenat-dashboard:index"), reverse("pledges:index")):
            self.assertNotContains(home, url)
        self.assertNotContains(home, 'id="mecenat-section"')
        for url in [*self.mecenat_urls(), *self.finance_urls(), reverse("mecenat-exports:index")]:
            with self.subTest(url=url):
                self.assertRefused(url)
                self.assertRefused(url, "post")

    def test_still_edits_pages(self):
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.campaign.pk]))
        self.assertEqual(edit.status_code, 200)
        self.assertFalse(self.users["communication"].has_perm("campagnes.view_donor"))


class MecenatTests(BoundaryTestCase):
    def setUp(self):
        super().setUp()
        verified_login(self.client, self.users["mecenat"])

    def test_sees_donors_pledges_and_exports(self):
        for url in self.mecenat_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        page = self.client.get(reverse("mecenat-exports:index"))
        self.assertContains(page, 'value="gifts"')
        self.assertContains(page, 'value="pledges"')
        self.assertNotContains(page, 'value="subscriptions"')
        self.assertIsInstance(self.export("gifts"), StreamingHttpResponse)

    def test_sees_no_subscription_nor_the_register(self):
        for url in self.finance_urls():
            with self.subTest(url=url):
                self.assertRefused(url)
        response = self.export("subscriptions")
        self.assertEqual(response.status_code, 200)
        self.assertNotIsInstance(response, StreamingHttpResponse)
        self.assertNotContains(response, "louise@example.org")
        user = self.users["mecenat"]
        self.assertFalse(user.has_perm("campagnes.view_subscription"))
        self.assertFalse(user.has_perm("campagnes.view_sharemovement"))

    def test_the_dashboard_shows_the_offering_in_figures_only(self):
        dashboard = self.client.get(reverse("mecenat-dashboard:index"))
        self.assertContains(dashboard, "Souscrivez au capital")
        self.assertNotContains(dashboard, "Investisseuse")


class FinanceTests(BoundaryTestCase):
    def setUp(self):
        super().setUp()
        verified_login(self.client, self.users["finance"])

    def test_sees_subscriptions_and_the_register(self):
        user = self.users["finance"]
        for permission in ("view_subscription", "view_shareholder", "view_sharemovement"):
            self.assertTrue(user.has_perm(f"campagnes.{permission}"), permission)
        for url in self.finance_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        response = self.export("subscriptions")
        self.assertIn(b"louise@example.org", b"".join(response.streaming_content))

    def test_sees_no_donor_data(self):
        for permission in ("view_donor", "view_gift", "view_pledge", "view_partner"):
            self.assertFalse(self.users["finance"].has_perm(f"campagnes.{permission}"))
        for url in [*self.mecenat_urls()]:
            with self.subTest(url=url):
                self.assertRefused(url)
        page = self.client.get(reverse("mecenat-exports:index"))
        self.assertContains(page, 'value="subscriptions"')
        self.assertNotContains(page, 'value="gifts"')
        for dataset in ("gifts", "donors", "pledges", "receipts"):
            with self.subTest(dataset=dataset):
                response = self.export(dataset)
                self.assertNotIsInstance(response, StreamingHttpResponse)
                self.assertNotContains(response, "jeanne.martin@example.org")
