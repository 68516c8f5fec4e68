"""Private files: identity documents, proofs of address, signed bulletins and agreements.

They live outside MEDIA_ROOT and have no URL: a view streams them after its own permission
checks.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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


def private_storage() -> PrivateStorage:
    """A callable, so migrations name it instead of serialising a path."""
    return _private_storage
