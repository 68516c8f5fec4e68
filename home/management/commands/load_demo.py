"""Load the demo site: French pages and their English translations, generated images, the
organisation settings, navigation, editorial groups, review workflow and demo accounts.

Safe to run again: existing content is found by its slugs and names and left untouched.
"""

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale, Page, Site

from campagnes.models import ShareOfferingPage
from home.demo import pages as french
from home.demo.campaigns import ensure_campaigns, ensure_donation_settings, ensure_offline_gifts
from home.demo.content.catalogue import LIEUX, all_pairs
from home.demo.content.shares import OFFERING
from home.demo.content.site import HOME, LIEUX_INDEX
from home.demo.images import ensure_demo_images
from home.demo.permissions import (
    ensure_communication_group,
    ensure_lieu_editors,
    ensure_review_workflow,
    ensure_user,
    finance_group,
    mecenat_group,
)
from home.demo.shares import ensure_demo_investors, ensure_share_offering
from home.demo.translate import (
    Translator,
    build_glossary,
)
from home.models import ArticlePage, Navigation

ADMIN_USERNAME = "admin"
EDITOR_USERNAME = "editeur-partageurs"
EDITOR_LIEU_SLUG = "les-partageurs"
MECENAT_USERNAME = "mecenat"
FINANCE_USERNAME = "finance"
# The documented demo password (README); DEMO_ADMIN_PASSWORD replaces it.
DEFAULT_PASSWORD = "tierslieux-demo"  # noqa: S105
ADMIN_URL = "http://127.0.0.1:8000/admin/"
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

        fr, _ = Locale.objects.get_or_create(language_code="fr")
        en, created = Locale.objects.get_or_create(language_code="en")
        self.step("English locale", int(created))

        images, logos, organisation_logo, created = ensure_demo_images()
        self.step("Images and logos", created)

        with transaction.atomic():
            activities, publics, created = french.ensure_vocabulary(fr)
            self.step("Activities and publics", created)
            pages = french.find_french_pages(fr)
            if pages is None:
                pages = french.build_french_tree(fr, images, logos, activities, publics)
                self.step("French pages", len(pages))
            else:
                self.step("French pages", 0)
            home = pages[HOME["slug"].fr]
            self.step("Default site", int(french.point_site_at(home)))
            site = Site.objects.get(is_default_site=True)
            self.step(
                "Organisation settings", int(french.ensure_organisation(site, organisation_logo))
            )
            navigation, created = french.ensure_navigation(fr, pages)
            self.step("Navigation", int(created))
            self.step("Campaigns and donate page", ensure_campaigns(pages, images))
            self.step("Donation settings", int(ensure_donation_settings(site)))
            self.step("Offline gifts", ensure_offline_gifts())
            self.step("Share offering", ensure_share_offering(pages, images))
        offering = ShareOfferingPage.objects.get(locale=fr, slug=OFFERING["slug"].fr)
        self.step("Demo investors", ensure_demo_investors(offering))

        terms = [*activities.values(), *publics.values()]
        english = self.translate(en, pages, terms, navigation)
        self.permissions(password, pages, english)

        if self.changes == 0:
            self.stdout.write(
                self.style.SUCCESS("Demo content is already loaded: nothing changed.")
            )
        else:
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s."))
        self.stdout.write(f"Admin: {ADMIN_URL}  login: {ADMIN_USERNAME}  password: {password}")
        self.stdout.write(
            f"Lieu editor (Les Partageurs): {ADMIN_URL}  "
            f"login: {EDITOR_USERNAME}  password: {password}"
        )
        self.stdout.write(
            f"Donations team (Mécénat): {ADMIN_URL}  "
            f"login: {MECENAT_USERNAME}  password: {password}"
        )
        self.stdout.write(
            f"Share offering team (Finance): {ADMIN_URL}  "
            f"login: {FINANCE_USERNAME}  password: {password}"
        )

    def step(self, label: str, created: int) -> None:
        self.changes += created
        self.stdout.write(f"{label}: {f'{created} created' if created else 'already there'}")

    def translate(
        self, en: Locale, pages: dict[str, Page], terms: list, navigation: Navigation
    ) -> dict[int, Page]:
        """Translate snippets, then pages parents first; return English pages by French id."""
        translator = Translator(build_glossary(all_pairs()), en)
        home = pages[HOME["slug"].fr]
        tree = list(home.get_descendants(inclusive=True).specific().order_by("path"))
        pending = [obj for obj in (*terms, *tree, navigation) if not obj.has_translation(en)]
        translator.check(pending)

        created = 0
        for term in terms:
            created += translator.translate(term)[1]
        english: dict[int, Page] = {}
        for page in tree:
            overrides = {}
            if isinstance(page, ArticlePage) and page.lieu_id:
                # The English article links to the English lieu, recorded as an override.
                overrides["lieu"] = english[page.lieu_id]
            english[page.pk], was_created = translator.translate(page, overrides)
            created += was_created
        created += translator.translate(navigation)[1]
        self.step("English translations", created)
        return english

    def permissions(self, password: str, pages: dict[str, Page], english: dict[int, Page]) -> None:
        home = pages[HOME["slug"].fr]
        with transaction.atomic():
            communication, created = ensure_communication_group([home, english[home.pk]])
            groups = int(created)
            lieu_groups = {}
            for lieu in LIEUX:
                if lieu.slug not in pages:
                    continue
                page = pages[lieu.slug]
                lieu_groups[lieu.slug], created = ensure_lieu_editors([page, english[page.pk]])
                groups += created
            self.step("Editorial groups", groups)
            index = pages[LIEUX_INDEX["slug"].fr]
            self.step(
                "Review workflow",
                int(ensure_review_workflow(communication, [index, english[index.pk]])),
            )
            _, admin_created = ensure_user(ADMIN_USERNAME, password, superuser=True)
            editors = lieu_groups.get(EDITOR_LIEU_SLUG)
            _, editor_created = ensure_user(
                EDITOR_USERNAME, password, groups=(editors,) if editors else ()
            )
            _, mecenat_created = ensure_user(MECENAT_USERNAME, password, groups=(mecenat_group(),))
            _, finance_created = ensure_user(FINANCE_USERNAME, password, groups=(finance_group(),))
            self.step(
                "Demo accounts", admin_created + editor_created + mecenat_created + finance_created
            )
