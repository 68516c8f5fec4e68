"""The bulletin's uploaded documents before they are stored: what a file really is (read from its
bytes, never from its name or the browser's claim), and how many files one browser may send.

Every anonymous visitor can upload two files of 5 MB: without limits a few scripted sessions
fill the private storage. A bulletin may replace its documents a few times, and one address may
start a few bulletins with documents a day; what is refused is stored nowhere.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from PIL import Image, UnidentifiedImageError

from home import ratelimit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
DAY = 24 * 3600

NOT_A_DOCUMENT = _("Send a PDF, JPEG or PNG file.")
TOO_MANY_PIXELS = _(
    "This image is too large in pixels to be read: send a smaller photo or scan, or a PDF."
)
TOO_MANY_REPLACEMENTS = _(
    "This bulletin has already received too many files: keep the documents already received, "
    "or start again in a few days."
)
TOO_MANY_DRAFTS = _(
    "Too many bulletins with documents were started from your connection today: try again "
    "tomorrow, or write to us."
)


def sniff_upload(upload) -> str:
    """The content type read from the file's bytes; its name and the browser's claim are not
    trusted."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("A file may not exceed 5 MB."))
    upload.seek(0)
    if upload.read(5) == b"%PDF-":
        upload.seek(0)
        return "application/pdf"
    upload.seek(0)
    try:
        # Opening reads the header only. A few kilobytes can announce billions of pixels:
        # Pillow raises past twice its limit and only warns past it, so the size is checked
        # here too before anything decodes the image.
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > Image.MAX_IMAGE_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            kind = image.format
            image.verify()
    except Image.DecompressionBombError as error:
        raise ValidationError(TOO_MANY_PIXELS) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(NOT_A_DOCUMENT) from error
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError(NOT_A_DOCUMENT)
    return IMAGE_TYPES[kind]


class UploadQuota:
    """One browser's allowance, asked once its files are valid and about to be stored.

    A bulletin's first upload creates its draft and counts against the address; later ones
    replace documents and count against the draft. Keys are hashed by `home.ratelimit`."""

    def __init__(self, address: str, draft_id: str | None):
        self.address = address
        self.draft_id = draft_id

    def refusal(self, files: int) -> str | None:
        """Counts these files; the message to show when they pass a limit, else None."""
        if self.draft_id is None:
            total = ratelimit.count(f"share-drafts:{self.address}", DAY)
            if total > settings.SHARE_DRAFTS_PER_ADDRESS_PER_DAY:
                return TOO_MANY_DRAFTS
            return None
        window = settings.SHARE_DRAFT_TTL_HOURS * 3600
        name = f"share-replacements:{self.draft_id}"
        totals = [ratelimit.count(name, window) for _file in range(files)]
        if totals and totals[-1] > settings.SHARE_DOCUMENT_REPLACEMENTS:
            return TOO_MANY_REPLACEMENTS
        return None
