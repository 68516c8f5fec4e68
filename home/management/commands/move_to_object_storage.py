"""Copies the files on the local disk to the object storage the settings name, then checks them.

Every FileField of every model (Wagtail's images, renditions and documents, identity documents,
signed bulletins, issued receipts and certificates…) is copied from the local disk (MEDIA_ROOT,
or PRIVATE_MEDIA_ROOT for the private ones) to the storage the field now uses, under the same
name, and read back: its SHA-256 must match. Run it after setting OBJECT_STORAGE_*, before
sending traffic to the new servers; run it again with `--check` to verify without copying. It
never deletes a local file: remove MEDIA_ROOT and PRIVATE_MEDIA_ROOT yourself once checked.

Prints counts per model, never file names (they can hold people's names).
"""

import hashlib
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError
from django.db import models

from home.storage import PrivateFiles, local_private_storage


def sha256(storage, name: str) -> str | None:
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_fields():
    """(model, field) for every concrete FileField (ImageField included) of every model."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.concrete:
                yield model, field


class Command(BaseCommand):
    help = "Copy local media and private files to the configured object storage and verify them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Verify only: copy nothing, report differences."
        )

    def handle(self, *args, check=False, **options):
        configured = [alias for alias in ("default", "private") if alias in settings.STORAGES]
        if not any(
            settings.STORAGES[alias]["BACKEND"].startswith("storages.") for alias in configured
        ):
            raise CommandError(
                "No object storage is configured: set OBJECT_STORAGE_MEDIA_BUCKET and "
                "OBJECT_STORAGE_PRIVATE_BUCKET (README, “Object storage”)."
            )
        local_media = FileSystemStorage(location=settings.MEDIA_ROOT)
        counts = Counter()
        for model, field in file_fields():
            private = isinstance(field.storage, PrivateFiles)
            source = local_private_storage() if private else local_media
            target = field.storage
            if isinstance(target, FileSystemStorage):
                continue  # still on the local disk: nothing to move
            label = model._meta.label
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
            )
            for name in names.iterator():
                counts[label, self.move(source, target, name, check)] += 1
        problems = 0
        for (label, outcome), number in sorted(counts.items()):
            self.stdout.write(f"{label}: {number} {outcome}")
            if outcome in ("missing", "different"):
                problems += number
        if problems:
            raise CommandError(f"{problems} file(s) missing or different on the object storage.")
        self.stdout.write(self.style.SUCCESS("Every file is on the object storage, checked."))

    def move(self, source, target, name: str, check: bool) -> str:
        expected = sha256(source, name)
        present = sha256(target, name)
        if expected is None:
            # Only on the object storage already (or lost locally): it must be there.
            return "already there" if present is not None else "missing"
        if present == expected:
            return "already there"
        if check:
            return "missing" if present is None else "different"
        with source.open(name, "rb") as file:
            data = file.read()
        if present is not None:
            target.delete(name)
        saved = target.save(name, ContentFile(data))
        if saved != name or sha256(target, name) != expected:
            return "different"
        return "copied"
