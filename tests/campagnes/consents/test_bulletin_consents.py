"""The bulletin de souscription asks the newsletter consent on its last step, never ticked: it
is recorded once the bulletin is signed, and a bare POST of the box records nothing."""

import re
import shutil

from django.test import override_settings

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents.wordings import WORDINGS
from campagnes.models import Consent, Subscription
from tests.base import SiteTestCase
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, share_offering_page

EMAIL = "louise.bernard@example.org"


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class BulletinConsentTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def test_the_last_step_asks_the_newsletter_consent_unticked(self):
        self.go_to("recapitulatif")
        content = self.client.get(self.step_url("recapitulatif")).text
        box = re.search(r'<input type="checkbox" name="newsletter"[^>]*>', content).group(0)
        self.assertNotIn("checked", box)
        self.assertIn(WORDINGS[ConsentKind.NEWSLETTER].shown("fr"), content)

    def test_a_ticked_box_is_recorded_once_the_bulletin_is_signed(self):
        self.go_to("recapitulatif")
        self.post_step(
            "recapitulatif",
            {"accepted_name": "Louise Bernard", "payment_method": "transfer", "newsletter": "on"},
        )
        self.assertEqual(Subscription.objects.get().status, "reserved")
        consent = Consent.objects.get()
        self.assertEqual(
            (consent.email, consent.kind, consent.source, consent.language),
            (EMAIL, ConsentKind.NEWSLETTER, ConsentSource.BULLETIN, "fr"),
        )
        self.assertEqual(consent.wording, WORDINGS[ConsentKind.NEWSLETTER].shown("fr"))
        self.assertEqual(consent.wording_version, WORDINGS[ConsentKind.NEWSLETTER].version)
        self.assertEqual(consent.source_page, self.page.url)

    def test_left_unticked_nothing_is_recorded(self):
        self.subscribe()
        self.assertEqual(Subscription.objects.get().status, "reserved")
        self.assertFalse(Consent.objects.exists())

    def test_a_refused_signature_records_nothing(self):
        self.go_to("recapitulatif")
        response = self.post_step(
            "recapitulatif",
            {
                "accepted_name": "Quelqu'un d'autre",
                "payment_method": "transfer",
                "newsletter": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Consent.objects.exists())

    def test_the_box_posted_without_the_bulletin_records_nothing(self):
        # No bulletin filled in this session: sent back to its first step, nothing kept.
        response = self.post_step(
            "recapitulatif",
            {"accepted_name": "Louise Bernard", "payment_method": "transfer", "newsletter": "on"},
        )
        self.assertRedirects(response, self.step_url("investisseur"))
        self.assertFalse(Consent.objects.exists())
        self.assertFalse(Subscription.objects.exists())
