"""Builds the French side of the demo: vocabularies, page tree, navigation and site settings."""

from datetime import time
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape

from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from home.models import (
    ArticlePage,
    HomeFeaturedLieu,
    HomePage,
    Navigation,
    NavigationFooterLink,
    NavigationMenuItem,
    NewsIndexPage,
    OrganisationSettings,
    StandardPage,
)
from lieux.models import (
    Activity,
    HostedStructure,
    LieuIndexPage,
    LieuPage,
    OpeningHours,
    Partner,
    Public,
    RecurringActivity,
)

from .content import H2, Block, CallToAction, Lieu, Paragraph, Picture, RichText, Testimony
from .content.catalogue import LIEUX, STANDARD_PAGES
from .content.news import ARTICLES, AUTHOR
from .content.site import (
    ACTIVITIES,
    HOME,
    LIEUX_INDEX,
    NAVIGATION,
    NEWS_INDEX,
    ORGANISATION,
    PUBLICS,
)

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def rich_text(items: RichText) -> str:
    html = []
    for item in items:
        if isinstance(item, H2):
            html.append(f"<h2>{escape(item.text.fr)}</h2>")
        elif isinstance(item, list):
            html.append("<ul>" + "".join(f"<li>{escape(t.fr)}</li>" for t in item) + "</ul>")
        else:
            html.append(f"<p>{escape(item.fr)}</p>")
    return "".join(html)


def stream(blocks: tuple[Block, ...], images: dict[str, Image], pages: dict[str, Page]) -> list:
    """Raw StreamField data for BodyBlock."""
    data = []
    for block in blocks:
        if isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": rich_text(block.text)})
        elif isinstance(block, Testimony):
            value = {"quote": block.quote.fr, "author": block.author.fr, "role": block.role.fr}
            data.append({"type": "testimony", "value": value})
        elif isinstance(block, Picture):
            image = {"image": images[block.image].pk, "alt_text": block.alt.fr, "decorative": False}
            value = {"image": image, "caption": block.caption.fr, "credit": ""}
            data.append({"type": "image", "value": value})
        elif isinstance(block, CallToAction):
            value = {
                "title": block.title.fr,
                "text": block.text.fr,
                "button_label": block.button.fr,
                "page": pages[block.page].pk,
                "url": "",
            }
            data.append({"type": "call_to_action", "value": value})
    return data


def ensure_vocabulary(locale: Locale) -> tuple[dict[str, Activity], dict[str, Public], int]:
    created = 0
    vocabularies = []
    for model, terms in ((Activity, ACTIVITIES), (Public, PUBLICS)):
        by_slug = {}
        for term in terms:
            obj, was_created = model.objects.get_or_create(
                locale=locale, slug=term.slug, defaults={"name": term.name.fr}
            )
            by_slug[term.slug] = obj
            created += was_created
        vocabularies.append(by_slug)
    return vocabularies[0], vocabularies[1], created


def find_french_pages(locale: Locale) -> dict[str, Page] | None:
    """The demo pages by French slug ("accueil" for the home), or None before the first run."""
    home = HomePage.objects.filter(locale=locale, slug=HOME["slug"].fr, depth=2).first()
    if home is None:
        return None
    pages = {page.slug: page for page in home.get_descendants().specific()}
    pages[home.slug] = home
    return pages


def _lieu_page(lieu: Lieu, images: dict[str, Image], partner_logos: dict[str, Image]) -> LieuPage:
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


