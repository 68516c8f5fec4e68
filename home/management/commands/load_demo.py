"""Load the demo site: French pages and their English translations, generated images, the
organisation settings, navigation and demo accounts (in the editorial groups the migrations make).

Each app brings its own share (`<app>/demo`, a `Demo` builder), found as Django's admin finds
`admin` modules. Safe to run again: existing content is found by its slugs and names and left
untouched.
"""

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from wagtail.models import Locale

from home.address import SiteAddressError, public_url, set_site_address
from home.demo.context import DemoBuilder, DemoContext

# The documented demo password (README); DEMO_ADMIN_PASSWORD replaces it.
DEFAULT_PASSWORD = "tierslieux-demo"  # noqa: S105
# Wagtail and django-tasks log each publish and task at INFO: hundreds of lines that would bury
# this command's summary. They are shown again with --verbosity 2.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quiet_loggers(names: tuple[str, ...]) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def demo_builders() -> list[DemoBuilder]:
    """The `Demo` of every installed app that has a `demo` package, lowest `order` first (then
    in INSTALLED_APPS order)."""
    builders = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            demo = getattr(import_module(f"{config.name}.demo"), "Demo", None)
            if isinstance(demo, type) and issubclass(demo, DemoBuilder):
                builders.append(demo())
    return sorted(builders, key=lambda builder: builder.order)


class Command(BaseCommand):
    help = "Load the demo content in French and English (does nothing if it is already there)."

    def handle(self, *args, **options):
        if options["verbosity"] >= 2:
            self.load()
        else:
            with quiet_loggers(CHATTY_LOGGERS):
                self.load()

    def load(self) -> None:
        started = time.monotonic()
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        self.changes = 0
        builders = demo_builders()

        fr, _ = Locale.objects.get_or_create(language_code="fr")
        en, created = Locale.objects.get_or_create(language_code="en")
        self.step("English locale", int(created))
        pairs = [pair for builder in builders for pair in builder.pairs()]
        context = DemoContext(fr=fr, en=en, password=password, step=self.step, pairs=pairs)

        # Each phase runs for every app before the next one starts (see DemoBuilder).
        def run(phase: str) -> None:
            for builder in builders:
                getattr(builder, phase)(context)

        run("images")
        with transaction.atomic():
            run("prepare")
            run("build")
        run("after_content")
        run("translate")
        with transaction.atomic():
            run("permissions")
        self.step("Demo accounts", sum(account.created for account in context.accounts))
        self.site_address()

        if self.changes == 0:
            self.stdout.write(
                self.style.SUCCESS("Demo content is already loaded: nothing changed.")
            )
        else:
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s."))
        admin_url = public_url("/admin/")
        for account in context.accounts:
            self.stdout.write(
                f"{account.label}: {admin_url}  login: {account.username}  password: {password}"
            )

    def site_address(self) -> None:
        """The default site stands for PUBLIC_BASE_URL, as `manage.py set_site_address` does."""
        try:
            _site, changed = set_site_address()
        except SiteAddressError as error:
            self.stderr.write(self.style.WARNING(f"Site address not set: {error}"))
            return
        self.changes += changed
        self.stdout.write(f"Site address: {settings.PUBLIC_BASE_URL}{' (set)' if changed else ''}")

    def step(self, label: str, created: int) -> None:
        self.changes += created
        self.stdout.write(f"{label}: {f'{created} created' if created else 'already there'}")
