"""Erasing a person: a donor with a running monthly gift, receipts and consents who also
subscribed shares. What the law keeps stays, marked held with its reason and date; the rest is
gone from the database, the private storage, later exports and Stripe (the project's fake)."""

import datetime
import os
import shutil
from unittest import mock

from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone, translation

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records as consents
from campagnes.exports import datasets, writers
from campagnes.models import (
    Consent,
    Donor,
    Erasure,
    Gift,
    LegalHold,
    LoginToken,
    Plan,
    Receipt,
    Shareholder,
    Subscription,
    SubscriptionDocument,
)
from campagnes.privacy import erasure
from campagnes.receipts import issue as receipts
from campagnes.stripe import client as stripe_client
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.shares import PDF_BYTES, PRIVATE_ROOT, held_subscription, share_offering_page

EMAIL = "louise.bernard@example.org"


def export_text(dataset) -> str:
    rows = b"".join(writers.csv_stream(dataset, dataset.all(), "fr"))
    return rows.decode("utf-8-sig")


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT, TASKS_BACKEND="immediate")
class ErasureTests(StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.offering = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def setUp(self):
        super().setUp()
        # A monthly gift through Checkout: a Stripe customer and subscription, a paid
        # instalment and its receipt.
        session = self.give(email=EMAIL, frequency="monthly", amount_monthly="2000")
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        self.plan = Plan.objects.get()
        self.donor = self.plan.donor
        self.customer_id = self.donor.stripe_customer_id
        self.assertTrue(self.customer_id)
        self.instalment = self.plan.instalments.get()
        # Monthly donors get one receipt a year: January's, issued here.
        self.receipt = receipts.issue(self.donor, [self.instalment], annual=True)
        self.abandoned = Gift.objects.create(
            donor=self.donor, amount_cents=9900, status="expired", last_name="Bernard"
        )
        consents.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM, donor=self.donor)
        LoginToken.objects.create(
            email=EMAIL,
            donor=self.donor,
            token_hash="a" * 64,
            expires_at=timezone.now() + datetime.timedelta(minutes=15),
        )
        # Shares issued to the same email, and a bulletin left as a draft, both with documents.
        self.issued = held_subscription(
            self.offering,
            5,
            EMAIL,
            status="issued",
            first_name="Louise",
            last_name="Bernard",
            phone="06 00 00 00 00",
            reference="FS-0001",
            accepted_at=timezone.now(),
            paid_at=timezone.now(),
            issued_at=timezone.now(),
        )
        self.holder = Shareholder.objects.create(
            number=1,
            key=f"person:{EMAIL}",
            name="Louise Bernard",
            address="3 place des Tilleuls, 42400 Saint-Chamond",
            email=EMAIL,
        )
        Subscription.objects.filter(pk=self.issued.pk).update(shareholder=self.holder)
        self.draft = Subscription.objects.create(page=self.offering, email=EMAIL)
        self.files = [
            self.document(self.issued, "identity").file.path,
            self.document(self.draft, "address").file.path,
        ]

    def document(self, subscription, kind):
        return SubscriptionDocument.objects.create(
            subscription=subscription,
            kind=kind,
            file=ContentFile(PDF_BYTES, name=f"{kind}.pdf"),
            content_type="application/pdf",
        )

    def erase(self, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return erasure.erase(donor=self.donor, **kwargs)

    def test_erasure_keeps_what_the_law_requires_and_removes_the_rest(self):
        for path in self.files:
            self.assertTrue(os.path.exists(path))
        record = self.erase()

        # Stripe: the monthly gift stopped first, then the customer forgotten.
        types = [event["type"] for event in self.fake.events[self.delivered :]]
        self.assertEqual(types, ["customer.subscription.deleted", "customer.deleted"])
        self.assertTrue(self.fake.state.objects[self.customer_id]["deleted"])
        self.assertEqual(record.stripe_outcome, "deleted")
        self.deliver_new()  # the late webhooks change nothing back

        # The donor record stays for its kept gifts, with nothing left of the person.
        donor = Donor.objects.get(pk=self.donor.pk)
        self.assertIsNone(donor.email)
        self.assertEqual((donor.first_name, donor.last_name, donor.address), ("", "", ""))
        self.assertFalse(donor.newsletter)
        self.assertEqual(record.donor, donor)
        plan = Plan.objects.get()
        self.assertEqual((plan.status, plan.last_name), ("cancelled", ""))
        self.assertFalse(Gift.objects.filter(pk=self.abandoned.pk).exists())
        self.assertFalse(LoginToken.objects.exists())
        consent = Consent.objects.get()
        self.assertEqual(consent.withdrawn_via, ConsentSource.ERASURE)
        self.assertNotIn("bernard", consent.email)

        # The receipt keeps its number and the name it was issued to, held six years.
        receipt = Receipt.objects.get()
        self.assertEqual((receipt.number, receipt.last_name), (self.receipt.number, "Bernard"))
        holds = {hold.kind: hold for hold in LegalHold.objects.all()}
        self.assertEqual(
            holds["receipt"].until, receipt.issued_on.replace(year=receipt.issued_on.year + 6)
        )
        self.assertIn("L102\u00a0E", holds["receipt"].reason)
        self.assertEqual(holds["receipt"].label, receipt.number)
        self.assertIn("L123-22", holds["gift"].reason)
        self.assertEqual(holds["gift"].object_id, self.instalment.pk)
        # The share register and the signed bulletin: kept without an end date while held.
        self.assertIsNone(holds["shareholder"].until)
        self.assertIsNone(holds["subscription"].until)
        self.assertIn("2224", holds["subscription"].reason)
        holder = Shareholder.objects.get()
        self.assertEqual(holder.name, "Louise Bernard")
        self.assertNotIn("bernard", holder.email)
        issued = Subscription.objects.get()
        self.assertEqual(issued.pk, self.issued.pk)
        self.assertEqual(issued.phone, "")
        self.assertNotIn("bernard", issued.email)

        # Documents and their files gone, the draft too.
        self.assertFalse(SubscriptionDocument.objects.exists())
        for path in self.files:
            self.assertFalse(os.path.exists(path), path)
        self.assertEqual(record.counts["documents"], 2)
        self.assertEqual(record.counts["subscriptions"], 1)

        # Exports made afterwards do not name the person.
        with translation.override("fr"):
            for dataset in datasets.DATASETS.values():
                text = export_text(dataset)
                self.assertNotIn("Bernard", text, dataset.name)
                self.assertNotIn("bernard", text, dataset.name)
            self.assertIn(receipt.number, export_text(datasets.RECEIPTS))

    def test_erasing_twice_is_harmless(self):
        first = self.erase()
        second = erasure.erase(donor=Donor.objects.get(pk=self.donor.pk))
        self.assertEqual(second.pk, first.pk)
        self.assertEqual(Erasure.objects.count(), 1)
        self.assertEqual(LegalHold.objects.count(), 4)
        # By email as well: the address is nobody's any more.
        self.assertEqual(erasure.erase(email=EMAIL).pk, first.pk)

    def test_nothing_is_erased_when_stripe_cannot_stop_the_monthly_gift(self):
        failure = stripe_client.StripeError("unreachable")
        with (
            mock.patch.object(stripe_client, "cancel_plan", side_effect=failure),
            self.assertRaises(erasure.ErasureRefused) as refused,
            self.assertLogs("campagnes.privacy.erasure", "WARNING"),
        ):
            self.erase()
        self.assertIn("rien n’a été effacé", str(refused.exception))
        self.donor.refresh_from_db()
        self.assertEqual(self.donor.email, EMAIL)
        self.assertEqual(Plan.objects.get().status, "active")
        self.assertEqual(SubscriptionDocument.objects.count(), 2)
        self.assertFalse(Erasure.objects.exists())
        self.assertFalse(self.fake.state.objects[self.customer_id].get("deleted"))

    def test_a_subscription_awaiting_payment_is_settled_first(self):
        Subscription.objects.filter(pk=self.issued.pk).update(status="reserved")
        with self.assertRaises(erasure.ErasureRefused) as refused:
            self.erase()
        self.assertIn("remboursez-la d’abord", str(refused.exception))
        self.assertEqual(self.fake.events[self.delivered :], [])
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).email, EMAIL)

    def test_a_customer_already_deleted_at_stripe_is_no_failure(self):
        stripe_client.delete_customer(self.customer_id)
        record = self.erase()
        self.assertEqual(record.stripe_outcome, "already")
