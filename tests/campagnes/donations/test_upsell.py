"""The thank-you page's monthly offer, against the fake Stripe server (campagnes.donations.upsell).

A one-off donor who ticked "keep my card" turns the gift into a monthly gift in one click, on
that card; without the box, the offer opens a monthly Checkout page instead.
"""

from django.core import mail

from campagnes.choices import ConsentKind
from campagnes.consents import records as consents
from campagnes.donations import intents
from campagnes.models import Consent, Gift, Plan
from campagnes.stripe import client as stripe_client
from tests.helpers.donations import donor_fields
from tests.helpers.payments import StripeFlowTestCase

KEEP = ConsentKind.KEEP_PAYMENT_METHOD
OFFER = "Souhaitez-vous donner chaque mois\u00a0?"


class UpsellTestCase(StripeFlowTestCase):
    def paid_gift(self, keep_card: bool) -> Gift:
        fields = {"intent": intents.issue()}
        if keep_card:
            fields["keep_payment_method"] = "on"
        session = self.give(**fields)
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        gift = self.gift(session)
        self.assertEqual(gift.status, "paid")
        return gift

    def thanks(self, gift):
        return self.client.get(f"/fr/don/merci/{gift.public_id}/")

    def accept(self, gift, **fields):
        data = {"amount": "2000", "receipt_preference": "annual", **fields}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(f"/fr/don/merci/{gift.public_id}/mensuel/", data)

    def setUp(self):
        super().setUp()
        self.earlier_subscriptions = len(self.all_subscriptions())

    def all_subscriptions(self) -> list[dict]:
        with self.fake.state.lock:
            return self.fake.state._all("subscription")

    def subscriptions(self) -> list[dict]:
        """The subscriptions this test made (the fake lives as long as the class), newest first."""
        made = self.all_subscriptions()
        return made[: len(made) - self.earlier_subscriptions]


class KeptCardTests(UpsellTestCase):
    def test_the_box_asks_stripe_to_keep_the_card_and_records_the_consent(self):
        gift = self.paid_gift(keep_card=True)
        consent = consents.standing(gift.donor.email, KEEP)
        self.assertIsNotNone(consent)
        self.assertIn("Stripe", consent.wording)
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            method = self.fake.state.objects[intent["payment_method"]]
        # The card alone is kept: not every method the session could take.
        self.assertIsNone(intent["setup_future_usage"])
        self.assertEqual(
            intent["payment_method_options"]["card"]["setup_future_usage"], "off_session"
        )
        self.assertEqual(method["customer"], intent["customer"])

    def test_a_donor_who_ticked_the_box_but_paid_by_sepa_debit_has_no_mandate_kept(self):
        session = self.give(intent=intents.issue(), keep_payment_method="on")
        self.fake.complete_session(session, method="sepa_debit")
        self.deliver_new()
        gift = self.gift(session)
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            method = self.fake.state.objects[intent["payment_method"]]
        self.assertEqual(method["type"], "sepa_debit")
        self.assertIsNone(method["customer"])

    def test_one_click_makes_one_plan_and_one_subscription_even_posted_twice(self):
        gift = self.paid_gift(keep_card=True)
        page = self.thanks(gift)
        self.assertContains(page, OFFER)
        self.assertContains(page, "Donner chaque mois avec la même carte")
        # 20 € a month costs 5 € after the 75 % reduction (the ceiling is far).
        self.assertContains(page, "5\u00a0€ après réduction d’impôt")

        mail.outbox.clear()
        first = self.accept(gift)
        plan = Plan.objects.get()
        self.assertRedirects(
            first, f"/fr/don/merci/{plan.public_id}/", fetch_redirect_response=False
        )
        second = self.accept(gift)
        self.assertRedirects(
            second, f"/fr/don/merci/{plan.public_id}/", fetch_redirect_response=False
        )

        self.assertEqual(Plan.objects.count(), 1)
        self.assertEqual(len(self.subscriptions()), 1)
        subscription = self.subscriptions()[0]
        plan.refresh_from_db()
        self.assertEqual(
            (plan.status, plan.amount_cents, plan.stripe_subscription_id),
            ("active", 2000, subscription["id"]),
        )
        self.assertEqual(subscription["items"]["data"][0]["price"]["unit_amount"], 2000)
        # Identity, attribution and the chosen receipt rule come with the new monthly gift.
        self.assertEqual((plan.last_name, plan.city), (gift.last_name, gift.city))
        self.assertEqual(plan.campaign_id, gift.campaign_id)
        self.assertEqual(plan.receipt_preference, "annual")
        self.assertEqual(len([m for m in mail.outbox if "mensuel" in m.subject.lower()]), 1)
        page = self.client.get(f"/fr/don/merci/{plan.public_id}/")
        self.assertContains(page, "Votre don mensuel de 20\u00a0€ est en place.")
        self.assertNotContains(page, OFFER)

        # The first instalment's webhooks arrive: one paid gift of the plan, nothing doubled.
        self.deliver_new()
        instalment = Gift.objects.get(plan=plan)
        self.assertEqual((instalment.status, instalment.amount_cents), ("paid", 2000))
        self.assertNotContains(self.thanks(gift), OFFER)

    def test_a_free_amount_within_the_bounds_is_taken(self):
        gift = self.paid_gift(keep_card=True)
        self.accept(gift, amount="other", other_amount="12,50", receipt_preference="per_gift")
        plan = Plan.objects.get()
        self.assertEqual((plan.amount_cents, plan.receipt_preference), (1250, "per_gift"))
        self.assertEqual(self.subscriptions()[0]["items"]["data"][0]["price"]["unit_amount"], 1250)

    def test_a_declined_card_falls_back_on_a_monthly_checkout(self):
        gift = self.paid_gift(keep_card=True)
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            self.fake.state.declining = {intent["payment_method"]}
        try:
            response = self.accept(gift)
        finally:
            with self.fake.state.lock:
                self.fake.state.declining = set()
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))
        self.assertEqual(self.subscriptions(), [])
        self.assertEqual(Plan.objects.get().status, "incomplete")


