"""Consents given on the donation form: recorded in the words the donor read, only for the boxes
they ticked themselves, only from a form the site rendered, and never withdrawn by omission."""

import re

from django.core import mail

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records
from campagnes.consents.wordings import WORDINGS
from campagnes.models import Consent, Donor, Gift
from campagnes.receipts import posting
from tests import factories
from tests.helpers.donations import donor_fields, rendered_intent
from tests.helpers.payments import StripeFlowTestCase

EMAIL = "louise.bernard@example.org"


class DonationFormConsentTests(StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.campaign_en = cls.translate_page(cls.campaign)

    def give_from_page(self, language="fr", **fields) -> str:
        """Opens the campaign page, then sends its form as the donor filled it in."""
        page = self.campaign if language == "fr" else self.campaign_en
        action = "/fr/don/" if language == "fr" else "/en/donation/"
        intent = rendered_intent(self.client, page.url)
        response = self.client.post(
            action, {"page": page.pk, **donor_fields(intent=intent, **fields)}
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        return response["Location"].rsplit("/", 1)[1]

    def test_the_boxes_show_the_recorded_words_and_are_never_ticked_in_advance(self):
        content = self.client.get(self.campaign.url).text
        for name, kind in (("newsletter", "newsletter"), ("receipt_by_email", "receipts_by_email")):
            box = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', content).group(0)
            self.assertNotIn("checked", box)
            self.assertIn(WORDINGS[kind].shown("fr"), content)
        self.assertIn("Recevoir mon reçu fiscal par e-mail", content)
        self.assertIn("votre reçu vous est envoyé par courrier", content)

    def test_each_ticked_box_is_recorded_with_its_words_version_page_and_language(self):
        self.give_from_page(newsletter="on", receipt_by_email="on")
        donor = Donor.objects.get(email=EMAIL)
        self.assertTrue(donor.newsletter and donor.receipt_by_email)
        for kind in (ConsentKind.NEWSLETTER, ConsentKind.RECEIPTS_BY_EMAIL):
            consent = Consent.objects.get(email=EMAIL, kind=kind)
            self.assertEqual(consent.wording, WORDINGS[kind].shown("fr"))
            self.assertEqual(consent.wording_version, WORDINGS[kind].version)
            self.assertEqual(
                (consent.language, consent.source, consent.source_page, consent.donor),
                ("fr", ConsentSource.DONATION_FORM, self.campaign.url, donor),
            )
            self.assertIsNone(consent.withdrawn_at)

    def test_in_english_the_english_words_are_recorded(self):
        self.give_from_page("en", newsletter="on")
        consent = Consent.objects.get(email=EMAIL)
        self.assertEqual(consent.language, "en")
        self.assertEqual(consent.wording, "I would like news of the places (about once a month)")
        self.assertEqual(consent.source_page, self.campaign_en.url)
        self.assertTrue(consent.source_page.startswith("/en/"))

    def test_unticked_boxes_record_nothing_and_receipts_go_by_post(self):
        session = self.give_from_page()
        self.assertFalse(Consent.objects.exists())
        donor = Donor.objects.get(email=EMAIL)
        self.assertEqual((donor.newsletter, donor.receipt_by_email), (False, False))
        # Paid: the confirmation says the receipt is posted, no receipt is emailed, and the
        # receipt waits on the staff's list of receipts to post.
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        gift = Gift.objects.get()
        self.assertEqual([m.subject for m in mail.outbox], ["Merci pour votre don de 50\u00a0€"])
        self.assertIn("Votre reçu fiscal vous sera envoyé par courrier.", mail.outbox[0].body)
        self.assertEqual(list(posting.to_post()), [gift.receipt])
        thanks = self.client.get(f"/fr/don/merci/{gift.public_id}/")
        self.assertContains(thanks, "Votre reçu fiscal vous sera envoyé par courrier")

    def test_a_donor_s_standing_consent_is_not_withdrawn_by_leaving_the_box_unticked(self):
        donor = factories.donor(EMAIL, newsletter=False, receipt_by_email=False)
        records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.SPACE, donor=donor)
        self.give_from_page()
        donor.refresh_from_db()
        self.assertTrue(donor.newsletter)
        self.assertIsNotNone(records.standing(EMAIL, ConsentKind.NEWSLETTER))

    def test_giving_twice_keeps_the_first_standing_record(self):
        self.give_from_page(newsletter="on")
        first = Consent.objects.get()
        self.give_from_page(newsletter="on", amount_once="3000")
        self.assertEqual(list(Consent.objects.all()), [first])
        self.assertEqual(Gift.objects.count(), 2)

    def test_a_consent_given_again_after_its_withdrawal_is_a_new_record(self):
        self.give_from_page(newsletter="on")
        records.withdraw(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.SPACE)
        self.assertFalse(Donor.objects.get(email=EMAIL).newsletter)
        self.give_from_page(newsletter="on", amount_once="3000")
        withdrawn, standing = Consent.objects.order_by("given_at", "pk")
        self.assertEqual(withdrawn.withdrawn_via, ConsentSource.SPACE)
        self.assertIsNone(standing.withdrawn_at)
        self.assertTrue(Donor.objects.get(email=EMAIL).newsletter)

    def assertRefusedWithoutTheForm(self, intent: str):
        response = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(newsletter="on", intent=intent)}
        )
        self.assertContains(response, "Ce formulaire ne vient pas de notre page")
        self.assertFalse(Consent.objects.exists())
        self.assertEqual(Gift.objects.count() + Donor.objects.count(), 0)
        # The form shown again can be sent: it carries a token the site signed.
        token = re.search(r'name="intent" value="([^"]+)"', response.text).group(1)
        self.assertNotEqual(token, intent)
        again = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(newsletter="on", intent=token)}
        )
        self.assertEqual(again.status_code, 302)
        self.assertEqual(Consent.objects.get().kind, ConsentKind.NEWSLETTER)

    def test_a_consent_posted_without_the_form_is_refused_and_nothing_is_recorded(self):
        self.assertRefusedWithoutTheForm("")

    def test_a_consent_posted_with_a_forged_token_is_refused_too(self):
        self.assertRefusedWithoutTheForm("nonce:forged")

    def test_a_gift_without_any_box_ticked_needs_no_token(self):
        # Someone giving from an old cached page still can: only a consent needs the form.
        response = self.client.post("/fr/don/", {"page": self.campaign.pk, **donor_fields()})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Consent.objects.exists())
