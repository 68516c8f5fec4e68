"""`python -m bench.search` (run by `make bench`): site search latency with 10,000 pages.

1. A database of its own (BENCH_SEARCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/tierslieux_bench_search, dropped and recreated): the
   minimal site of bench/dataset.py, then lieux and articles up to 10,000 pages, half in French
   (bench/dataset.py's texts) and half in English, indexed at the end by `update_index` as the
   task worker would have one by one.
2. Searches through Django's whole request stack (test client, production settings, Redis
   site data, page cache off: each search is rendered): words of every frequency in both
   languages, plurals the stemmer must fold, a type filter and second pages.
3. p50/p99 latency and SQL queries per search, printed and written to bench/search.md.
"""

import datetime
import os
import random
import statistics
import time
from decimal import Decimal
from pathlib import Path

from bench import use_production_settings

DATABASE_URL = os.environ.get(
    "BENCH_SEARCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tierslieux_bench_search"
)
REDIS_URL = os.environ.get("BENCH_SEARCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PAGES_TARGET = 10_000
LIEUX_PER_LANGUAGE = 500
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "20"))
P99_TARGET_MS = 100
RESULTS = Path(__file__).resolve().parent / "search.md"

# What visitors type: frequent and rare words, plurals and accents the index must fold, several
# words, a city, and words found nowhere.
SEARCHES = {
    "fr": [
        {"q": "repas"},
        {"q": "ateliers"},
        {"q": "epicerie solidaire"},
        {"q": "bénévoles cuisine"},
        {"q": "Lyon"},
        {"q": "permanence droits"},
        {"q": "ateliers", "type": "lieu"},
        {"q": "repas", "page": "2"},
        {"q": "xylophone"},
    ],
    "en": [
        {"q": "meals"},
        {"q": "workshops"},
        {"q": "grocery"},
        {"q": "volunteers garden"},
        {"q": "Nantes"},
        {"q": "rights advice"},
        {"q": "workshop", "type": "article"},
        {"q": "meal", "page": "2"},
        {"q": "xylophone"},
    ],
}
ENGLISH_SENTENCES = [
    "Every lunchtime, neighbours, residents and volunteers share a meal for 2 euros.",
    "The place hosts a solidarity grocery, a bike workshop and a digital corner.",
    "Volunteers cook with produce from the garden and unsold food from local shops.",
    "A rights advice desk is open every Tuesday, without an appointment.",
    "The project was born from residents looking for a place to meet.",
    "French and cooking workshops open the place to the families of the neighbourhood.",
    "Residents, staff, volunteers and local partners take decisions together.",
    "The third place opened its doors after two years of participatory building work.",
]


def configure() -> None:
    # Tasks stay queued: pages are indexed in one pass at the end, not by a task per page saved.
    use_production_settings(DATABASE_URL, REDIS_URL=REDIS_URL)


def english_text(rng: random.Random, sentences: int = 4) -> str:
    return "<p>" + " ".join(rng.sample(ENGLISH_SENTENCES, sentences)) + "</p>"


def add_english_pages(locales, lieux: int, articles: int, rng: random.Random) -> None:
    """English lieux and articles, with English words for the English stemmer."""
    from wagtail.rich_text import RichText

    from bench.dataset import CITIES, first_live
    from home.models import ArticlePage, NewsIndexPage
    from lieux.choices import LieuKind
    from lieux.models import LieuIndexPage, LieuPage

    index = first_live(LieuIndexPage, locales["en"])
    news = first_live(NewsIndexPage, locales["en"])
    for number in range(lieux):
        city, postcode, region, latitude, longitude = rng.choice(CITIES)
        title = f"Shared table of {city} {number + 1}"
        index.add_child(
            instance=LieuPage(
                title=title,
                slug=f"shared-table-{number + 1}",
                locale=locales["en"],
                intro=rng.choice(ENGLISH_SENTENCES),
                kind=rng.choice(LieuKind.values),
                street_address=f"{rng.randint(1, 120)} rue de la République",
                postcode=postcode,
                city=city,
                region=region,
                latitude=Decimal(f"{latitude:.5f}"),
                longitude=Decimal(f"{longitude:.5f}"),
                founding_idea=english_text(rng),
                body=[("paragraph", RichText(english_text(rng))) for _ in range(3)],
            )
        )
    today = datetime.date.today()
    for number in range(articles):
        city = rng.choice(CITIES)[0]
        title = f"{rng.choice(['News from', 'A year in', 'Open day in'])} {city} ({number + 1})"
        news.add_child(
            instance=ArticlePage(
                title=title,
                slug=f"news-{number + 1}",
                locale=locales["en"],
                intro=rng.choice(ENGLISH_SENTENCES),
                date=today - datetime.timedelta(days=rng.randint(0, 3 * 365)),
                body=[("paragraph", RichText(english_text(rng))) for _ in range(4)],
            )
        )


