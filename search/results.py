"""The site search: live pages in the visitor's language, the editors' promotions first, and each
result with its type, an excerpt around the words searched and its date."""

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.blocks import StreamValue
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from home.cache import site_data

from .backend import planned_for_the_index
from .intents import answers
from .kinds import KINDS, Kind
from .text import fold, fold_text

RESULTS_PER_PAGE = 10
EXCERPT_WORDS = 32
# Words shown before the first match, so that the excerpt reads as a sentence around it.
EXCERPT_LEAD = 8
# Shorter texts (a city, a value's title) are not excerpts: the result shows them elsewhere.
EXCERPT_MIN_WORDS = 3


@dataclass
class Result:
    page: Page  # the specific page
    url: str
    kind: Kind
    excerpt: SafeString
    date: datetime.date | None
    # True when the date is the page's last publication, False for an article's own date.
    is_update: bool


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    kind: Kind | None = None  # None for an external link or a page of another type
    page_id: int | None = None


@dataclass
class SiteSearch:
    query: str
    kind: Kind | None
    results: ResultsPage | None = None
    counts: dict[str, int] = field(default_factory=dict)  # results per type slug
    promotions: list[Promotion] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Results of every type, promotions included."""
        return sum(self.counts.values()) + sum(1 for other in self.promotions if not other.kind)

    @property
    def count(self) -> int:
        """Results of the type chosen, promotions included."""
        return self.counts.get(self.kind.slug, 0) if self.kind else self.total

    @property
    def filters(self) -> list[tuple[Kind, int]]:
        """The types with results (and the one chosen), with their numbers."""
        return [
            (kind, self.counts.get(slug, 0))
            for slug, kind in KINDS.items()
            if self.counts.get(slug) or kind == self.kind
        ]


def search_site(
    query: str, language: str, locale_id: int, kind: Kind | None, page_number, request
) -> SiteSearch:
    found = SiteSearch(query, kind)
    if not query:
        return found
    found.promotions = promotions(query, locale_id, kind, request)
    found.promotions += shortcuts(query, locale_id, kind, request, found.promotions)
    pages = searchable_pages(locale_id).exclude(
        pk__in=[promotion.page_id for promotion in found.promotions if promotion.page_id]
    )
    kinds = [kind] if kind else list(KINDS.values())
    # The configuration of the visitor's language parses the query (search/backend.py).
    backend = get_search_backend(LANGUAGE=language)
    with planned_for_the_index():
        by_type = backend.search(query, pages).facet("content_type_id")
        organic = {slug: by_type.get(other.content_type_id, 0) for slug, other in KINDS.items()}
        if kind:
            pages = pages.filter(content_type_id=kind.content_type_id)
        paginator = Paginator(backend.search(query, pages), RESULTS_PER_PAGE)
        # The counts per type already hold the total: this spares a second full-text count.
        paginator.count = organic[kind.slug] if kind else sum(organic.values())
        found.results = paginator.get_page(page_number)
        ranked = list(found.results.object_list)
    # Ranked as bare pages (ranking thousands of matches with their bodies joined took 4 times
    # longer), then the page of results read with their own rows in one query, as routing does.
    types = {page.content_type_id for page in ranked}
    rows = Page.objects.select_related(
        *(other.accessor for other in kinds if other.content_type_id in types)
    ).in_bulk([page.pk for page in ranked])
    terms = query_terms(query)
    found.results.object_list = [
        result(rows[page.pk], kinds, terms, request) for page in ranked if page.pk in rows
    ]
    found.counts = dict(organic)
    for promotion in found.promotions:
        if promotion.kind:
            found.counts[promotion.kind.slug] += 1
    return found


def searchable_pages(locale_id: int):
    return public(
        Page.objects.live().filter(
            locale_id=locale_id,
            content_type_id__in=[kind.content_type_id for kind in KINDS.values()],
        )
    )


def public(pages):
    # `.public()` reads the view restrictions every time; few sites have any.
    if site_data("view-restrictions", PageViewRestriction.objects.exists):
        return pages.public()
    return pages


def result(page: Page, kinds: list[Kind], terms: list[str], request) -> Result:
    kind, specific = next(
        (kind, getattr(page, kind.accessor))
        for kind in kinds
        if kind.content_type_id == page.content_type_id
    )
    date = getattr(specific, "date", None)
    published = page.last_published_at and timezone.localdate(page.last_published_at)
    return Result(
        page=specific,
        # With the request, the site's root paths are read once for every result.
        url=specific.get_url(request),
        kind=kind,
        excerpt=excerpt(searchable_texts(specific), terms),
        date=date or published,
        is_update=date is None,
    )


def promotions(query: str, locale_id: int, kind: Kind | None, request) -> list[Promotion]:
    """The editors' promoted results for this query (Settings → Promoted search results), in the
    visitor's language: a page promoted in French is shown as its English translation in English,
    and not at all where it has none."""
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        ).select_related("page")
    )
    if not picks:
        return []
    keys = [pick.page.translation_key for pick in picks if pick.page]
    # Any live page may be promoted (the donation page for "don"), not only the searched types.
    pages = public(Page.objects.live().filter(locale_id=locale_id, translation_key__in=keys))
    pages = {page.translation_key: page for page in pages}
    by_content_type = {kind.content_type_id: kind for kind in KINDS.values()}
    found = []
    for pick in picks:
        if pick.page is None:
            if kind is None and pick.external_link_url:
                title = pick.external_link_text or pick.external_link_url
                found.append(Promotion(title, pick.external_link_url, pick.description))
            continue
        page = pages.get(pick.page.translation_key)
        if page is None:
            continue
        page_kind = by_content_type.get(page.content_type_id)
        if kind and page_kind != kind:
            continue
        description = pick.description or page.search_description
        found.append(Promotion(page.title, page.get_url(request), description, page_kind, page.pk))
    return found


def shortcuts(
    query: str, locale_id: int, kind: Kind | None, request, promoted: list[Promotion]
) -> list[Promotion]:
    """The pages a search about giving, investing or one's personal space is after (intents.py),
    as promotions after the editors' own, following the type filter as they do."""
    kinds = {kind.model: kind for kind in KINDS.values()}
    shown = {promotion.url for promotion in promoted}
    found = []
    for answer in answers(query, locale_id, request):
        answer_kind = kinds.get(answer.model)
        if answer.url in shown or (kind and answer_kind != kind):
            continue
        shown.add(answer.url)
        found.append(
            Promotion(answer.title, answer.url, answer.description, answer_kind, answer.page_id)
        )
    return found


