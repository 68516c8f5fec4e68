"""Staff corrections, never edits: the Mécénat team cancels a receipt with a reason and issues its
replacement, cancels a bounced cheque or corrects a wrong amount; totals, the dashboard and the
yearly declaration follow at once, everything is in the history, and nothing is deleted."""

import datetime
import shutil
import tempfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from campagnes.choices import PaymentMethod
from campagnes.demo.permissions import FINANCE_GROUP, MECENAT_GROUP
from campagnes.models import Donor, Gift, GiftDay, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.models.pages import attach_progress
from campagnes.receipts import documents
from campagnes.receipts.corrections import CorrectionRefused, cancel_and_replace
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.staff import verified_login

PRIVATE_ROOT = tempfile.mkdtemp(prefix="corrections-test-")


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class CorrectionTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.campaign = factories.campaign_page(
            factories.campaign_index_page(cls.home), goal_cents=100_000
        )
        User = get_user_model()
        cls.mecenat = User.objects.create_user("tresoriere", "tresoriere@example.org")
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        cls.finance = User.objects.create_user("comptable", "comptable@example.org")
        cls.finance.groups.add(Group.objects.get(name=FINANCE_GROUP))
        cls.donor = Donor.objects.create(
            email="paul.cheque@example.org",
            first_name="Paul",
            last_name="Chèque",
            address="5 rue du Port",
            postcode="44000",
            city="Nantes",
        )

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def cheque(self, cents: int = 30000) -> Gift:
        """A cheque recorded by the team in the admin: paid, receipted, its task run."""
        verified_login(self.client, self.mecenat)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("gifts:add"),
                {
                    "chosen_donor": self.donor.pk,
                    "email": self.donor.email,
                    "receipt_preference": "per_gift",
                    "amount": str(cents // 100),
                    "method": PaymentMethod.CHEQUE,
                    "received_on": timezone.localdate().isoformat(),
                    "campaign": self.campaign.pk,
                },
            )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return Gift.objects.filter(donor=self.donor).latest("pk")

    def confirm(self, url: str, data: dict):
        """The form, then its confirmation page, then the action, as staff go through them."""
        response = self.client.post(url, data)
        self.assertContains(response, "irréversible")
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, {**data, "confirmed": "1"})

    def raised(self) -> tuple[int, int]:
        """The campaign's total on its page, and on the Mécénat dashboard (its daily totals)."""
        attach_progress([self.campaign])
        page = self.campaign.progress.raised_cents
        days = sum(
            GiftDay.objects.filter(campaign_id=self.campaign.pk).values_list("net_cents", flat=True)
        )
        return page, days

    def declared(self) -> tuple[int, int]:
        """This year's line of the yearly declaration, as the Mécénat admin shows it."""
        verified_login(self.client, self.mecenat)
        response = self.client.get(reverse("mecenat-declaration:index"))
        year = next(
            (row for row in response.context["years"] if row["year"] == timezone.localdate().year),
            {"total": (0, 0)},
        )
        return year["total"]

    # Receipts -----------------------------------------------------------------------------------

    def test_a_receipt_is_cancelled_and_replaced_with_a_new_number(self):
        gift = self.cheque()
        old = gift.receipt
        # The donor's name was misspelled: corrected on the record, then the receipt replaced.
        Donor.objects.filter(pk=self.donor.pk).update(last_name="Chéqué")
        response = self.confirm(
            reverse("receipts:cancel", args=[old.pk]),
            {"reason": "Nom mal orthographié", "donor_details": "on"},
        )
        old.refresh_from_db()
        new = old.replaced_by
        self.assertRedirects(response, reverse("receipts:inspect", args=[new.pk]))
        self.assertTrue(old.is_cancelled)
        self.assertEqual(old.cancel_reason, "Nom mal orthographié")
        self.assertNotEqual(new.number, old.number)
        self.assertGreater(new.sequence, old.sequence)
        self.assertEqual(new.amount_cents, old.amount_cents)
        new_text = pdf_text(documents.original(new))
        self.assertRegex(new_text, rf"Annule et remplace le reçu n°\s{old.number}")
        self.assertIn("Chéqué", new_text)
        # The old one is kept, and downloads marked cancelled.
        self.assertIn("ANNULÉ", pdf_text(documents.download(old)))
        self.assertTrue(Receipt.objects.filter(pk=old.pk).exists())
        gift.refresh_from_db()
        self.assertEqual(gift.receipt, new)
        for instance in (old, self.donor):
            self.assertTrue(
                ModelLogEntry.objects.for_instance(instance)
                .filter(action="campagnes.receipt_cancelled", data__reason="Nom mal orthographié")
                .exists()
            )

    def test_cancelling_twice_is_refused_and_changes_nothing(self):
        old = self.cheque().receipt
        cancel_and_replace(old, "Adresse erronée", self.mecenat)
        count = Receipt.objects.count()
        with self.assertRaisesMessage(CorrectionRefused, "déjà annulé"):
            cancel_and_replace(old, "Encore", self.mecenat)
        # Through the admin too: a clear message on the receipt's page.
        verified_login(self.client, self.mecenat)
        response = self.client.post(
            reverse("receipts:cancel", args=[old.pk]), {"reason": "Encore", "confirmed": "1"}
        )
        self.assertRedirects(response, reverse("receipts:inspect", args=[old.pk]))
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertIn(
            f"Le reçu n°\u00a0{old.number} est déjà annulé\u00a0: rien n'a été modifié.", messages
        )
        self.assertEqual(Receipt.objects.count(), count)

    def test_finance_may_not_correct_and_nothing_changes(self):
        gift = self.cheque()
        receipt = gift.receipt
        verified_login(self.client, self.finance)
        for url, data in (
            (reverse("receipts:cancel", args=[receipt.pk]), {"reason": "x", "confirmed": "1"}),
            (reverse("gifts:cancel", args=[gift.pk]), {"reason": "x", "confirmed": "1"}),
            (
                reverse("gifts:correct", args=[gift.pk]),
                {"reason": "x", "amount": "1", "confirmed": "1"},
            ),
        ):
            response = self.client.post(url, data, follow=True)
            self.assertContains(response, "Seule l&#x27;équipe Mécénat")
        with self.assertRaises(CorrectionRefused):
            cancel_and_replace(receipt, "x", self.finance)
        receipt.refresh_from_db()
        gift.refresh_from_db()
        self.assertFalse(receipt.is_cancelled)
        self.assertEqual(gift.status, GiftStatus.PAID)
        self.assertEqual(Receipt.objects.count(), 1)

    def test_a_reason_is_required(self):
        receipt = self.cheque().receipt
        verified_login(self.client, self.mecenat)
        response = self.client.post(reverse("receipts:cancel", args=[receipt.pk]), {"reason": "  "})
        self.assertContains(response, "Champ requis")
        receipt.refresh_from_db()
        self.assertFalse(receipt.is_cancelled)

    # Gifts --------------------------------------------------------------------------------------

    def test_a_bounced_cheque_leaves_the_totals_and_the_declaration_at_once(self):
        kept = self.cheque(20000)
        bounced = self.cheque(30000)
        self.assertEqual(self.raised(), (50000, 50000))
        self.assertEqual(self.declared(), (2, 50000))
        self.confirm(reverse("gifts:cancel", args=[bounced.pk]), {"reason": "Chèque impayé"})
        bounced.refresh_from_db()
        self.assertEqual(bounced.status, GiftStatus.CANCELLED)
        self.assertEqual(bounced.cancel_reason, "Chèque impayé")
        self.assertEqual(self.raised(), (20000, 20000))
        self.assertEqual(self.declared(), (1, 20000))
        self.assertTrue(bounced.receipt.is_cancelled)
        kept.refresh_from_db()
        self.assertFalse(kept.receipt.is_cancelled)
        self.assertTrue(Gift.objects.filter(pk=bounced.pk).exists())  # kept, never deleted
        self.assertTrue(
            ModelLogEntry.objects.for_instance(self.donor)
            .filter(action="campagnes.gift_cancelled")
            .exists()
        )
        # A second time: refused, nothing changes.
        response = self.client.post(
            reverse("gifts:cancel", args=[bounced.pk]),
            {"reason": "x", "confirmed": "1"},
            follow=True,
        )
        self.assertContains(response, "Ce don est déjà annulé")
        self.assertEqual(self.raised(), (20000, 20000))

    def test_a_wrong_amount_is_a_cancelled_gift_and_a_new_one(self):
        wrong = self.cheque(30000)
        old_receipt = wrong.receipt
        response = self.confirm(
            reverse("gifts:correct", args=[wrong.pk]),
            {"amount": "250", "reason": "Montant mal saisi"},
        )
        wrong.refresh_from_db()
        right = wrong.corrected_by
        self.assertRedirects(response, reverse("gifts:inspect", args=[right.pk]))
        self.assertEqual((wrong.status, right.status), (GiftStatus.CANCELLED, GiftStatus.PAID))
        self.assertEqual(right.amount_cents, 25000)
        self.assertEqual((right.campaign, right.received_on), (wrong.campaign, wrong.received_on))
        self.assertEqual(self.raised(), (25000, 25000))
        old_receipt.refresh_from_db()
        self.assertTrue(old_receipt.is_cancelled)
        self.assertEqual(right.receipt.replaces, old_receipt)
        self.assertEqual(right.receipt.amount_cents, 25000)
        self.assertEqual(self.declared(), (1, 25000))
        # Correcting the cancelled gift again is refused.
        response = self.client.post(
            reverse("gifts:correct", args=[wrong.pk]),
            {"amount": "200", "reason": "x", "confirmed": "1"},
            follow=True,
        )
        self.assertContains(response, "Ce don est déjà annulé")
        self.assertEqual(Gift.objects.filter(donor=self.donor).count(), 2)

    def test_an_online_gift_is_not_corrected_here(self):
        gift = Gift.objects.create(
            donor=self.donor,
            amount_cents=1000,
            status=GiftStatus.PAID,
            paid_at=timezone.now() - datetime.timedelta(days=1),
        )
        verified_login(self.client, self.mecenat)
        response = self.client.post(
            reverse("gifts:cancel", args=[gift.pk]), {"reason": "x", "confirmed": "1"}, follow=True
        )
        self.assertContains(response, "remboursement dans Stripe")
        gift.refresh_from_db()
        self.assertEqual(gift.status, GiftStatus.PAID)
