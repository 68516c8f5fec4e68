"""What search engines and social networks read of a page: its canonical address, its share card
(OpenGraph, read by Twitter/X too), schema.org JSON-LD and the sitemap.

Site-wide parts (renditions, the organisation) come from the site data, so a page pays no query
for them (`MAX_QUERIES_PER_PAGE`). Every absolute address is on the public address
(`PUBLIC_BASE_URL`, home/address.py), whatever host the request came in by.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from wagtail.contrib.sitemaps import Sitemap
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from .address import page_url, public_url
from .cache import site_data

SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
LOGO_SPEC = "max-600x600|format-png"
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
        return PageSeo(title=organisation.name, locale=OG_LOCALES.get(language, language))
    image = rendition(getattr(page, "image_id", None), SHARE_IMAGE_SPEC) or rendition(
        organisation.share_image_id, SHARE_IMAGE_SPEC
    )
    if image:
        image = Rendition(public_url(image.url), image.width, image.height, image.alt)
    date = getattr(page, "date", None)
    return PageSeo(
        title=page.seo_title or page.title,
        description=page.search_description or getattr(page, "intro", ""),
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


def organisation_json_ld(request, organisation) -> dict:
    """schema.org Organization, for the home page: who runs the site and how to reach them."""
    logo = rendition(organisation.logo_id, LOGO_SPEC)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "legalName": organisation.legal_name,
        "url": home_url(),
        "logo": public_url(logo.url) if logo else "",
        "email": organisation.email,
        "telephone": organisation.phone,
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
        "recipient": {"@type": "Organization", "name": organisation.name, "url": home_url()},
        "startTime": page.start_date.isoformat(),
        "endTime": page.end_date.isoformat() if page.end_date else "",
        "actionStatus": ACTION_STATUSES.get(page.status, ""),
    }
    if page.is_open:
        data["target"] = {"@type": "EntryPoint", "urlTemplate": f"{url}#give-title"}
    image = rendition(page.image_id, SHARE_IMAGE_SPEC)
    if image:
        data["image"] = public_url(image.url)
    return {key: value for key, value in data.items() if value}


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
