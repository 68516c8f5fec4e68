"""What search engines and social networks read in a page's <head> (home/seo.py)."""

from django import template
from django.utils import translation

from home import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_seo(context, organisation, language_links) -> seo.PageSeo:
    """Canonical address, share card and dates of the page shown (or of a view without a page)."""
    return seo.page_seo(
        context["request"],
        context.get("page"),
        organisation,
        translation.get_language(),
        language_links,
    )


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, organisation):
    return seo.json_ld_script(seo.organisation_json_ld(context["request"], organisation))


@register.simple_tag(takes_context=True)
def donate_action_json_ld(context, page, organisation):
    return seo.json_ld_script(seo.donate_action_json_ld(context["request"], page, organisation))


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, organisation):
    return seo.json_ld_script(seo.article_json_ld(context["request"], page, organisation))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, page, ancestors):
    # The breadcrumb is included with `only`: no request, and page addresses need none.
    return seo.json_ld_script(seo.breadcrumb_json_ld(context.get("request"), page, ancestors))
