"""Builders for the page tree and the snippets the tests need.

Plain functions in place of wagtail-factories (not on the package list): each takes the parent
page, accepts any model field as a keyword to override the defaults, and returns the page saved,
published and live. Keyword-only flags name a state, as factory traits would
(`lieu_page(index, complete=True)` fills every fact of a lieu's sheet).
"""

import datetime
import io
from decimal import Decimal

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from PIL import Image as PillowImage

from home.models import ArticlePage, HomePage, NewsIndexPage, StandardPage
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region, Weekday
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


def locale(language_code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language_code)[0]


def publish(parent: Page, page: Page) -> Page:
    # ASCII slugs, as an editor would type them: URLs in the tests stay readable.
    page.slug = page.slug or slugify(page.title)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def image(title: str = "Façade du lieu", size: tuple[int, int] = (160, 90)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (200, 120, 60)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title[:20]}.png")
    )


# Vocabularies -----------------------------------------------------------------------------


def activity(name: str, slug: str, *, locale_code: str = "fr", source: Activity | None = None):
    """An activity term; pass `source` to create its translation (same translation key)."""
    extra = {"translation_key": source.translation_key} if source else {}
    return Activity.objects.create(locale=locale(locale_code), name=name, slug=slug, **extra)


def public(name: str, slug: str, *, locale_code: str = "fr", source: Public | None = None):
    extra = {"translation_key": source.translation_key} if source else {}
    return Public.objects.create(locale=locale(locale_code), name=name, slug=slug, **extra)


# Pages --------------------------------------------------------------------------------------