# Excerpts ---------------------------------------------------------------------------------------


def searchable_texts(page: Page) -> list[str]:
    """The texts the index holds for the page besides its title, in the order of its fields: the
    introduction, then each field or block (a paragraph, a testimony)."""
    texts = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        if isinstance(value, StreamValue):
            # Read from the stored data: turning blocks into values loads their images and pages.
            texts.extend(stream_texts(value.raw_data))
        else:
            value = search_field.get_value(page)
            texts.extend(str(text) for text in (value if isinstance(value, list) else [value]))
    return [text for text in texts if text.strip()]


def stream_texts(data) -> Iterator[str]:
    """The words of a StreamField's stored blocks: strings, rich text without its markup; ids,
    flags and addresses left out."""
    if isinstance(data, str):
        if not data.startswith(("http://", "https://", "/")):
            yield get_text_for_indexing(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "type"):
                yield from stream_texts(value)
    elif isinstance(data, Sequence):  # a list, or the StreamValue's view of its data
        for item in data:
            yield from stream_texts(item)


def query_terms(query: str) -> list[str]:
    """Word starts to highlight: each word of the query, its last letters (plurals, endings)
    dropped, as the stemmer did to find the page."""
    terms = []
    for word in re.findall(r"\w+", fold(query)):
        terms.append(word if len(word) <= 5 else word[: max(5, len(word) - 2)])
    return terms


WORD = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


def excerpt(texts: list[str], terms: list[str], length: int = EXCERPT_WORDS) -> SafeString:
    """About `length` words around the first word matching a term, in the first of `texts` that
    has one, matches marked; else the start of the first text."""
    candidates = [
        words for words in (text.split() for text in texts) if len(words) >= EXCERPT_MIN_WORDS
    ]
    if not candidates:
        return SafeString("")
    first, following = None, candidates
    for number, words in enumerate(candidates):
        # Words are compared one by one only in a text where a term appears at all.
        text = fold_text(" ".join(words))
        if not any(term in text for term in terms):
            continue
        first = next((n for n, word in enumerate(words) if matches(word, terms)), None)
        if first is not None:
            following = candidates[number:]
            break
    start = max(0, first - EXCERPT_LEAD) if first is not None else 0
    # The texts that follow carry on a short paragraph up to the excerpt's length.
    words = list(islice(chain.from_iterable(following), start + length + 1))
    end = min(len(words), start + length)
    parts = ["…"] if start else []
    for position in range(start, end):
        if first is not None and matches(words[position], terms):
            before, core, after = WORD.match(words[position]).groups()
            parts.append(format_html("{}<mark>{}</mark>{}", before, core, after))
        else:
            parts.append(escape(words[position]))
    if end < len(words):
        parts.append("…")
    return mark_safe(" ".join(parts))  # noqa: S308 -- every part is escaped above


def matches(word: str, terms: list[str]) -> bool:
    # "L'atelier" matches "atelier".
    parts = re.split(r"['’]", fold(WORD.match(word).group(2)))
    return any(part.startswith(term) for part in parts for term in terms)
