"""A monthly instalment that fails, as the donor and the Mécénat team meet it: the email in the
donor's language and its link to change the card, Stripe's retries, the plan that lapses when
they run out, and the payment that makes good a failure. Stripe is the project's fake server;
its events reach the webhook signed, and are replayed, reordered and forged here."""

import copy
import logging
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from django_tasks.signals import task_enqueued

from campagnes.demo.permissions import mecenat_group
from campagnes.models import Plan
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.stripe import client as stripe_client
from home.typography import local_date
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.staff import verified_login

EMAIL = "louise.bernard@example.org"
URL = re.compile(r"http://testserver(/\S+)")
SIGN_IN_LINK = re.compile(r"http://testserver(/\S+/\?token=[\w-]+)")


class RecoveryTestCase(StripeFlowTestCase):
    def setUp(self):
        super().setUp()
        # The fake is shared by the class: each test starts from Stripe's usual settings.
        self.addCleanup(self.fake.configure_retries, attempts=4, after="canceled")
        self.session_id = self.give(frequency="monthly", amount_monthly="2000")
        self.fake.complete_session(self.session_id, method=self.method)
        if self.method == "sepa_debit":
            self.fake.async_payment(self.session_id, succeeded=True)
        self.deliver_new()
        self.plan = Plan.objects.get()
        self.subscription_id = self.plan.stripe_subscription_id
        mail.outbox.clear()

    method = "card"

    def fail_next_instalment(self) -> dict:
        """The next month's invoice, its payment refused; returns the invoice."""
        events = self.fake.next_invoice(self.subscription_id, succeeded=False)
        self.deliver_new()
        return next(e for e in events if e["type"] == "invoice.payment_failed")["data"]["object"]

    def retry(self, invoice_id: str, succeeded: bool) -> list[dict]:
        self.fake.retry_invoice(invoice_id, succeeded=succeeded)
        return self.deliver_new()

    def refresh(self) -> Plan:
        self.plan.refresh_from_db()
        return self.plan

    def subscription(self) -> dict:
        return stripe_client.client().v1.subscriptions.retrieve(self.subscription_id)


