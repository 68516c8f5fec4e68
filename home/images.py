"""Image uploads that respect WAGTAILIMAGES_MAX_IMAGE_PIXELS without decoding the image first.

Wagtail learns an upload's size through Willow, which decodes every pixel (Willow 1.12's
`PillowImage.open` calls `load()`), twice: a 400 KB black PNG of 12,000 × 12,000 pixels costs a
worker 3 s and 550 MB before the limit refuses it (10 ms and no memory with this field).
Pillow's own guard only stops files above twice its MAX_IMAGE_PIXELS (179 million pixels).
Enabled by WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.ImageForm".
"""

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PillowImage


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, counting pixels from the file's header before Willow decodes it."""

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is not None:
            self.check_declared_pixels(f.image.f)
        # Wagtail's check still runs within the limit: decoding also catches truncated files.
        super().check_image_pixel_size(f)

    def check_declared_pixels(self, file):
        file.seek(0)
        try:
            # Image.open reads the header only; n_frames walks frame headers, not pixels.
            with PillowImage.open(file) as image:
                pixels = image.width * image.height * getattr(image, "n_frames", 1)
        except Exception:
            # Not readable by Pillow (SVG, a broken file): Wagtail's own check judges it.
            return
        finally:
            file.seek(0)
        if pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form (add, edit, chooser and multiple upload) with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swapped here rather than declared: a declared field would survive the `exclude` of the
        # multiple uploader's metadata form, which has no file.
        if "file" in self.fields:
            self.fields["file"] = self._meta.model._meta.get_field("file").formfield(
                form_class=HeaderCheckedImageField, widget=self.fields["file"].widget
            )
