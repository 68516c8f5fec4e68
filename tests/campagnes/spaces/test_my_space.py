""" "Mon espace", as each person meets it: one space whatever the email is to us (donor,
investor, both), its sections, and the refusals: a session whose person was erased meanwhile, a
link sent before an erasure, another person's documents asked for by a tampered address."""

import shutil
import tempfile

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from campagnes.models import Donor, Gift, Plan
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.receipts import issue as receipts
from campagnes.shares import lifecycle
from tests import factories
from tests.campagnes.spaces.test_donor_space import DonorSpaceTestCase, donor
from tests.helpers.shares import held_subscription, share_offering_page

PRIVATE_ROOT = tempfile.mkdtemp(prefix="my-space-test-")
DONOR = "louise.bernard@example.org"
INVESTOR = "marc.dupont@example.org"
REFUSALS = "campagnes.spaces.signin"


def paid_gift(owner: Donor, cents: int) -> Gift:
    return Gift.objects.create(
        donor=owner, amount_cents=cents, status=GiftStatus.PAID, paid_at=timezone.now()
    )


def issued_subscription(page, email: str, **fields):
    """A paid subscription written into the register: a shareholder, a movement, a certificate."""
    subscription = held_subscription(
        page,
        3,
        email,
        status="paid",
        first_name="Marc",
        last_name="Dupont",
        address="12 rue des Lilas",
        postcode="69003",
        city="Lyon",
        country="France",
        accepted_at=timezone.now(),
        paid_at=timezone.now(),
        **fields,
    )
    with transaction.atomic():
        lifecycle.issue(subscription)
    subscription.refresh_from_db()
    return subscription


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class MySpaceTestCase(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.donor = donor(DONOR)
        cls.gift = paid_gift(cls.donor, 5000)
        cls.page = share_offering_page(cls.home, requires_approval=False)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)


class SectionsTests(MySpaceTestCase):
    def test_a_donor_sees_gifts_receipts_details_consents_and_data_but_no_shares(self):
        receipt = receipts.issue(self.donor, [self.gift])
        self.sign_in(DONOR)
        page = self.client.get("/fr/mon-espace/")
        self.assertContains(page, "<h1>Mon espace</h1>", html=True)
        self.assertContains(page, "Bonjour Louise")
        for heading in ("Mes dons", "Mes reçus fiscaux", "Mes coordonnées", "Mes consentements"):
            self.assertContains(page, f">{heading}</h2>")
        self.assertContains(page, f"/fr/mon-espace/recus/{receipt.number}.pdf")
        self.assertContains(page, "3 place des Tilleuls")
        self.assertContains(page, 'href="/fr/mon-espace/mes-donnees.json"')
        self.assertContains(page, 'href="/fr/mon-espace/mes-donnees-csv.zip"')
        self.assertNotContains(page, "Mes souscriptions au capital")
        self.assertNotContains(page, "Mon don mensuel")  # no monthly gift: no section

    def test_an_investor_who_never_gave_sees_their_subscriptions_and_register_address(self):
        subscription = issued_subscription(self.page, INVESTOR)
        self.sign_in(INVESTOR)
        page = self.client.get("/fr/mon-espace/")
        self.assertContains(page, ">Mes souscriptions au capital</h2>")
        self.assertContains(page, subscription.reference)
        self.assertContains(page, f"/fr/mon-espace/attestations/{subscription.public_id}.pdf")
        self.assertContains(page, "Au registre des mouvements de titres")
        self.assertContains(page, "12 rue des Lilas, 69003 Lyon, France")
        self.assertNotContains(page, "Mes dons")
        self.assertNotContains(page, "Mes reçus fiscaux")
        # Receipts by email is a donor's consent: an investor is offered the newsletter only.
        self.assertContains(page, 'name="kind" value="newsletter"')
        self.assertNotContains(page, 'name="kind" value="receipts_by_email"')

    def test_someone_who_gave_and_subscribed_sees_both_in_one_space(self):
        issued_subscription(self.page, DONOR)
        Plan.objects.create(donor=self.donor, amount_cents=1500, status=PlanStatus.ACTIVE)
        self.sign_in(DONOR)
        page = self.client.get("/fr/mon-espace/")
        for heading in ("Mon don mensuel", "Mes dons", "Mes souscriptions au capital"):
            self.assertContains(page, f">{heading}</h2>")

    def test_the_space_in_english(self):
        self.request_link(DONOR, language="en")
        path, token = self.last_link().split("?token=")
        self.assertRedirects(self.client.post(path, {"token": token}), "/en/my-space/")
        page = self.client.get("/en/my-space/")
        self.assertContains(page, "<h1>My space</h1>", html=True)
        for heading in ("My gifts", "My tax receipts", "My details", "My consents", "My data"):
            self.assertContains(page, f">{heading}</h2>")

    def test_the_old_names_of_the_investor_space_lead_to_the_one_space(self):
        self.assertRedirects(
            self.client.get("/fr/mon-espace/investisseur/connexion/"), "/fr/mon-espace/connexion/"
        )
        self.sign_in(DONOR)
        self.assertRedirects(self.client.get("/en/my-space/investor/"), "/en/my-space/")