class FailedInstalmentTests(RecoveryTestCase):
    def test_the_donor_is_emailed_in_french_and_the_link_leads_to_a_new_card(self):
        invoice = self.fail_next_instalment()
        self.assertIsNotNone(invoice["next_payment_attempt"])
        self.assertEqual(invoice["attempt_count"], 1)
        self.assertEqual(self.refresh().status, PlanStatus.PAST_DUE)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [EMAIL])
        self.assertEqual(
            message.subject, "Votre don mensuel\u00a0: le paiement de ce mois n’a pas abouti"
        )
        self.assertIn("Le paiement par carte de 20\u00a0€ pour votre don mensuel", message.body)
        with translation.override("fr"):
            retry_day = local_date(timezone.localtime(self.plan.next_attempt_at), "DATE_FORMAT")
        self.assertIn(f"Nous réessaierons le {retry_day}.", message.body)
        self.assertIn("vous n’avez rien d’autre à faire", message.body)

        # The link: the sign-in page, the email filled in, then the one-time link, then the plan.
        link = URL.findall(message.body)[0]
        self.assertTrue(link.startswith(reverse("campagnes:donor_login")), link)
        page = self.client.get(link)
        self.assertContains(page, f'value="{EMAIL}"')
        self.client.post(reverse("campagnes:donor_login"), {"email": EMAIL})
        path, token = SIGN_IN_LINK.search(mail.outbox[-1].body).group(1).split("?token=")
        plan_url = reverse("campagnes:donor_plan", args=[self.plan.public_id])
        response = self.client.post(path, {"token": token})
        self.assertRedirects(response, plan_url, fetch_redirect_response=False)
        page = self.client.get(plan_url)
        self.assertContains(page, "La dernière mensualité n’a pas pu être prélevée.")
        self.assertContains(page, f"Nous réessaierons le {retry_day}.")

        # A new card through the existing setup session, then Stripe's retry charges it.
        method_url = reverse("campagnes:donor_payment_method", args=[self.plan.public_id])
        response = self.client.post(method_url)
        setup_id = response["Location"].rsplit("/", 1)[1]
        self.fake.complete_session(setup_id, method="card")
        self.client.get(f"{method_url}?session_id={setup_id}")
        new_method = self.subscription()["default_payment_method"]
        mail.outbox.clear()
        self.retry(invoice["id"], succeeded=True)

        plan = self.refresh()
        self.assertEqual(plan.status, PlanStatus.ACTIVE)
        self.assertIsNotNone(plan.recovered_at)
        self.assertIsNone(plan.payment_failed_at)
        gift = plan.instalments.get(stripe_invoice_id=invoice["id"])
        self.assertEqual(gift.status, GiftStatus.PAID)
        intent = stripe_client.invoice_payment_intent(invoice["id"])
        self.assertEqual(
            stripe_client.retrieve_payment_intent(intent)["payment_method"], new_method
        )
        # One email, the thanks, instead of the usual confirmation of an instalment.
        self.assertEqual(
            [m.subject for m in mail.outbox], ["Merci\u00a0: votre don mensuel est reparti"]
        )
        self.assertIn("Votre mensualité de 20\u00a0€ a bien été reçue", mail.outbox[0].body)
        self.assertNotContains(self.client.get(plan_url), "n’a pas pu être prélevée")

    def test_an_english_donor_is_emailed_in_english_with_english_links(self):
        self.plan.donor.language = "en"
        self.plan.donor.save()
        self.fail_next_instalment()
        (message,) = mail.outbox
        self.assertEqual(
            message.subject, "Your monthly gift: this month's payment did not go through"
        )
        self.assertIn("The card payment of €20", message.body)
        self.assertIn("We will try again on", message.body)
        link = URL.findall(message.body)[0]
        self.assertTrue(link.startswith("/en/"), link)
        self.assertContains(self.client.get(link), f'value="{EMAIL}"')

    def test_one_email_per_failed_invoice_whatever_the_events(self):
        events_before = len(self.fake.events)
        invoice = self.fail_next_instalment()
        failed = next(
            e for e in self.fake.events[events_before:] if e["type"] == "invoice.payment_failed"
        )
        self.assertEqual(len(mail.outbox), 1)

        # The same event delivered again, then Stripe's second attempt failing too.
        self.assertEqual(self.post_event(failed).status_code, 200)
        self.retry(invoice["id"], succeeded=False)
        self.assertEqual(self.refresh().status, PlanStatus.PAST_DUE)
        self.assertEqual(len(mail.outbox), 1)

        # The first attempt's failure again, under another event id (late, out of order).
        stale = copy.deepcopy(failed)
        stale["id"] = "evt_stale_failure"
        self.assertEqual(self.post_event(stale).status_code, 200)
        self.assertEqual(len(mail.outbox), 1)

        # Paid at the third attempt; a failure event arriving afterwards changes nothing.
        self.retry(invoice["id"], succeeded=True)
        self.assertEqual(len(mail.outbox), 2)
        late = copy.deepcopy(failed)
        late["id"] = "evt_late_failure"
        self.assertEqual(self.post_event(late).status_code, 200)
        self.assertEqual(len(mail.outbox), 2)
        plan = self.refresh()
        self.assertIsNone(plan.payment_failed_at)
        self.assertEqual(plan.status, PlanStatus.ACTIVE)

    def test_a_forged_failure_is_refused_and_sends_nothing(self):
        self.fake.next_invoice(self.subscription_id, succeeded=True)
        paid = self.deliver_new()
        invoice = next(e for e in paid if e["type"] == "invoice.paid")["data"]["object"]
        mail.outbox.clear()
        forged = {
            "id": "evt_forged",
            "object": "event",
            "type": "invoice.payment_failed",
            "created": paid[-1]["created"] + 1,
            "data": {"object": {**invoice, "status": "open", "next_payment_attempt": 1}},
        }
        # Unsigned by Stripe's secret: refused at the door.
        self.assertEqual(self.post_event(forged, secret="whsec_guess").status_code, 400)
        # Signed (a leaked secret) but untrue: Stripe says the invoice is paid.
        self.assertEqual(self.post_event(forged).status_code, 200)
        self.assertEqual(mail.outbox, [])
        plan = self.refresh()
        self.assertIsNone(plan.payment_failed_at)
        self.assertEqual(plan.status, PlanStatus.ACTIVE)

    def test_neither_task_arguments_nor_logs_hold_personal_data(self):
        enqueued = []

        def record(sender, task_result, **kwargs):
            enqueued.append((task_result.task.name, task_result.args, task_result.kwargs))

        task_enqueued.connect(record)
        self.addCleanup(task_enqueued.disconnect, record)
        # The project's own lines (Stripe's library logs bodies at DEBUG; the production
        # handler's filter redacts those).
        with self.assertLogs("campagnes", level=logging.DEBUG) as logs:
            logging.getLogger("campagnes").debug("recovery test marker")
            invoice = self.fail_next_instalment()
            self.retry(invoice["id"], succeeded=True)
        names = [name for name, _args, _kwargs in enqueued]
        self.assertIn("send_payment_failed", names)
        self.assertIn("send_payment_recovered", names)
        for name, args, kwargs in enqueued:
            self.assertEqual(kwargs, {}, name)
            self.assertTrue(all(isinstance(arg, int | str) for arg in args), (name, args))
            self.assertNotIn(EMAIL, repr(args))
        text = "\n".join(logs.output)
        for personal in (EMAIL, "Louise", "Bernard", "Tilleuls"):
            self.assertNotIn(personal, text)


