"""Fill the benchmark database: lieux and articles in French up to the target counts.

Run by `python -m bench` after `migrate` and `load_demo`, as `python -m bench dataset urls.json`
with the benchmark's environment (Django is set up before this module is imported).

When `load_demo` is not available it first builds a minimal site (home, lieux index, news,
a standard page, navigation and vocabularies in French and English). It then writes to
urls.json one address per page type and language for the load test.
"""

import datetime
import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from campagnes.models import CampaignPage, DonatePage, ShareOfferingPage
from home.models import ArticlePage, HomePage, Navigation, NewsIndexPage, StandardPage
from lieux.choices import Accessibility, LegalForm, LieuKind, Region, Weekday
from lieux.models import (
    Activity,
    LieuIndexPage,
    LieuPage,
    OpeningHours,
    Public,
    RecurringActivity,
)

LIEUX_TARGET = 200
ARTICLES_TARGET = 1_000

# City, postcode, region, latitude, longitude.
CITIES = [
    ("Lyon", "69007", Region.AUVERGNE_RHONE_ALPES, 45.7485, 4.8467),
    ("Saint-Chamond", "42400", Region.AUVERGNE_RHONE_ALPES, 45.4753, 4.5142),
    ("Grenoble", "38000", Region.AUVERGNE_RHONE_ALPES, 45.1885, 5.7245),
    ("Clermont-Ferrand", "63000", Region.AUVERGNE_RHONE_ALPES, 45.7772, 3.0870),
    ("Dijon", "21000", Region.BOURGOGNE_FRANCHE_COMTE, 47.3220, 5.0415),
    ("Besançon", "25000", Region.BOURGOGNE_FRANCHE_COMTE, 47.2378, 6.0241),
    ("Rennes", "35000", Region.BRETAGNE, 48.1173, -1.6778),
    ("Brest", "29200", Region.BRETAGNE, 48.3904, -4.4861),
    ("Tours", "37000", Region.CENTRE_VAL_DE_LOIRE, 47.3941, 0.6848),
    ("Orléans", "45000", Region.CENTRE_VAL_DE_LOIRE, 47.9030, 1.9093),
    ("Strasbourg", "67000", Region.GRAND_EST, 48.5734, 7.7521),
    ("Nancy", "54000", Region.GRAND_EST, 48.6921, 6.1844),
    ("Lille", "59000", Region.HAUTS_DE_FRANCE, 50.6292, 3.0573),
    ("Amiens", "80000", Region.HAUTS_DE_FRANCE, 49.8941, 2.2958),
    ("Paris", "75019", Region.ILE_DE_FRANCE, 48.8839, 2.3822),
    ("Montreuil", "93100", Region.ILE_DE_FRANCE, 48.8638, 2.4485),
    ("Rouen", "76000", Region.NORMANDIE, 49.4432, 1.0999),
    ("Caen", "14000", Region.NORMANDIE, 49.1829, -0.3707),
    ("Bordeaux", "33000", Region.NOUVELLE_AQUITAINE, 44.8378, -0.5792),
    ("Limoges", "87000", Region.NOUVELLE_AQUITAINE, 45.8336, 1.2611),
    ("Toulouse", "31000", Region.OCCITANIE, 43.6047, 1.4442),
    ("Montpellier", "34000", Region.OCCITANIE, 43.6108, 3.8767),
    ("Nantes", "44000", Region.PAYS_DE_LA_LOIRE, 47.2184, -1.5536),
    ("Angers", "49000", Region.PAYS_DE_LA_LOIRE, 47.4784, -0.5632),
    ("Marseille", "13003", Region.PROVENCE_ALPES_COTE_D_AZUR, 43.3112, 5.3806),
    ("Nice", "06000", Region.PROVENCE_ALPES_COTE_D_AZUR, 43.7102, 7.2620),
]
NAMES = [
    "Escale Solidaire {city}",
    "La Maison commune de {city}",
    "Le Jardin partagé de {city}",
    "La Table ouverte — {city}",
    "Les Partageurs de {city}",
    "La Boussole, {city}",
    "Pension de famille {city}",
    "L'Atelier du quartier, {city}",
]
ACTIVITIES = [
    ("Table d'hôtes", "Shared meals", "table-d-hotes"),
    ("Ateliers cuisine", "Cooking workshops", "ateliers-cuisine"),
    ("Jardin partagé", "Shared garden", "jardin-partage"),
    ("Accès au numérique", "Digital inclusion", "numerique"),
    ("Épicerie solidaire", "Solidarity grocery", "epicerie-solidaire"),
    ("Français langue étrangère", "French lessons", "fle"),
]
PUBLICS = [
    ("Habitants du quartier", "Neighbours", "habitants"),
    ("Personnes isolées", "People living alone", "personnes-isolees"),
    ("Familles", "Families", "familles"),
    ("Jeunes", "Young people", "jeunes"),
]
SENTENCES = [
    "Chaque midi, habitants du quartier, résidents et bénévoles partagent un repas pour 2 €.",
    "Le lieu accueille une épicerie solidaire, un atelier vélo et un espace numérique.",
    "Les bénévoles cuisinent avec les produits du jardin et des invendus des commerçants.",
    "Une permanence d'accès aux droits se tient chaque mardi, sans rendez-vous.",
    "Le projet est né d'un collectif d'habitants qui cherchait un lieu pour se retrouver.",
    "Des ateliers de français et de cuisine ouvrent le lieu aux familles du quartier.",
    "La gouvernance associe résidents, salariés, bénévoles et partenaires locaux.",
    "Le tiers-lieu a ouvert ses portes après deux ans de chantier participatif.",
]


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return "<p>" + " ".join(rng.sample(SENTENCES, sentences)) + "</p>"