class ErasedMeanwhileTests(MySpaceTestCase):
    def test_a_session_whose_person_was_deleted_is_signed_out_showing_nothing(self):
        other = donor("paul.martin@example.org", first_name="Paul", last_name="Martin")
        self.sign_in(other.email)
        other.delete()
        response = self.client.get("/fr/mon-espace/")
        self.assertContains(response, "Cet espace n’est plus disponible", status_code=410)
        self.assertNotContains(response, "Paul", status_code=410)
        self.assertNotContains(response, "paul.martin", status_code=410)
        # The session is over: the space now asks to sign in.
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")

    def test_a_session_whose_donor_was_anonymised_shows_nothing_of_them(self):
        self.sign_in(DONOR)
        Donor.objects.filter(pk=self.donor.pk).update(
            email=f"efface-{self.donor.pk}@invalid.example", first_name="", address=""
        )
        response = self.client.get("/fr/mon-espace/mes-donnees.json")
        self.assertContains(response, "Cet espace n’est plus disponible", status_code=410)
        self.assertNotContains(response, "Tilleuls", status_code=410)
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")

    def test_an_erased_investor_s_session_ends_too(self):
        subscription = issued_subscription(self.page, INVESTOR)
        self.sign_in(INVESTOR)
        type(subscription).objects.filter(pk=subscription.pk).update(email="")
        response = self.client.get(f"/fr/mon-espace/attestations/{subscription.public_id}.pdf")
        self.assertContains(response, "Cet espace n’est plus disponible", status_code=410)

    def test_a_link_sent_before_the_erasure_signs_no_one_in(self):
        self.request_link(DONOR)
        path, token = self.last_link().split("?token=")
        Donor.objects.filter(pk=self.donor.pk).update(email="efface@invalid.example")
        response = self.client.post(path, {"token": token})
        self.assertContains(response, "Ce lien n’est plus valable", status_code=410)
        self.assertRedirects(self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/")


class TamperedAddressTests(MySpaceTestCase):
    """Another person's document asked for by changing an id in an address: not found, and
    logged with ids only."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other = donor("paul.martin@example.org", first_name="Paul")
        cls.other_receipt = receipts.issue(cls.other, [paid_gift(cls.other, 2000)])
        cls.other_plan = Plan.objects.create(
            donor=cls.other, amount_cents=1500, status=PlanStatus.ACTIVE
        )

    def assertRefused(self, path: str, what: str) -> None:
        with self.assertLogs(REFUSALS, "WARNING") as logs:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 404)
        self.assertIn(what, logs.output[0])
        self.assertIn(f"donor {self.donor.pk}", logs.output[0])
        self.assertNotIn("@", "".join(logs.output))

    def test_another_person_s_receipt_plan_and_certificate_are_refused_and_logged(self):
        subscription = issued_subscription(self.page, "paul.martin@example.org")
        issued_subscription(self.page, DONOR)
        self.sign_in(DONOR)
        self.assertRefused(f"/fr/mon-espace/recus/{self.other_receipt.number}.pdf", "a receipt")
        self.assertRefused(f"/fr/mon-espace/don-mensuel/{self.other_plan.public_id}/", "monthly")
        self.assertRefused(
            f"/fr/mon-espace/attestations/{subscription.public_id}.pdf", "certificate"
        )

    def test_an_export_naming_another_person_is_refused_and_logged(self):
        self.sign_in(DONOR)
        for query in ("email=paul.martin%40example.org", f"donor={self.other.pk}"):
            with self.subTest(query):
                self.assertRefused(f"/fr/mon-espace/mes-donnees.json?{query}", "export")
                self.assertRefused(f"/fr/mon-espace/mes-donnees-csv.zip?{query}", "export")
        # Naming oneself is no tampering.
        own = self.client.get(f"/fr/mon-espace/mes-donnees.json?donor={self.donor.pk}")
        self.assertEqual(own.status_code, 200)
        self.assertNotIn("Paul", own.text)
