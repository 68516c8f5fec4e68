"""Media and private files on object storage (S3 API through django-storages), tested against a
real S3-compatible server: moto in server mode, which `.ci/run` installs and starts and names in
OBJECT_STORAGE_TEST_ENDPOINT. Without it these tests are skipped, except in CI, where they fail.

Public media (an uploaded image and its renditions) land in the media bucket and are read by
URL; private files (an issued tax receipt) land in the private bucket, never public, and reach
only the donor they belong to, through the site.
"""

import hashlib
import io
import json
import os
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from campagnes.donations import payments
from campagnes.models import Donor, Gift, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.spaces.signin import SESSION_KEY
from config.settings.env import object_storages
from home import factories as home_factories
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text

ENDPOINT = os.environ.get("OBJECT_STORAGE_TEST_ENDPOINT", "")
if not ENDPOINT:
    if os.environ.get("CI"):
        raise RuntimeError("CI runs the object storage tests: OBJECT_STORAGE_TEST_ENDPOINT unset")
    pytest.skip(
        "no S3-compatible server (set OBJECT_STORAGE_TEST_ENDPOINT, as .ci/run does)",
        allow_module_level=True,
    )

import boto3  # noqa: E402 (only once the server is known to be there)

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def s3():
    return boto3.client("s3", endpoint_url=ENDPOINT, region_name="eu-west-3", **CREDENTIALS)


def buckets() -> tuple[str, str]:
    """A media and a private bucket of their own for a test class: the server outlives it."""
    suffix = uuid.uuid4().hex[:10]
    media, private = f"media-{suffix}", f"private-{suffix}"
    client = s3()
    for bucket in (media, private):
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )
    # The media bucket's policy, as the README gives it: anyone may read, nobody else list.
    client.put_bucket_policy(Bucket=media, Policy=json.dumps(media_policy(media)))
    return media, private


def media_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


def anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 the test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def storages_for(media: str, private: str) -> dict:
    """STORAGES as the production settings build them from the environment."""
    environ = {
        "OBJECT_STORAGE_ENDPOINT_URL": ENDPOINT,
        "OBJECT_STORAGE_REGION": "eu-west-3",
        "OBJECT_STORAGE_ACCESS_KEY_ID": "testing",
        "OBJECT_STORAGE_SECRET_ACCESS_KEY": "testing",
        "OBJECT_STORAGE_MEDIA_BUCKET": media,
        "OBJECT_STORAGE_PRIVATE_BUCKET": private,
    }
    return {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        **object_storages(environ),
    }


def keys(bucket: str) -> list[str]:
    listing = s3().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def body(bucket: str, key: str) -> bytes:
    return s3().get_object(Bucket=bucket, Key=key)["Body"].read()


def issued_receipt(test, email: str) -> Receipt:
    """A cheque recorded as paid: its receipt is numbered and its PDF frozen on the storage."""
    donor = Donor.objects.create(
        email=email,
        first_name="Louise",
        last_name="Bernard",
        address="3 place des Tilleuls",
        postcode="42400",
        city="Saint-Chamond",
    )
    gift = Gift.objects.create(donor=donor, amount_cents=12000)
    with test.captureOnCommitCallbacks(execute=True):
        payments.move(gift, GiftStatus.PAID)
    return Receipt.objects.get(gifts=gift)