def body(rng: random.Random, paragraphs: int) -> list:
    return [("paragraph", RichText(paragraph(rng))) for _ in range(paragraphs)]


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def terms(model, entries, locales) -> None:
    """The French terms, with their English translations sharing the translation key."""
    for name_fr, name_en, slug in entries:
        source, _ = model.objects.get_or_create(
            locale=locales["fr"], slug=slug, defaults={"name": name_fr}
        )
        model.objects.get_or_create(
            locale=locales["en"],
            slug=slug,
            defaults={"name": name_en, "translation_key": source.translation_key},
        )


def build_minimal_site(locales, rng: random.Random) -> None:
    """Without `load_demo`: one page of each type in French and English, and the navigation.

    English pages share their French page's translation key, as wagtail-localize makes them:
    that is how /en/ finds its home.
    """
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    titles = {
        "fr": ("Tiers-lieux solidaires", "Les lieux", "Actualités", "Mentions légales"),
        "en": ("Solidarity third places", "Places", "News", "Legal notice"),
    }
    french = {}
    for code, (home_title, lieux_title, news_title, legal_title) in titles.items():
        pages = {
            "home": HomePage(title=home_title, slug=f"accueil-{code}", intro=SENTENCES[0]),
            "lieux": LieuIndexPage(title=lieux_title, slug=slugify(lieux_title)),
            "news": NewsIndexPage(title=news_title, slug=slugify(news_title)),
            "legal": StandardPage(title=legal_title, slug=slugify(legal_title), body=body(rng, 3)),
        }
        for kind, page in pages.items():
            page.locale = locales[code]
            if kind in french:
                page.translation_key = french[kind].translation_key
            publish(root if kind == "home" else pages["home"], page)
        french = french or pages
        Navigation.objects.get_or_create(locale=locales[code])

    welcome = site.root_page
    site.root_page = french["home"]
    site.save()
    if not isinstance(welcome.specific, HomePage):
        welcome.delete()
    terms(Activity, ACTIVITIES, locales)
    terms(Public, PUBLICS, locales)


def add_lieux(index: LieuIndexPage, count: int, rng: random.Random, images: list) -> None:
    activities = list(Activity.objects.filter(locale=index.locale))
    publics = list(Public.objects.filter(locale=index.locale))
    now = datetime.datetime.now(datetime.UTC)
    for number in range(count):
        city, postcode, region, latitude, longitude = rng.choice(CITIES)
        title = f"{rng.choice(NAMES).format(city=city)} {number + 1}"
        lieu = LieuPage(
            title=title,
            slug=slugify(title),
            locale=index.locale,
            intro=rng.choice(SENTENCES),
            image=rng.choice(images) if images else None,
            kind=rng.choice(LieuKind.values),
            street_address=f"{rng.randint(1, 120)} rue de la République",
            postcode=postcode,
            city=city,
            region=region,
            latitude=Decimal(f"{latitude + rng.uniform(-0.05, 0.05):.5f}"),
            longitude=Decimal(f"{longitude + rng.uniform(-0.05, 0.05):.5f}"),
            surface=rng.randint(80, 1_500),
            opening_date=datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
            founding_idea=paragraph(rng),
            values=[("value", {"title": "Mixité", "text": rng.choice(SENTENCES)})],
            volunteers=rng.randint(5, 120),
            jobs=rng.randint(0, 15),
            figures_date=datetime.date(2025, 12, 31),
            governance=paragraph(rng, 2),
            carrying_structure=f"Association {city} Solidaire",
            carrying_structure_legal_form=LegalForm.ASSOCIATION,
            accessibility=rng.choice(Accessibility.values),
            volunteer_call=rng.choice(SENTENCES),
            email=f"contact-{number + 1}@example.org",
            body=body(rng, 3),
            first_published_at=now,
            last_published_at=now,
        )
        lieu.activities = rng.sample(activities, min(len(activities), rng.randint(1, 4)))
        lieu.publics = rng.sample(publics, min(len(publics), rng.randint(1, 3)))
        lieu.opening_hours = [
            OpeningHours(weekday=day, opens=datetime.time(10), closes=datetime.time(18))
            for day in sorted(rng.sample(Weekday.values, 4))
        ]
        lieu.recurring_activities = [
            RecurringActivity(name="Table d'hôtes", schedule="Le mardi, 12 h – 14 h", price="2 €")
        ]
        index.add_child(instance=lieu)


