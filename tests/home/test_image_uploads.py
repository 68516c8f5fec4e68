"""What an editor meets when uploading images: the limits of config/settings/base.py hold.

Uploads go through the admin's "add image" view and its multiple uploader, as a member of the
Editors group. The pixel limit needs home/images.py (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail alone
refuses those images only after decoding them.
"""

import contextlib
import functools
import io
import random
from unittest import mock

from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.test.utils import WagtailTestUtils

from PIL import Image as PillowImage
from PIL import ImageFile as PillowImageFile

SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("xss")</script><rect width="10" height="10"/></svg>\n'
)


def picture(image_format: str, size=(64, 48), *, noise=False) -> bytes:
    # Noise does not compress: the file size follows the pixel count.
    if noise:
        image = PillowImage.frombytes(
            "RGB", size, random.Random(0).randbytes(size[0] * size[1] * 3)
        )
    else:
        image = PillowImage.new("RGB", size, (40, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


@functools.cache
def decompression_bomb(size: tuple[int, int]) -> bytes:
    """A one-colour PNG whose header declares `size`: 20,000 × 20,000 pixels fit in 50 KB."""
    buffer = io.BytesIO()
    PillowImage.new("1", size).save(buffer, format="PNG", compress_level=9)
    return buffer.getvalue()


# Above the project's 40 million pixels, then above twice Pillow's own limit (179 million), where
# Pillow refuses to open the file at all. Decoding is what a bomb is for: only headers may be read.
BOMB_SIZES = ((8_000, 6_000), (20_000, 20_000))


@contextlib.contextmanager
def decoded_images():
    """The sizes of the images Pillow decodes meanwhile; reading a header decodes nothing."""
    decoded = []
    load = PillowImageFile.ImageFile.load

    def spy(image):
        decoded.append(image.size)
        return load(image)

    with mock.patch.object(PillowImageFile.ImageFile, "load", spy):
        yield decoded


def stored_originals() -> set[str]:
    try:
        return set(default_storage.listdir("original_images")[1])
    except FileNotFoundError:
        return set()


class ImageUploadTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = cls.create_user("editor", password="password")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def setUp(self):
        self.login(self.editor)
        # The test storage is shared by the whole process: compare with what was there before.
        self.originals_before = stored_originals()

    def upload(self, name: str, content: bytes, title: str = "Façade du lieu"):
        return self.client.post(
            reverse("wagtailimages:add"),
            {"title": title, "file": SimpleUploadedFile(name, content)},
        )

    def upload_multiple(self, name: str, content: bytes):
        return self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": SimpleUploadedFile(name, content)},
            headers={"x-requested-with": "XMLHttpRequest"},
        )

    def assert_refused(self, response, code: str, message: str):
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.context["form"].has_error("file", code), response.context["form"].errors
        )
        self.assertContains(response, message)
        self.assertFalse(get_image_model().objects.exists())
        self.assertEqual(stored_originals(), self.originals_before)

    def test_accepts_a_jpeg_and_a_png_which_then_appear_in_the_library(self):
        for name, image_format in (("facade.jpg", "JPEG"), ("jardin.png", "PNG")):
            with self.subTest(name):
                response = self.upload(name, picture(image_format), title=f"Photo {name}")
                self.assertRedirects(response, reverse("wagtailimages:index"))
        library = self.client.get(reverse("wagtailimages:index"))
        self.assertContains(library, "Photo facade.jpg")
        self.assertContains(library, "Photo jardin.png")
        self.assertEqual(len(stored_originals() - self.originals_before), 2)

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=10_000)
    def test_refuses_a_file_above_the_size_limit(self):
        content = picture("PNG", (100, 100), noise=True)
        self.assertGreater(len(content), 10_000)
        self.assert_refused(self.upload("affiche.png", content), "file_too_large", "trop gros")

    def test_refuses_a_decompression_bomb_without_decoding_it(self):
        for size in BOMB_SIZES:
            content = decompression_bomb(size)
            self.assertLess(len(content), 100_000)
            with self.subTest(size=size), decoded_images() as decoded:
                response = self.upload("plan.png", content)
                self.assert_refused(response, "file_too_many_pixels", "trop grand nombre de pixels")
                self.assertEqual(decoded, [])

    def test_the_multiple_uploader_accepts_a_photo_and_refuses_a_bomb_undecoded(self):
        # The drag-and-drop uploader editors use most answers in JSON, shown next to each file.
        response = self.upload_multiple("facade.jpg", picture("JPEG"))
        self.assertTrue(response.json()["success"])
        content = decompression_bomb(BOMB_SIZES[0])
        with decoded_images() as decoded:
            response = self.upload_multiple("plan.png", content)
        self.assertFalse(response.json()["success"])
        self.assertIn("trop grand nombre de pixels", response.json()["error_message"])
        self.assertEqual(decoded, [])
        self.assertEqual(get_image_model().objects.get().title, "facade.jpg")

    def test_refuses_an_svg(self):
        # Scripts inside an SVG run when the file is opened from the media URL.
        self.assert_refused(self.upload("logo.svg", SVG), "invalid_image_extension", "non support")

    def test_refuses_an_svg_renamed_png(self):
        self.assert_refused(
            self.upload("logo.png", SVG),
            "invalid_image_known_format",
            "ne correspond pas au format du fichier (svg)",
        )

    def test_refuses_a_file_that_is_not_an_image(self):
        # Wagtail reads the content before the name: both are refused as "not an image".
        for name in ("notes.png", "notes.txt"):
            with self.subTest(name):
                response = self.upload(name, b"Liste des donateurs\nJean Dupont\n")
                self.assert_refused(response, "invalid_image", "une image valide")
