"""What the apps' demo builders share: the `DemoBuilder` phases `load_demo` runs for every app,
and the `DemoContext` passed from one builder to the next."""

import dataclasses
from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db.models import Model

from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from .content import T
from .permissions import ensure_user


@dataclasses.dataclass
class Account:
    label: str
    username: str
    created: bool


@dataclasses.dataclass
class DemoContext:
    """The demo as built so far. Apps reach each other's content through it (pages by key, the
    editorial groups), never by importing a higher app."""

    fr: Locale
    en: Locale
    password: str
    step: Callable[[str, int], None]  # reports what a step created (0: "already there")
    pairs: list[T]  # every French string of the demo with its English translation
    home: Page | None = None
    site: Site | None = None
    # Illustrations by key and French pages by key (their slug; "accueil" for the home).
    images: dict[str, Image] = dataclasses.field(default_factory=dict)
    pages: dict[str, Page] = dataclasses.field(default_factory=dict)
    # English pages by the id of their French source, once translated.
    english: dict[int, Page] = dataclasses.field(default_factory=dict)
    # Snippets translated before the pages (the terms pages are tagged with) and after them
    # (the navigation, which links to pages).
    translate_before_pages: list[Model] = dataclasses.field(default_factory=list)
    translate_after_pages: list[Model] = dataclasses.field(default_factory=list)
    groups: dict[str, Group] = dataclasses.field(default_factory=dict)
    accounts: list[Account] = dataclasses.field(default_factory=list)

    def account(
        self, label: str, username: str, *, superuser: bool = False, groups: tuple = ()
    ) -> None:
        """A demo user with the demo password; `load_demo` prints its login under `label`."""
        _, created = ensure_user(username, self.password, superuser=superuser, groups=groups)
        self.accounts.append(Account(label, username, created))


class DemoBuilder:
    """One app's share of the demo, exposed as `Demo` by its `demo` package.

    `load_demo` runs each phase for every app, lowest `order` first, before the next phase, so
    a phase sees what every app did in the phases before it. Each phase is idempotent: what
    exists is found and left as it is.
    """

    order = 100

    def pairs(self) -> list[T]:
        """The app's French strings with their English translation."""
        return []

    def images(self, context: DemoContext) -> None:
        """Generated pictures; outside the content transaction, as their files are written."""

    def prepare(self, context: DemoContext) -> None:
        """French pages that other apps' content links to. They are added without a revision
        when their own links are not known yet, and published by `build`."""

    def build(self, context: DemoContext) -> None:
        """The rest of the French content, once every app has prepared its pages; `prepare`
        and `build` share one transaction."""

    def after_content(self, context: DemoContext) -> None:
        """Records made once the content is committed, each step in its own transaction (their
        on-commit callbacks must run while the step's settings still apply)."""

    def translate(self, context: DemoContext) -> None:
        """The English versions."""

    def permissions(self, context: DemoContext) -> None:
        """Demo accounts (`context.account`), in the groups the migrations made."""
