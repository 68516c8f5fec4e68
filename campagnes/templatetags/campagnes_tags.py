import json

from django import template

from wagtail.models import Page

from campagnes.models import CampaignPage
from campagnes.models.pages import CampaignStatus, attach_progress
from campagnes.money import format_amount

register = template.Library()


@register.filter
def money(cents) -> str:
    """12345 → "123,45 €" in French, "€123.45"-style grouping in English."""
    return format_amount(int(cents or 0))


@register.filter
def json_attr(value) -> str:
    """A value for a data- attribute, read by campagnes.js (autoescaping quotes it)."""
    return json.dumps(value, separators=(",", ":"))


@register.simple_tag(takes_context=True)
def open_campaigns(context, lieu: Page | None = None, limit: int = 3) -> list[CampaignPage]:
    """Open campaigns in the page's language, with their progress; those supporting `lieu` only
    when given."""
    page = context.get("page")
    locale_id = page.locale_id if page is not None else None
    campaigns = (
        CampaignPage.objects.live().select_related("image").order_by("end_date", "-start_date")
    )
    if locale_id:
        campaigns = campaigns.filter(locale_id=locale_id)
    if lieu is not None:
        # Campaigns point to the default language's lieux.
        campaigns = campaigns.filter(lieux__translation_key=lieu.translation_key).distinct()
    result = [c for c in campaigns[: limit * 3] if c.status == CampaignStatus.OPEN][:limit]
    attach_progress(result)
    return result