class DeclineTests(UpsellTestCase):
    def test_declining_closes_the_offer_for_the_session_and_gives_the_card_back(self):
        gift = self.paid_gift(keep_card=True)
        self.assertContains(self.thanks(gift), OFFER)
        response = self.client.post(f"/fr/don/merci/{gift.public_id}/non-merci/")
        self.assertRedirects(
            response, f"/fr/don/merci/{gift.public_id}/", fetch_redirect_response=False
        )
        self.assertNotContains(self.thanks(gift), OFFER)

        # Another paid gift in the same session is not asked either.
        other = self.paid_gift(keep_card=False)
        self.assertNotContains(self.thanks(other), OFFER)
        # The card kept for the offer alone is detached, and the consent withdrawn.
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            self.assertIsNone(self.fake.state.objects[intent["payment_method"]]["customer"])
        self.assertIsNone(consents.standing(gift.donor.email, KEEP))
        self.assertEqual(Consent.objects.filter(kind=KEEP).count(), 1)

        # Accepting after declining creates nothing.
        refused = self.accept(gift)
        self.assertEqual(refused.status_code, 409)
        self.assertContains(refused, "Cette proposition n’est plus ouverte", status_code=409)
        self.assertFalse(Plan.objects.exists())


class WithoutAgreementTests(UpsellTestCase):
    def test_the_offer_opens_a_prefilled_monthly_checkout(self):
        gift = self.paid_gift(keep_card=False)
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
            self.assertIsNone(intent["setup_future_usage"])
            self.assertIsNone(self.fake.state.objects[intent["payment_method"]]["customer"])
        page = self.thanks(gift)
        self.assertContains(page, OFFER)
        self.assertContains(page, "Continuer vers le paiement sécurisé")

        response = self.accept(gift, amount="5000")
        session_id = response["Location"].rsplit("/", 1)[1]
        with self.fake.state.lock:
            session = self.fake.state.objects[session_id]
        self.assertEqual((session["mode"], session["amount_total"]), ("subscription", 5000))
        self.assertEqual(session["customer_email"], gift.donor.email)
        self.assertEqual(self.subscriptions(), [])

        self.fake.complete_session(session_id, method="card")
        self.deliver_new()
        plan = Plan.objects.get()
        self.assertEqual((plan.status, plan.amount_cents), ("active", 5000))
        self.assertEqual(len(self.subscriptions()), 1)

    def test_stripe_cannot_charge_a_card_it_was_not_asked_to_keep(self):
        gift = self.paid_gift(keep_card=False)
        with self.fake.state.lock:
            intent = self.fake.state.objects[gift.stripe_payment_intent_id]
        self.assertIsNone(stripe_client.reusable_payment_method(intent["id"]))
        with self.assertRaises(stripe_client.StripeError):
            stripe_client.create_monthly_subscription(
                intent["customer"], intent["payment_method"], 2000, "EUR", "Don", {}, "try-anyway"
            )
        self.assertEqual(self.subscriptions(), [])


class RefusalTests(UpsellTestCase):
    def test_a_tampered_amount_is_refused_and_nothing_is_created(self):
        gift = self.paid_gift(keep_card=True)
        for fields in (
            {"amount": "1"},
            {"amount": "other", "other_amount": "1"},
            {"amount": "other", "other_amount": "beaucoup"},
            {"receipt_preference": "never"},
        ):
            response = self.accept(gift, **fields)
            self.assertEqual(response.status_code, 400, fields)
            self.assertContains(response, 'role="alert"', status_code=400)
        self.assertFalse(Plan.objects.exists())
        self.assertEqual(self.subscriptions(), [])
        # The offer is still open: the donor may correct it.
        self.assertContains(self.thanks(gift), OFFER)

    def test_a_gift_not_paid_is_not_offered_and_cannot_be_turned_monthly(self):
        session = self.give(intent=intents.issue(), keep_payment_method="on")
        gift = Gift.objects.get()
        self.assertNotContains(self.thanks(gift), OFFER)
        response = self.accept(gift)
        self.assertEqual(response.status_code, 409)
        self.assertFalse(Plan.objects.exists())
        self.fake.expire_session(session)

    def test_another_browser_gets_a_404_and_get_is_not_allowed(self):
        gift = self.paid_gift(keep_card=True)
        self.assertEqual(
            self.client.get(f"/fr/don/merci/{gift.public_id}/mensuel/").status_code, 405
        )
        self.client.cookies.clear()
        self.assertEqual(self.accept(gift).status_code, 404)
        self.assertFalse(Plan.objects.exists())

    def test_a_consent_box_posted_without_the_rendered_form_keeps_no_card(self):
        response = self.client.post(
            "/fr/don/",
            {"page": self.campaign.pk, **donor_fields(keep_payment_method="on")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Consent.objects.filter(kind=KEEP).exists())
        self.assertFalse(Gift.objects.exists())
