"""Consents given and withdrawn from the space: recorded with the wording shown and the date,
withdrawn at once, given again as a new record; a change the page did not offer is refused."""

import re

from django.test import Client

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records
from campagnes.models import Consent, Donor
from tests.campagnes.spaces.test_my_space import (
    DONOR,
    INVESTOR,
    MySpaceTestCase,
    issued_subscription,
)

URL = "/fr/mon-espace/consentements/"


class ConsentTests(MySpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        records.give(DONOR, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM, donor=cls.donor)

    def test_the_space_shows_each_consent_in_the_words_read_and_when_it_was_given(self):
        self.sign_in(DONOR)
        page = self.client.get("/fr/mon-espace/")
        self.assertContains(
            page, "«\u00a0Je souhaite recevoir des nouvelles des lieux (environ une fois par mois)"
        )
        self.assertContains(page, "par\u00a0: Formulaire de don.")
        # Receipts by email: a yes the donor record held before consents were recorded.
        self.assertContains(page, "avant que nous n’enregistrions les consentements")
        self.assertNotContains(page, "Non donné")
        self.client.post(URL, {"kind": "newsletter", "action": "withdraw"})
        self.assertContains(self.client.get("/fr/mon-espace/"), "Non donné", count=1)

    def test_withdrawing_the_newsletter_then_giving_it_again(self):
        self.sign_in(DONOR)
        response = self.client.post(URL, {"kind": "newsletter", "action": "withdraw"})
        self.assertRedirects(
            response, "/fr/mon-espace/#consents-title", fetch_redirect_response=False
        )
        withdrawn = Consent.objects.get(kind=ConsentKind.NEWSLETTER)
        self.assertIsNotNone(withdrawn.withdrawn_at)
        self.assertEqual(withdrawn.withdrawn_via, ConsentSource.SPACE)
        self.assertFalse(Donor.objects.get(pk=self.donor.pk).newsletter)
        self.assertContains(self.client.get("/fr/mon-espace/"), "Votre consentement est retiré.")

        self.client.post(URL, {"kind": "newsletter", "action": "give"})
        given = Consent.objects.get(kind=ConsentKind.NEWSLETTER, withdrawn_at=None)
        self.assertNotEqual(given.pk, withdrawn.pk)
        self.assertEqual(
            (given.source, given.source_page), (ConsentSource.SPACE, "/fr/mon-espace/")
        )
        self.assertTrue(given.wording.startswith("Je souhaite recevoir des nouvelles"))
        self.assertTrue(Donor.objects.get(pk=self.donor.pk).newsletter)
        self.assertContains(self.client.get("/fr/mon-espace/"), "par\u00a0: Espace personnel.")

    def test_receipts_by_email_are_given_and_withdrawn_here(self):
        self.sign_in(DONOR)
        self.client.post(URL, {"kind": "receipts_by_email", "action": "withdraw"})
        self.assertFalse(Donor.objects.get(pk=self.donor.pk).receipt_by_email)
        self.client.post(URL, {"kind": "receipts_by_email", "action": "give"})
        self.assertTrue(Donor.objects.get(pk=self.donor.pk).receipt_by_email)
        self.assertEqual(Consent.objects.filter(kind="receipts_by_email").count(), 1)

    def test_in_english_the_wording_is_the_english_one(self):
        self.request_link(DONOR, language="en")
        path, token = self.last_link().split("?token=")
        self.client.post(path, {"token": token})
        self.client.post("/en/my-space/consents/", {"kind": "receipts_by_email", "action": "give"})
        consent = Consent.objects.get(kind="receipts_by_email")
        self.assertEqual(
            (consent.language, consent.wording), ("en", "Send my tax receipt by email")
        )

    def test_a_change_the_page_did_not_offer_is_refused_and_changes_nothing(self):
        issued_subscription(self.page, INVESTOR)
        self.sign_in(INVESTOR)
        for data in (
            {"kind": "receipts_by_email", "action": "give"},  # an investor's page has no such box
            {"kind": "marketing", "action": "give"},
            {"kind": "newsletter", "action": "sell"},
            {},
        ):
            with self.subTest(data):
                response = self.client.post(URL, data, follow=True)
                self.assertContains(response, "Cette modification n’est pas possible")
        self.assertFalse(Consent.objects.filter(email=INVESTOR).exists())
        self.assertEqual(Consent.objects.count(), 1)

    def test_consents_change_only_through_the_form_of_a_signed_in_person(self):
        self.assertRedirects(
            self.client.post(URL, {"kind": "newsletter", "action": "withdraw"}),
            "/fr/mon-espace/connexion/",
        )
        self.sign_in(DONOR)
        self.assertEqual(self.client.get(URL).status_code, 405)
        # Posted from elsewhere, without the form's CSRF token: refused.
        browser = Client(enforce_csrf_checks=True)
        browser.cookies = self.client.cookies
        response = browser.post(URL, {"kind": "newsletter", "action": "withdraw"})
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(Consent.objects.get().withdrawn_at)
        # The page's own form carries its token, and works.
        page = browser.get("/fr/mon-espace/").text
        form = page[page.index(f'action="{URL}"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form).group(1)
        response = browser.post(
            URL, {"kind": "newsletter", "action": "withdraw", "csrfmiddlewaretoken": token}
        )
        self.assertEqual(response.status_code, 302)
        self.assertIsNotNone(Consent.objects.get().withdrawn_at)
