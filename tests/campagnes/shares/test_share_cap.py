"""The hard cap: never more shares reserved or sold than offered, whatever the concurrency;
expired reservations free their shares, the waiting list first; bad input reserves nothing."""

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


def taken(page) -> int:
    return ShareAllocation.objects.get(page=page).taken


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class CapTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, min_shares=1)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def assertNothingReserved(self, response, message, status_code=200):
        self.assertContains(response, message, status_code=status_code)
        self.assertFalse(Subscription.objects.exclude(status="draft").exists())
        self.assertEqual(ShareAllocation.objects.filter(taken__gt=0).count(), 0)

    # Bad input -------------------------------------------------------------------------------

    def test_zero_negative_and_tampered_share_counts_reserve_nothing(self):
        self.go_to("parts")
        for value, message in (
            ("0", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
            ("-3", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
            ("5abc", "Saisissez un nombre entier."),
            ("10000000000000", "vous pouvez encore en prendre 50"),
        ):
            self.assertNothingReserved(self.post_step("parts", {"shares": value}), message)

    def test_a_minors_birth_date_is_refused(self):
        self.go_to("identite")
        minor = (timezone.localdate() - datetime.timedelta(days=17 * 365)).isoformat()
        response = self.post_step("identite", {**ANSWERS["identite"], "birth_date": minor})
        self.assertNothingReserved(response, "réservée aux personnes majeures")

    def test_a_tampered_price_is_ignored(self):
        self.go_to("recapitulatif")
        self.post_step(
            "recapitulatif",
            {
                "accepted_name": "Louise Bernard",
                "payment_method": "transfer",
                "price_cents": "1",
                "amount_cents": "1",
                "shares": "50",
            },
        )
        subscription = Subscription.objects.get(status="reserved")
        self.assertEqual((subscription.shares, subscription.amount_cents), (5, 50_000))

    def test_a_closed_offer_takes_no_bulletin(self):
        self.go_to("recapitulatif")
        self.page.closes_on = timezone.localdate() - datetime.timedelta(days=1)
        self.page.save_revision().publish()
        response = self.post_step(
            "recapitulatif", {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
        )
        self.assertNothingReserved(response, "ne sont pas ouvertes", status_code=410)

    def test_shares_taken_while_the_investor_signs_send_them_to_the_waiting_list(self):
        self.go_to("recapitulatif")
        held_subscription(self.page, 98, "a@example.org")
        response = self.post_step(
            "recapitulatif", {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
        )
        # Revalidated at signature: 5 shares no longer fit in the 2 left.
        self.assertRedirects(response, self.step_url("parts"))
        self.assertEqual(taken(self.page), 98)

    # Expiry and the waiting list -------------------------------------------------------------

    def test_a_full_offer_offers_the_waiting_list_and_freed_shares_go_to_it_first(self):
        soon = timezone.now() + datetime.timedelta(minutes=5)
        first = held_subscription(
            self.page, 100, "a@example.org", reserved_until=soon, reference="SOUS-AAAAAA"
        )
        self.assertEqual(self.page.status, "full")
        self.assertRedirects(
            self.client.get(self.step_url("investisseur")),
            f"/fr/souscription/{self.page.pk}/liste-attente/",
        )
        self.assertContains(self.client.get(self.page.url), "S’inscrire sur la liste d’attente")
        joined = self.client.post(
            f"/fr/souscription/{self.page.pk}/liste-attente/",
            {"name": "Louise Bernard", "email": "louise@example.org", "shares": "30"},
        )
        self.assertContains(joined, "Vous êtes sur la liste d’attente")
        entry = WaitingListEntry.objects.get()

        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(allocation.expire_overdue(soon), 1)
        first.refresh_from_db()
        self.assertEqual(first.status, "expired")
        entry.refresh_from_db()
        self.assertEqual((entry.status, entry.offered_shares), ("offered", 30))
        # 30 shares held for the list; 70 back on offer.
        self.assertEqual(taken(self.page), 30)
        offer_mail = mail.outbox[-1]
        self.assertEqual(offer_mail.to, ["louise@example.org"])
        link = next(line for line in offer_mail.body.splitlines() if "/offre/" in line)

        # The offer's link opens the bulletin with the held shares; more than held is refused.
        # Only for the address it was sent to (test_waiting_offer_binding.py).
        self.client.post(link.replace("http://testserver", ""), {"email": "louise@example.org"})
        self.go_to("parts")
        refused = self.post_step("parts", {"shares": "31"})
        self.assertContains(refused, "au nombre de 30")
        self.post_step("parts", {"shares": "20"})
        self.post_documents()
        self.post_step("declarations")
        with self.captureOnCommitCallbacks(execute=True):
            self.post_step(
                "recapitulatif", {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
            )
        entry.refresh_from_db()
        self.assertEqual(entry.status, "used")
        self.assertEqual(Subscription.objects.get(status="reserved").shares, 20)
        # The 10 not taken go back on offer: 20 reserved in all.
        self.assertEqual(taken(self.page), 20)

    def test_a_lapsed_offer_goes_to_the_next_in_line(self):
        held_subscription(self.page, 100, "a@example.org")
        for n, email in enumerate(("first@example.org", "second@example.org")):
            WaitingListEntry.objects.create(
                page=self.page,
                email=email,
                name=email,
                shares=5,
                status="offered" if n == 0 else "waiting",
                offered_shares=5 if n == 0 else 0,
                offered_until=timezone.now() - datetime.timedelta(minutes=1) if n == 0 else None,
            )
        with self.captureOnCommitCallbacks(execute=True):
            allocation.expire_overdue()
        statuses = dict(WaitingListEntry.objects.values_list("email", "status"))
        self.assertEqual(statuses, {"first@example.org": "lapsed", "second@example.org": "offered"})


@unittest.skipUnless(connection.vendor == "postgresql", "threads need their own connections")
# Fifty different people from one test address: the per-address reservation limit aside.
@override_settings(
    PRIVATE_MEDIA_ROOT=PRIVATE_ROOT,
    SHARE_OPEN_RESERVATIONS_PER_ADDRESS=100,
    SHARE_DRAFTS_PER_ADDRESS_PER_DAY=1000,
)
class ConcurrentSubscriptionTests(TransactionTestCase):
    """50 investors sign at once for the last 10 shares, each with its own connection."""

    INVESTORS = 50

    def test_exactly_the_last_ten_shares_are_reserved(self):
        page = share_offering_page(self.home(), min_shares=1, total_shares=100)
        held_subscription(page, 90, "earlier@example.org", status="paid")
        clients = []
        for n in range(self.INVESTORS):
            client = Client()
            steps = BulletinSteps()
            steps.page, steps.client = page, client
            steps.assertEqual = lambda first, second, msg=None: None
            answers = {**ANSWERS["coordonnees"], "email": f"investor{n}@example.org"}
            for slug, data in (
                ("investisseur", ANSWERS["investisseur"]),
                # Fifty people: each their own birth date, or the limits would count one investor.
                ("identite", {**ANSWERS["identite"], "birth_date": f"{1950 + n}-05-17"}),
                ("coordonnees", answers),
                ("parts", {"shares": "1"}),
            ):
                client.post(steps.step_url(slug), data)
            steps.post_documents()
            client.post(steps.step_url("declarations"), ANSWERS["declarations"])
            clients.append((client, steps.step_url("recapitulatif")))

        barrier = threading.Barrier(self.INVESTORS)
        outcomes = []

        def sign(client, url):
            try:
                barrier.wait()
                response = client.post(
                    url, {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
                )
                outcomes.append(response["Location"])
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sign, args=pair) for pair in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        reserved = [url for url in outcomes if "/merci/" in url]
        full = [url for url in outcomes if "/liste-attente/" in url]
        self.assertEqual((len(reserved), len(full)), (10, 40))
        self.assertEqual(Subscription.objects.filter(status="reserved").count(), 10)
        self.assertEqual(taken(page), 100)

        # The unpaid reservations expire: their shares can be subscribed again.
        Subscription.objects.filter(status="reserved").update(reserved_until=timezone.now())
        self.assertEqual(allocation.expire_overdue(), 10)
        self.assertEqual(taken(page), 90)
        held_subscription(page, 10, "late@example.org")
        self.assertEqual(taken(page), 100)

    def home(self):
        """A home page under a site, on a database another transactional test may have emptied
        of what Wagtail's migrations create."""
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
