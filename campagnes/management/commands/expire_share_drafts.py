"""Deletes the bulletins never confirmed within SHARE_DRAFT_TTL_HOURS, with their identity
documents and proofs of address, and the document files no record names. Run it nightly."""

from django.core.management.base import BaseCommand

from campagnes.shares import drafts


class Command(BaseCommand):
    help = "Delete unconfirmed share bulletins and their uploaded documents once their time is up."

    def handle(self, *args, **options):
        expired, files = drafts.expire_drafts()
        orphans = drafts.remove_orphans()
        self.stdout.write(
            f"{expired} draft(s) deleted with {files} file(s); {orphans} orphan file(s) removed."
        )