class SepaInstalmentTests(RecoveryTestCase):
    method = "sepa_debit"

    def test_a_refused_debit_says_so(self):
        self.fail_next_instalment()
        (message,) = mail.outbox
        self.assertIn("Votre banque a refusé le prélèvement de 20\u00a0€", message.body)
        self.assertIn("votre carte ou votre IBAN", message.body)


class FirstPaymentTests(RecoveryTestCase):
    def setUp(self):
        # No monthly gift yet: the test sets its own up.
        StripeFlowTestCase.setUp(self)
        self.addCleanup(self.fake.configure_retries, attempts=4, after="canceled")

    def test_a_first_debit_that_fails_is_no_failed_instalment(self):
        session_id = self.give(frequency="monthly", amount_monthly="2000")
        self.fake.complete_session(session_id, method="sepa_debit")
        self.fake.async_payment(session_id, succeeded=False)
        self.deliver_new()
        plan = Plan.objects.get()
        self.assertNotEqual(plan.status, PlanStatus.LAPSED)
        self.assertIsNone(plan.payment_failed_at)
        subjects = " ".join(message.subject for message in mail.outbox)
        self.assertNotIn("n’a pas abouti", subjects)
        self.assertNotIn("s’est arrêté", subjects)


class LapseTests(RecoveryTestCase):
    def dashboard(self) -> str:
        user = self.make_staff()
        verified_login(self.client, user)
        with translation.override("fr"):
            return self.client.get(reverse("mecenat-dashboard:index")).text

    def make_staff(self):
        user = get_user_model().objects.create_user("tresoriere", password="x")
        user.groups.add(mecenat_group())
        return user

    def test_the_last_retry_lapses_the_plan_and_stripe_cancels_it(self):
        self.fake.configure_retries(attempts=2, after="canceled")
        invoice = self.fail_next_instalment()
        events = [event["type"] for event in self.retry(invoice["id"], succeeded=False)]
        self.assertIn("customer.subscription.deleted", events)
        plan = self.refresh()
        self.assertEqual(plan.status, PlanStatus.LAPSED)
        self.assertIsNotNone(plan.lapsed_at)
        self.assertIsNone(plan.cancelled_at)  # not the donor's doing
        self.assertEqual(self.subscription()["cancellation_details"]["reason"], "payment_failed")
        self.assertEqual(
            [m.subject for m in mail.outbox],
            [
                "Votre don mensuel\u00a0: le paiement de ce mois n’a pas abouti",
                "Votre don mensuel s’est arrêté",
            ],
        )
        body = mail.outbox[1].body
        self.assertIn("plus rien ne sera prélevé", body)
        self.assertIn("http://testserver/fr/don/", body)

        html = self.dashboard()
        self.assertRegex(
            html,
            r'mecenat-tile__label">Donateurs mensuels arrêtés</span>\s*'
            r'<strong class="mecenat-tile__value">1</strong>',
        )
        self.assertIn("20\u00a0€ par mois perdus", html)
        self.assertIn(reverse("plans:inspect", args=[plan.pk]), html)
        self.assertIn(f"{reverse('plans:index')}?status=lapsed", html)

    def test_an_unpaid_subscription_lapses_and_is_cancelled_so_nothing_more_is_charged(self):
        self.fake.configure_retries(attempts=1, after="unpaid")
        self.fail_next_instalment()
        self.assertEqual(self.refresh().status, PlanStatus.LAPSED)
        # The site cancelled it; that event, delivered, leaves the plan lapsed.
        self.assertEqual(self.subscription()["status"], "canceled")
        self.assertEqual([e["type"] for e in self.deliver_new()], ["customer.subscription.deleted"])
        self.assertEqual(self.refresh().status, PlanStatus.LAPSED)
        self.assertEqual([m.subject for m in mail.outbox], ["Votre don mensuel s’est arrêté"])

    def test_a_subscription_left_past_due_is_cancelled_when_the_retries_run_out(self):
        self.fake.configure_retries(attempts=1, after="past_due")
        self.fail_next_instalment()
        self.assertEqual(self.refresh().status, PlanStatus.LAPSED)
        self.assertEqual(self.subscription()["status"], "canceled")
        self.deliver_new()
        self.assertEqual(self.refresh().status, PlanStatus.LAPSED)
        self.assertEqual(len(mail.outbox), 1)
