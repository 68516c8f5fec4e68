"""An email address proves nothing until its link is used: whoever types a known donor's email
in the donation form gives under the identity they type. Their gift and its receipt keep it;
the donor's record, their donor space and their own receipts do not change. Only the donor,
signed in by the emailed link, or staff change the record, and the change is logged."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry

from campagnes.choices import ReceiptPreference
from campagnes.models import Donor, Gift, Receipt
from campagnes.pdf.receipt import render_receipt_pdf
from campagnes.receipts import issue as receipts
from tests import factories
from tests.helpers.payments import StripeFlowTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.staff import verified_login

LINK = re.compile(r"http://testserver(/fr/mon-espace/lien/)\?token=([\w-]+)")
OWNER_EMAIL = "louise.bernard@example.org"
# The stranger's answers in the donation form, with the owner's email.
STRANGER = {
    "civility": "m",
    "first_name": "Marc",
    "last_name": "Intrus",
    "address": "99 rue du Faux",
    "postcode": "75019",
    "city": "Paris",
    "email": OWNER_EMAIL,
    "receipt_preference": "per_gift",
}


def text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


class StrangerWithAKnownEmailTests(StripeFlowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.owner = factories.donor(
            OWNER_EMAIL,
            civility="mme",
            first_name="Louise",
            last_name="Bernard",
            address="3 place des Tilleuls",
            postcode="42400",
            city="Saint-Chamond",
            receipt_preference=ReceiptPreference.ANNUAL,
        )
        cls.owner_gift = factories.gift(
            cls.owner, 4000, timezone.now() - datetime.timedelta(days=3)
        )
        cls.owner_gift.take_identity(cls.owner.identity(), ReceiptPreference.ANNUAL)
        cls.owner_gift.save()

    def stranger_gives(self) -> Gift:
        session = self.give(amount_once="other", other_amount="25", **STRANGER)
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        return Gift.objects.get(stripe_checkout_session_id=session)

    def sign_in_as_owner(self) -> None:
        self.client.post("/fr/mon-espace/connexion/", {"email": OWNER_EMAIL})
        path, token = LINK.search(mail.outbox[-1].body).groups()
        response = self.client.post(path, {"token": token})
        self.assertRedirects(response, "/fr/mon-espace/")

    def test_the_donor_record_and_space_stay_the_owners(self):
        self.stranger_gives()
        owner = Donor.objects.get(pk=self.owner.pk)
        self.assertEqual(
            (owner.first_name, owner.last_name, owner.address, owner.postcode, owner.city),
            ("Louise", "Bernard", "3 place des Tilleuls", "42400", "Saint-Chamond"),
        )
        self.assertEqual(owner.receipt_preference, ReceiptPreference.ANNUAL)
        self.assertEqual(Donor.objects.count(), 1)  # the email is still one donor's

        self.sign_in_as_owner()
        space = self.client.get("/fr/mon-espace/")
        self.assertContains(space, "Louise Bernard")
        self.assertContains(space, "3 place des Tilleuls")
        self.assertNotContains(space, "Intrus")
        self.assertNotContains(space, "99 rue du Faux")

    def test_the_strangers_receipt_prints_the_strangers_identity(self):
        gift = self.stranger_gives()
        receipt = Receipt.objects.get(gifts=gift)  # a receipt per gift, as the stranger asked
        attachment = next(m for m in mail.outbox if receipt.number in m.subject).attachments[0]
        printed = text(attachment[1])
        self.assertIn("Intrus", printed)
        self.assertIn("99 rue du Faux", printed)
        self.assertIn("75019 Paris", printed)
        self.assertNotIn("Bernard", printed)
        self.assertNotIn("Tilleuls", printed)

    def test_the_owners_next_receipts_print_the_owners_identity(self):
        gift = self.stranger_gives()
        mine = receipts.issue_for_gift(Gift.objects.get(pk=self.owner_gift.pk))
        printed = text(render_receipt_pdf(receipts.document(mine)))
        self.assertIn("Bernard", printed)
        self.assertIn("3 place des Tilleuls", printed)
        self.assertNotIn("Intrus", printed)
        self.assertNotIn("99 rue du Faux", printed)
        self.assertNotEqual(mine.pk, gift.receipt_id)

    def test_an_annual_receipt_never_mixes_two_identities(self):
        session = self.give(
            amount_once="other", other_amount="25", **{**STRANGER, "receipt_preference": "annual"}
        )
        self.fake.complete_session(session, method="card")
        self.deliver_new()
        year = timezone.localdate().year
        issued = sorted(receipts.issue_annual(year), key=lambda receipt: receipt.amount_cents)
        self.assertEqual(
            [(r.last_name, r.address, r.amount_cents) for r in issued],
            [
                ("Intrus", "99 rue du Faux\n75019 Paris", 2500),
                ("Bernard", "3 place des Tilleuls\n42400 Saint-Chamond", 4000),
            ],
        )
        self.assertTrue(all(receipt.donor_id == self.owner.pk for receipt in issued))

    def test_the_owner_changes_their_details_from_the_donor_space_and_it_is_logged(self):
        stranger_gift = self.stranger_gives()
        self.sign_in_as_owner()
        form = self.client.get("/fr/mon-espace/coordonnees/")
        self.assertContains(form, 'value="3 place des Tilleuls"')
        response = self.client.post(
            "/fr/mon-espace/coordonnees/",
            {
                "civility": "mme",
                "first_name": "Louise",
                "last_name": "Bernard-Roux",
                "address": "8 rue Neuve",
                "postcode": "69001",
                "city": "Lyon",
                "receipt_preference": "annual",
                "receipt_by_email": "on",
            },
        )
        self.assertRedirects(response, "/fr/mon-espace/")
        owner = Donor.objects.get(pk=self.owner.pk)
        self.assertEqual(
            (owner.last_name, owner.address, owner.city), ("Bernard-Roux", "8 rue Neuve", "Lyon")
        )
        entry = ModelLogEntry.objects.for_instance(owner).get(action="campagnes.donor_identity")
        self.assertEqual(sorted(entry.data["fields"]), ["address", "city", "last_name", "postcode"])
        self.assertIsNone(entry.user)
        # The owner's gift not receipted yet follows; the stranger's keeps the stranger's name.
        self.assertEqual(Gift.objects.get(pk=self.owner_gift.pk).identity().city, "Lyon")
        self.assertEqual(Gift.objects.get(pk=stranger_gift.pk).identity().last_name, "Intrus")
        self.assertContains(self.client.get("/fr/mon-espace/"), "8 rue Neuve")

    def test_a_bad_change_from_the_donor_space_changes_nothing(self):
        self.sign_in_as_owner()
        response = self.client.post(
            "/fr/mon-espace/coordonnees/",
            {
                "first_name": "Louise",
                "last_name": "",
                "address": "8 rue Neuve",
                "postcode": "69001",
                "city": "Lyon",
                "company_name": "Boulangerie Bernard",
                "receipt_preference": "annual",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "field__error", count=3)  # last name, legal form, SIREN
        self.assertEqual(Donor.objects.get(pk=self.owner.pk).address, "3 place des Tilleuls")
        self.assertFalse(ModelLogEntry.objects.for_instance(self.owner).exists())

    def test_the_donor_space_form_needs_the_link(self):
        response = self.client.post("/fr/mon-espace/coordonnees/", {"last_name": "Intrus"})
        self.assertRedirects(response, "/fr/mon-espace/connexion/", fetch_redirect_response=False)
        self.assertEqual(Donor.objects.get(pk=self.owner.pk).last_name, "Bernard")

    def test_staff_change_a_record_in_the_admin_and_wagtail_logs_it(self):
        staff = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        verified_login(self.client, staff)
        response = self.client.post(
            f"/admin/donors/edit/{self.owner.pk}/",
            {
                "email": OWNER_EMAIL,
                "civility": "mme",
                "first_name": "Louise",
                "last_name": "Bernard",
                "address": "5 quai du Rhône",
                "postcode": "69007",
                "city": "Lyon",
                "country": "FR",
                "receipt_preference": "annual",
                "receipt_by_email": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(Donor.objects.get(pk=self.owner.pk).address, "5 quai du Rhône")
        entry = ModelLogEntry.objects.for_instance(self.owner).get(action="wagtail.edit")
        self.assertEqual(entry.user, staff)
        self.assertEqual(
            Gift.objects.get(pk=self.owner_gift.pk).identity().address, "5 quai du Rhône"
        )
