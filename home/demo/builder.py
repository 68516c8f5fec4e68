"""Home's share of the demo: the illustrations and logo, the home page, the news and standard
pages, the site and its settings, the navigation, the English translations of every app's pages,
and the admin account."""

from django.db import transaction

from wagtail.models import Site

from .alt_texts import alt_text_pairs
from .content.alt_texts import ALT_TEXTS
from .content.catalogue import home_pairs
from .content.legal import PRIVACY
from .content.pictures import ILLUSTRATIONS, ORGANISATION_LOGO
from .content.site import HOME
from .context import DemoBuilder, DemoContext
from .images import ensure_illustrations, ensure_organisation_logo
from .pages import (
    add_home_page,
    build_home_pages,
    ensure_navigation,
    ensure_organisation,
    find_french_pages,
    point_site_at,
)
from .permissions import COMMUNICATION_GROUP, communication_group
from .translate import translate_site

ADMIN_USERNAME = "admin"


class HomeDemo(DemoBuilder):
    order = 10  # every other app's pages live under the home

    def __init__(self):
        self.new = False  # whether this run created the home, so builds its pages
        self.logo = None

    def pairs(self):
        return [*home_pairs(), *alt_text_pairs(ILLUSTRATIONS, ALT_TEXTS)]

    def images(self, context: DemoContext) -> None:
        illustrations, created = ensure_illustrations(ILLUSTRATIONS)
        context.images.update(illustrations)
        self.logo, logo_created = ensure_organisation_logo(*ORGANISATION_LOGO)
        context.step("Images and logo", created + logo_created)

    def prepare(self, context: DemoContext) -> None:
        pages = find_french_pages(context.fr)
        self.new = pages is None
        if self.new:
            home = add_home_page(context.fr, context.images)
            pages = {home.slug: home}
        context.pages.update(pages)
        context.home = pages[HOME["slug"].fr]
        context.step("Home page", int(self.new))

    def build(self, context: DemoContext) -> None:
        context.step(
            "News, articles and standard pages", build_home_pages(context) if self.new else 0
        )
        context.step("Default site", int(point_site_at(context.home)))
        context.site = Site.objects.get(is_default_site=True)
        privacy = context.pages.get(PRIVACY.slug.fr)
        context.step(
            "Organisation settings", int(ensure_organisation(context.site, self.logo, privacy))
        )

    def after_content(self, context: DemoContext) -> None:
        # The menu links to every app's pages (campaigns, the share offering): all built by now.
        with transaction.atomic():
            navigation, created = ensure_navigation(context.fr, context.pages)
        context.translate_after_pages.append(navigation)
        context.step("Navigation", int(created))

    def translate(self, context: DemoContext) -> None:
        # Every app's pages at once, parents first: they are all under the home.
        context.step("English translations", translate_site(context))

    def permissions(self, context: DemoContext) -> None:
        context.groups[COMMUNICATION_GROUP] = communication_group()
        context.account("Admin", ADMIN_USERNAME, superuser=True)
