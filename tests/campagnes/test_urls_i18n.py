"""The donation, subscription and personal-space addresses in each language (/fr/don/,
/en/donation/), and the French ones English visitors were given before (in emails, Stripe's
return addresses, bookmarks), which now lead to the English address."""

import re
import uuid

from django.core import mail
from django.urls import resolve, reverse
from django.utils import translation

from bs4 import BeautifulSoup

from campagnes import urls
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields

ID = uuid.UUID("8f0c1f9e-3c1a-4a8e-9d51-3f0d2b7e6a10")
PAGE = 42

# name: (kwargs, French address, English address)
ROUTES = {
    "donate": ({}, "/fr/don/", "/en/donation/"),
    "thanks": ({"public_id": ID}, f"/fr/don/merci/{ID}/", f"/en/donation/thanks/{ID}/"),
    "cancelled": ({"public_id": ID}, f"/fr/don/annule/{ID}/", f"/en/donation/cancelled/{ID}/"),
    "upsell": (
        {"public_id": ID},
        f"/fr/don/merci/{ID}/mensuel/",
        f"/en/donation/thanks/{ID}/monthly/",
    ),
    "upsell_decline": (
        {"public_id": ID},
        f"/fr/don/merci/{ID}/non-merci/",
        f"/en/donation/thanks/{ID}/no-thanks/",
    ),
    "donor_login": ({}, "/fr/mon-espace/connexion/", "/en/my-space/sign-in/"),
    "donor_link": ({}, "/fr/mon-espace/lien/", "/en/my-space/link/"),
    "donor_space": ({}, "/fr/mon-espace/", "/en/my-space/"),
    "donor_receipt": (
        {"number": "2026-00012"},
        "/fr/mon-espace/recus/2026-00012.pdf",
        "/en/my-space/receipts/2026-00012.pdf",
    ),
    "donor_plan": (
        {"public_id": ID},
        f"/fr/mon-espace/don-mensuel/{ID}/",
        f"/en/my-space/monthly-gift/{ID}/",
    ),
    "donor_payment_method": (
        {"public_id": ID},
        f"/fr/mon-espace/don-mensuel/{ID}/moyen-de-paiement/",
        f"/en/my-space/monthly-gift/{ID}/payment-method/",
    ),
    "donor_export": ({}, "/fr/mon-espace/mes-donnees.json", "/en/my-space/my-data.json"),
    "donor_export_csv": ({}, "/fr/mon-espace/mes-donnees-csv.zip", "/en/my-space/my-data-csv.zip"),
    "donor_identity": ({}, "/fr/mon-espace/coordonnees/", "/en/my-space/details/"),
    "investor_address": (
        {},
        "/fr/mon-espace/adresse-associe/",
        "/en/my-space/shareholder-address/",
    ),
    "space_consent": ({}, "/fr/mon-espace/consentements/", "/en/my-space/consents/"),
    "space_erase": ({}, "/fr/mon-espace/supprimer/", "/en/my-space/delete/"),
    "donor_logout": ({}, "/fr/mon-espace/deconnexion/", "/en/my-space/sign-out/"),
    "share_start": ({"page_id": PAGE}, f"/fr/souscription/{PAGE}/", f"/en/subscription/{PAGE}/"),
    "share_done": (
        {"page_id": PAGE, "public_id": ID},
        f"/fr/souscription/{PAGE}/merci/{ID}/",
        f"/en/subscription/{PAGE}/thanks/{ID}/",
    ),
    "share_pay": (
        {"page_id": PAGE, "public_id": ID},
        f"/fr/souscription/{PAGE}/payer/{ID}/",
        f"/en/subscription/{PAGE}/pay/{ID}/",
    ),
    "share_waiting_list": (
        {"page_id": PAGE},
        f"/fr/souscription/{PAGE}/liste-attente/",
        f"/en/subscription/{PAGE}/waiting-list/",
    ),
    "share_waiting_offer": (
        {"page_id": PAGE, "public_id": ID},
        f"/fr/souscription/{PAGE}/offre/{ID}/",
        f"/en/subscription/{PAGE}/offer/{ID}/",
    ),
    "share_step": (
        {"page_id": PAGE, "slug": "identite"},
        f"/fr/souscription/{PAGE}/identite/",
        f"/en/subscription/{PAGE}/identite/",
    ),
    "share_document": (
        {"public_id": ID},
        f"/fr/souscription/justificatif/{ID}/",
        f"/en/subscription/document/{ID}/",
    ),
    "share_bulletin": (
        {"public_id": ID},
        f"/fr/souscription/bulletin/{ID}.pdf",
        f"/en/subscription/form/{ID}.pdf",
    ),
    "investor_login": (
        {},
        "/fr/mon-espace/investisseur/connexion/",
        "/en/my-space/investor/sign-in/",
    ),
    "investor_space": ({}, "/fr/mon-espace/investisseur/", "/en/my-space/investor/"),
    "investor_certificate": (
        {"public_id": ID},
        f"/fr/mon-espace/attestations/{ID}.pdf",
        f"/en/my-space/certificates/{ID}.pdf",
    ),
}

