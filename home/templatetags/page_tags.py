"""Helpers for page templates that keep the number of queries flat."""

from collections import defaultdict

from django import template
from django.db.models import Model

from wagtail.images import get_image_model
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


@register.simple_tag
def in_language_of_page(pages, page: Page) -> list[Page]:
    """`pages` shown in `page`'s language: each one's live translation when there is one.

    Page choosers are synchronised, not translated, by wagtail-localize: an English home lists
    the French lieux chosen on the French one. One query for the whole list, with the images
    the cards show; the result is kept on `page`, so calling it again returns the same objects.
    """
    memo = page.__dict__.setdefault("_in_language_of_page", {})
    if id(pages) in memo:
        return memo[id(pages)][1]
    result = list(pages)
    foreign = [other for other in result if other.locale_id != page.locale_id]
    if foreign:
        model = type(foreign[0])
        translations = model.objects.live().filter(
            translation_key__in=[other.translation_key for other in foreign],
            locale_id=page.locale_id,
        )
        if any(field.name == "image" for field in model._meta.fields):
            translations = translations.select_related("image")
        by_key = {translation.translation_key: translation for translation in translations}
        result = [by_key.get(other.translation_key, other) for other in result]
    memo[id(pages)] = (pages, result)  # holding `pages` keeps its id from being reused
    return result


@register.simple_tag
def prefetch_renditions(*sources) -> str:
    """Load the images shown on a page and all their renditions in one query.

    Each source is an object, or a list of objects, whose `image` (pages) or `logo` (settings,
    partners) is shown. Renditions are read with their image joined, so an image not loaded yet
    (a page's own) costs nothing more; Wagtail's rendition lookups then make no query, whether
    its rendition cache is warm or cold. Renders nothing.
    """
    wanted = []
    for source in sources:
        if source is None or source == "":
            continue
        objects = [source] if isinstance(source, Model) else source
        for obj in objects:
            for name in ("image", "logo"):
                image_id = getattr(obj, f"{name}_id", None)
                if image_id:
                    wanted.append((obj, name, image_id))
    if not wanted:
        return ""

    images = {}
    for obj, name, image_id in wanted:
        field = obj._meta.get_field(name)
        if field.is_cached(obj):
            images.setdefault(image_id, getattr(obj, name))
    renditions = defaultdict(list)
    Rendition = get_image_model().get_rendition_model()
    ids = {image_id for _, _, image_id in wanted}
    for rendition in Rendition.objects.filter(image_id__in=ids).select_related("image"):
        images.setdefault(rendition.image_id, rendition.image)
        renditions[rendition.image_id].append(rendition)
    missing = ids - images.keys()
    if missing:  # images never rendered yet
        images.update(
            (image.pk, image) for image in get_image_model().objects.filter(pk__in=missing)
        )

    for image_id, image in images.items():
        for rendition in renditions[image_id]:
            rendition.image = image
    for obj, name, image_id in wanted:
        if not obj._meta.get_field(name).is_cached(obj):
            setattr(obj, name, images.get(image_id))
        image = getattr(obj, name)
        if image is not None:
            image.prefetched_renditions = renditions[image_id]
    return ""


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
