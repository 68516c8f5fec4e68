"""What search engines and social networks read of a page: its canonical address, its share card
(OpenGraph, read by Twitter/X too), schema.org JSON-LD and the sitemap.

Site-wide parts (renditions, the organisation) come from the site data, so a page pays no query
for them (`MAX_QUERIES_PER_PAGE`). Every absolute address is on the public address
(`PUBLIC_BASE_URL`, home/address.py), whatever host the request came in by.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from wagtail.contrib.sitemaps import Sitemap
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

import phonenumbers

from .address import page_url, public_url
from .cache import site_data

SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
LOGO_SPEC = "max-600x600|format-png"
# What search results show of a description before cutting it.
DESCRIPTION_LENGTH = 160
# OpenGraph names locales with their country.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass
class Rendition:
    url: str  # relative to the site (kept so), made absolute on the public address when shown
    width: int
    height: int
    alt: str


def rendition(image_id: int | None, spec: str) -> Rendition | None:
    """A rendition's address and size, kept with the site data: no query, no image file read."""
    if not image_id:
        return None

    def build():
        image = get_image_model().objects.filter(pk=image_id).first()
        try:
            made = image.get_rendition(spec) if image else None
        except SourceImageIOError:
            return None  # a card without a picture rather than a page in error
        return made and Rendition(made.url, made.width, made.height, image.default_alt_text)

    return site_data(f"rendition:{image_id}:{spec}", build)


@dataclass
class PageSeo:
    title: str
    description: str = ""
    canonical: str = ""
    type: str = "website"
    locale: str = ""
    alternate_locales: list[str] = field(default_factory=list)
    image: Rendition | None = None
    published: str = ""  # ISO 8601 date of an article


def page_seo(request, page, organisation, language: str, language_links) -> PageSeo:
    if not isinstance(page, Page):
        return PageSeo(
            title=organisation.name,
            description=shorten(site_description(language)),
            locale=OG_LOCALES.get(language, language),
        )
    image = rendition(getattr(page, "image_id", None), SHARE_IMAGE_SPEC) or rendition(
        organisation.share_image_id, SHARE_IMAGE_SPEC
    )
    if image:
        # The page's own words for its image, in its language, over the library's description.
        own_alt = getattr(page, "image_alt", "") if getattr(page, "image_id", None) else ""
        image = Rendition(public_url(image.url), image.width, image.height, own_alt or image.alt)
    date = getattr(page, "date", None)
    return PageSeo(
        title=page.seo_title or page.title,
        description=shorten(
            page.search_description or getattr(page, "intro", "") or site_description(language)
        ),
        canonical=canonical_url(request, page),
        type="article" if date else "website",
        locale=OG_LOCALES.get(language, language),
        alternate_locales=[
            OG_LOCALES.get(link.code, link.code)
            for link in language_links
            if link.is_translation and not link.is_current
        ],
        image=image,
        published=date.isoformat() if date else "",
    )


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """At most `length` characters, cut between words. Not Django's truncatewords: it joins the
    words back with plain spaces, losing the no-break spaces of French typography."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]  # not in the middle of a word
    return cut.rstrip(",;:\u00a0") + "…"


def site_description(language: str) -> str:
    """What a page without a description of its own is described by: its language's home page's,
    as the editors wrote it, or a sentence of the catalogue on a site without one."""

    def build():
        homes = Page.objects.live().filter(depth=2, locale__language_code=language)
        home = homes.specific().first()
        return home and (home.search_description or getattr(home, "intro", ""))

    return site_data(f"site-description:{language}", build) or gettext(
        "Solidarity third places open to everyone: shared meals, workshops and gardens. "
        "Find a place near you, give or invest."
    )


def canonical_url(request, page: Page) -> str:
    """The page's public address; of the query string only the page number stays, so filtered
    lists point to the list, and each page of a list to itself."""
    url = page_url(page, request)
    number = request.GET.get("page", "")
    if number.isdecimal() and len(number) < 7 and int(number) > 1:
        url = f"{url}?{urlencode({'page': int(number)})}"
    return url


# JSON-LD --------------------------------------------------------------------------------------


def json_ld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">`: data, not code, so the CSP's script-src (no
    inline code) does not apply to it."""
    return format_html('<script type="application/ld+json">{}</script>', json_ld_dumps(data))


def json_ld_dumps(data: dict) -> SafeString:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return SafeString(escaped)


def home_url() -> str:
    return public_url(reverse("wagtail_serve", args=[""]))


def organisation_id() -> str:
    """The organisation's node identifier, the same in every language: the pages' other nodes
    (a campaign's recipient, an article's author) point to it rather than repeat it."""
    return public_url("/#organisation")


def international_phone(number: str) -> str:
    """`04 65 71 00 00` as `+33 4 65 71 00 00`, as schema.org asks; "" when it is no number."""
    try:
        parsed = phonenumbers.parse(number, "FR")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def local_datetime(day: datetime.date, end_of_day: bool = False) -> datetime.datetime:
    """The moment a date starts (or ends) in the site's time zone."""
    moment = datetime.time(23, 59, 59) if end_of_day else datetime.time.min
    return datetime.datetime.combine(day, moment, tzinfo=ZoneInfo(settings.TIME_ZONE))


