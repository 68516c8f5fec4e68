"""The Finance screens are legal ones: the share register, the subscriptions and the shareholders
show absolute dates, in the association's time (Europe/Paris) with the zone named, whatever zone
a user chose in their admin profile; and a civility is never part of an investor's name."""

import datetime
import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

from campagnes.demo.permissions import finance_group
from campagnes.models import Shareholder
from campagnes.shares import lifecycle
from campagnes.shares.bulletin import bulletin_for
from tests.base import SiteTestCase
from tests.helpers.shares import held_subscription, share_offering_page
from tests.helpers.staff import verified_login

# 17:41:13 UTC on 15 January is 18:41:13 in Paris (UTC+01:00), 02:41:13 on the 16th in Tokyo.
SIGNED_AT = datetime.datetime(2026, 1, 15, 17, 41, 13, tzinfo=datetime.UTC)
PERSON = {
    "investor_type": "person",
    "civility": "",  # "Prefer not to say"
    "first_name": "Alex",
    "last_name": "Démo",
    "address": "1 rue de l'Exemple",
    "postcode": "69003",
    "city": "Lyon",
    "country": "France",
    "payment_method": "transfer",
}


class LegalDatesTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)
        cls.subscription = held_subscription(
            cls.page,
            5,
            "alex@example.org",
            status="reserved",
            reference="SOUS-ALEX01",
            accepted_at=SIGNED_AT,
            reserved_until=SIGNED_AT + datetime.timedelta(days=10),
            amount_cents=50_000,
            price_cents=10_000,
            risk_warning=cls.page.risk_warning,
            **PERSON,
        )
        # Someone at Finance who set Tokyo in their admin profile.
        cls.user = get_user_model().objects.create_user("finance", password="x")
        cls.user.groups.add(finance_group())
        profile = UserProfile.get_for_user(cls.user)
        profile.current_time_zone = "Asia/Tokyo"
        profile.save()

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)

    def get(self, name: str, *args) -> str:
        with translation.override("fr"):
            return self.client.get(reverse(name, args=args)).text

    def issue(self) -> None:
        subscription = self.subscription
        lifecycle.transfer_received(subscription, SIGNED_AT)
        lifecycle.approve(subscription)
        lifecycle.issue(subscription)

    def test_the_subscription_shows_paris_time_to_the_second_as_the_bulletin(self):
        html = self.get("share-subscriptions:inspect", self.subscription.pk)
        self.assertIn("15/01/2026 18:41:13 (heure de Paris, UTC+01:00)", html)
        self.assertNotIn("02:41", html)
        listing = self.get("share-subscriptions:index")
        self.assertIn("Signé (heure de Paris)", listing)
        self.assertIn(">15/01/2026 18:41</time>", listing)
        self.assertIn(">25/01/2026 18:41</time>", listing)  # reserved until
        self.assertNotIn("w-human-readable-date", listing)

    def test_the_register_and_the_shareholders_show_absolute_dates(self):
        self.issue()
        today = timezone.localdate(timezone=timezone.get_default_timezone())
        for name in ("share-register:index", "shareholders:index"):
            html = self.get(name)
            self.assertIn(f">{today:%d/%m/%Y}</time>", html, name)
            self.assertNotIn("w-human-readable-date", html, name)
            self.assertNotIn("Il y a", html, name)

    def test_a_transfer_received_is_dated_by_the_associations_day(self):
        with translation.override("fr"):
            response = self.client.post(
                reverse("share-subscriptions:transfer", args=[self.subscription.pk]),
                {"received_on": "2026-01-20"},
            )
        self.assertEqual(response.status_code, 302)
        self.subscription.refresh_from_db()
        paid_on = timezone.localdate(self.subscription.paid_at, timezone.get_default_timezone())
        self.assertEqual(paid_on, datetime.date(2026, 1, 20))

    def test_no_civility_in_the_names_of_the_register_and_the_listings(self):
        self.issue()
        holder = Shareholder.objects.get()
        self.assertEqual(holder.name, "Alex Démo")
        for name in ("share-register:index", "shareholders:index", "share-subscriptions:index"):
            html = self.get(name)
            self.assertIn("Alex Démo", html, name)
            self.assertNotIn("préciser Alex", html, name)
        # Ms Bernard's bulletin gives her civility a line of its own.
        self.subscription.civility = "mme"
        self.subscription.first_name, self.subscription.last_name = "Louise", "Bernard"
        lines = dict(bulletin_for(self.page, self.subscription).investor_lines)
        self.assertEqual(lines["Nom"], "Louise Bernard")
        self.assertEqual(lines["Civilité"], "Madame")

    def test_names_written_with_a_civility_are_written_again_without(self):
        self.issue()
        holder = Shareholder.objects.get()
        Shareholder.objects.filter(pk=holder.pk).update(
            name="Je préfère ne pas le préciser Alex Démo"
        )
        migration = importlib.import_module("campagnes.migrations.0014_offering_documents_required")
        migration.names_without_civility(apps, None)
        holder.refresh_from_db()
        self.assertEqual(holder.name, "Alex Démo")
