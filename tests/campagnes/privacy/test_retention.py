"""`manage.py apply_retention` on old and recent records of every kind: the old go (files too),
the recent and the ones still needed stay, and the command prints counts, never a name."""

import datetime
import io
import os
import shutil

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import ModelLogEntry

from campagnes.models import (
    Donor,
    Gift,
    LoginToken,
    Plan,
    StripeEvent,
    Subscription,
    SubscriptionDocument,
)
from home.audit import TeamLogEntry
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import PDF_BYTES, PRIVATE_ROOT, share_offering_page

DAY = datetime.timedelta(days=1)


@override_settings(
    PRIVATE_MEDIA_ROOT=PRIVATE_ROOT,
    RETENTION_SHARE_DOCUMENTS_DAYS=90,
    RETENTION_UNPAID_DONORS_DAYS=90,
    RETENTION_SIGNIN_LINKS_DAYS=30,
    RETENTION_SEARCH_DAYS=395,
    RETENTION_LOGS_DAYS=365,
)
class RetentionTests(SiteTestCase):
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
        self.now = timezone.now()
        old, recent = self.now - 400 * DAY, self.now - 10 * DAY
        # Share documents: an issued subscription long ago, one issued last week, and one
        # still awaiting payment (its documents serve until it is settled).
        self.old_issued = self.subscription("issued", issued_at=old)
        self.recent_issued = self.subscription("issued", issued_at=recent)
        self.refused = self.subscription("cancelled", ended_at=old)
        self.waiting = self.subscription("reserved")
        # Donors: one who never paid, long ago; one who never paid, recently; one who paid
        # long ago; one with a monthly gift that never took a payment.
        self.never_paid = self.donor("jamais.paye@example.org", old)
        Gift.objects.create(
            donor=self.never_paid, amount_cents=5000, status="expired", created_at=old
        )
        self.new_visitor = self.donor("tout.recent@example.org", recent)
        self.paid = self.donor("fidele.donatrice@example.org", old)
        factories.gift(self.paid, 5000, paid_at=old)
        self.planned = self.donor("mensuel.incomplet@example.org", old)
        Plan.objects.create(donor=self.planned, amount_cents=2000, status="incomplete")
        # Sign-in links.
        self.old_link = self.link(self.now - 40 * DAY, "a")
        self.new_link = self.link(self.now - DAY, "b")
        # Search counts: a query counted only long ago, one counted recently.
        old_query, new_query = Query.get("louise bernard"), Query.get("cuisine partagée")
        QueryDailyHits.objects.create(query=old_query, date=(self.now - 500 * DAY).date(), hits=2)
        QueryDailyHits.objects.create(query=new_query, date=(self.now - DAY).date(), hits=5)
        # Logs: a donor's history entry, an export's entry, a processed Stripe event.
        self.log(ModelLogEntry, self.paid, old)
        self.log(ModelLogEntry, self.paid, recent)
        self.log(TeamLogEntry, self.paid, old)
        self.event("evt_old", old, processed=True)
        self.event("evt_unprocessed", old, processed=False)
        self.event("evt_new", recent, processed=True)

    def subscription(self, status, **fields):
        subscription = Subscription.objects.create(
            page=self.offering, status=status, email="louise.bernard@example.org", **fields
        )
        SubscriptionDocument.objects.create(
            subscription=subscription,
            kind="identity",
            file=ContentFile(PDF_BYTES, name="identity.pdf"),
            content_type="application/pdf",
        )
        return subscription

    def donor(self, email, created_at):
        donor = factories.donor(email)
        Donor.objects.filter(pk=donor.pk).update(created_at=created_at)
        return donor

    def link(self, created_at, letter):
        return LoginToken.objects.create(
            email="louise.bernard@example.org",
            token_hash=letter * 64,
            created_at=created_at,
            expires_at=created_at + datetime.timedelta(minutes=15),
        )

    def log(self, model, record, timestamp):
        entry = model.objects.log_action(record, "wagtail.edit")
        model.objects.filter(pk=entry.pk).update(timestamp=timestamp)

    def event(self, event_id, received_at, processed):
        event = StripeEvent.objects.create(
            event_id=event_id,
            type="checkout.session.completed",
            created=int(received_at.timestamp()),
            payload={"customer_details": {"email": "louise.bernard@example.org"}},
            processed_at=received_at if processed else None,
        )
        StripeEvent.objects.filter(pk=event.pk).update(received_at=received_at)

    def documents_of(self, subscription) -> list[str]:
        return [
            doc.file.path for doc in SubscriptionDocument.objects.filter(subscription=subscription)
        ]

    def retention(self, *args) -> str:
        out = io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("apply_retention", *args, stdout=out)
        return out.getvalue()

    def test_old_personal_data_goes_and_the_rest_stays(self):
        gone_files = self.documents_of(self.old_issued) + self.documents_of(self.refused)
        kept_files = self.documents_of(self.recent_issued) + self.documents_of(self.waiting)
        output = self.retention()

        self.assertIn("share documents (rows, files): 2, 2 deleted", output)
        self.assertIn("donors who never paid: 1 deleted", output)
        self.assertIn("sign-in links: 1 deleted", output)
        self.assertIn("search counts (daily counts, queries): 1, 1 deleted", output)
        self.assertIn("log entries (history, exports, Stripe events): 1, 1, 1 deleted", output)
        for secret in ("example.org", "louise", "Bernard", "jamais"):
            self.assertNotIn(secret, output)

        for path in gone_files:
            self.assertFalse(os.path.exists(path), path)
        for path in kept_files:
            self.assertTrue(os.path.exists(path), path)
        self.assertEqual(SubscriptionDocument.objects.count(), 2)
        # The subscriptions themselves are records of the register: only the documents go.
        self.assertEqual(Subscription.objects.count(), 4)

        emails = set(Donor.objects.values_list("email", flat=True))
        self.assertEqual(
            emails,
            {
                "tout.recent@example.org",
                "fidele.donatrice@example.org",
                "mensuel.incomplet@example.org",
            },
        )
        self.assertFalse(Gift.objects.filter(status="expired").exists())
        self.assertEqual(list(LoginToken.objects.all()), [self.new_link])
        self.assertEqual(
            list(Query.objects.values_list("query_string", flat=True)), ["cuisine partagée"]
        )
        self.assertEqual(ModelLogEntry.objects.filter(object_id=str(self.paid.pk)).count(), 1)
        self.assertFalse(TeamLogEntry.objects.exists())
        self.assertEqual(
            set(StripeEvent.objects.values_list("event_id", flat=True)),
            {"evt_unprocessed", "evt_new"},
        )

    def test_a_dry_run_counts_and_deletes_nothing(self):
        output = self.retention("--dry-run")
        self.assertIn("donors who never paid: 1 would be deleted", output)
        self.assertIn("share documents (rows, files): 2, 2 would be deleted", output)
        self.assertEqual(SubscriptionDocument.objects.count(), 4)
        self.assertEqual(Donor.objects.count(), 4)
        self.assertEqual(LoginToken.objects.count(), 2)
        self.assertEqual(QueryDailyHits.objects.count(), 2)
        self.assertEqual(StripeEvent.objects.count(), 3)
        self.assertEqual(self.retention("--dry-run"), output)