def add_articles(news: NewsIndexPage, count: int, rng: random.Random, lieux, images) -> None:
    now = datetime.datetime.now(datetime.UTC)
    today = datetime.date.today()
    for number in range(count):
        lieu = rng.choice(lieux) if lieux else None
        topic = rng.choice(["Nouvelles de", "Un an à", "Portes ouvertes à"])
        title = f"{topic} {lieu.city if lieu else 'Lyon'} ({number + 1})"
        news.add_child(
            instance=ArticlePage(
                title=title,
                slug=slugify(title),
                locale=news.locale,
                intro=rng.choice(SENTENCES),
                image=rng.choice(images) if images else None,
                date=today - datetime.timedelta(days=rng.randint(0, 3 * 365)),
                author="L'équipe communication",
                lieu=lieu,
                body=body(rng, 4),
                first_published_at=now,
                last_published_at=now,
            )
        )


def first_live(model, locale, **filters):
    return model.objects.live().filter(locale=locale, **filters).order_by("path").first()


def open_campaign(locale):
    """A campaign taking gifts today (its form and progress bar), else the first one."""
    today = datetime.date.today()
    open_now = (
        CampaignPage.objects.live()
        .filter(locale=locale, start_date__lte=today)
        .exclude(end_date__lt=today)
        .order_by("path")
        .first()
    )
    return open_now or first_live(CampaignPage, locale)


def benchmark_urls(locales) -> list[dict]:
    """One address per page type and language, taken from the tree as it now stands."""
    urls = []
    for code, locale in locales.items():
        lieux_index = first_live(LieuIndexPage, locale)
        lieu = first_live(LieuPage, locale)
        pages = [
            ("home", first_live(HomePage, locale)),
            ("lieux index", lieux_index),
            ("lieu", lieu),
            ("news index", first_live(NewsIndexPage, locale)),
            ("article", first_live(ArticlePage, locale)),
            ("standard page", first_live(StandardPage, locale)),
            # The pages with a form (gift, subscription), which the page caches do not keep yet.
            ("campaign", open_campaign(locale)),
            ("donate", first_live(DonatePage, locale)),
            ("share offering", first_live(ShareOfferingPage, locale)),
            # ("agenda", …): the issue's agenda page has no page type yet. Add its first live page
            # here once it exists: no row until then rather than a page standing in for it.
        ]
        for kind, page in pages:
            if page is not None:
                # The id: bench/front.py confirms gifts to the campaign during its peak.
                urls.append({"page": kind, "lang": code, "url": page.get_url(), "id": page.pk})
            if kind == "lieux index" and page is not None and lieu is not None and code == "fr":
                filtered = f"{page.get_url()}?region={lieu.region}"
                urls.append({"page": "lieux index, filtered", "lang": code, "url": filtered})
        query = {"fr": "solidaire", "en": "solidarity"}[code]
        with translation.override(code):
            search = reverse("search")
        urls.append({"page": "search", "lang": code, "url": f"{search}?q={query}"})
    return urls


def main(urls_path: Path) -> None:
    rng = random.Random(2026)  # noqa: S311 -- reproducible content, not security
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en")}
    started = time.perf_counter()
    with transaction.atomic():
        if not HomePage.objects.filter(locale=locales["fr"]).exists():
            build_minimal_site(locales, rng)
        images = list(get_image_model().objects.all()[:20])
        lieux_index = first_live(LieuIndexPage, locales["fr"])
        news = first_live(NewsIndexPage, locales["fr"])
        lieux_count = LieuPage.objects.filter(locale=locales["fr"]).count()
        add_lieux(lieux_index, max(0, LIEUX_TARGET - lieux_count), rng, images)
        lieux = list(LieuPage.objects.filter(locale=locales["fr"]))
        articles_count = ArticlePage.objects.filter(locale=locales["fr"]).count()
        add_articles(news, max(0, ARTICLES_TARGET - articles_count), rng, lieux, images)
    # Fresh planner statistics, as autovacuum would gather them within a minute of a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - started
    counts = {
        code: (
            LieuPage.objects.filter(locale=locale).count(),
            ArticlePage.objects.filter(locale=locale).count(),
        )
        for code, locale in locales.items()
    }
    sys.stdout.write(
        f"  data set: {counts['fr'][0]:,} lieux and {counts['fr'][1]:,} articles in French, "
        f"{counts['en'][0]:,} and {counts['en'][1]:,} in English; built in {elapsed:.1f} s\n"
    )
    site = Site.objects.get(is_default_site=True)
    # The Host the front cache's purges name (home/frontcache.py): bench/front.py's requests too.
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    summary = {
        "urls": benchmark_urls(locales),
        "counts": counts,
        "seconds": elapsed,
        "host": host,
    }
    urls_path.write_text(json.dumps(summary))
