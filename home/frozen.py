"""Issued documents kept as issued: their bytes on the private storage, their SHA-256 on the record.

A tax receipt or a share certificate is a legal document: what its holder downloads again must be
the very file issued, not a new rendering from today's settings. Reading one checks it against
its fingerprint; a file missing or changed on disk is an error for staff, never a silent swap.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile

from wagtail.log_actions import log

logger = logging.getLogger(__name__)

# The admin history action that tells staff (registered by campagnes' wagtail_hooks).
UNAVAILABLE = "campagnes.document_unavailable"


class DocumentUnavailable(Exception):
    """The stored file is missing or no longer matches the fingerprint taken when it was issued."""


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(field_file: FieldFile, name: str, data: bytes) -> str:
    """Saves `data` in the field's storage (without saving the record); returns its SHA-256."""
    field_file.save(name, ContentFile(data), save=False)
    return fingerprint(data)


def read(field_file: FieldFile, sha256: str) -> bytes:
    """The stored bytes, once checked against `sha256`."""
    if not field_file or not sha256:
        raise DocumentUnavailable("no stored file")
    try:
        with field_file.storage.open(field_file.name, "rb") as file:
            data = file.read()
    except OSError as error:
        raise DocumentUnavailable("stored file unreadable") from error
    if fingerprint(data) != sha256:
        raise DocumentUnavailable("stored file altered")
    return data


def report(instance, document: str, problem: str) -> None:
    """Tells staff: an error in the logs, by record id only (no personal data), and a line in
    the record's admin history."""
    logger.error(
        "%s of %s %s unavailable: %s", document, instance._meta.model_name, instance.pk, problem
    )
    log(instance=instance, action=UNAVAILABLE, data={"document": document, "problem": problem})