def build_site() -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from wagtail.models import Locale, Page

    from bench import dataset
    from home.models import NewsIndexPage
    from lieux.models import LieuIndexPage, LieuPage

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(2026)  # noqa: S311 -- reproducible content, not security
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en")}
    started = time.perf_counter()
    with transaction.atomic():
        dataset.build_minimal_site(locales, rng)
        existing = Page.objects.filter(depth__gt=2).count()
        per_language = (PAGES_TARGET - existing) // 2
        articles = per_language - LIEUX_PER_LANGUAGE
        dataset.add_lieux(
            dataset.first_live(LieuIndexPage, locales["fr"]), LIEUX_PER_LANGUAGE, rng, []
        )
        lieux = list(LieuPage.objects.filter(locale=locales["fr"]))
        news = dataset.first_live(NewsIndexPage, locales["fr"])
        dataset.add_articles(news, articles, rng, lieux, [])
        add_english_pages(locales, LIEUX_PER_LANGUAGE, articles, rng)
    built = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    indexed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "pages": Page.objects.live().filter(depth__gt=2).count(),
        "by_language": {
            code: Page.objects.live().filter(depth__gt=2, locale=locale).count()
            for code, locale in locales.items()
        },
        "built_s": built,
        "indexed_s": indexed,
    }


def measure() -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    client = Client()
    paths = {}
    for language in SEARCHES:
        with translation.override(language):
            paths[language] = reverse("search")
    requests = [
        (language, params) for language, searches in SEARCHES.items() for params in searches
    ]
    # Each search once unmeasured: a worker has its templates, content types and site data.
    for language, params in requests:
        client.get(paths[language], params, HTTP_HOST="127.0.0.1")

    timings, queries, by_search = [], [], {}
    for _ in range(ROUNDS):
        for language, params in requests:
            statements = []

            def count(execute, sql, sql_params, many, context, statements=statements):
                statements.append(sql)
                return execute(sql, sql_params, many, context)

            started = time.perf_counter()
            with connection.execute_wrapper(count):
                response = client.get(paths[language], params, HTTP_HOST="127.0.0.1")
            timings.append((time.perf_counter() - started) * 1000)
            by_search.setdefault(label(language, params), []).append(timings[-1])
            queries.append(len(statements))
            if response.status_code != 200:
                raise SystemExit(f"{paths[language]} {params} answered {response.status_code}")
    timings.sort()
    return {
        "requests": len(timings),
        "p50": statistics.median(timings),
        "p99": timings[max(0, round(len(timings) * 0.99) - 1)],
        "max": timings[-1],
        "queries": statistics.median(queries),
        "found": results_found(),
        "by_search": {key: statistics.median(values) for key, values in by_search.items()},
    }


def label(language: str, params: dict) -> str:
    return f"{language}: " + " ".join(f"{key}={value}" for key, value in params.items())


def results_found() -> dict[str, int]:
    """How many results each search finds, in its language."""
    from django.utils import translation

    from wagtail.models import Locale

    from search.kinds import KINDS
    from search.results import search_site

    found = {}
    for language, searches in SEARCHES.items():
        locale_id = Locale.objects.get(language_code=language).pk
        for params in searches:
            with translation.override(language):
                kind = KINDS.get(params.get("type"))
                result = search_site(
                    params["q"], language, locale_id, kind, params.get("page"), None
                )
            found[label(language, params)] = result.count
    return found


def report(site: dict, latency: dict, host: str) -> str:
    verdict = "PASS" if latency["p99"] <= P99_TARGET_MS else "FAIL"
    lines = [
        "# Search benchmark",
        "",
        f"`python -m bench.search` (part of `make bench`), {time.strftime('%Y-%m-%d')}, "
        "PostgreSQL on the same machine, production settings, Redis for the site data; "
        "each search through Django's whole request stack (test client), one at a time; "
        f"{host}.",
        "",
        f"Data set: {site['pages']:,} live pages ({site['by_language']['fr']:,} in French, "
        f"{site['by_language']['en']:,} in English), built in {site['built_s']:.0f} s and "
        f"indexed by `update_index` in {site['indexed_s']:.0f} s.",
        "",
        "| Figure | Value | Target | Result |",
        "| --- | --- | --- | --- |",
        f"| Search latency, p50 ({latency['requests']:,} searches) | {latency['p50']:.1f} ms | | |",
        f"| Search latency, p99 | {latency['p99']:.1f} ms | ≤ {P99_TARGET_MS} ms | {verdict} |",
        f"| Slowest search | {latency['max']:.1f} ms | | |",
        f"| SQL queries per search (median) | {latency['queries']:.0f} | | |",
        "",
        'Results per search (the French stemmer folds "ateliers", the English one '
        '"workshops"; accents do not matter):',
        "",
        "| Search | Results | Median ms |",
        "| --- | ---: | ---: |",
        *(
            f"| {key} | {count:,} | {latency['by_search'][key]:.1f} |"
            for key, count in latency["found"].items()
        ),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    configure()
    from bench.__main__ import (
        check_loopback,
        cpu_busy,
        flush_redis,
        machine,
        percent,
        recreate_database,
    )

    check_loopback(DATABASE_URL, REDIS_URL)
    recreate_database(DATABASE_URL)
    flush_redis(REDIS_URL)
    import django

    django.setup()
    site = build_site()
    busy = cpu_busy()
    latency = measure()
    text = report(site, latency, f"{machine()}, {percent(busy)} busy with other work before")
    RESULTS.write_text(text)
    print(text)  # noqa: T201 -- the command's output


if __name__ == "__main__":
    main()
