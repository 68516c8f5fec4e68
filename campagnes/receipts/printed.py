"""What a receipt prints, frozen as JSON when it is issued (`Receipt.printed`).

The snapshot is the `ReceiptDocument` that `issue.document` builds, without its marks (DUPLICATA,
ANNULÉ): the original and every copy are rendered from it, so a copy differs from the original by
its mark only, whatever the settings and pages say today. Serialised by pydantic from the
dataclasses themselves, so a field added to the document is frozen with no change here.

Images (the signature, a logo) are kept once each on the private storage, named by their SHA-256,
rather than copied into every receipt's row.
"""

from dataclasses import replace
from datetime import date

from django.core.files.base import ContentFile

from pydantic import TypeAdapter

from campagnes.pdf.receipt import ReceiptDocument
from home.frozen import DocumentUnavailable, fingerprint
from home.storage import private_storage

VERSION = 1
IMAGES = ("signature_image", "logo_image")
ADAPTER = TypeAdapter(ReceiptDocument)


def image_name(sha256: str) -> str:
    return f"receipts/images/{sha256}"


def keep_image(data: bytes) -> str:
    sha256 = fingerprint(data)
    storage = private_storage()
    if not storage.exists(image_name(sha256)):
        storage.save(image_name(sha256), ContentFile(data))
    return sha256


def read_image(sha256: str) -> bytes:
    try:
        with private_storage().open(image_name(sha256), "rb") as file:
            data = file.read()
    except OSError as error:
        raise DocumentUnavailable("a printed image is missing") from error
    if fingerprint(data) != sha256:
        raise DocumentUnavailable("a printed image was altered")
    return data


def freeze(document: ReceiptDocument) -> dict:
    """The document as JSON, without its marks."""
    issuer = document.issuer
    images = {name: keep_image(data) for name in IMAGES if (data := getattr(issuer, name))}
    bare = replace(
        document,
        issuer=replace(issuer, **dict.fromkeys(IMAGES)),
        duplicate=False,
        cancelled=False,
        cancelled_on=None,
    )
    return {
        "version": VERSION,
        "document": ADAPTER.dump_python(bare, mode="json"),
        "images": images,
    }


def thaw(
    printed: dict, *, duplicate: bool = False, cancelled_on: date | None = None
) -> ReceiptDocument:
    """The frozen document, with the marks asked for."""
    document = ADAPTER.validate_python(printed["document"])
    images = {name: read_image(sha256) for name, sha256 in printed.get("images", {}).items()}
    return replace(
        document,
        issuer=replace(document.issuer, **images),
        duplicate=duplicate,
        cancelled=cancelled_on is not None,
        cancelled_on=cancelled_on,
    )
