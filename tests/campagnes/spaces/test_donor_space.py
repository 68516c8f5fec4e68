"""The donor space as a donor meets it: a one-time link by email, gifts and receipts, the GDPR
export, and the monthly gift changed against the project's fake Stripe server."""

import datetime
import json
import re
from unittest import mock

from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

import pypdfium2 as pdfium

from campagnes.choices import PaymentMethod, ReceiptPreference
from campagnes.models import Donor, Gift, LoginToken, Plan
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.receipts import issue as receipts
from campagnes.receipts.tasks import send_receipt
from campagnes.stripe import client as stripe_client
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.payments import StripeFlowTestCase

LINK = re.compile(r"http://testserver(/(?:fr/mon-espace/lien|en/my-space/link)/\?token=[\w-]+)")
SENT = "un lien de connexion est en route"


def donor(email: str, **fields) -> Donor:
    defaults = {
        "first_name": "Louise",
        "last_name": "Bernard",
        "address": "3 place des Tilleuls",
        "postcode": "42400",
        "city": "Saint-Chamond",
    }
    return Donor.objects.create(email=email, **{**defaults, **fields})


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "".join(page.get_textpage().get_text_range() for page in document)


class DonorSpaceTestCase(SiteTestCase):
    def request_link(self, email: str, language: str = "fr"):
        space = {"fr": "mon-espace/connexion", "en": "my-space/sign-in"}[language]
        return self.client.post(f"/{language}/{space}/", {"email": email})

    def last_link(self) -> str:
        return LINK.search(mail.outbox[-1].body).group(1)

    def sign_in(self, email: str) -> None:
        self.request_link(email)
        path, token = self.last_link().split("?token=")
        response = self.client.post(path, {"token": token})
        self.assertRedirects(response, "/fr/mon-espace/")


