"""A person corrects their details from their space: the donor's name and address print on the
receipts still to come, never on one already issued; the shareholder's address changes in the
register's holder record, never on a signed bulletin or an issued certificate."""

import hashlib

from wagtail.models import ModelLogEntry

from campagnes.models import Donor, Gift, Shareholder, Subscription
from campagnes.receipts import issue as receipts
from tests.campagnes.spaces.test_donor_space import pdf_text
from tests.campagnes.spaces.test_my_space import (
    DONOR,
    INVESTOR,
    MySpaceTestCase,
    issued_subscription,
    paid_gift,
)
from tests.helpers.shares import held_subscription

NEW_DETAILS = {
    "civility": "mme",
    "first_name": "Louise",
    "last_name": "Bernard",
    "address": "8 rue Neuve",
    "postcode": "69001",
    "city": "Lyon",
    "receipt_preference": "per_gift",
}


class DonorDetailsTests(MySpaceTestCase):
    def receipt_text(self, receipt) -> str:
        response = self.client.get(f"/fr/mon-espace/recus/{receipt.number}.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        return pdf_text(response.content)

    def test_a_new_address_prints_on_the_next_receipt_and_never_on_an_issued_one(self):
        issued = receipts.issue(self.donor, [self.gift])
        # Given before the change, receipted after it: its receipt is one still to come.
        coming = paid_gift(self.donor, 2500)
        self.sign_in(DONOR)
        self.assertIn("3 place des Tilleuls", self.receipt_text(issued))
        form = self.client.get("/fr/mon-espace/coordonnees/")
        self.assertContains(form, "les reçus déjà émis ne changent jamais")

        response = self.client.post("/fr/mon-espace/coordonnees/", NEW_DETAILS)
        self.assertRedirects(response, "/fr/mon-espace/")
        space = self.client.get("/fr/mon-espace/")
        self.assertContains(space, "8 rue Neuve")
        self.assertContains(space, "les reçus déjà émis ne changent jamais")

        later = receipts.issue(
            Donor.objects.get(pk=self.donor.pk), [Gift.objects.get(pk=coming.pk)]
        )
        self.assertIn("8 rue Neuve", self.receipt_text(later))
        old = self.receipt_text(issued)
        self.assertIn("3 place des Tilleuls", old)
        self.assertNotIn("8 rue Neuve", old)

    def test_annual_receipts_are_chosen_here(self):
        self.sign_in(DONOR)
        self.client.post(
            "/fr/mon-espace/coordonnees/", {**NEW_DETAILS, "receipt_preference": "annual"}
        )
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).receipt_preference, "annual")
        self.assertContains(self.client.get("/fr/mon-espace/"), "Un reçu fiscal par an")

    def test_an_empty_address_is_refused_and_changes_nothing(self):
        self.sign_in(DONOR)
        response = self.client.post("/fr/mon-espace/coordonnees/", {**NEW_DETAILS, "address": ""})
        self.assertContains(response, "field__error")
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).address, "3 place des Tilleuls")


class ShareholderAddressTests(MySpaceTestCase):
    def test_the_register_keeps_the_new_address_the_signed_documents_keep_theirs(self):
        subscription = issued_subscription(self.page, INVESTOR)
        certificate = subscription.certificate_sha256
        self.sign_in(INVESTOR)
        form = self.client.get("/fr/mon-espace/adresse-associe/")
        self.assertContains(form, 'value="12 rue des Lilas, 69003 Lyon, France"')
        self.assertContains(form, "ne changent jamais")

        response = self.client.post(
            "/fr/mon-espace/adresse-associe/",
            {"address": "  5 quai Saint-Vincent,   69001 Lyon, France "},
        )
        self.assertRedirects(response, "/fr/mon-espace/")
        holder = Shareholder.objects.get()
        self.assertEqual(holder.address, "5 quai Saint-Vincent, 69001 Lyon, France")
        self.assertContains(self.client.get("/fr/mon-espace/"), "5 quai Saint-Vincent")
        # The subscription keeps the address its bulletin was signed with, and the certificate
        # downloads as issued.
        subscription = Subscription.objects.get(pk=subscription.pk)
        self.assertEqual(subscription.address, "12 rue des Lilas")
        pdf = self.client.get(f"/fr/mon-espace/attestations/{subscription.public_id}.pdf")
        self.assertEqual(hashlib.sha256(pdf.content).hexdigest(), certificate)
        entry = ModelLogEntry.objects.for_instance(holder).get()
        self.assertEqual(entry.action, "campagnes.shareholder_address")
        self.assertNotIn("Vincent", str(entry.data))

    def test_an_empty_or_unprintable_address_is_refused_and_changes_nothing(self):
        issued_subscription(self.page, INVESTOR)
        self.sign_in(INVESTOR)
        for address in ("", "5 quai\u0007, Lyon"):
            with self.subTest(address):
                response = self.client.post("/fr/mon-espace/adresse-associe/", {"address": address})
                self.assertContains(response, "field__error")
        self.assertEqual(Shareholder.objects.get().address, "12 rue des Lilas, 69003 Lyon, France")

    def test_before_the_shares_are_issued_there_is_no_register_address_to_change(self):
        held_subscription(self.page, 2, INVESTOR, accepted_at=self.donor.created_at)
        self.sign_in(INVESTOR)
        response = self.client.get("/fr/mon-espace/adresse-associe/", follow=True)
        self.assertContains(response, "quand vos parts sont émises")
        self.assertFalse(Shareholder.objects.exists())