class ObjectStorageTests(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        cls.media, cls.private = buckets()
        cls.storages = override_settings(STORAGES=storages_for(cls.media, cls.private))
        cls.storages.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.storages.disable()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)

    def test_an_uploaded_image_and_its_renditions_are_in_the_media_bucket_read_by_url(self):
        image = home_factories.image("Façade de La Boussole", size=(800, 600))
        rendition = image.get_rendition("fill-300x200")
        stored = keys(self.media)
        self.assertIn(image.file.name, stored)
        self.assertIn(rendition.file.name, stored)
        self.assertFalse(set(keys(self.private)) & {image.file.name, rendition.file.name})
        # The page's <img> address is the bucket's, unsigned, and serves the rendition.
        self.assertTrue(rendition.url.startswith(f"{ENDPOINT}/{self.media}/"))
        self.assertNotIn("Signature", rendition.url)
        with urllib.request.urlopen(rendition.url, timeout=10) as response:  # noqa: S310 test server
            self.assertEqual(response.status, 200)
            self.assertEqual(response.read(), body(self.media, rendition.file.name))

    def issued_receipt(self, email: str) -> Receipt:
        return issued_receipt(self, email)

    def sign_in(self, donor_id: int) -> None:
        session = self.client.session
        session[SESSION_KEY] = donor_id
        session.save()

    def test_an_issued_receipt_is_in_the_private_bucket_and_reaches_its_donor_only(self):
        receipt = self.issued_receipt("bucket@example.org")
        self.assertIn(receipt.pdf.name, keys(self.private))
        self.assertNotIn(receipt.pdf.name, keys(self.media))
        stored = body(self.private, receipt.pdf.name)
        self.assertEqual(hashlib.sha256(stored).hexdigest(), receipt.pdf_sha256)
        # Nobody but the bucket's owner is granted anything on it.
        grants = s3().get_object_acl(Bucket=self.private, Key=receipt.pdf.name)["Grants"]
        self.assertEqual({grant["Permission"] for grant in grants}, {"FULL_CONTROL"})
        self.assertFalse([g for g in grants if "URI" in g["Grantee"]], "granted to a group")
        # Read without signature, as anybody on the internet would: refused.
        self.assertEqual(anonymous_status(f"{ENDPOINT}/{self.private}/{receipt.pdf.name}"), 403)
        # Any URL the storage would give out is signed and short-lived.
        url = receipt.pdf.url
        self.assertIn("X-Amz-Signature", url)
        self.assertIn("X-Amz-Expires=60", url)

        address = f"/fr/mon-espace/recus/{receipt.number}.pdf"
        anonymous = self.client.get(address)
        self.assertEqual(anonymous.status_code, 302)
        self.assertNotIn(stored, anonymous.content)
        stranger = Donor.objects.create(
            email="autre@example.org",
            first_name="A",
            last_name="B",
            address="x",
            postcode="1",
            city="y",
        )
        self.sign_in(stranger.pk)
        self.assertEqual(self.client.get(address).status_code, 404)
        self.sign_in(receipt.donor_id)
        response = self.client.get(address)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        # The donor's copy of the original read from the bucket (marked DUPLICATA once sent).
        self.assertIn(receipt.number, pdf_text(response.content))


class MoveToObjectStorageTests(SiteTestCase):
    """A site that ran on the local disk moves its files to the buckets, checked."""

    def test_files_on_the_local_disk_are_copied_then_checked(self):
        media_root = Path(tempfile.mkdtemp(prefix="media-move-"))
        private_root = Path(tempfile.mkdtemp(prefix="private-move-"))
        local = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(
            STORAGES=local, MEDIA_ROOT=media_root, PRIVATE_MEDIA_ROOT=private_root
        ):
            factories.donation_settings(self.site)
            image = home_factories.image("Jardin partagé")
            receipt = issued_receipt(self, "move@example.org")
            self.assertTrue((media_root / image.file.name).exists())
            self.assertTrue((private_root / receipt.pdf.name).exists())

        media, private = buckets()
        with override_settings(
            STORAGES=storages_for(media, private),
            MEDIA_ROOT=media_root,
            PRIVATE_MEDIA_ROOT=private_root,
        ):
            with self.assertRaises(CommandError):
                call_command("move_to_object_storage", "--check", stdout=io.StringIO())
            out = io.StringIO()
            call_command("move_to_object_storage", stdout=out)
            self.assertIn("wagtailimages.Image: 1 copied", out.getvalue())
            self.assertIn("campagnes.Receipt: 1 copied", out.getvalue())
            self.assertNotIn("Jardin", out.getvalue())  # counts, never names
            self.assertEqual(
                body(media, image.file.name), (media_root / image.file.name).read_bytes()
            )
            self.assertEqual(
                body(private, receipt.pdf.name), (private_root / receipt.pdf.name).read_bytes()
            )
            # Checked again: everything there. Then one object altered: the check says so.
            check = io.StringIO()
            call_command("move_to_object_storage", "--check", stdout=check)
            self.assertIn("1 already there", check.getvalue())
            s3().put_object(Bucket=private, Key=receipt.pdf.name, Body=b"%PDF altered")
            with self.assertRaisesMessage(CommandError, "1 file(s) missing or different"):
                call_command("move_to_object_storage", "--check", stdout=io.StringIO())