class SignInTests(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.donor = donor("louise.bernard@example.org")

    def test_a_known_and_an_unknown_address_get_the_same_answer(self):
        known = self.request_link("Louise.Bernard@example.org")
        unknown = self.request_link("personne@example.org")
        self.assertContains(known, SENT)
        self.assertEqual(
            known.text.replace("louise.bernard@example.org", "@"),
            unknown.text.replace("personne@example.org", "@"),
        )
        self.assertEqual([message.to for message in mail.outbox], [[self.donor.email]])
        self.assertEqual(mail.outbox[0].subject, "Votre lien vers votre espace personnel")
        self.assertIn("Il fonctionne une fois, dans les 15 minutes.", mail.outbox[0].body)

    def test_only_the_hash_of_the_token_is_stored(self):
        self.request_link(self.donor.email)
        token = self.last_link().split("?token=")[1]
        stored = LoginToken.objects.get()
        self.assertNotIn(token, stored.token_hash)
        self.assertEqual(len(stored.token_hash), 64)
        self.assertEqual(stored.expires_at - stored.created_at, datetime.timedelta(minutes=15))

    def test_opening_the_link_does_not_sign_in_only_its_button_does(self):
        self.request_link(self.donor.email)
        link = self.last_link()
        # A mail scanner's prefetch, then the donor's click: the link still works.
        for _ in range(2):
            page = self.client.get(link)
            self.assertContains(page, "Se connecter")
            self.assertEqual(page["Referrer-Policy"], "same-origin")
        self.assertIsNone(LoginToken.objects.get().used_at)
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")

        before = self.client.session.session_key
        path, token = link.split("?token=")
        response = self.client.post(path, {"token": token})
        self.assertRedirects(response, "/fr/mon-espace/")
        self.assertNotEqual(self.client.session.session_key, before)
        self.assertContains(self.client.get("/fr/mon-espace/"), "Bonjour Louise")

    def test_a_used_link_is_refused_with_a_clear_message(self):
        self.sign_in(self.donor.email)
        self.client.cookies.clear()
        path, token = self.last_link().split("?token=")
        response = self.client.post(path, {"token": token})
        self.assertContains(response, "Ce lien a déjà servi", status_code=410)
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")

    def test_a_link_expires_after_15_minutes(self):
        self.request_link(self.donor.email)
        path, token = self.last_link().split("?token=")
        later = timezone.now() + datetime.timedelta(minutes=15, seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            response = self.client.post(path, {"token": token})
        self.assertContains(response, "Ce lien a expiré", status_code=410)
        self.assertIsNone(LoginToken.objects.get().used_at)

    def test_a_made_up_token_is_refused(self):
        response = self.client.get("/fr/mon-espace/lien/?token=invente")
        self.assertContains(response, "Ce lien n’est pas valide", status_code=410)
        self.assertNotContains(response, 'name="token"', status_code=410)

    def test_link_requests_are_throttled_per_email(self):
        for _ in range(3):
            self.assertContains(self.request_link(self.donor.email), SENT)
        self.assertContains(self.request_link(self.donor.email), "Trop de tentatives")
        self.assertEqual(len(mail.outbox), 3)

    def test_link_requests_are_throttled_per_visitor_address_behind_a_proxy(self):
        def ask(email: str, address: str):
            return self.client.post(
                "/fr/mon-espace/connexion/",
                {"email": email},
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=address,
            )

        with self.settings(TRUSTED_PROXY_COUNT=1):
            for n in range(settings.SIGN_IN_LINK_LIMIT_PER_IP):
                self.assertContains(ask(f"visiteur{n}@example.org", "203.0.113.7"), SENT)
            self.assertContains(ask(self.donor.email, "203.0.113.7"), "Trop de tentatives")
            # Another visitor behind the same proxy still gets the link.
            self.assertContains(ask(self.donor.email, "198.51.100.4"), SENT)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_link_asked_for_in_english_is_in_english(self):
        self.request_link(self.donor.email, language="en")
        self.assertEqual(mail.outbox[0].subject, "Your link to your personal space")
        self.assertTrue(self.last_link().startswith("/en/my-space/link/"))

    def test_signing_out_ends_the_session(self):
        self.sign_in(self.donor.email)
        response = self.client.post("/fr/mon-espace/deconnexion/")
        self.assertRedirects(response, "/fr/mon-espace/connexion/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/fr/mon-espace/connexion/"), "Déconnexion effectuée.")
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")


class SpaceTests(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.donor = donor("louise.bernard@example.org", newsletter=True)
        paid = Gift.objects.create(
            donor=cls.donor,
            amount_cents=5000,
            status=GiftStatus.PAID,
            method=PaymentMethod.CARD,
            paid_at=timezone.now(),
            stripe_payment_intent_id="pi_secret_of_stripe",
            utm_source="newsletter",
        )
        Gift.objects.create(
            donor=cls.donor,
            amount_cents=3000,
            status=GiftStatus.PROCESSING,
            method=PaymentMethod.SEPA_DEBIT,
        )
        Gift.objects.create(donor=cls.donor, amount_cents=9900, status=GiftStatus.EXPIRED)
        cls.receipt = receipts.issue(cls.donor, [paid])
        cls.other = donor("autre@example.org", first_name="Paul", receipt_by_email=False)
        other_gift = Gift.objects.create(
            donor=cls.other, amount_cents=2000, status=GiftStatus.PAID, paid_at=timezone.now()
        )
        cls.other_receipt = receipts.issue(cls.other, [other_gift])
        cls.other_plan = Plan.objects.create(
            donor=cls.other, amount_cents=1500, status=PlanStatus.ACTIVE
        )

    def test_the_space_lists_gifts_with_their_status_and_receipts(self):
        self.sign_in(self.donor.email)
        response = self.client.get("/fr/mon-espace/")
        with translation.override("fr"):
            today = date_format(timezone.localdate())
        # Each cell names its column, which a phone shows beside the value.
        self.assertContains(response, f'<td data-label="Date du don" class="date">{today}</td>')
        self.assertContains(response, "50\u00a0€")
        self.assertContains(response, "Confirmé")
        self.assertContains(response, "En attente de confirmation")
        self.assertNotContains(response, "99\u00a0€")  # an abandoned checkout is no gift
        self.assertContains(response, f"/fr/mon-espace/recus/{self.receipt.number}.pdf")
        self.assertNotContains(response, self.other_receipt.number)

    def test_annual_donors_are_told_when_their_receipt_comes(self):
        annual = donor("annuel@example.org", receipt_preference=ReceiptPreference.ANNUAL)
        Gift.objects.create(donor=annual, amount_cents=2000, status=GiftStatus.PAID)
        self.sign_in(annual.email)
        self.assertContains(self.client.get("/fr/mon-espace/"), "émis en janvier")

    def test_donor_pages_are_never_cached_nor_indexed(self):
        self.sign_in(self.donor.email)
        for path in (
            "/fr/mon-espace/connexion/",
            "/fr/mon-espace/",
            "/fr/mon-espace/mes-donnees.json",
        ):
            response = self.client.get(path, follow=True)
            with self.subTest(path):
                self.assertIn("no-store", response["Cache-Control"])
                self.assertIn("private", response["Cache-Control"])
                self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        page = self.client.get("/fr/mon-espace/")
        self.assertContains(page, '<meta name="robots" content="noindex, nofollow">')

    def test_a_receipt_downloads_as_a_duplicate_pdf_when_the_original_was_emailed(self):
        send_receipt.call(self.receipt.pk)  # the task that emails the original
        self.sign_in(self.donor.email)
        response = self.client.get(f"/fr/mon-espace/recus/{self.receipt.number}.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="recu-fiscal-{self.receipt.number}.pdf"',
        )
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn("DUPLICATA", pdf_text(response.content))

    def test_a_receipt_not_emailed_downloads_as_the_original(self):
        self.sign_in(self.other.email)
        response = self.client.get(f"/fr/mon-espace/recus/{self.other_receipt.number}.pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertNotIn("DUPLICATA", pdf_text(response.content))

    def test_another_donors_receipt_and_plan_are_not_found(self):
        self.sign_in(self.donor.email)
        for path in (
            f"/fr/mon-espace/recus/{self.other_receipt.number}.pdf",
            f"/fr/mon-espace/don-mensuel/{self.other_plan.public_id}/",
        ):
            with self.subTest(path):
                self.assertEqual(self.client.get(path).status_code, 404)
        response = self.client.post(
            f"/fr/mon-espace/don-mensuel/{self.other_plan.public_id}/", {"action": "cancel"}
        )
        self.assertEqual(response.status_code, 404)

    def test_the_export_holds_the_donors_data_and_no_stripe_id(self):
        self.sign_in(self.donor.email)
        response = self.client.get("/fr/mon-espace/mes-donnees.json")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        data = json.loads(response.content)
        self.assertEqual(data["person"][0]["email"], self.donor.email)
        self.assertEqual(data["person"][0]["newsletter"], True)
        self.assertEqual(
            sorted((gift["amount_cents"], gift["status"]) for gift in data["gifts"]),
            [(3000, "processing"), (5000, "paid"), (9900, "expired")],
        )
        self.assertIn("newsletter", [gift["utm_source"] for gift in data["gifts"]])
        self.assertEqual([each["number"] for each in data["receipts"]], [self.receipt.number])
        self.assertNotIn("pi_secret_of_stripe", response.text)
        self.assertNotIn("stripe", response.text.lower())


class MonthlyGiftTests(StripeFlowTestCase, DonorSpaceTestCase):
    """A monthly gift set up through Checkout, then changed from the donor space. Each change is
    applied at once, and the webhook it causes leaves the plan in the same state."""

    def setUp(self):
        super().setUp()
        self.fake.complete_session(
            self.give(frequency="monthly", amount_monthly="2000"), method="card"
        )
        self.deliver_new()
        self.plan = Plan.objects.get()
        self.url = f"/fr/mon-espace/don-mensuel/{self.plan.public_id}/"
        self.sign_in(self.plan.donor.email)

    def confirm(self, action: str, **fields):
        """The action's first step, then its one confirmation button."""
        page = self.client.post(self.url, {"action": action, **fields})
        key = re.search(r'name="key" value="([\w-]+)"', page.text).group(1)
        response = self.client.post(self.url, {"action": action, "key": key, **fields})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        return page

    def state(self) -> tuple[str, int]:
        self.plan.refresh_from_db()
        return self.plan.status, self.plan.amount_cents

    def subscription(self) -> dict:
        return stripe_client.client().v1.subscriptions.retrieve(self.plan.stripe_subscription_id)

    def test_a_free_amount_applies_at_once_and_from_the_next_instalment(self):
        page = self.confirm("amount", amount="35,50")
        self.assertContains(page, "passe de 20\u00a0€ à 35,50\u00a0€")
        self.assertContains(page, "il vous coûte 8,88\u00a0€ par mois")
        self.assertEqual(self.state(), ("active", 3550))
        events = [event["type"] for event in self.deliver_new()]
        self.assertEqual(events, ["customer.subscription.updated"])
        self.assertEqual(self.state(), ("active", 3550))
        self.assertEqual(self.subscription()["items"]["data"][0]["price"]["unit_amount"], 3550)

        self.fake.next_invoice(self.plan.stripe_subscription_id)
        self.deliver_new()
        amounts = list(self.plan.instalments.order_by("pk").values_list("amount_cents", flat=True))
        self.assertEqual(amounts, [2000, 3550])

    def test_an_amount_outside_the_bounds_is_refused_before_stripe(self):
        response = self.client.post(self.url, {"action": "amount", "amount": "2"})
        self.assertContains(response, "Les dons mensuels vont de 5\u00a0€ à 10\u00a0000\u00a0€.")
        self.assertEqual(len(self.fake.events), self.delivered)
        self.assertEqual(self.state(), ("active", 2000))

    def test_the_first_step_only_states_the_consequence(self):
        page = self.client.post(self.url, {"action": "cancel"})
        self.assertContains(page, "Aucune autre mensualité de 20\u00a0€ ne sera prélevée.")
        self.assertEqual(page.text.count('type="submit"'), 1)
        self.assertEqual(self.state(), ("active", 2000))
        self.assertEqual(len(self.fake.events), self.delivered)

    def test_pause_then_resume(self):
        self.confirm("pause")
        self.assertEqual(self.state(), ("paused", 2000))
        self.deliver_new()
        self.assertEqual(self.state(), ("paused", 2000))
        self.assertContains(self.client.get("/fr/mon-espace/"), "En pause")
        with self.assertRaises(Exception):  # noqa: B017 (the fake refuses to bill a paused plan)
            self.fake.next_invoice(self.plan.stripe_subscription_id)

        self.confirm("resume")
        self.assertEqual(self.state(), ("active", 2000))
        self.deliver_new()
        self.assertEqual(self.state(), ("active", 2000))
        self.assertIsNone(self.subscription()["pause_collection"])

    def test_cancelling_is_one_confirmation(self):
        self.confirm("cancel")
        self.assertEqual(self.state(), ("cancelled", 2000))
        self.assertIsNotNone(self.plan.cancelled_at)
        self.deliver_new()
        self.assertEqual(self.state(), ("cancelled", 2000))
        self.assertEqual(self.subscription()["status"], "canceled")
        page = self.client.get(self.url)
        self.assertNotContains(page, 'name="action"')

    def test_a_stripe_refusal_is_explained_and_changes_nothing(self):
        # Cancelled at Stripe, its webhook not arrived yet: Stripe refuses the pause.
        stripe_client.cancel_plan(self.plan.stripe_subscription_id)
        self.confirm("pause")
        self.assertEqual(self.state(), ("active", 2000))
        self.assertContains(self.client.get(self.url), "n’a pas pu faire ce changement")

    def test_a_new_card_or_iban_pays_the_next_instalments(self):
        old_method = self.subscription()["default_payment_method"]
        response = self.client.post(f"{self.url}moyen-de-paiement/")
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))
        session_id = response["Location"].rsplit("/", 1)[1]
        self.fake.complete_session(session_id, method="sepa_debit")
        # The fake adopts the new method itself; Stripe leaves that to the site, so undo it.
        stripe_client.update_subscription(
            self.plan.stripe_subscription_id, {"default_payment_method": old_method}, "undo"
        )

        response = self.client.get(f"{self.url}moyen-de-paiement/?session_id={session_id}")
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        new_method = self.subscription()["default_payment_method"]
        self.assertNotEqual(new_method, old_method)
        self.assertEqual(
            stripe_client.client().v1.payment_methods.retrieve(new_method)["type"], "sepa_debit"
        )
        self.assertContains(self.client.get(self.url), "sera utilisé dès la prochaine mensualité")
