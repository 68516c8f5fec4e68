"""The sign-in pages' addresses opened again: none answers an empty 405, and opening the sign-out
address signs no one out (only its form does)."""

from tests.campagnes.spaces.test_donor_space import DonorSpaceTestCase, donor


class SignInAddressTests(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.donor = donor("louise.bernard@example.org")

    def test_opening_the_sign_out_address_leads_to_the_space_still_signed_in(self):
        self.sign_in(self.donor.email)
        response = self.client.get("/fr/mon-espace/deconnexion/")
        self.assertRedirects(response, "/fr/mon-espace/connexion/", fetch_redirect_response=False)
        self.assertRedirects(self.client.get(response.url), "/fr/mon-espace/")
        self.assertRedirects(
            self.client.post("/fr/mon-espace/deconnexion/"),
            "/fr/mon-espace/connexion/",
            target_status_code=200,
        )
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")

    def test_signed_out_it_leads_to_the_sign_in_form(self):
        self.assertRedirects(
            self.client.get("/en/my-space/sign-out/?space=investor"), "/en/my-space/sign-in/"
        )
        self.assertRedirects(
            self.client.get("/fr/mon-espace/deconnexion/"), "/fr/mon-espace/connexion/"
        )

    def test_a_refused_address_is_said_beside_the_field_with_its_help(self):
        content = self.client.post("/fr/mon-espace/connexion/", {"email": "pas une adresse"}).text
        self.assertRegex(
            content,
            r'<p class="field__help" id="id_email_helptext">Celle que vous avez donnée avec '
            r'votre don ou votre souscription au capital.</p>\s*<p class="field__error" '
            r'id="id_email_error">Saisissez une adresse de courriel valide.</p>\s*'
            r'<input[^>]*aria-describedby="id_email_helptext id_email_error"',
        )
