"""The address recorded as evidence of a bulletin's electronic signature, behind the README's
reverse proxy: the investor's, as the proxy saw it, never the proxy's own nor a forged one."""

import shutil

from django.test import override_settings

from campagnes.models import Subscription
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, share_offering_page


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT, TRUSTED_PROXY_COUNT=1)
class SignatureAddressTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def test_the_bulletin_records_the_investor_s_address_behind_the_proxy(self):
        # The investor's browser sent a forged entry; the proxy appended the address it saw.
        self.subscribe(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
        subscription = Subscription.objects.get()
        self.assertEqual(subscription.accepted_ip, "203.0.113.7")
        with subscription.bulletin.open("rb") as stored:
            bulletin = pdf_text(stored.read())
        self.assertIn("203.0.113.7", bulletin)
        self.assertNotIn("10.0.0.2", bulletin)
        self.assertNotIn("192.0.2.1", bulletin)