def build_french_tree(
    locale: Locale,
    images: dict[str, Image],
    partner_logos: dict[str, Image],
    activities: dict[str, Activity],
    publics: dict[str, Public],
) -> dict[str, Page]:
    """Create every French page, then publish each one once its links can be resolved.

    Inline objects get an explicit sort_order: only the admin form sets it, and without it their
    order (menu items, opening slots) is whatever the database returns.
    """
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=HOME["title"].fr,
            slug=HOME["slug"].fr,
            locale=locale,
            intro=HOME["intro"].fr,
            image=images[HOME["image"]],
            hero_button_label=HOME["hero_button_label"].fr,
            key_figures=[
                {"type": "figure", "value": {"figure": figure.fr, "label": label.fr}}
                for figure, label in HOME["key_figures"]
            ],
            featured_title=HOME["featured_title"].fr,
            support_title=HOME["support_title"].fr,
            support_text=HOME["support_text"].fr,
            support_button_label=HOME["support_button_label"].fr,
            news_title=HOME["news_title"].fr,
        )
    )
    pages: dict[str, Page] = {home.slug: home}
    for model, spec in ((LieuIndexPage, LIEUX_INDEX), (NewsIndexPage, NEWS_INDEX)):
        index = home.add_child(
            instance=model(
                title=spec["title"].fr,
                slug=spec["slug"].fr,
                intro=spec["intro"].fr,
                image=images[spec["image"]],
            )
        )
        pages[index.slug] = index
    for spec in STANDARD_PAGES:
        page = home.add_child(
            instance=StandardPage(
                title=spec.title.fr,
                slug=spec.slug.fr,
                intro=spec.intro.fr,
                image=images[spec.image] if spec.image else None,
            )
        )
        pages[page.slug] = page

    lieux_index = pages[LIEUX_INDEX["slug"].fr]
    for lieu in LIEUX:
        page = _lieu_page(lieu, images, partner_logos)
        page.activities = [activities[slug] for slug in lieu.activities]
        page.publics = [publics[slug] for slug in lieu.publics]
        pages[lieu.slug] = lieux_index.add_child(instance=page)

    news_index = pages[NEWS_INDEX["slug"].fr]
    for article in ARTICLES:
        pages[article.slug] = news_index.add_child(
            instance=ArticlePage(
                title=article.title.fr,
                slug=article.slug,
                intro=article.intro.fr,
                image=images[article.image],
                date=article.date,
                author=AUTHOR.fr,
                lieu=pages[article.lieu],
            )
        )

    # Bodies and the home's links point at pages that only exist now.
    home.hero_button_page = lieux_index
    home.support_page = pages["nous-soutenir"]
    home.featured_lieux = [
        HomeFeaturedLieu(sort_order=i, lieu=pages[slug])
        for i, slug in enumerate(HOME["featured_lieux"])
    ]
    for spec in (*STANDARD_PAGES, *LIEUX, *ARTICLES):
        slug = spec.slug if isinstance(spec.slug, str) else spec.slug.fr
        pages[slug].body = stream(spec.body, images, pages)
    for page in pages.values():
        page.save_revision().publish()
    return pages


def point_site_at(home: HomePage) -> bool:
    """Serve the French home on the default site and drop Wagtail's placeholder page.

    A site already serving the home is left as it is, with whatever hostname it was given since.
    """
    changed = False
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        site.hostname, site.port, site.root_page = "localhost", 80, home
        site.site_name = ORGANISATION["name"]
        site.save()
        changed = True
    welcome = Page.objects.filter(
        depth=2, title=WAGTAIL_WELCOME_TITLE, content_type=ContentType.objects.get_for_model(Page)
    )
    if welcome.exists():
        welcome.delete()
        changed = True
    return changed


def ensure_organisation(site: Site, logo: Image) -> bool:
    """Fill the organisation settings once; later edits in the admin are kept."""
    settings = OrganisationSettings.for_site(site)
    if settings.legal_name:
        return False
    for field, value in ORGANISATION.items():
        setattr(settings, field, value)
    settings.logo = logo
    settings.save()
    return True


def ensure_navigation(locale: Locale, pages: dict[str, Page]) -> tuple[Navigation, bool]:
    navigation = Navigation.objects.filter(locale=locale).first()
    if navigation:
        return navigation, False
    navigation = Navigation(
        locale=locale,
        name=NAVIGATION["name"].fr,
        footer_text=rich_text(NAVIGATION["footer_text"]),
        menu_items=[
            NavigationMenuItem(sort_order=i, label=label.fr, link_page=pages[key])
            for i, (label, key) in enumerate(NAVIGATION["menu_items"])
        ],
        footer_links=[
            NavigationFooterLink(sort_order=i, label=label.fr, link_page=pages[key])
            for i, (label, key) in enumerate(NAVIGATION["footer_links"])
        ],
    )
    navigation.save()
    return navigation, True