def home_page(**fields) -> HomePage:
    """The French home page at the top of the default site, created once.

    Wagtail's migrations leave a "Welcome" page as the site's root: the site is pointed at the new
    home first, because deleting the page a Site points to deletes the Site too.
    """
    root = Page.get_first_root_node()
    existing = HomePage.objects.filter(depth=2, locale=locale("fr")).first()
    if existing:
        return existing
    home = HomePage(
        title=fields.pop("title", "Réseau des tiers-lieux solidaires"),
        slug="accueil",
        locale=locale("fr"),
        **fields,
    )
    publish(root, home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    for welcome in root.get_children().exclude(pk=home.pk).not_type(HomePage):
        welcome.delete()
    return home


def lieu_index_page(parent: HomePage, **fields) -> LieuIndexPage:
    fields.setdefault("title", "Les lieux")
    fields.setdefault("slug", "lieux")
    fields.setdefault("intro", "Tous les tiers-lieux du réseau.")
    return publish(parent, LieuIndexPage(**fields))


def news_index_page(parent: HomePage, **fields) -> NewsIndexPage:
    fields.setdefault("title", "Actualités")
    fields.setdefault("slug", "actualites")
    return publish(parent, NewsIndexPage(**fields))


def article_page(parent: NewsIndexPage, **fields) -> ArticlePage:
    fields.setdefault("title", "Une nouvelle table à Lyon")
    fields.setdefault("date", datetime.date(2025, 3, 14))
    fields.setdefault("author", "Équipe communication")
    fields.setdefault("intro", "Le réseau grandit.")
    return publish(parent, ArticlePage(**fields))


def standard_page(parent: Page, **fields) -> StandardPage:
    fields.setdefault("title", "Mentions légales")
    fields.setdefault(
        "body", [("paragraph", RichText("<p>Ce site est édité par une association.</p>"))]
    )
    return publish(parent, StandardPage(**fields))


# The fact sheet of a lieu as a visitor reads it; `complete=True` applies all of it.
COMPLETE_LIEU = {
    "intro": "Une table d'hôtes ouverte à toutes et tous.",
    "surface": 40,
    "opening_date": datetime.date(2021, 9, 6),
    "opening_hours_note": "Fermé en août.",
    "founding_idea": "<p>Partager un repas pour recréer du lien entre voisins.</p>",
    "values": [("value", {"title": "Hospitalité inconditionnelle", "text": "Chacun est reçu."})],
    "volunteers": 37,
    "jobs": 3,
    "figures_date": datetime.date(2024, 12, 31),
    "governance": "<p>Un comité de pilotage réunit habitants et bénévoles chaque mois.</p>",
    "carrying_structure": "Association Escales Solidaires",
    "carrying_structure_legal_form": LegalForm.ASSOCIATION,
    "accessibility": Accessibility.ACCESSIBLE,
    "accessibility_details": "Entrée de plain-pied et toilettes adaptées.",
    "volunteer_call": "Nous cherchons des bénévoles pour la cuisine du mardi.",
    "email": "contact@table-lyon.example",
    "phone": "04 72 00 00 00",
    "website": "https://table-lyon.example/",
}


def lieu_page(
    parent: LieuIndexPage,
    *,
    complete: bool = False,
    **fields,
) -> LieuPage:
    """A published lieu; children (opening_hours, partners…) and terms are passed as lists."""
    defaults = {
        "title": "Escale Solidaire Lyon",
        "kind": LieuKind.ESCALE_SOLIDAIRE,
        "street_address": "12 rue de la Charité",
        "postcode": "69002",
        "city": "Lyon",
        "region": Region.AUVERGNE_RHONE_ALPES,
        "latitude": Decimal("45.75521"),
        "longitude": Decimal("4.83196"),
    }
    if complete:
        defaults.update(COMPLETE_LIEU)
        defaults.update(
            opening_hours=[
                OpeningHours(
                    weekday=Weekday.TUESDAY, opens=datetime.time(9, 30), closes=datetime.time(14)
                )
            ],
            recurring_activities=[
                RecurringActivity(
                    name="Repas partagé",
                    schedule="Chaque mardi, 12 h – 14 h",
                    price="2 €",
                    audience="Ouvert à tous",
                )
            ],
            hosted_structures=[
                HostedStructure(name="Les Petites Cantines", role="Cuisine participative")
            ],
            partners=[Partner(name="Fondation Abbé Pierre", kind=PartnerKind.FUNDER)],
        )
    defaults.update(fields)
    return publish(parent, LieuPage(**defaults))


def campaign_index_page(parent: HomePage, **fields):
    from campagnes.models import CampaignIndexPage

    fields.setdefault("title", "Campagnes")
    fields.setdefault("slug", "campagnes")
    return publish(parent, CampaignIndexPage(**fields))


def campaign_page(
    parent,
    *,
    amounts=((3000, "once"), (5000, "once"), (2000, "monthly"), (5000, "monthly")),
    **fields,
):
    """An open campaign with suggested amounts, each (cents, frequency)."""
    from campagnes.models import CampaignPage, SuggestedAmount

    today = datetime.date.today()
    fields.setdefault("title", "Une cuisine pour La Boussole")
    fields.setdefault("goal_cents", 2_000_000)
    fields.setdefault("start_date", today - datetime.timedelta(days=30))
    fields.setdefault("end_date", today + datetime.timedelta(days=60))
    page = CampaignPage(**fields)
    page.suggested_amounts = [
        SuggestedAmount(amount_cents=cents, frequency=frequency, impact=f"Impact {cents // 100}")
        for cents, frequency in amounts
    ]
    return publish(parent, page)


def search_promotion(query: str, page: Page, **fields):
    """A result the editors promote for `query` (Settings → Promoted search results)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    return SearchPromotion.objects.create(query=Query.get(query), page=page, **fields)


def donation_settings(site: Site):
    """Receipts need the issuer's identity; the organisation's address comes from its setting."""
    from campagnes.models import DonationSettings
    from home.models import OrganisationSettings

    organisation = OrganisationSettings.for_site(site)
    organisation.name = "Réseau des tiers-lieux solidaires"
    organisation.legal_name = "Association Réseau des tiers-lieux solidaires"
    organisation.street_address = "12 rue de la Paix"
    organisation.postcode = "69003"
    organisation.city = "Lyon"
    organisation.save()
    settings = DonationSettings.for_site(site)
    settings.receipt_object = "Créer du lien social dans des tiers-lieux ouverts à tous"
    settings.rna = "W691234567"
    settings.signatory_name = "Claire Martin"
    settings.signatory_role = "Trésorière"
    settings.save()
    return settings


# Donation records ---------------------------------------------------------------------------


def donor(email: str, **fields):
    from campagnes.models import Donor

    first_name, _, last_name = email.split("@")[0].partition(".")
    fields.setdefault("first_name", first_name.capitalize())
    fields.setdefault("last_name", (last_name or "Donatrice").capitalize())
    fields.setdefault("address", "3 rue des Lilas")
    fields.setdefault("postcode", "69001")
    fields.setdefault("city", "Lyon")
    return Donor.objects.create(email=email, **fields)


def gift(donor, cents: int, paid_at: datetime.datetime | None = None, **fields):
    """A gift confirmed at `paid_at` (a paid one, unless `status` says otherwise)."""
    from campagnes.models import Gift

    fields.setdefault("status", "paid")
    return Gift.objects.create(donor=donor, amount_cents=cents, paid_at=paid_at, **fields)


def plan(donor, cents: int, created_at: datetime.datetime, **fields):
    from campagnes.models import Plan

    fields.setdefault("status", "active")
    return Plan.objects.create(donor=donor, amount_cents=cents, created_at=created_at, **fields)


def partner(name: str = "Boulangeries Martin", **fields):
    from campagnes.models import Partner

    fields.setdefault("siren", "812345670")
    fields.setdefault("address", "14 rue Victor Hugo")
    fields.setdefault("postcode", "42400")
    fields.setdefault("city", "Saint-Chamond")
    fields.setdefault("contact_first_name", "Sophie")
    fields.setdefault("contact_last_name", "Lefèvre")
    fields.setdefault("contact_email", f"rse@{slugify(name)}.example")
    return Partner.objects.create(name=name, **fields)


def pledge(partner, cents: int, **fields):
    from campagnes.models import Pledge

    return Pledge.objects.create(partner=partner, amount_cents=cents, **fields)
