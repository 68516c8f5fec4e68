"""Builds the lieux' French side of the demo: the vocabularies, the lieux index and the lieux."""

from datetime import time
from decimal import Decimal

from wagtail.images.models import Image
from wagtail.models import Locale

from home.demo.context import DemoContext
from home.demo.pages import rich_text, stream
from lieux.factories import activity, lieu_index_page, public
from lieux.models import (
    Activity,
    HostedStructure,
    LieuPage,
    OpeningHours,
    Partner,
    Public,
    RecurringActivity,
)

from .content import Lieu
from .content.catalogue import LIEUX
from .content.index import ACTIVITIES, LIEUX_INDEX, PUBLICS


def ensure_vocabulary(locale: Locale) -> tuple[dict[str, Activity], dict[str, Public], int]:
    """The activities and publics by slug, each created if missing; and how many were."""
    created = 0
    vocabularies = []
    for model, factory, terms in ((Activity, activity, ACTIVITIES), (Public, public, PUBLICS)):
        existing = {obj.slug: obj for obj in model.objects.filter(locale=locale)}
        by_slug = {}
        for term in terms:
            by_slug[term.slug] = existing.get(term.slug)
            if by_slug[term.slug] is None:
                by_slug[term.slug] = factory(
                    term.name.fr, term.slug, locale_code=locale.language_code
                )
                created += 1
        vocabularies.append(by_slug)
    return vocabularies[0], vocabularies[1], created


def new_lieu_page(
    lieu: Lieu, images: dict[str, Image], partner_logos: dict[str, Image]
) -> LieuPage:
    """The lieu's page, unsaved and without its body (which may link to lieux not built yet).

    Inline objects get an explicit sort_order: only the admin form sets it, and without it their
    order (opening slots, partners) is whatever the database returns.
    """
    page = LieuPage(
        title=lieu.title.fr,
        slug=lieu.slug,
        intro=lieu.intro.fr,
        image=images[lieu.image],
        kind=lieu.kind,
        street_address=lieu.street_address,
        postcode=lieu.postcode,
        city=lieu.city,
        region=lieu.region,
        latitude=Decimal(lieu.latitude),
        longitude=Decimal(lieu.longitude),
        surface=lieu.surface,
        opening_date=lieu.opening_date,
        opening_hours_note=lieu.opening_hours_note.fr if lieu.opening_hours_note else "",
        founding_idea=rich_text(lieu.founding_idea),
        values=[
            {"type": "value", "value": {"title": title.fr, "text": text.fr}}
            for title, text in lieu.values
        ],
        volunteers=lieu.volunteers,
        jobs=lieu.jobs,
        figures_date=lieu.figures_date,
        governance=rich_text(lieu.governance),
        carrying_structure=lieu.carrying_structure,
        carrying_structure_legal_form=lieu.legal_form,
        accessibility=lieu.accessibility,
        accessibility_details=lieu.accessibility_details.fr,
        volunteer_call=lieu.volunteer_call.fr,
        email=lieu.email,
        phone=lieu.phone,
        website=lieu.website,
    )
    page.opening_hours = [
        OpeningHours(
            sort_order=i,
            weekday=day,
            opens=time.fromisoformat(opens),
            closes=time.fromisoformat(closes),
        )
        for i, (day, opens, closes) in enumerate(lieu.opening_hours)
    ]
    page.recurring_activities = [
        RecurringActivity(
            sort_order=i,
            name=item.name.fr,
            schedule=item.schedule.fr,
            price=item.price.fr,
            audience=item.audience.fr,
            description=item.description.fr,
        )
        for i, item in enumerate(lieu.recurring)
    ]
    page.hosted_structures = [
        HostedStructure(sort_order=i, name=name, role=role.fr)
        for i, (name, role) in enumerate(lieu.hosted)
    ]
    page.partners = [
        Partner(sort_order=i, name=partner_logos[key].title, kind=kind, logo=partner_logos[key])
        for i, (key, kind) in enumerate(lieu.partners)
    ]
    return page


def add_lieux(
    context: DemoContext,
    partner_logos: dict[str, Image],
    activities: dict[str, Activity],
    publics: dict[str, Public],
) -> int:
    """The lieux index, published, and its lieux, added without a revision: their bodies link to
    one another and to home's pages, so `publish_lieux` publishes them once those exist.
    Returns how many pages were created."""
    index = lieu_index_page(
        context.home,
        title=LIEUX_INDEX["title"].fr,
        slug=LIEUX_INDEX["slug"].fr,
        intro=LIEUX_INDEX["intro"].fr,
        image=context.images[LIEUX_INDEX["image"]],
    )
    context.pages[index.slug] = index
    for lieu in LIEUX:
        page = new_lieu_page(lieu, context.images, partner_logos)
        page.activities = [activities[slug] for slug in lieu.activities]
        page.publics = [publics[slug] for slug in lieu.publics]
        context.pages[lieu.slug] = index.add_child(instance=page)
    return 1 + len(LIEUX)


def publish_lieux(context: DemoContext) -> None:
    for lieu in LIEUX:
        page = context.pages[lieu.slug]
        page.body = stream(lieu.body, context.images, context.pages)
        page.save_revision().publish()
