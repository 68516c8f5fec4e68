"""Starts a new cache generation: every cached page, fragment and piece of site data is dropped.

Run it after each deployment: cached site data is pickled, and a class that moved to another
module (or changed shape) must not be read back from an older release's entries.
"""

from django.core.management.base import BaseCommand

from home.cache import invalidate_pages


class Command(BaseCommand):
    help = "Drop every cached page, fragment and piece of site data (run after each deployment)."

    def handle(self, *args, **options):
        invalidate_pages()
        self.stdout.write("Page cache cleared: the next requests build pages afresh.")
