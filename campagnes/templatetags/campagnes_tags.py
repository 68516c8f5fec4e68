import json

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page

from campagnes.donations.forms import DonationForm
from campagnes.models import CampaignPage, DonationAppeal
from campagnes.models.pages import CampaignStatus, attach_progress
from campagnes.money import format_amount
from campagnes.stripe import client as stripe_client
from home.cache import site_data

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
