"""Validation an editor meets when saving body blocks and opening hours."""

import datetime

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page

from home.blocks import CallToActionBlock, CaptionedImageBlock
from lieux.choices import Weekday
from lieux.models import OpeningHours
from tests import factories


class CaptionedImageBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = factories.image("Cuisine collective")

    def clean(self, *, decorative, alt_text):
        block = CaptionedImageBlock()
        value = block.to_python(
            {
                "image": {"image": self.image.pk, "decorative": decorative, "alt_text": alt_text},
                "caption": "Le mardi midi",
                "credit": "",
            }
        )
        return block.clean(value)

    def test_refuses_an_image_marked_decorative(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(decorative=True, alt_text="")
        self.assertIn("image", caught.exception.block_errors)
        with translation.override("en"):
            message = str(caught.exception.block_errors["image"])
        self.assertIn("alternative text is required", message)

    def test_refuses_an_image_without_alternative_text(self):
        with self.assertRaises(ValidationError):
            self.clean(decorative=False, alt_text="")

    def test_accepts_an_image_described_by_its_alternative_text(self):
        value = self.clean(decorative=False, alt_text="Six bénévoles épluchent des légumes")
        self.assertEqual(value["image"].contextual_alt_text, "Six bénévoles épluchent des légumes")


class CallToActionBlockTests(TestCase):
    def clean(self, *, page=None, url=""):
        block = CallToActionBlock()
        value = block.to_python(
            {
                "title": "Devenez bénévole",
                "text": "",
                "button_label": "Je m'engage",
                "page": page.pk if page else None,
                "url": url,
            }
        )
        return block.clean(value)

    def test_requires_a_page_or_a_link(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean()
        self.assertIn("page", caught.exception.block_errors)

    def test_refuses_both_a_page_and_a_link(self):
        with self.assertRaises(StructBlockValidationError):
            self.clean(page=Page.get_first_root_node(), url="https://example.org/")

    def test_accepts_a_page_alone_and_a_link_alone(self):
        root = Page.get_first_root_node()
        self.assertEqual(self.clean(page=root)["page"], root)
        value = self.clean(url="https://example.org/benevolat")
        self.assertEqual(value.url(), "https://example.org/benevolat")


class OpeningHoursTests(SimpleTestCase):
    def slot(self, opens, closes):
        return OpeningHours(weekday=Weekday.TUESDAY, opens=opens, closes=closes)

    def test_refuses_a_slot_closing_before_it_opens(self):
        with self.assertRaises(ValidationError) as caught:
            self.slot(datetime.time(14), datetime.time(9)).clean()
        self.assertIn("closes", caught.exception.message_dict)

    def test_refuses_a_slot_closing_when_it_opens(self):
        with self.assertRaises(ValidationError):
            self.slot(datetime.time(9), datetime.time(9)).clean()

    def test_accepts_a_slot_closing_after_it_opens(self):
        self.slot(datetime.time(9, 30), datetime.time(14)).clean()
