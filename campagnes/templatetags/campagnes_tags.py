import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, Site

from campagnes.donations.forms import DonationForm
from campagnes.models import (
    CampaignIndexPage,
    CampaignPage,
    DonatePage,
    DonationAppeal,
    ShareOfferingPage,
)
from campagnes.models.pages import CampaignStatus, attach_progress
from campagnes.money import format_amount
from campagnes.stripe import client as stripe_client
from home.cache import site_data
from home.models import public

register = template.Library()


@register.filter
def money(cents) -> str:
    """12345 → "123,45 €" in French, "€123.45"-style grouping in English."""
    return format_amount(int(cents or 0))


@register.simple_tag(takes_context=True)
def donation_form(context, page) -> DonationForm:
    """The page's donation form: the bound one a refused POST left in the context, else a new one
    preselected from the URL."""
    return context.get("donation_form") or DonationForm.for_page(page, context["request"])


@register.simple_tag
def payments_configured() -> bool:
    return stripe_client.is_configured()


@register.filter
def json_attr(value) -> str:
    """A value for a data- attribute, read by campagnes.js (autoescaping quotes it)."""
    return json.dumps(value, separators=(",", ":"))


@register.simple_tag(takes_context=True)
def open_campaigns(context, lieu: Page | None = None, limit: int = 3, progress: bool = True):
    """Open campaigns in the page's language, those supporting `lieu` only when given.

    The live campaigns are site data (kept until the next publish); which are open is decided at
    each render, from today's date, and their progress is always read fresh.
    """
    page = context.get("page")
    language = translation.get_language()
    key = f"campaigns:{language}:{lieu.translation_key if lieu is not None else ''}"

    def build():
        campaigns = CampaignPage.objects.live().select_related("image")
        campaigns = campaigns.filter(locale__language_code=language).order_by("end_date", "pk")
        if lieu is not None:
            # Campaigns point to the default language's lieux.
            campaigns = campaigns.filter(lieux__translation_key=lieu.translation_key).distinct()
        return list(campaigns)

    campaigns = [c for c in site_data(key, build) if c.status == CampaignStatus.OPEN][:limit]
    if page is not None:
        campaigns = [c for c in campaigns if c.pk != page.pk]
    if progress:
        attach_progress(campaigns)
    return campaigns


def with_target(appeal: DonationAppeal | None) -> DonationAppeal | None:
    """The appeal with the address of its page in the active language, if it is shown."""
    if appeal is None or not appeal.is_active:
        return None
    page = appeal.page.specific.localized
    if not page.live:
        return None
    appeal.target_url = page.get_url()
    return appeal


@register.simple_tag
def localized_appeal(appeal: DonationAppeal | None) -> DonationAppeal | None:
    """A call to give placed in a body (chosen in the source language), in the active language."""
    if appeal is None:
        return None
    return with_target(appeal.localized)


@register.simple_tag
def donation_banner() -> DonationAppeal | None:
    """The latest active banner in the active language (the default language's when it has no
    translation), with its address: worked out once per publish, not once per page."""
    language = translation.get_language()

    def build():
        banners = DonationAppeal.objects.filter(is_active=True, show_as_banner=True)
        appeal = (
            banners.filter(locale__language_code=language).first()
            or banners.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )
        return with_target(appeal)

    return site_data(f"donation-banner:{language}", build)


# Where giving starts -----------------------------------------------------------------------


@dataclass
class GivingLink:
    title: str  # the page's own title
    url: str
    # "page" when the link is the current page, "section" when the current page is under it.
    current: str = ""


@dataclass
class GivingLinks:
    """Where giving and investing start in the active language: the header's button and personal
    space link and the footer's column, on every page whatever the editors' menu holds."""

    donate: GivingLink | None
    campaigns: GivingLink | None
    offering: GivingLink | None
    space: GivingLink

    @property
    def marks(self) -> str:
        # The header and footer fragments vary on these (templates/components/site_*.html).
        links = (self.donate, self.campaigns, self.offering, self.space)
        return ",".join(link.current if link else "-" for link in links)


GIVING_PAGES = {"donate": DonatePage, "campaigns": CampaignIndexPage, "offering": ShareOfferingPage}


@register.simple_tag(takes_context=True)
def giving_links(context) -> GivingLinks:
    """The donate page (else the campaigns, so the button always leads to a form), the campaign
    index, the share offering and the personal space sign-in, found by their type: a fresh site
    gets them without anyone filling a menu. Resolved once per publish (site data)."""
    request = getattr(context, "request", None) or context.get("request")
    memo = getattr(request, "_giving_links", None)
    if memo is not None:
        return memo
    language = translation.get_language()
    site = Site.find_for_request(request) if request is not None else None
    pages = site_data(
        f"giving:{language}:{site.pk if site else ''}", lambda: _giving_pages(request, language)
    )
    path = request.path if request is not None else ""

    def link(role: str) -> GivingLink | None:
        if role not in pages:
            return None
        title, url = pages[role]
        return GivingLink(title, url, _current(url, path))

    links = GivingLinks(
        donate=link("donate") or link("campaigns"),
        campaigns=link("campaigns"),
        offering=link("offering"),
        space=GivingLink("", reverse("campagnes:donor_login")),
    )
    links.space.current = _current(links.space.url, path)
    if request is not None:
        request._giving_links = links
    return links


def _giving_pages(request, language: str) -> dict[str, tuple[str, str]]:
    """(title, url) of each role's page: the visitor's language first, else the default one's
    (an untranslated donate page is better than no button); of several offerings, the first
    not closed, else the last that closed."""
    today = timezone.localdate()
    pages = public(
        Page.objects.live()
        .type(*GIVING_PAGES.values())
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .annotate(opens=F("shareofferingpage__opens_on"), closes=F("shareofferingpage__closes_on"))
    )

    def rank(page: Page) -> tuple:
        other_language = page.locale.language_code != language
        if page.closes is None:
            return (other_language, False, 0, page.path)
        closed = page.closes < today
        return (
            other_language,
            closed,
            -page.closes.toordinal() if closed else page.opens.toordinal(),
            page.path,
        )

    found = {}
    for page in sorted(pages, key=rank):
        for role, model in GIVING_PAGES.items():
            if role not in found and issubclass(page.specific_class, model):
                found[role] = (page.title, page.get_url(request))
    return found


def _current(url: str, path: str) -> str:
    if not url or not path or "://" in url:
        return ""
    if url == path:
        return "page"
    # Every page is under its language's home: only deeper links mark a section.
    if path.startswith(url) and url.strip("/").count("/") >= 1:
        return "section"
    return ""
