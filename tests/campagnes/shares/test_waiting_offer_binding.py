"""A waiting-list offer's link opens the shares kept aside only to the person it was sent to:
whoever else holds the link is asked for the address and gets nothing without it."""

import datetime

from django.utils import timezone

from campagnes.models import WaitingListEntry
from campagnes.shares.offer_claim import ATTEMPTS_PER_OFFER
from campagnes.shares.session import INVESTOR_KEY
from tests.base import SiteTestCase
from tests.helpers.shares import BulletinSteps, held_subscription, share_offering_page

ASKED = "tapez l’adresse électronique à laquelle elle a été envoyée"


class WaitingOfferBindingTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, min_shares=1)
        # Sold out, but for 5 shares kept for Louise from the waiting list.
        held_subscription(cls.page, cls.page.total_shares, "earlier@example.org", status="paid")
        cls.entry = WaitingListEntry.objects.create(
            page=cls.page,
            email="louise.bernard@example.org",
            name="Louise Bernard",
            shares=5,
            status="offered",
            offered_shares=5,
            offered_until=timezone.now() + datetime.timedelta(hours=72),
        )

    def setUp(self):
        super().setUp()
        self.link = f"/fr/souscription/{self.page.pk}/offre/{self.entry.public_id}/"

    def assertBulletinClosed(self):
        self.assertRedirects(
            self.client.get(self.step_url("investisseur")),
            f"/fr/souscription/{self.page.pk}/liste-attente/",
        )

    def test_the_link_alone_opens_nothing(self):
        response = self.client.get(self.link)
        self.assertContains(response, ASKED)
        self.assertContains(response, "5 parts vous sont réservées")
        self.assertBulletinClosed()

    def test_another_address_is_refused(self):
        response = self.client.post(self.link, {"email": "mallory@example.org"})
        self.assertContains(response, "Ce n’est pas l’adresse à laquelle cette offre a été envoyée")
        self.assertBulletinClosed()

    def test_the_address_it_was_sent_to_opens_the_kept_shares_in_any_spelling(self):
        response = self.client.post(self.link, {"email": "Louise.Bernard+parts@Example.org"})
        self.assertRedirects(response, self.step_url("investisseur"))
        self.assertEqual(self.client.get(self.step_url("investisseur")).status_code, 200)

    def test_guessing_the_address_is_cut_short(self):
        for n in range(ATTEMPTS_PER_OFFER):
            self.client.post(self.link, {"email": f"guess{n}@example.org"})
        response = self.client.post(self.link, {"email": "louise.bernard@example.org"})
        self.assertContains(response, "Trop de tentatives")
        self.assertBulletinClosed()

    def test_the_investor_signed_in_with_that_address_goes_straight_on(self):
        session = self.client.session
        session[INVESTOR_KEY] = "louise.bernard@example.org"
        session.save()
        self.assertRedirects(self.client.get(self.link), self.step_url("investisseur"))
