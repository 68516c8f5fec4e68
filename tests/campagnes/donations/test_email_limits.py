"""The per-email limits count one mailbox, whatever its spelling: `+tag` variants, capitals and
Gmail's dots share the limit of the checkouts and of the sign-in links."""

from django.conf import settings

from campagnes.models import Gift, LoginToken
from tests.campagnes.spaces.test_donor_space import DonorSpaceTestCase, donor
from tests.helpers.donations import donor_fields
from tests.helpers.payments import StripeFlowTestCase

REFUSED = "Trop de tentatives en peu de temps"
SPELLINGS = [
    "louise.bernard@gmail.com",
    "louise.bernard+don@gmail.com",
    "Louise.Bernard+encore@GMail.com",
    "louisebernard+autre@googlemail.com",
]


class CheckoutEmailLimitTests(StripeFlowTestCase):
    def test_tag_variants_share_one_checkout_limit(self):
        with self.settings(CHECKOUT_LIMIT_PER_EMAIL=3):
            answers = [
                self.client.post(
                    "/fr/don/", {"page": self.campaign.pk, **donor_fields(email=email)}
                )
                for email in SPELLINGS
            ]
        self.assertEqual([answer.status_code for answer in answers], [302, 302, 302, 200])
        self.assertContains(answers[-1], REFUSED)
        self.assertEqual(Gift.objects.count(), 3)

    def test_another_mailbox_keeps_its_own_limit(self):
        with self.settings(CHECKOUT_LIMIT_PER_EMAIL=1):
            first = self.client.post("/fr/don/", {"page": self.campaign.pk, **donor_fields()})
            other = self.client.post(
                "/fr/don/",
                {"page": self.campaign.pk, **donor_fields(email="paul.martin@example.org")},
            )
        self.assertEqual((first.status_code, other.status_code), (302, 302))


class SignInLinkEmailLimitTests(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.donor = donor("louise.bernard@gmail.com")

    def test_tag_variants_share_one_link_limit(self):
        answers = [
            self.request_link(email)
            for email in SPELLINGS[: settings.SIGN_IN_LINK_LIMIT_PER_EMAIL + 1]
        ]
        for answer in answers[:-1]:
            self.assertContains(answer, "un lien de connexion est en route")
        self.assertContains(answers[-1], REFUSED)
        # Refused before any link is made: the mailbox gets no fourth email.
        self.assertEqual(LoginToken.objects.filter(email=SPELLINGS[-1]).count(), 0)
