"""Every Mécénat and Finance admin page opens on demo-like records, those without their optional
files included (a receipt whose PDF was never stored or is gone, a subscription without its
documents, a bulletin missing from the disk): no page of the admin answers 500.

The addresses are not listed by hand: each registered record viewset's inspect, edit, history
and action pages are walked for every record, so a new viewset or action is covered too.
"""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from campagnes.demo.permissions import FINANCE_GROUP, MECENAT_GROUP
from campagnes.donations import payments
from campagnes.models import (
    Receipt,
    ShareMovement,
    StripeEvent,
    Subscription,
    SubscriptionDocument,
    WaitingListEntry,
)
from campagnes.models.donations import GiftStatus
from campagnes.shares import lifecycle
from campagnes.viewsets.register import ShareMovementViewSet
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import (
    PDF_BYTES,
    PRIVATE_ROOT,
    held_subscription,
    png_bytes,
    share_offering_page,
)
from tests.helpers.staff import verified_login

# The Mécénat and Finance viewsets: the records of this app (Wagtail's own are tested upstream).
OURS = "campagnes"


class ForgivingClient(Client):
    """A 500 comes back as a response, with its traceback on `response.exc_info`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, raise_request_exception=False, **kwargs)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class AdminViewsNo500Tests(SiteTestCase):
    client_class = ForgivingClient

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index, goal_cents=100_000)
        cls.lieux = factories.lieu_index_page(cls.home)
        factories.lieu_page(cls.lieux)

        # Donations: a paid gift with its receipt stored, one whose stored PDF is gone, a
        # pending gift, a monthly plan, a company and its pledge.
        donor = factories.donor("jeanne.martin@example.org", first_name="Jeanne")
        company = factories.donor(
            "compta@boulangeries.example", company_name="Boulangeries Martin", siren="123456789"
        )
        for number, who in enumerate((donor, company, donor)):
            gift = factories.gift(who, 5000 + number, campaign=cls.campaign, status="pending")
            with cls.captureOnCommitCallbacks(execute=True):
                payments.move(gift, GiftStatus.PAID)
        factories.gift(donor, 2500, campaign=cls.campaign, status=GiftStatus.PENDING)
        factories.plan(donor, 1500, timezone.now())
        partner = factories.partner()
        factories.pledge(partner, 200_000)
        receipts = list(Receipt.objects.order_by("pk"))
        assert len(receipts) >= 2, receipts
        cls.receipt_without_pdf = receipts[-1]
        if cls.receipt_without_pdf.pdf:
            cls.receipt_without_pdf.pdf.storage.delete(cls.receipt_without_pdf.pdf.name)
        StripeEvent.objects.create(
            event_id="evt_no500",
            type="checkout.session.completed",
            created=1_790_000_000,
            payload={"id": "evt_no500", "data": {"object": {}}},
        )

        # Shares: issued (certificate, register entry, shareholder), reserved with documents,
        # a draft without any, one whose bulletin file is missing, a waiting list entry.
        page = share_offering_page(cls.home, requires_approval=False)
        now = timezone.now()
        person = {"first_name": "Louise", "last_name": "Bernard", "accepted_at": now}
        issued = held_subscription(
            page, 4, "louise@example.org", status="paid", reference="SOUS-A1", paid_at=now, **person
        )
        with transaction.atomic():
            lifecycle.issue(issued)
        with_documents = held_subscription(
            page, 2, "paul@example.org", reference="SOUS-B2", **person
        )
        for kind, name, data in (
            ("identity", "cni.pdf", PDF_BYTES),
            ("address", "f.png", png_bytes()),
        ):
            document = SubscriptionDocument(subscription=with_documents, kind=kind)
            document.file.save(name, ContentFile(data), save=False)
            document.save()
        missing = held_subscription(page, 2, "anne@example.org", reference="SOUS-C3", **person)
        missing.bulletin.save("bulletin.pdf", ContentFile(PDF_BYTES), save=False)
        missing.bulletin_sha256 = "0" * 64
        missing.save()
        missing.bulletin.storage.delete(missing.bulletin.name)
        Subscription.objects.create(page=page, status="draft", shares=1, email="x@example.org")
        WaitingListEntry.objects.create(
            page=page,
            name="Marc",
            email="marc@example.org",
            shares=3,
            status="offered",
            offered_shares=3,
            offered_until=now + datetime.timedelta(days=2),
        )
        cls.superuser = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        cls.mecenat = get_user_model().objects.create_user("mecenat", "m@example.org")
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        cls.finance = get_user_model().objects.create_user("finance", "f@example.org")
        cls.finance.groups.add(Group.objects.get(name=FINANCE_GROUP))

    # The addresses -------------------------------------------------------------------------------

    def viewsets(self) -> list[ModelViewSet]:
        return [
            each
            for each in admin_viewsets.viewsets
            if isinstance(each, ModelViewSet) and each.model._meta.app_label == OURS
        ]

    def pattern_names(self, namespace: str) -> list[tuple[str, bool]]:
        """(url name, takes a pk) of every view the viewset registered."""
        resolver = get_resolver()
        admin = next(
            p
            for p in resolver.url_patterns
            if isinstance(p, URLResolver) and "admin" in str(p.pattern)
        )
        found = []

        def walk(patterns, inside: bool):
            for pattern in patterns:
                if isinstance(pattern, URLResolver):
                    walk(pattern.url_patterns, inside or pattern.namespace == namespace)
                elif inside and isinstance(pattern, URLPattern) and pattern.name:
                    found.append((pattern.name, "<int:pk>" in str(pattern.pattern)))

        walk(
            [
                p
                for p in admin.url_patterns
                if isinstance(p, URLResolver) and p.namespace == namespace
            ],
            False,
        )
        return found

    def admin_urls(self) -> list[str]:
        urls = []
        for viewset in self.viewsets():
            namespace = viewset.url_namespace
            records = list(viewset.model.objects.values_list("pk", flat=True))
            for name, takes_pk in self.pattern_names(namespace):
                try:
                    if takes_pk:
                        urls += [reverse(f"{namespace}:{name}", args=[pk]) for pk in records]
                    else:
                        urls.append(reverse(f"{namespace}:{name}"))
                except NoReverseMatch:
                    continue  # another argument (a field name…): not a record's page
            if any(name == "index" for name, _ in self.pattern_names(namespace)):
                index = reverse(f"{namespace}:index")
                urls += [f"{index}?export=csv", f"{index}?export=xlsx"]
        return urls

    def assertNo500(self, url: str, response):
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            import traceback

            trace = "".join(traceback.format_exception(*error)) if error else ""
            self.fail(f"{response.status_code} on {url}\n{trace}")

    # The tests -----------------------------------------------------------------------------------

    def test_every_admin_page_opens_for_a_superuser(self):
        verified_login(self.client, self.superuser)
        urls = self.admin_urls()
        # Walked: the register's inspect page, a receipt's PDF and a subscription's pages.
        movement = ShareMovement.objects.first()
        self.assertIn(reverse(f"{ShareMovementViewSet.name}:inspect", args=[movement.pk]), urls)
        self.assertIn(reverse("receipts:pdf", args=[self.receipt_without_pdf.pk]), urls)
        self.assertGreater(len(urls), 60)
        for url in urls:
            with self.subTest(url=url):
                self.assertNo500(url, self.client.get(url))

    def test_every_admin_page_opens_for_mecenat_and_finance(self):
        urls = self.admin_urls()
        for user in (self.mecenat, self.finance):
            verified_login(self.client, user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertNo500(url, response)
                    # Theirs or not, never an error page: a page, a redirect or a refusal.
                    self.assertIn(response.status_code, (200, 302, 403, 404, 405, 503), url)

    def test_the_register_entry_inspect_page_shows_the_entry(self):
        verified_login(self.client, self.finance)
        movement = ShareMovement.objects.get()
        response = self.client.get(reverse("share-register:inspect", args=[movement.pk]))
        self.assertEqual(response.status_code, 200, response.get("Location"))
        self.assertContains(response, "Louise Bernard")
        self.assertTrue(re.search(r"\b4\b", response.text))
