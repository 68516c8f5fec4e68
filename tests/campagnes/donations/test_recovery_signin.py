"""The failed-payment email's link: the sign-in page with the email filled in and a `next` that
leads to the monthly gift once signed in. Only a path of this site is followed."""

import re

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from campagnes.models import Plan
from campagnes.models.donations import PlanStatus
from tests import factories
from tests.base import SiteTestCase

SIGN_IN_LINK = re.compile(r"http://testserver(/\S+/\?token=[\w-]+)")
EMAIL = "louise.bernard@example.org"


class NextAfterSignInTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        donor = factories.donor(EMAIL)
        cls.plan = Plan.objects.create(donor=donor, amount_cents=2000, status=PlanStatus.ACTIVE)

    def sign_in_from(self, query: dict):
        login = reverse("campagnes:donor_login")
        page = self.client.get(login, query)
        self.client.post(login, {"email": EMAIL})
        path, token = SIGN_IN_LINK.search(mail.outbox[-1].body).group(1).split("?token=")
        return page, self.client.post(path, {"token": token})

    def test_the_email_is_filled_in_and_the_plan_comes_after_the_link(self):
        target = reverse("campagnes:donor_plan", args=[self.plan.public_id])
        page, response = self.sign_in_from({"email": EMAIL, "next": target})
        self.assertContains(page, f'value="{EMAIL}"')
        self.assertRedirects(response, target, fetch_redirect_response=False)
        # Once only: the next sign-in page, opened bare, leads to the space.
        self.assertRedirects(
            self.client.get(reverse("campagnes:donor_login")),
            reverse("campagnes:donor_space"),
            fetch_redirect_response=False,
        )

    def test_a_signed_in_donor_goes_straight_to_the_plan(self):
        self.sign_in_from({})
        target = reverse("campagnes:donor_plan", args=[self.plan.public_id])
        response = self.client.get(reverse("campagnes:donor_login"), {"next": target})
        self.assertRedirects(response, target, fetch_redirect_response=False)

    def test_another_sites_address_is_never_followed(self):
        for target in (
            "https://evil.example/",
            "//evil.example/fr/",
            "/\\evil.example/",
            "javascript:alert(1)",
        ):
            with self.subTest(target):
                self.client.logout()
                cache.clear()  # three links per email in 15 minutes
                _page, response = self.sign_in_from({"next": target})
                self.assertRedirects(
                    response, reverse("campagnes:donor_space"), fetch_redirect_response=False
                )
