"""Give the default Wagtail site the hostname and port of PUBLIC_BASE_URL.

Wagtail's first migration creates the site on `localhost:80`; the admin's "View live" links and
the choice of site for a request follow that record. Run after `migrate` at every deployment
(nothing changes when it already matches); `load_demo` runs it too.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.address import SiteAddressError, set_site_address


class Command(BaseCommand):
    help = "Point the default Wagtail site at PUBLIC_BASE_URL (hostname and port)."

    def handle(self, *args, **options):
        try:
            site, changed = set_site_address()
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        address = f"{site.hostname}:{site.port}"
        if changed:
            self.stdout.write(
                self.style.SUCCESS(f"Default site set to {address} ({settings.PUBLIC_BASE_URL}).")
            )
        else:
            self.stdout.write(f"Default site already on {address} ({settings.PUBLIC_BASE_URL}).")
