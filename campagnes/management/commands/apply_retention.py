"""Deletes the personal data kept past its retention period (campagnes.privacy.retention).
Prints counts only. Run it nightly."""

from django.core.management.base import BaseCommand

from campagnes.privacy import retention


class Command(BaseCommand):
    help = "Delete personal data past its retention period; prints counts only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, delete nothing."
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        verb = "would be deleted" if dry_run else "deleted"
        for label, counts in retention.apply(dry_run=dry_run):
            shown = ", ".join(map(str, counts)) if isinstance(counts, tuple) else str(counts)
            self.stdout.write(f"{label}: {shown} {verb}")
