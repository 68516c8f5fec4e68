"""Private files: identity documents, proofs of address, signed bulletins and agreements, issued
receipts and certificates.

They have no public URL: a view streams them after its own permission checks. On the local disk
they live outside MEDIA_ROOT; with object storage, in a bucket of their own that is never public
(STORAGES["private"], set from OBJECT_STORAGE_PRIVATE_BUCKET in config/settings/env.py).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """The root is read on each use so that tests can point it at a temporary directory."""

    @property
    def base_location(self):
        return getattr(settings, "PRIVATE_MEDIA_ROOT", settings.BASE_DIR / "private")

    @property
    def location(self):
        return str(self.base_location)

    @property
    def base_url(self):
        # FileSystemStorage falls back to MEDIA_URL when base_url is None; url() must refuse.
        return None


_private_storage = PrivateStorage()


class PrivateFiles(LazyObject):
    """The private storage the settings name, chosen at first use, as Django's default_storage
    is: a FileField evaluates its storage once, when its model is defined."""

    def _setup(self):
        self._wrapped = storages["private"] if "private" in settings.STORAGES else _private_storage


_private_files = PrivateFiles()


@receiver(setting_changed)
def storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_files._wrapped = empty


def private_storage():
    """A callable, so migrations name it instead of serialising a path."""
    return _private_files


def local_private_storage() -> PrivateStorage:
    """The local disk's private files, whatever STORAGES says: what `move_to_object_storage`
    copies from."""
    return _private_storage
