"""The address a donation form leaves in the browser: a refused form is shown at /fr/don/, and
opening that address again (reload from the address bar, the history, a bookmark) must lead back
to the form, in the address's language, never to an empty "405 Method Not Allowed"."""

import re

from django.test import override_settings

from campagnes.models import DonatePage, Gift
from home.factories import publish
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.donations import donor_fields

from .test_donation_form import STRIPE


class FormAddressTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index, slug="cuisine")
        cls.donate = publish(cls.home, DonatePage(title="Faire un don", slug="faire-un-don"))
        cls.translate_page(cls.home)
        cls.translate_page(cls.index, {"campagnes": "campaigns"})
        cls.en_campaign = cls.translate_page(cls.campaign, {"cuisine": "kitchen"})
        cls.en_donate = cls.translate_page(cls.donate, {"faire-un-don": "give"})

    def test_the_form_names_its_page_in_its_address(self):
        response = self.client.get(self.campaign.url)
        self.assertContains(response, f'action="/fr/don/?page={self.campaign.pk}#donation-form"')

    @override_settings(**STRIPE)
    def test_the_address_a_refused_gift_leaves_leads_back_to_its_form(self):
        address = f"/fr/don/?page={self.campaign.pk}"
        refused = self.client.post(
            address,
            {"page": self.campaign.pk, **donor_fields(amount_once="other", other_amount="2")},
        )
        self.assertContains(refused, "Les dons en ligne vont de 5\u00a0€ à 10\u00a0000\u00a0€.")
        self.assertEqual(Gift.objects.count(), 0)
        self.assertRedirects(self.client.get(address), "/fr/campagnes/cuisine/")
        self.assertContains(self.client.get(address, follow=True), "Soutenir cette campagne")

    def test_in_english_it_leads_to_the_english_page_of_the_same_form(self):
        response = self.client.get(f"/en/donation/?page={self.campaign.pk}")
        self.assertRedirects(response, "/en/campaigns/kitchen/")
        self.assertContains(self.client.get("/en/campaigns/kitchen/"), "Give to this campaign")

    def test_without_a_page_it_leads_to_the_donate_page_of_the_language(self):
        self.assertRedirects(self.client.get("/fr/don/"), "/fr/faire-un-don/")
        self.assertRedirects(self.client.get("/en/donation/"), "/en/give/")
        # Whatever the query string holds: a page that is not a form, a word, a huge number.
        for query in (f"?page={self.index.pk}", "?page=abc", "?page=99999999999999999999"):
            self.assertRedirects(self.client.get(f"/fr/don/{query}"), "/fr/faire-un-don/")

    def test_without_a_donate_page_it_leads_to_the_home_page(self):
        self.donate.unpublish()
        self.en_donate.unpublish()
        self.assertRedirects(self.client.get("/fr/don/"), "/fr/")
        self.assertRedirects(self.client.get("/en/donation/"), "/en/")

    def test_head_is_answered_and_other_methods_are_not(self):
        self.assertEqual(self.client.head("/fr/don/").status_code, 302)
        self.assertEqual(self.client.put("/fr/don/").status_code, 405)

    def test_a_form_whose_page_is_gone_says_so_and_leads_to_the_donate_page(self):
        response = self.client.post(
            "/en/donation/?page=999999", {"page": "999999", **donor_fields()}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This donation form is out of date", status_code=400)
        self.assertContains(response, 'href="/en/give/"', status_code=400)
        self.assertEqual(Gift.objects.count(), 0)

    @override_settings(**STRIPE)
    def test_each_refused_field_says_why_beside_itself(self):
        response = self.client.post(
            "/fr/don/",
            {"page": self.campaign.pk, **donor_fields(is_company="on", siren="12", email="x")},
        )
        content = response.text
        for field, message in (
            ("siren", "Un numéro SIREN comporte 9 chiffres."),
            ("company_name", "Un don d’entreprise en a besoin pour son reçu."),
            ("legal_form", "Un don d’entreprise en a besoin pour son reçu."),
            ("email", "Saisissez une adresse de courriel valide."),
        ):
            self.assertRegex(content, rf'<p class="field__error" id="id_{field}_error">{message}')
            self.assertRegex(
                content, rf'<input[^>]*aria-describedby="[^"]*id_{field}_error"[^>]*id="id_{field}"'
            )
        # The summary at the top points to them; no error is left without its field.
        self.assertIn("Merci de vérifier les champs signalés ci-dessous.", content)
        self.assertEqual(len(re.findall(r'class="field__error"', content)), 4)

    @override_settings(**STRIPE)
    def test_a_missing_frequency_is_said_in_its_own_group(self):
        response = self.client.post(
            "/fr/don/", {"page": self.campaign.pk, **donor_fields(frequency="")}
        )
        self.assertRegex(
            response.text,
            r'<fieldset class="frequency field--error" aria-describedby="id_frequency_error">\s*'
            r"<legend>[^<]*</legend>\s*"
            r'<p class="field__error" id="id_frequency_error">Champ requis.</p>',
        )
