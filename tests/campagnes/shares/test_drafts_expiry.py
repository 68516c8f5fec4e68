"""Bulletins never confirmed do not keep identity documents: their draft and its files are deleted
after SHARE_DRAFT_TTL_HOURS, uploads are limited per bulletin and per address, an image announcing
billions of pixels is refused with a message, and the Finance admin shows what the private storage
holds."""

import datetime
import io
import os
import shutil
import struct
import threading
import unittest
import zlib

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import TransactionTestCase, override_settings
from django.utils import timezone

from wagtail.models import Page, Site

from campagnes.models import Subscription, SubscriptionDocument
from campagnes.shares import drafts
from home.models import HomePage
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.shares import (
    PDF_BYTES,
    PRIVATE_ROOT,
    BulletinSteps,
    held_subscription,
    png_bytes,
    share_offering_page,
    upload,
)
from tests.helpers.staff import verified_login

TOO_MANY_PIXELS = "Cette image est trop grande en pixels"
TOO_MANY_REPLACEMENTS = "Ce bulletin a déjà reçu trop de fichiers"
TOO_MANY_DRAFTS = "Trop de bulletins avec justificatifs ont été commencés depuis votre connexion"


def png_bomb(width: int, height: int) -> bytes:
    """A real PNG of `width` × `height` black pixels: a few kilobytes that decode to hundreds of
    megabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then one bit per pixel
    pixels = b"".join(compressor.compress(row) for _row in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def stored_files() -> set[str]:
    folder = os.path.join(PRIVATE_ROOT, "justificatifs")
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


def on_disk(document: SubscriptionDocument) -> bool:
    return os.path.exists(os.path.join(PRIVATE_ROOT, document.file.name))


class DraftsTestCase(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def with_documents(self, subscription: Subscription, hours_old: int) -> Subscription:
        for kind, content in (("identity", PDF_BYTES), ("address", png_bytes())):
            document = SubscriptionDocument(
                subscription=subscription, kind=kind, content_type="application/pdf"
            )
            document.file.save(f"{document.public_id}.pdf", ContentFile(content), save=False)
            document.size = len(content)
            document.save()
        created = timezone.now() - datetime.timedelta(hours=hours_old)
        Subscription.objects.filter(pk=subscription.pk).update(created_at=created)
        return subscription

    def draft(self, hours_old: int) -> Subscription:
        return self.with_documents(Subscription.objects.create(page=self.page), hours_old)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT, SHARE_DRAFT_TTL_HOURS=48)
class DraftExpiryTests(DraftsTestCase):
    def expire(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("expire_share_drafts", stdout=io.StringIO())

    def test_the_command_deletes_an_old_draft_with_its_files_and_keeps_the_others(self):
        old, young = self.draft(hours_old=49), self.draft(hours_old=47)
        confirmed = self.with_documents(
            held_subscription(self.page, 2, "a@example.org", reference="SOUS-KEPT22"),
            hours_old=24 * 30,
        )
        old_files = list(old.documents.all())
        self.assertTrue(all(on_disk(document) for document in old_files))

        self.expire()

        self.assertFalse(Subscription.objects.filter(pk=old.pk).exists())
        self.assertFalse(SubscriptionDocument.objects.filter(subscription=old.pk).exists())
        self.assertFalse(any(on_disk(document) for document in old_files))
        for kept in (young, confirmed):
            self.assertEqual(kept.documents.count(), 2)
            self.assertTrue(all(on_disk(document) for document in kept.documents.all()))

    def test_a_file_no_record_names_goes_once_old_and_a_recent_one_stays(self):
        self.draft(hours_old=1)
        folder = os.path.join(PRIVATE_ROOT, "justificatifs")
        lost, recent = os.path.join(folder, "lost.pdf"), os.path.join(folder, "recent.pdf")
        for path in (lost, recent):
            with open(path, "wb") as file:
                file.write(PDF_BYTES)
        three_days_ago = (timezone.now() - datetime.timedelta(days=3)).timestamp()
        os.utime(lost, (three_days_ago, three_days_ago))

        self.expire()

        self.assertFalse(os.path.exists(lost))
        self.assertTrue(os.path.exists(recent))
        os.remove(recent)

    def test_an_expired_bulletin_asks_for_the_documents_again(self):
        self.go_to("declarations")
        self.post_step("declarations")
        Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(hours=49))
        self.expire()
        self.assertFalse(Subscription.objects.exists())

        response = self.post_step(
            "recapitulatif", {"accepted_name": "Louise Bernard", "payment_method": "transfer"}
        )

        # The shares are asked again too (they may have gone meanwhile), then the documents.
        self.assertRedirects(response, self.step_url("parts"), fetch_redirect_response=False)
        response = self.post_step("parts")
        self.assertRedirects(
            response, self.step_url("justificatifs"), fetch_redirect_response=False
        )
        page = self.client.get(self.step_url("justificatifs"))
        self.assertNotContains(page, "Reçu.")
        self.assertEqual(self.post_step("justificatifs", {}).status_code, 200)

    def test_an_upload_also_deletes_the_drafts_whose_time_is_up(self):
        old = self.draft(hours_old=72)
        self.go_to("justificatifs")
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.post_documents().status_code, 302)
        self.assertFalse(Subscription.objects.filter(pk=old.pk).exists())
        self.assertEqual(Subscription.objects.filter(status="draft").count(), 1)


@override_settings(
    PRIVATE_MEDIA_ROOT=PRIVATE_ROOT,
    SHARE_DOCUMENT_REPLACEMENTS=2,
    SHARE_DRAFTS_PER_ADDRESS_PER_DAY=2,
)
class UploadLimitTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def replace_identity(self):
        return self.post_step("justificatifs", {"identity": upload("cni.pdf", PDF_BYTES)})

    def test_a_bulletin_replaces_its_documents_a_few_times_then_is_refused(self):
        self.go_to("justificatifs")
        self.assertEqual(self.post_documents().status_code, 302)
        for _attempt in range(2):
            self.assertEqual(self.replace_identity().status_code, 302)
        kept = SubscriptionDocument.objects.get(kind="identity")
        before = stored_files()

        response = self.replace_identity()

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, TOO_MANY_REPLACEMENTS)
        self.assertEqual(SubscriptionDocument.objects.get(kind="identity").pk, kept.pk)
        self.assertEqual(stored_files(), before)

    def test_one_address_starts_a_few_bulletins_with_documents_a_day(self):
        for _visitor in range(2):
            self.client = self.client_class(REMOTE_ADDR="203.0.113.7")
            self.go_to("justificatifs")
            self.assertEqual(self.post_documents().status_code, 302)
        before = stored_files()

        self.client = self.client_class(REMOTE_ADDR="203.0.113.7")
        self.go_to("justificatifs")
        response = self.post_documents()

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, TOO_MANY_DRAFTS, count=2)  # beside each file field
        self.assertEqual(Subscription.objects.count(), 2)
        self.assertEqual(stored_files(), before)

        self.client = self.client_class(REMOTE_ADDR="198.51.100.4")
        self.go_to("justificatifs")
        self.assertEqual(self.post_documents().status_code, 302)

    def test_a_refused_file_does_not_use_up_the_allowance(self):
        for _visitor in range(2):
            self.client = self.client_class(REMOTE_ADDR="203.0.113.8")
            self.go_to("justificatifs")
            self.post_documents(identity=upload("cni.txt", b"not a document"))
        self.go_to("justificatifs")
        self.assertEqual(self.post_documents().status_code, 302)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class DecompressionBombTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)

    def test_an_image_of_too_many_pixels_is_refused_with_a_message(self):
        # Past twice Pillow's limit it raises; between once and twice it only warns.
        for width in (20_000, 10_000):
            with self.subTest(width=width):
                bomb = png_bomb(width, width)
                self.assertLess(len(bomb), 100_000)
                self.go_to("justificatifs")
                response = self.post_documents(identity=upload("cni.png", bomb))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, TOO_MANY_PIXELS)
                self.assertFalse(Subscription.objects.exists())


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class StorageFigureTests(DraftsTestCase):
    def test_the_finance_admin_shows_the_private_storage_size(self):
        draft = self.draft(hours_old=1)
        confirmed = held_subscription(self.page, 2, "a@example.org", reference="SOUS-SIZE22")
        self.with_documents(confirmed, hours_old=1)
        # 1.5 MiB and 0.5 MiB a file, as recorded at upload.
        SubscriptionDocument.objects.filter(subscription=confirmed).update(size=1_572_864)
        SubscriptionDocument.objects.filter(subscription=draft).update(size=524_288)
        user = self.create_user("finance", password="x")
        user.groups.add(Group.objects.get(name="Finance"))
        verified_login(self.client, user)

        response = self.client.get("/admin/finance/totals/")

        self.assertContains(response, "Justificatifs d’identité et de domicile")
        for label, files, size in (
            ("Souscriptions confirmées", 2, "3,0\u00a0Mio"),
            ("Bulletins non confirmés", 2, "1,0\u00a0Mio"),
            ("Total", 4, "4,0\u00a0Mio"),
        ):
            self.assertContains(
                response, f'<th scope="row">{label}</th><td>{files}</td><td>{size}</td>'
            )


@unittest.skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL (as in CI)")
@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class ConfirmationDuringExpiryTests(TransactionTestCase):
    """The investor confirms an old draft while the expiry runs: the confirmation wins."""

    def test_a_draft_confirmed_meanwhile_keeps_its_documents(self):
        fr = factories.locale("fr")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=fr)
        )
        home = factories.publish(root, HomePage(title="Accueil", slug="accueil", locale=fr))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        draft = Subscription.objects.create(page=share_offering_page(home))
        document = SubscriptionDocument(subscription=draft, kind="identity", size=len(PDF_BYTES))
        document.file.save("cni.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
        Subscription.objects.filter(pk=draft.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=72)
        )
        locked, expired = threading.Event(), threading.Event()

        def confirm():
            # As bulletin.sign does: the draft locked, confirmed, committed a moment later.
            try:
                with transaction.atomic():
                    row = Subscription.objects.select_for_update().get(pk=draft.pk)
                    row.status = "reserved"
                    row.save(update_fields=["status"])
                    locked.set()
                    expired.wait(timeout=5)
            finally:
                connections.close_all()

        thread = threading.Thread(target=confirm)
        thread.start()
        locked.wait(timeout=5)
        drafts.expire_drafts()
        expired.set()
        thread.join()
        drafts.expire_drafts()

        self.assertEqual(Subscription.objects.get(pk=draft.pk).status, "reserved")
        self.assertTrue(on_disk(SubscriptionDocument.objects.get(subscription=draft)))
