"""Paying for shares through the fake Stripe (card, SEPA, refunds), then the staff's lifecycle
actions, the share register and the certificate; replayed, reordered and forged events."""

import datetime
import shutil

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from campagnes.models import Shareholder, ShareMovement, Subscription
from campagnes.pdf.french import KIND_WORDING
from campagnes.shares import allocation
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, held_subscription, share_offering_page
from tests.helpers.staff import verified_login


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class SharePaymentTests(BulletinSteps, StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home, bank_details="IBAN FR76 0000")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.finance = self.create_user("tresoriere", password="x")
        self.finance.groups.add(Group.objects.get(name="Finance"))

    def pay_online(self) -> tuple[Subscription, str]:
        """Signs the bulletin choosing card or SEPA; returns the subscription and its session."""
        with self.captureOnCommitCallbacks(execute=True):
            response = self.subscribe(payment_method="checkout")
        self.assertTrue(response["Location"].startswith(f"{self.fake.url}/c/pay/cs_"))
        session_id = response["Location"].rsplit("/", 1)[1]
        return Subscription.objects.get(stripe_checkout_session_id=session_id), session_id

    def taken(self) -> int:
        return type(self.page).objects.get(pk=self.page.pk).figures.taken

    def staff(self, action: str, subscription, data=None):
        verified_login(self.client, self.finance)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/admin/share-subscriptions/{action}/{subscription.pk}/", data or {}
            )
        self.assertEqual(response.status_code, 302)
        subscription.refresh_from_db()
        return response

    # Card ------------------------------------------------------------------------------------

    def test_a_card_payment_then_approval_and_issue_write_the_register(self):
        subscription, session_id = self.pay_online()
        self.assertEqual(subscription.status, "reserved")
        self.assertEqual(self.taken(), 5)
        bulletin_mail = mail.outbox[-1]
        self.assertIn(subscription.reference, bulletin_mail.subject)
        self.assertEqual(bulletin_mail.attachments[0][2], "application/pdf")

        self.fake.complete_session(session_id, method="card")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")
        self.assertTrue(subscription.stripe_payment_intent_id.startswith("pi_"))
        self.assertIn("Paiement reçu", mail.outbox[-1].subject)

        self.staff("issue", subscription)
        self.assertEqual(subscription.status, "paid", "approval comes before issue")
        self.staff("approve", subscription)
        self.staff("issue", subscription)
        self.assertEqual(subscription.status, "issued")
        movement = ShareMovement.objects.get()
        self.assertEqual(
            (movement.order_number, movement.first_number, movement.last_number), (1, 1, 5)
        )
        self.assertEqual(movement.nature, "subscription")
        self.assertIn(subscription.reference, movement.supporting_act)
        certificate = mail.outbox[-1]
        self.assertIn("attestation", certificate.attachments[0][0])
        self.assertTrue(certificate.attachments[0][1].startswith(b"%PDF"))

        # The same investor again: more shares on the same account, numbered after.
        again = held_subscription(
            self.page, 3, subscription.email, status="approved", paid_at=timezone.now()
        )
        again.accepted_at = timezone.now()
        again.investor_type = "person"
        again.save()
        self.staff("issue", again)
        self.assertEqual(Shareholder.objects.count(), 1)
        second = ShareMovement.objects.get(order_number=2)
        self.assertEqual((second.first_number, second.last_number), (6, 8))

        # Replaying every event changes nothing.
        for event in self.fake.events:
            self.assertEqual(self.post_event(event).status_code, 200)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "issued")
        self.assertEqual(ShareMovement.objects.count(), 2)

    def test_the_register_is_append_only(self):
        subscription = held_subscription(
            self.page, 2, "a@example.org", status="approved", paid_at=timezone.now()
        )
        subscription.accepted_at = timezone.now()
        subscription.save()
        self.staff("issue", subscription)
        movement = ShareMovement.objects.get()
        movement.shares = 99
        with self.assertRaises(TypeError):
            movement.save()
        with self.assertRaises(TypeError):
            ShareMovement.objects.update(shares=99)
        with self.assertRaises(TypeError):
            movement.delete()
        self.assertEqual(ShareMovement.objects.get().shares, 2)

    # SEPA ------------------------------------------------------------------------------------

    def test_a_sepa_debit_holds_the_shares_until_it_succeeds(self):
        subscription, session_id = self.pay_online()
        self.fake.complete_session(session_id, method="sepa_debit")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "processing")
        self.assertIsNone(subscription.reserved_until, "a debit under way never expires")
        allocation.expire_overdue(timezone.now() + datetime.timedelta(days=30))
        self.fake.async_payment(session_id, succeeded=True)
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")
        self.assertEqual(self.taken(), 5)

    def test_a_failed_sepa_debit_frees_the_shares(self):
        subscription, session_id = self.pay_online()
        self.fake.complete_session(session_id, method="sepa_debit")
        self.fake.async_payment(session_id, succeeded=False)
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "cancelled")
        self.assertEqual(subscription.end_reason, "Prélèvement SEPA refusé")
        self.assertEqual(self.taken(), 0)

    def test_events_out_of_order_end_in_the_same_state(self):
        subscription, session_id = self.pay_online()
        self.fake.complete_session(session_id, method="sepa_debit")
        self.fake.async_payment(session_id, succeeded=True)
        events = self.fake.events[self.delivered :]
        for event in reversed(events):
            self.assertEqual(self.post_event(event).status_code, 200)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")

    # Refunds, expiry, forgery ----------------------------------------------------------------

    def test_cancelling_a_paid_subscription_refunds_it_through_stripe(self):
        subscription, session_id = self.pay_online()
        self.fake.complete_session(session_id, method="card")
        self.deliver_new()
        self.staff("cancel", subscription, {"reason": "Demande de l'investisseur"})
        self.assertEqual(subscription.status, "refunded")
        self.assertEqual(subscription.refunded_cents, 50_000)
        self.assertEqual(self.taken(), 0)
        refunds = [event for event in self.deliver_new() if event["type"] == "charge.refunded"]
        self.assertEqual(len(refunds), 1)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "refunded")
        self.assertEqual(self.taken(), 0, "the refund's webhook frees nothing twice")

    def test_a_payment_after_the_reservation_expired_and_the_offer_filled_is_refunded(self):
        subscription, session_id = self.pay_online()
        later = timezone.now() + datetime.timedelta(minutes=31)
        # The shares are freed; the Checkout page is meant to close, but the payment slips in.
        with self.captureOnCommitCallbacks(execute=False):
            self.assertEqual(allocation.expire_overdue(later), 1)
        held_subscription(self.page, 100, "other@example.org")
        self.fake.complete_session(session_id, method="card")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "refunded")
        self.assertEqual(subscription.refunded_cents, 50_000)
        self.assertEqual(self.taken(), 100, "never more than the cap")

    def test_a_payment_after_expiry_takes_the_shares_back_when_they_are_free(self):
        subscription, session_id = self.pay_online()
        with self.captureOnCommitCallbacks(execute=False):
            allocation.expire_overdue(timezone.now() + datetime.timedelta(minutes=31))
        self.assertEqual(self.taken(), 0)
        self.fake.complete_session(session_id, method="card")
        self.deliver_new()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "paid")
        self.assertEqual(self.taken(), 5)

    def test_a_forged_event_is_refused_and_changes_nothing(self):
        subscription, session_id = self.pay_online()
        self.fake.complete_session(session_id, method="card")
        events = self.fake.events[self.delivered :]
        for event in events:
            self.assertEqual(self.post_event(event, secret="whsec_forged").status_code, 400)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, "reserved")

    def test_a_transfer_is_reconciled_by_finance(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.subscribe(payment_method="transfer")
        subscription = Subscription.objects.get(status="reserved")
        done = self.client.get(response["Location"])
        self.assertContains(done, subscription.reference)
        self.assertContains(done, "IBAN FR76 0000")
        self.assertContains(done, "500\u00a0€")
        self.assertEqual(
            subscription.reserved_until.date(),
            (timezone.now() + datetime.timedelta(days=settings.SHARE_TRANSFER_HOLD_DAYS)).date(),
        )
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        verified_login(self.client, self.finance)
        refused = self.client.post(
            f"/admin/share-subscriptions/transfer/{subscription.pk}/",
            {"received_on": tomorrow.isoformat()},
        )
        self.assertContains(refused, "Un virement ne peut pas être reçu dans le futur.")
        self.staff("transfer", subscription, {"received_on": timezone.localdate().isoformat()})
        self.assertEqual(subscription.status, "paid")

    def test_the_certificate_names_the_tax_year_of_payment(self):
        from campagnes.shares.documents import certificate_for

        subscription = held_subscription(
            self.page,
            4,
            "b@example.org",
            status="approved",
            paid_at=timezone.make_aware(datetime.datetime(2026, 12, 30, 12)),
            accepted_at=timezone.make_aware(datetime.datetime(2026, 12, 20, 12)),
            first_name="Louise",
            last_name="Bernard",
        )
        self.staff("issue", subscription)
        certificate = certificate_for(subscription)
        self.assertEqual(certificate.tax_year, 2026)
        self.assertEqual((certificate.first_number, certificate.last_number), (1, 4))
        self.assertIn("199 terdecies-0 A", certificate.tax_article)
        self.assertEqual(KIND_WORDING[certificate.security_kind][0], "actions")


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class FinanceAdminTests(StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    def user_in(self, group: str):
        user = self.create_user(group.lower(), password="x")
        user.groups.add(Group.objects.get(name=group))
        verified_login(self.client, user)
        return user

    def test_only_finance_sees_subscriptions_and_the_register(self):
        subscription = held_subscription(self.page, 2, "a@example.org", reference="SOUS-ABCDEF")
        urls = (
            "/admin/share-subscriptions/",
            f"/admin/share-subscriptions/inspect/{subscription.pk}/",
            "/admin/share-register/",
            "/admin/finance/totals/",
        )
        self.user_in("Mécénat")
        for url in urls:
            self.assertIn(self.client.get(url).status_code, (302, 403), url)
        self.user_in("Finance")
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertContains(self.client.get(urls[0]), "SOUS-ABCDEF")

    def test_the_register_exports_as_csv(self):
        subscription = held_subscription(
            self.page,
            3,
            "b@example.org",
            status="approved",
            paid_at=timezone.now(),
            accepted_at=timezone.now(),
            first_name="Louise",
            last_name="Bernard",
            reference="SOUS-REGIST",
        )
        user = self.user_in("Finance")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/admin/share-subscriptions/issue/{subscription.pk}/")
        response = self.client.get("/admin/share-register/?export=csv")
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode()
        self.assertIn("SOUS-REGIST", body)
        first_line = body.splitlines()[1]
        self.assertTrue(first_line.startswith("1,"), first_line)
        self.assertIn(",1,3,", first_line)
        self.assertEqual(ShareMovement.objects.get().recorded_by, user)