FRENCH_WORDS = re.compile(
    r"/(don|merci|annule|donateur|lien|espace|recus|don-mensuel|moyen-de-paiement|deconnexion|"
    r"coordonnees|mon-espace|connexion|consentements|mensuel|non-merci|"
    r"souscription|payer|liste-attente|offre|justificatif|bulletin|investisseur|attestation)/"
)


class AddressesInEachLanguageTests(SiteTestCase):
    def test_every_route_is_checked_here(self):
        named = {pattern.name for pattern in urls.urlpatterns if pattern.name}
        self.assertEqual(named, set(ROUTES))

    def test_every_route_has_its_own_words_in_each_language(self):
        for name, (kwargs, french, english) in ROUTES.items():
            for language, address in (("fr", french), ("en", english)):
                with self.subTest(name=name, language=language), translation.override(language):
                    self.assertEqual(reverse(f"campagnes:{name}", kwargs=kwargs), address)
                    self.assertEqual(resolve(address).url_name, name)
            with self.subTest(name=name):
                self.assertIsNone(FRENCH_WORDS.search(english), english)

    def test_the_old_french_addresses_in_english_lead_to_the_english_ones_query_kept(self):
        for name, (_kwargs, french, english) in ROUTES.items():
            old = "/en/" + french.removeprefix("/fr/")
            with self.subTest(name=name):
                response = self.client.get(f"{old}?token=abc-123&email=a%40b.fr")
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], f"{english}?token=abc-123&email=a%40b.fr")

    def test_an_old_address_without_a_query_string_gets_none(self):
        response = self.client.get(f"/en/don/merci/{ID}/")
        self.assertEqual((response.status_code, response["Location"]), (301, ROUTES["thanks"][2]))

    def test_the_french_addresses_stay_where_they_are(self):
        self.assertContains(self.client.get("/fr/mon-espace/connexion/"), "<h1>Mon espace</h1>")
        self.assertContains(self.client.get("/en/my-space/sign-in/"), "<h1>My space</h1>")
        # Each language's words only in that language: no page answers at the other's.
        self.assertEqual(self.client.get("/fr/my-space/sign-in/").status_code, 404)

    def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(self):
        for address, other_language, other_address in (
            ("/fr/mon-espace/connexion/", "en", "/en/my-space/sign-in/"),
            ("/en/my-space/sign-in/", "fr", "/fr/mon-espace/connexion/"),
        ):
            with self.subTest(address=address):
                soup = BeautifulSoup(self.client.get(address).text, "html.parser")
                link = soup.select_one(f'.language-switcher a[hreflang="{other_language}"]')
                self.assertEqual(link["href"], other_address)
                alternate = soup.select_one(f'link[rel="alternate"][hreflang="{other_language}"]')
                self.assertTrue(alternate["href"].endswith(other_address), alternate["href"])

    def test_a_sign_in_link_asked_for_in_english_has_the_english_address(self):
        donor = factories.donor("louise.bernard@example.org")
        factories.gift(donor, 5000)
        self.client.post("/en/my-space/sign-in/", {"email": donor.email})
        self.assertRegex(mail.outbox[-1].body, r"http://testserver/en/my-space/link/\?token=[\w-]+")


class DonateFormInEachLanguageTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index)

    def refused_gift(self) -> dict:
        """Two euros: below the minimum, so the form answers without reaching Stripe."""
        return {
            "page": self.campaign.pk,
            **donor_fields(amount_once="other", other_amount="2"),
        }

    def test_the_form_is_answered_in_each_language_at_its_own_address(self):
        french = self.client.post(f"/fr/don/?page={self.campaign.pk}", self.refused_gift())
        self.assertContains(french, "Les dons en ligne vont de 5\u00a0€")
        english = self.client.post(f"/en/donation/?page={self.campaign.pk}", self.refused_gift())
        self.assertContains(english, "Online gifts go from €5")

    def test_a_form_sent_to_the_old_english_address_is_sent_again_to_the_new_one(self):
        old = f"/en/don/?page={self.campaign.pk}"
        response = self.client.post(old, self.refused_gift())
        # 308, not 301: the browser sends the form again, as a POST, with its data.
        self.assertEqual(response.status_code, 308)
        self.assertEqual(response["Location"], f"/en/donation/?page={self.campaign.pk}")
        response = self.client.post(old, self.refused_gift(), follow=True)
        self.assertContains(response, "Online gifts go from €5")

    def test_the_campaign_page_s_form_posts_to_its_language_s_address(self):
        english = self.translate_page(self.index, {"campagnes": "campaigns"})
        self.assertEqual(english.url, "/en/campaigns/")
        en_campaign = self.translate_page(self.campaign)
        self.assertContains(
            self.client.get(en_campaign.url),
            f'action="/en/donation/?page={en_campaign.pk}#donation-form"',
        )
