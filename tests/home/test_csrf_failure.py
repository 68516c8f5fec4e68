"""A form refused for its security token (a page left open overnight, cookies blocked) meets a
designed page in the visitor's language with a way back, not Django's bare "403 Forbidden"."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.base import SiteTestCase


def donate_url(language):
    with translation.override(language):
        return reverse("campagnes:donate")


class RefusedFormTests(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.client = Client(enforce_csrf_checks=True)

    def test_a_donation_sent_without_a_valid_token_gets_the_designed_page_in_french(self):
        response = self.client.post(
            donate_url("fr"),
            {"amount": "50"},
            HTTP_REFERER="http://testserver/fr/accueil/faire-un-don/",
        )
        self.assertEqual(response.status_code, 403)
        soup = self.get_soup(response.content)
        self.assertEqual(soup.h1.get_text(strip=True), "Le formulaire a expiré")
        self.assertIn("Rien n’a été envoyé et rien n’a été débité", soup.get_text())
        back = soup.find("a", string="Revenir au formulaire")
        self.assertEqual(back["href"], "http://testserver/fr/accueil/faire-un-don/")
        self.assertIsNotNone(soup.select_one(".site-header"), "the page has the site's header")

    def test_in_english_and_never_linking_back_to_another_site(self):
        response = self.client.post(donate_url("en"), {}, HTTP_REFERER="https://evil.example/phish")
        self.assertEqual(response.status_code, 403)
        soup = self.get_soup(response.content)
        self.assertEqual(soup.h1.get_text(strip=True), "The form has expired")
        self.assertIsNone(soup.find("a", string="Back to the form"))
        self.assertNotIn("evil.example", response.text)
