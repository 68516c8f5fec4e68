"""Bulletins started and never confirmed. Their draft subscription holds the identity document and
proof of address uploaded on the way, which must not outlive the reason they were sent: after
SHARE_DRAFT_TTL_HOURS without confirmation the draft, its documents and their files go.

`manage.py expire_share_drafts` runs it nightly; an upload also queues it, at most once an hour.
A confirmed subscription's documents are never touched here: only status DRAFT is deleted, and
the status is read again under the row's lock.

Also the private storage's figures for the Finance admin, summed from the sizes recorded at
upload rather than read from the disk on each request.
"""

import datetime
import functools
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from django_tasks import task

from campagnes.models import Subscription, SubscriptionDocument
from campagnes.models.shares import SubscriptionStatus
from home import ratelimit
from home.storage import private_storage

BATCH = 200
DOCUMENTS_FOLDER = "justificatifs"
SWEEP_INTERVAL = 3600


def cutoff(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(hours=settings.SHARE_DRAFT_TTL_HOURS)


def delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)


def expire_drafts(now=None) -> tuple[int, int]:
    """Deletes the drafts older than the TTL with their documents, a batch per transaction, and
    their files once each batch is committed; returns (drafts, files) deleted."""
    drafts = files = 0
    while True:
        with transaction.atomic():
            # FOR UPDATE re-reads the status after any wait: a draft that `bulletin.sign` is
            # confirming at this moment comes out confirmed and is left alone. Locked ones are
            # skipped, not waited for.
            batch = list(
                Subscription.objects.select_for_update(skip_locked=True)
                .filter(status=SubscriptionStatus.DRAFT, created_at__lt=cutoff(now))
                .values_list("pk", flat=True)[:BATCH]
            )
            if not batch:
                return drafts, files
            documents = SubscriptionDocument.objects.filter(subscription_id__in=batch)
            names = [name for name in documents.values_list("file", flat=True) if name]
            documents.delete()
            Subscription.objects.filter(pk__in=batch, status=SubscriptionStatus.DRAFT).delete()
            # Files removed only after the commit: a rolled-back batch keeps rows and files.
            transaction.on_commit(functools.partial(delete_files, names))
        drafts += len(batch)
        files += len(names)


def remove_orphans(now=None) -> int:
    """Deletes the document files no record names, older than the TTL (an upload whose
    transaction failed after its file was written); the younger may belong to one in progress."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(DOCUMENTS_FOLDER)
    except FileNotFoundError:
        return 0
    known = set(SubscriptionDocument.objects.values_list("file", flat=True))
    limit = cutoff(now)
    removed = 0
    for name in names:
        path = f"{DOCUMENTS_FOLDER}/{name}"
        if path not in known and storage.get_modified_time(path) < limit:
            storage.delete(path)
            removed += 1
    return removed


@task()
def expire_share_drafts() -> None:
    expire_drafts()


def sweep_soon() -> None:
    """Queues the expiry after an upload, once an hour at most (the first count of the window)."""
    if ratelimit.count("share-drafts:sweep", SWEEP_INTERVAL) == 1:
        expire_share_drafts.enqueue()


# --- The private storage in the Finance admin ----------------------------------------------------


class StorageLine(NamedTuple):
    label: str
    files: int
    size: int

    @property
    def files_shown(self) -> str:
        return number_format(self.files, force_grouping=True)


def storage_usage() -> list[StorageLine]:
    """Identity documents and proofs of address on the private storage: those of confirmed
    subscriptions, and those of drafts waiting for confirmation or expiry. One query."""
    draft = Q(subscription__status=SubscriptionStatus.DRAFT)
    row = SubscriptionDocument.objects.aggregate(
        kept_files=Count("pk", filter=~draft),
        kept_size=Sum("size", filter=~draft, default=0),
        draft_files=Count("pk", filter=draft),
        draft_size=Sum("size", filter=draft, default=0),
    )
    return [
        StorageLine(_("Confirmed subscriptions"), row["kept_files"], row["kept_size"]),
        StorageLine(_("Bulletins not confirmed"), row["draft_files"], row["draft_size"]),
        StorageLine(
            _("Total"),
            row["kept_files"] + row["draft_files"],
            row["kept_size"] + row["draft_size"],
        ),
    ]