def local_moment(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(microsecond=0)


def organisation_json_ld(request, organisation) -> dict:
    """schema.org NGO, on every page: who runs the site and how to reach them."""
    logo = rendition(organisation.logo_id, LOGO_SPEC)
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "@id": organisation_id(),
        "name": organisation.name,
        "alternateName": organisation.short_name,
        "legalName": organisation.legal_name,
        "url": home_url(),
        "logo": public_url(logo.url) if logo else "",
        "email": organisation.email,
        "telephone": international_phone(organisation.phone),
        "sameAs": [url for _, url in organisation.social_links],
    }
    if organisation.street_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organisation.street_address,
            "postalCode": organisation.postcode,
            "addressLocality": organisation.city,
            "addressCountry": "FR",
        }
    if organisation.siren:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "SIREN",
            "value": organisation.siren,
        }
    return {key: value for key, value in data.items() if value}


ACTION_STATUSES = {
    "upcoming": "https://schema.org/PotentialActionStatus",
    "open": "https://schema.org/ActiveActionStatus",
    "closed": "https://schema.org/CompletedActionStatus",
}


def donate_action_json_ld(request, page, organisation) -> dict:
    """schema.org DonateAction for a campaign: its dates, its state, who receives the gifts and
    where the form is."""
    url = canonical_url(request, page)
    data = {
        "@context": "https://schema.org",
        "@type": "DonateAction",
        "name": page.title,
        "description": page.search_description or page.intro,
        "url": url,
        "recipient": {"@id": organisation_id()},
        "startTime": local_datetime(page.start_date).isoformat(),
        "endTime": page.end_date and local_datetime(page.end_date, end_of_day=True).isoformat(),
        "actionStatus": ACTION_STATUSES.get(page.status, ""),
    }
    if page.is_open:
        data["target"] = {"@type": "EntryPoint", "urlTemplate": f"{url}#give-title"}
    image = rendition(page.image_id, SHARE_IMAGE_SPEC)
    if image:
        data["image"] = public_url(image.url)
    return {key: value for key, value in data.items() if value}


def article_json_ld(request, page, organisation) -> dict:
    """schema.org Article for a news article, written and published by the organisation."""
    published = local_datetime(page.date)
    first = page.first_published_at and local_moment(page.first_published_at)
    if first and first.date() == page.date:
        published = first  # the hour too, when the article went out on its date
    modified = page.last_published_at and local_moment(page.last_published_at)
    # An article dated after its last publication (dated ahead) was last changed on its date.
    modified = max(modified or published, published)
    image = rendition(page.image_id, SHARE_IMAGE_SPEC) or rendition(
        organisation.share_image_id, SHARE_IMAGE_SPEC
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.search_description or page.intro,
        "url": canonical_url(request, page),
        "mainEntityOfPage": canonical_url(request, page),
        "inLanguage": page.locale.language_code,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "image": [public_url(image.url)] if image else [],
        # The byline is free text, a team as often as a person: the organisation answers for it.
        "author": {"@id": organisation_id()},
        "publisher": {"@id": organisation_id()},
    }
    return {key: value for key, value in data.items() if value}


def breadcrumb_json_ld(request, page, ancestors) -> dict:
    """schema.org BreadcrumbList of the breadcrumb a page shows (components/breadcrumbs.html)."""
    crumbs = [
        (gettext("Home") if ancestor.depth == 2 else ancestor.title, ancestor)
        for ancestor in ancestors
    ]
    crumbs.append((page.title, page))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": page_url(crumb, request),
            }
            for position, (name, crumb) in enumerate(crumbs, start=1)
        ],
    }


# Sitemap --------------------------------------------------------------------------------------


class LocalisedSitemap(Sitemap):
    """Every live page of every language, each with its translations as hreflang alternates.

    Wagtail's sitemap walks the site's root page only, the French home; the English home is its
    sibling (wagtail-localize), so its pages would be missing.
    """

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        trees = Q()
        for home in homes:
            trees |= Q(path__startswith=home.path)
        return list(
            Page.objects.live().public().filter(trees).select_related("locale").order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = self.paginator.page(page).object_list
        every_page = self.paginator.object_list
        locations = {other.pk: self.location(other) for other in every_page}
        translations = {}
        for other in every_page:
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for item in pages:
            versions = translations[item.translation_key]
            alternates = []
            if len(versions) > 1:
                alternates = [
                    {"lang_code": other.locale.language_code, "location": locations[other.pk]}
                    for other in versions
                ]
                source = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
                # The source language stands for the others, as the pages' hreflang links say.
                alternates += [
                    {"lang_code": "x-default", "location": a["location"]} for a in source
                ]
            urls.append(
                {
                    "item": item,
                    "location": locations[item.pk],
                    "lastmod": item.last_published_at,
                    "alternates": alternates,
                }
            )
        return urls

    def location(self, obj):
        return page_url(obj, self.request)
