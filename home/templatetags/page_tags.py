"""Helpers for page templates: links and translations that keep the number of queries flat, and
page numbers."""

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.models import Page

register = template.Library()


@register.simple_tag
def breadcrumb_ancestors(page: Page) -> list[Page]:
    """The page's ancestors from its language's home down, without the tree root.

    Wagtail's router leaves each parent on its child (`_cached_parent_obj`), so a page that was
    routed to costs no query; a preview falls back to one.
    """
    ancestors = []
    node = page
    while node.depth > 2:
        parent = getattr(node, "_cached_parent_obj", None)
        if parent is None:
            return list(page.get_ancestors().filter(depth__gt=1))
        ancestors.append(parent)
        node = parent
    return ancestors[::-1]


@register.filter
def in_language_of(target: Page | None, page: Page) -> Page | None:
    """`target` in `page`'s language when a live translation exists, else `target` itself.

    Unlike `.localized`, a target already in the right language (wagtail-localize points translated
    pages to translated pages) costs no query.
    """
    if target is None or target.locale_id == page.locale_id:
        return target
    translation = target.get_translations().live().filter(locale_id=page.locale_id).first()
    return translation or target


@register.filter
def select_options(field) -> str:
    """The <option>s of a bound choice field, the chosen one selected. Written here: Django's
    select widget renders a template per option, and a template loop (or format_html) over the
    lieux filters' dozens of options costs a millisecond."""
    selected = field.value()
    return mark_safe(  # noqa: S308 -- every value and label is escaped
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in field.field.choices
        )
    )


@register.simple_tag
def page_numbers(page_obj) -> list:
    """The page numbers to link to: the first and the last, the current one and its neighbours,
    with ellipses between, so that the links fit on one line on a phone."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.simple_tag(takes_context=True)
def link_url(context, value) -> str:
    """The address of a call to action (a LinkStructValue), in the language of the page shown.

    Its `url()` goes through `.localized`, which queries the active Locale every time; here a
    chosen page already in the page's language costs nothing. (In templates, the block's `url`
    field also hides the `url()` method.)
    """
    target = value.get("page")
    if target is None:
        return value.get("url") or ""
    page = context.get("page")
    if isinstance(page, Page) and target.locale_id != page.locale_id:
        target = in_language_of(target, page)
    return target.get_url(context.get("request"))


@register.simple_tag
def source_code_url() -> str:
    """The public repository of this site's code (settings.SOURCE_CODE_URL), or ""."""
    return settings.SOURCE_CODE_URL
