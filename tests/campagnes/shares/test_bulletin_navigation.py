"""Moving about the bulletin: back to any answered step and forward again without losing
anything, fields that do not apply to the investor's choice ignored by the server, each refusal
said beside its field, and no address of the bulletin that answers an empty 405."""

import re
import shutil

from django.test import override_settings

from campagnes.models import Subscription
from campagnes.shares.forms import SLUGS
from campagnes.shares.session import SESSION_KEY
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, share_offering_page

ENTITY = {
    "entity_name": "SCI Les Tilleuls",
    "entity_legal_form": "SCI",
    "entity_registration": "RCS Saint-Étienne 123 456 789",
    "representative_role": "gérante",
}


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class BulletinNavigationTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def answers(self) -> dict:
        return self.client.session[SESSION_KEY][str(self.page.pk)]["answers"]

    def step_links(self, content: str) -> list[str]:
        steps = re.search(r'<ol class="steps">(.*?)</ol>', content, re.S).group(1)
        return re.findall(r'href="/fr/souscription/\d+/([\w-]+)/"', steps)

    # Previous and the step list -------------------------------------------------------------

    def test_every_step_after_the_first_leads_back_to_the_one_before(self):
        first = self.client.get(self.step_url("investisseur")).text
        self.assertNotIn("Précédent", first)
        self.go_to("recapitulatif")
        for before, slug in zip(SLUGS, SLUGS[1:], strict=False):
            content = self.client.get(self.step_url(slug)).text
            self.assertIn(
                f'<a class="form-actions__back" href="{self.step_url(before)}">'
                '<span aria-hidden="true">←</span> Précédent</a>',
                content,
                slug,
            )

    def test_answered_steps_are_links_and_later_ones_are_not(self):
        self.go_to("parts")
        content = self.client.get(self.step_url("identite")).text
        # Answered (investor, contact) and the first unanswered (shares); the current one is not.
        self.assertEqual(self.step_links(content), ["investisseur", "coordonnees", "parts"])
        self.assertIn('aria-current="step">\n                        Identité', content)
        self.assertEqual(content.count("(étape remplie)"), 2)

    def test_going_back_shows_the_answers_given_and_keeps_the_later_ones(self):
        self.go_to("parts")
        content = self.client.get(self.step_url("identite")).text
        self.assertIn('value="Louise"', content)
        self.assertIn('value="1980-05-17"', content)
        changed = {**self.answers()["identite"], "first_name": "Louise-Marie"}
        self.assertRedirects(self.post_step("identite", changed), self.step_url("coordonnees"))
        # Contact was answered already: the investor goes on from where they were.
        self.assertEqual(self.client.get(self.step_url("parts")).status_code, 200)
        self.assertEqual(self.answers()["coordonnees"]["city"], "Saint-Chamond")

    def test_back_at_the_documents_the_files_received_are_kept(self):
        self.go_to("declarations")
        content = self.client.get(self.step_url("justificatifs")).text
        self.assertEqual(content.count("Reçu. Choisissez un autre fichier seulement pour le"), 2)
        self.assertNotRegex(content, r'<input type="file"[^>]*required')
        kept = self.post_step("justificatifs", {"identity": ""})
        self.assertRedirects(kept, self.step_url("declarations"))
        response = self.subscribe()
        subscription = Subscription.objects.get()
        self.assertRedirects(
            response, f"/fr/souscription/{self.page.pk}/merci/{subscription.public_id}/"
        )
        self.assertEqual(
            sorted(subscription.documents.values_list("kind", flat=True)),
            ["address", "identity"],
        )

    def test_before_any_document_the_files_are_required(self):
        self.go_to("justificatifs")
        response = self.post_step("justificatifs", {"identity": ""})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("Champ requis."), 2)

    # Fields that do not apply ---------------------------------------------------------------

    def test_an_individual_s_company_fields_are_ignored_even_when_invalid(self):
        typed = {**ENTITY, "entity_registration": "9" * 200}
        response = self.post_step("investisseur", {"investor_type": "person", **typed})
        self.assertRedirects(response, self.step_url("identite"))
        self.assertEqual(self.answers()["investisseur"], {"investor_type": "person"})

    def test_company_details_typed_then_abandoned_do_not_reach_the_bulletin(self):
        self.post_step("investisseur", {"investor_type": "entity", **ENTITY})
        self.assertEqual(self.answers()["investisseur"]["entity_name"], "SCI Les Tilleuls")
        # Back to the first step: the investor subscribes in their own name after all, and the
        # browser still sends what the hidden fields hold.
        self.post_step("investisseur", {"investor_type": "person", **ENTITY})
        self.subscribe()
        subscription = Subscription.objects.get()
        self.assertEqual(subscription.investor_type, "person")
        self.assertEqual([getattr(subscription, name) for name in ENTITY], ["", "", "", ""])
        with subscription.bulletin.open("rb") as stored:
            bulletin = pdf_text(stored.read())
        self.assertIn("Bernard", bulletin)
        self.assertNotIn("SCI Les Tilleuls", bulletin)
        self.assertNotIn("Personne morale", bulletin)

    def test_an_entity_s_fields_are_grouped_to_be_shown_for_that_choice_only(self):
        content = self.client.get(self.step_url("investisseur")).text
        self.assertRegex(
            content,
            r'<fieldset class="share-form__group" data-show-when="investor_type=entity">\s*'
            r"<legend>La personne morale pour laquelle vous souscrivez</legend>",
        )
        group = content.split('data-show-when="investor_type=entity"')[1].split("</fieldset>")[0]
        for name in ENTITY:
            self.assertIn(f'name="{name}"', group)

    # Refusals beside their fields -----------------------------------------------------------

    def test_each_refusal_is_said_beside_its_field(self):
        content = self.post_step("investisseur", {"investor_type": "entity"}).text
        self.assertIn("Merci de vérifier les champs signalés ci-dessous.", content)
        for name in ENTITY:
            self.assertRegex(
                content,
                rf'<p class="field__error" id="id_{name}_error">'
                r"Le bulletin d’une personne morale en a besoin.</p>\s*"
                rf'<input[^>]*aria-describedby="id_{name}_error"[^>]*id="id_{name}"',
            )

    def test_a_refused_choice_is_said_in_its_group(self):
        content = self.post_step("investisseur", {"investor_type": ""}).text
        self.assertRegex(
            content,
            r'<fieldset class="field field--choices field--error" '
            r'aria-describedby="id_investor_type_error">\s*<legend>[^<]*<span[^>]*>\*</span>'
            r'</legend>\s*<p class="field__error" id="id_investor_type_error">'
            r"Champ requis.</p>",
        )

    def test_a_refused_signature_is_said_beside_the_name(self):
        self.go_to("recapitulatif")
        content = self.post_step(
            "recapitulatif", {"accepted_name": "Quelqu’un", "payment_method": "transfer"}
        ).text
        self.assertRegex(
            content,
            r'<p class="field__error" id="id_accepted_name_error">Saisissez vos prénoms et '
            r"votre nom tels qu’indiqués plus haut.</p>\s*"
            r'<input[^>]*aria-describedby="id_accepted_name_error"',
        )

    # Addresses that only took a POST --------------------------------------------------------

    def test_opening_the_pay_again_address_shows_the_subscription(self):
        self.subscribe(payment_method="transfer")
        subscription = Subscription.objects.get()
        pay = f"/fr/souscription/{self.page.pk}/payer/{subscription.public_id}/"
        done = f"/fr/souscription/{self.page.pk}/merci/{subscription.public_id}/"
        self.assertRedirects(self.client.get(pay), done)
        self.assertEqual(self.client.put(pay).status_code, 405)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class StepAddressLanguageTests(BulletinSteps, SiteTestCase):
    """The steps' addresses are in the page's language; the other language's are sent on."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    def test_english_steps_have_english_addresses_and_french_ones_are_moved(self):
        start = self.client.get(f"/en/subscription/{self.page.pk}/")
        self.assertRedirects(
            start, f"/en/subscription/{self.page.pk}/investor/", fetch_redirect_response=False
        )
        old = self.client.get(f"/en/subscription/{self.page.pk}/identite/?x=1")
        self.assertEqual(old.status_code, 301)
        self.assertEqual(old["Location"], f"/en/subscription/{self.page.pk}/identity/")
        page = self.client.get(f"/en/subscription/{self.page.pk}/investor/")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("/investisseur/", page.text)

    def test_an_answer_sent_to_the_old_address_is_sent_on_with_its_form(self):
        response = self.client.post(
            f"/en/subscription/{self.page.pk}/investisseur/", {"kind": "person"}
        )
        self.assertEqual(response.status_code, 308)
        self.assertEqual(response["Location"], f"/en/subscription/{self.page.pk}/investor/")

    def test_french_steps_keep_their_french_addresses(self):
        self.assertEqual(self.post_step("investisseur").status_code, 302)
        english = self.client.get(f"/fr/souscription/{self.page.pk}/identity/")
        self.assertEqual(english["Location"], f"/fr/souscription/{self.page.pk}/identite/")
