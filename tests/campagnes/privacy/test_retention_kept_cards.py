"""A card Stripe kept for the thank-you page's monthly offer is not kept forever: once
RETENTION_KEPT_CARDS_DAYS passed with no monthly gift made from it, `apply_retention` detaches it
at Stripe and closes the donor's agreement; a card a monthly gift pays with stays."""

import datetime
import io

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from campagnes.choices import ConsentSource
from campagnes.consents import records as consents
from campagnes.models import Consent
from tests.campagnes.donations.test_upsell import KEEP, UpsellTestCase
from tests.campagnes.spaces.test_donor_space import DonorSpaceTestCase


@override_settings(RETENTION_KEPT_CARDS_DAYS=30)
class KeptCardRetentionTests(UpsellTestCase, DonorSpaceTestCase):
    def age(self, consent: Consent, days: int) -> None:
        Consent.objects.filter(pk=consent.pk).update(
            given_at=timezone.now() - datetime.timedelta(days=days)
        )

    def attached(self, gift) -> bool:
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            return self.fake.state.objects[intent["payment_method"]]["customer"] is not None

    def retention(self) -> str:
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        return out.getvalue()

    def test_an_unused_kept_card_is_detached_once_its_period_is_over(self):
        gift = self.paid_gift(keep_card=True)
        consent = consents.standing(gift.donor.email, KEEP)
        self.age(consent, 10)
        self.assertIn("cards kept for a monthly gift never made: 0 deleted", self.retention())
        self.assertTrue(self.attached(gift))
        self.assertContains(self.thanks(gift), "avec la même carte")

        self.age(consent, 31)
        out = self.retention()
        self.assertIn("cards kept for a monthly gift never made: 1 deleted", out)
        self.assertNotIn(gift.donor.email, out)  # counts only
        self.assertFalse(self.attached(gift))
        consent.refresh_from_db()
        self.assertEqual(consent.withdrawn_via, ConsentSource.RETENTION)
        # The thank-you page no longer offers the one click on a card that is gone.
        self.assertNotContains(self.thanks(gift), "avec la même carte")

    def test_a_card_a_monthly_gift_pays_with_is_kept(self):
        gift = self.paid_gift(keep_card=True)
        self.accept(gift)
        consent = consents.standing(gift.donor.email, KEEP)
        self.age(consent, 400)
        self.assertIn("cards kept for a monthly gift never made: 0 deleted", self.retention())
        self.assertTrue(self.attached(gift))
        self.assertIsNone(Consent.objects.get(pk=consent.pk).withdrawn_at)

    def test_the_donor_gives_the_card_back_from_their_space(self):
        gift = self.paid_gift(keep_card=True)
        self.sign_in(gift.donor.email)
        space = self.client.get("/fr/mon-espace/")
        self.assertContains(space, "Autoriser Stripe à conserver ma carte")
        # Never given again from the space: only the donation form that took the card keeps it.
        refused = self.client.post(
            "/fr/mon-espace/consentements/", {"kind": KEEP, "action": "give"}, follow=True
        )
        self.assertContains(
            refused, "Cette modification n’est pas possible\u00a0: rien n’a été changé."
        )
        self.assertTrue(self.attached(gift))

        done = self.client.post(
            "/fr/mon-espace/consentements/", {"kind": KEEP, "action": "withdraw"}, follow=True
        )
        self.assertContains(done, "Stripe ne conserve plus votre carte pour nous.")
        self.assertFalse(self.attached(gift))
        self.assertEqual(Consent.objects.get(kind=KEEP).withdrawn_via, ConsentSource.SPACE)
        self.assertNotContains(self.client.get("/fr/mon-espace/"), "Autoriser Stripe à conserver")
