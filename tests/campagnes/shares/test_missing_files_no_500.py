"""An investor's links to a file missing from the private storage: a page that says so, never a
500 (found by tests/campagnes/viewsets/test_admin_views_no_500.py and tests/test_fuzz_public.py)."""

from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from campagnes.models import SubscriptionDocument
from campagnes.shares.session import INVESTOR_KEY, OWN_KEY
from tests.base import SiteTestCase
from tests.helpers.shares import PDF_BYTES, PRIVATE_ROOT, held_subscription, share_offering_page


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class MissingFilesTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = share_offering_page(cls.home)
        cls.subscription = held_subscription(
            page,
            2,
            "louise@example.org",
            reference="SOUS-GONE1",
            first_name="Louise",
            last_name="Bernard",
            accepted_at=timezone.now(),
        )

    def setUp(self):
        super().setUp()
        self.client = Client(raise_request_exception=False)
        session = self.client.session
        session[INVESTOR_KEY] = "louise@example.org"
        session[OWN_KEY] = [str(self.subscription.public_id)]
        session.save()

    def test_a_bulletin_missing_from_the_disk_is_reported_unavailable(self):
        subscription = self.subscription
        subscription.bulletin.save("bulletin.pdf", ContentFile(PDF_BYTES), save=False)
        subscription.bulletin_sha256 = "0" * 64
        subscription.save()
        subscription.bulletin.storage.delete(subscription.bulletin.name)
        url = reverse("campagnes:share_bulletin", args=[subscription.public_id])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "SOUS-GONE1", status_code=503)

    def test_an_uploaded_document_missing_from_the_disk_is_reported_unavailable(self):
        document = SubscriptionDocument(
            subscription=self.subscription, kind="identity", content_type="application/pdf"
        )
        document.file.save("cni.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
        document.file.storage.delete(document.file.name)
        response = self.client.get(reverse("campagnes:share_document", args=[document.public_id]))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "indisponible", status_code=503)
