"""The share offering's limits: one person never holds more than the per-investor maximum,
however many bulletins they sign at once and however they spell their email; unpaid
reservations are limited per person and per connection; expired reservations free their shares
before anyone is refused, and freed shares go to those waiting for the numbers they asked."""

import datetime
import shutil
import threading
import unittest

from django.core import mail
from django.db import connection, connections
from django.test import TransactionTestCase, override_settings
from django.test.client import Client
from django.utils import timezone

from wagtail.models import Page, Site

from campagnes.models import ShareAllocation, Subscription, WaitingListEntry
from campagnes.shares import allocation
from home.models import HomePage
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import (
    ANSWERS,
    PRIVATE_ROOT,
    BulletinSteps,
    held_subscription,
    share_offering_page,
)

SIGN = {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
PAST = datetime.timedelta(minutes=-1)


def taken(page) -> int:
    return ShareAllocation.objects.get(page=page).taken


def prepared(page, email: str, shares: int, identity: dict | None = None, client=None):
    """A browser that filled every step of a bulletin up to its signature."""
    steps = BulletinSteps()
    steps.page, steps.client = page, client or Client()
    steps.assertEqual = lambda first, second, msg=None: None
    for slug, data in (
        ("investisseur", ANSWERS["investisseur"]),
        ("identite", {**ANSWERS["identite"], **(identity or {})}),
        ("coordonnees", {**ANSWERS["coordonnees"], "email": email}),
        ("parts", {"shares": str(shares)}),
    ):
        steps.client.post(steps.step_url(slug), data)
    steps.post_documents()
    steps.client.post(steps.step_url("declarations"), ANSWERS["declarations"])
    return steps


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class InvestorLimitTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, min_shares=1)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def sign(self, email: str, shares: int = 5, identity=None, **extra):
        steps = prepared(self.page, email, shares, identity, client=self.client)
        return steps.client.post(steps.step_url("recapitulatif"), SIGN, **extra)

    def test_a_person_is_one_investor_across_email_spellings_and_addresses(self):
        # 45 paid under another address, same birth date and names (accents and case aside).
        held_subscription(
            self.page,
            45,
            "l.bernard@autre.example",
            status="paid",
            first_name="LOUISE",
            last_name="Bérnard",
            birth_date=datetime.date(1980, 5, 17),
        )
        response = self.sign("Louise.Bernard+fonciere@Example.org", shares=10)
        self.assertRedirects(
            response, f"/fr/souscription/{self.page.pk}/parts/", fetch_redirect_response=False
        )
        refused = self.client.get(response["Location"])
        self.assertContains(refused, "vous pouvez encore en prendre 5")
        self.assertFalse(Subscription.objects.filter(status="reserved").exists())
        self.assertEqual(taken(self.page), 45)

    @override_settings(SHARE_OPEN_RESERVATIONS_PER_PERSON=2)
    def test_unpaid_reservations_are_limited_per_person(self):
        for tag in ("a", "b"):
            self.assertIn("/merci/", self.sign(f"louise.bernard+{tag}@example.org")["Location"])
        third = self.sign("LOUISE.BERNARD+c@EXAMPLE.ORG")
        self.assertRedirects(
            third, f"/fr/souscription/{self.page.pk}/recapitulatif/", fetch_redirect_response=False
        )
        self.assertContains(self.client.get(third["Location"]), "en attente de paiement")
        self.assertEqual(Subscription.objects.filter(status="reserved").count(), 2)
        self.assertEqual(taken(self.page), 10)

    @override_settings(SHARE_OPEN_RESERVATIONS_PER_ADDRESS=2)
    def test_unpaid_reservations_are_limited_per_connection(self):
        for n in range(2):
            held_subscription(self.page, 2, f"other{n}@example.org", accepted_ip="203.0.113.9")
        response = self.sign("louise@example.org", REMOTE_ADDR="203.0.113.9")
        self.assertRedirects(
            response,
            f"/fr/souscription/{self.page.pk}/recapitulatif/",
            fetch_redirect_response=False,
        )
        self.assertContains(self.client.get(response["Location"]), "depuis votre connexion")
        self.assertEqual(taken(self.page), 4)
        # Another connection is not concerned.
        self.assertIn(
            "/merci/", self.sign("louise@example.org", REMOTE_ADDR="198.51.100.7")["Location"]
        )

    def test_an_offer_whose_reservations_expired_is_open_without_the_job(self):
        held_subscription(self.page, 100, "a@example.org", reserved_until=timezone.now() + PAST)
        self.assertNotContains(self.client.get(self.page.url), "S’inscrire sur la liste d’attente")
        self.assertIn("/merci/", self.sign("louise@example.org")["Location"])
        self.assertEqual(Subscription.objects.get(email="a@example.org").status, "expired")
        self.assertEqual(taken(self.page), 5)

    def test_the_signature_ends_a_reservation_that_expired_while_the_investor_filled_in(self):
        held_subscription(self.page, 90, "a@example.org", status="paid")
        steps = prepared(self.page, "louise@example.org", 10, client=self.client)
        # Meanwhile someone reserved the last ten shares and let the time run out.
        held_subscription(self.page, 10, "b@example.org", reserved_until=timezone.now() + PAST)
        response = self.client.post(steps.step_url("recapitulatif"), SIGN)
        self.assertIn("/merci/", response["Location"])
        self.assertEqual(Subscription.objects.get(email="b@example.org").status, "expired")
        self.assertEqual(taken(self.page), 100)

    def test_freed_shares_are_pooled_for_the_waiting_list_in_order(self):
        held_subscription(self.page, 88, "paid@example.org", status="paid")
        soon = timezone.now() + datetime.timedelta(minutes=5)
        for n, shares in enumerate((3, 4, 5)):
            held_subscription(self.page, shares, f"r{n}@example.org", reserved_until=soon)
        for email, shares in (("first@example.org", 7), ("second@example.org", 5)):
            WaitingListEntry.objects.create(page=self.page, email=email, name=email, shares=shares)
        WaitingListEntry.objects.create(
            page=self.page, email="third@example.org", name="T", shares=2
        )
        # The first reservation alone (3) covers nobody's ask: kept aside, not put back on offer.
        Subscription.objects.filter(email="r0@example.org").update(reserved_until=timezone.now())
        self.assertEqual(allocation.expire_overdue(), 1)
        self.assertEqual(WaitingListEntry.objects.filter(status="offered").count(), 0)
        self.assertEqual((taken(self.page), self.page.remaining_shares), (100, 0))

        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(allocation.expire_overdue(soon), 2)
        offered = dict(
            WaitingListEntry.objects.values_list("email", "offered_shares").filter(status="offered")
        )
        self.assertEqual(offered, {"first@example.org": 7, "second@example.org": 5})
        self.assertEqual(WaitingListEntry.objects.get(email="third@example.org").status, "waiting")
        self.assertEqual(taken(self.page), 100)
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            ["first@example.org", "second@example.org"],
        )

    def test_a_transfer_is_held_days_and_reminded_once_before_it_lapses(self):
        response = self.sign("louise@example.org")
        subscription = Subscription.objects.get(status="reserved")
        self.assertIn("/merci/", response["Location"])
        held = subscription.reserved_until - subscription.accepted_at
        self.assertEqual(round(held / datetime.timedelta(days=1)), 5)
        mail.outbox.clear()
        self.assertEqual(allocation.remind_transfers(), 0, "not yet: days are left")
        later = subscription.reserved_until - datetime.timedelta(hours=20)
        self.assertEqual(allocation.remind_transfers(later), 1)
        self.assertEqual(allocation.remind_transfers(later), 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(subscription.reference, mail.outbox[0].body)
        self.assertIn("pas encore reçu votre virement", mail.outbox[0].body)


@unittest.skipUnless(connection.vendor == "postgresql", "threads need their own connections")
@override_settings(
    PRIVATE_MEDIA_ROOT=PRIVATE_ROOT,
    SHARE_OPEN_RESERVATIONS_PER_PERSON=100,
    SHARE_OPEN_RESERVATIONS_PER_ADDRESS=100,
    SHARE_DRAFTS_PER_ADDRESS_PER_DAY=1000,  # fifty bulletins from one test address
)
class ConcurrentInvestorTests(TransactionTestCase):
    """One person signs ten bulletins at once, each under another spelling of their email."""

    BULLETINS = 10
    ROUNDS = 5

    def test_ten_bulletins_at_once_never_pass_the_per_investor_maximum(self):
        home = self.home()
        for round_number in range(self.ROUNDS):
            page = share_offering_page(
                home,
                slug=f"fonciere-{round_number}",
                min_shares=1,
                total_shares=1500,
                max_shares_per_investor=200,
            )
            spellings = [
                f"Louise.Bernard+{n}@Example.org" if n % 2 else f"louise.bernard+{n}@EXAMPLE.org"
                for n in range(self.BULLETINS)
            ]
            browsers = [prepared(page, email, 60) for email in spellings]
            outcomes = self.sign_at_once(browsers)
            reserved = Subscription.objects.filter(page=page, status="reserved")
            # 60 + 60 + 60 = 180: a fourth would pass 200, whatever the interleaving.
            self.assertEqual(sum(reserved.values_list("shares", flat=True)), 180, outcomes)
            self.assertEqual(len([url for url in outcomes if "/merci/" in url]), 3)
            self.assertEqual(taken(page), 180)

    def sign_at_once(self, browsers) -> list[str]:
        barrier = threading.Barrier(len(browsers))
        outcomes = []

        def sign(steps):
            try:
                barrier.wait()
                response = steps.client.post(steps.step_url("recapitulatif"), SIGN)
                outcomes.append(response.get("Location") or f"{response.status_code}")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sign, args=(steps,)) for steps in browsers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    def home(self):
        """A home page under a site, on a database another transactional test may have emptied."""
        fr = factories.locale("fr")
        factories.locale("en")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=fr)
        )
        home = factories.publish(root, HomePage(title="Accueil", slug="accueil", locale=fr))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "Test"},
        )
        return home
