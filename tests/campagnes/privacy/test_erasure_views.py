"""Erasure as staff and as the person meet it: the admin's confirmation page and list of
erasures with what was kept and why, and "Delete my data" in the personal space. Neither erases
anybody but the person asked for, and neither is open to whoever lacks the right."""

import datetime
import os
import shutil

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from campagnes.models import (
    Donor,
    Erasure,
    LegalHold,
    LoginToken,
    Subscription,
    SubscriptionDocument,
)
from campagnes.receipts import issue as receipts
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import PDF_BYTES, PRIVATE_ROOT, held_subscription, share_offering_page
from tests.helpers.staff import verified_login

EMAIL = "louise.bernard@example.org"


class ErasureSetup(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.offering = share_offering_page(cls.home)

    def setUp(self):
        super().setUp()
        self.donor = factories.donor(EMAIL, last_name="Bernard")
        gift = factories.gift(self.donor, 5000, paid_at=timezone.now())
        self.receipt = receipts.issue(self.donor, [gift])
        LoginToken.objects.create(
            email=EMAIL,
            donor=self.donor,
            token_hash="c" * 64,
            expires_at=timezone.now() + datetime.timedelta(minutes=15),
        )

    def staff(self, group: str, username: str):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        verified_login(self.client, user)
        return user


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class StaffErasureTests(ErasureSetup):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def test_a_mecenat_manager_erases_a_donor_after_seeing_what_is_kept(self):
        self.staff("Mécénat", "manager")
        page = self.client.get(f"/admin/donors/inspect/{self.donor.pk}/")
        self.assertContains(page, f"/admin/erasures/erase/?donor={self.donor.pk}")

        url = f"/admin/erasures/erase/?donor={self.donor.pk}"
        confirm = self.client.get(url)
        self.assertContains(confirm, self.receipt.number)
        self.assertContains(confirm, "L102\u00a0E")
        self.assertContains(confirm, "L123-22")

        response = self.client.post(url, {"donor": self.donor.pk})
        record = Erasure.objects.get()
        self.assertRedirects(response, f"/admin/erasures/inspect/{record.pk}/")
        self.assertEqual(record.requested_by, "staff")
        self.assertIsNone(Donor.objects.get(pk=self.donor.pk).email)

        inspect = self.client.get(f"/admin/erasures/inspect/{record.pk}/")
        self.assertContains(inspect, self.receipt.number)
        self.assertContains(inspect, "L102\u00a0E")
        self.assertNotContains(inspect, "Bernard")
        listing = self.client.get("/admin/erasures/")
        self.assertContains(listing, f"/admin/erasures/inspect/{record.pk}/")
        self.assertNotContains(listing, "bernard")

    def test_an_investor_without_donor_record_is_erased_by_email(self):
        self.staff("Mécénat", "manager")
        draft = held_subscription(self.offering, 2, "paul.martin@example.org", status="expired")
        document = SubscriptionDocument.objects.create(
            subscription=draft,
            kind="identity",
            file=ContentFile(PDF_BYTES, name="identity.pdf"),
            content_type="application/pdf",
        )
        path = document.file.path

        page = self.client.get("/admin/erasures/erase/", {"email": "Paul.Martin@example.org"})
        self.assertContains(page, "Effacer cette personne")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/admin/erasures/erase/", {"email": "paul.martin@example.org"})
        self.assertFalse(Subscription.objects.filter(pk=draft.pk).exists())
        self.assertFalse(os.path.exists(path))
        # The donor of another email is untouched.
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).email, EMAIL)

    def test_an_unknown_email_has_nobody_to_erase(self):
        self.staff("Mécénat", "manager")
        page = self.client.get("/admin/erasures/erase/", {"email": "nobody@example.org"})
        self.assertContains(page, "Rien n’est conservé pour cet e-mail")
        self.client.post("/admin/erasures/erase/", {"email": "nobody@example.org"})
        self.assertFalse(Erasure.objects.exists())

    def test_staff_without_the_right_are_refused_and_logged(self):
        self.staff("Finance", "accountant")
        url = f"/admin/erasures/erase/?donor={self.donor.pk}"
        with self.assertLogs("campagnes.viewsets.erasures", "WARNING") as logs:
            response = self.client.post(url, {"donor": self.donor.pk})
        # Wagtail answers a refused admin page by sending back to the dashboard with a message.
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertNotIn(EMAIL, "".join(logs.output))
        self.assertFalse(Erasure.objects.exists())
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).email, EMAIL)


class PersonErasureTests(ErasureSetup):
    URL = "/fr/mon-espace/supprimer/"

    def sign_in(self, client=None):
        client = client or self.client
        session = client.session
        session.update({"donor_id": self.donor.pk, "space_email": EMAIL})
        session.save()

    def test_the_person_sees_what_is_kept_then_deletes_their_data(self):
        self.sign_in()
        space = self.client.get("/fr/mon-espace/")
        self.assertContains(space, self.URL)

        page = self.client.get(self.URL)
        self.assertContains(page, "Supprimer mes données")
        self.assertContains(page, self.receipt.number)
        self.assertContains(page, "L102\u00a0E")

        unconfirmed = self.client.post(self.URL, {})
        self.assertEqual(unconfirmed.status_code, 400)
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).email, EMAIL)

        done = self.client.post(self.URL, {"confirm": "yes"})
        self.assertContains(done, "Vos données sont supprimées")
        self.assertContains(done, self.receipt.number)
        self.assertNotContains(done, "Bernard")
        record = Erasure.objects.get()
        self.assertEqual(record.requested_by, "person")
        self.assertIsNone(Donor.objects.get(pk=self.donor.pk).email)
        self.assertFalse(LoginToken.objects.exists())
        self.assertTrue(LegalHold.objects.filter(kind="receipt").exists())
        # Signed out: the space asks to sign in again.
        self.assertRedirects(
            self.client.get("/fr/mon-espace/"), "/fr/mon-espace/connexion/", target_status_code=200
        )

    def test_another_session_of_the_erased_person_shows_nothing(self):
        other = self.client_class()
        self.sign_in(other)
        self.sign_in()
        self.client.post(self.URL, {"confirm": "yes"})
        response = other.get("/fr/mon-espace/")
        self.assertEqual(response.status_code, 410)
        self.assertNotContains(response, "Bernard", status_code=410)

    def test_erasing_someone_else_is_refused_and_logged(self):
        victim = factories.donor("paul.martin@example.org")
        self.sign_in()
        with self.assertLogs("campagnes.spaces.signin", "WARNING") as logs:
            response = self.client.post(self.URL, {"confirm": "yes", "donor": victim.pk})
        self.assertEqual(response.status_code, 404)
        self.assertIn("erasure of another person", "".join(logs.output))
        self.assertFalse(Erasure.objects.exists())
        self.assertEqual(Donor.objects.get(pk=victim.pk).email, "paul.martin@example.org")
        self.assertEqual(Donor.objects.get(pk=self.donor.pk).email, EMAIL)

    def test_not_signed_in_is_sent_to_the_sign_in_page(self):
        response = self.client.post(self.URL, {"confirm": "yes"})
        self.assertRedirects(response, "/fr/mon-espace/connexion/", target_status_code=200)
        self.assertFalse(Erasure.objects.exists())
