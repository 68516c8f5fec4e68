"""English versions of the demo, made with wagtail-localize's own records (sources, string
translations, overrides), so editors find them in its translation editor and can sync them later."""

import json
from collections.abc import Iterable

from django.core.management.base import CommandError
from django.db import models, transaction

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

from home.models import HomePage, Navigation

from .content import Lieu, T
from .content.site import NAVIGATION


def build_glossary(pairs: Iterable[T]) -> dict[str, str]:
    """French → English, both in the escaped form wagtail-localize stores strings in."""
    glossary: dict[str, str] = {}
    for french, english in pairs:
        key = StringValue.from_plaintext(french).data
        value = StringValue.from_plaintext(english).data
        if glossary.setdefault(key, value) != value:
            raise CommandError(
                f"{french!r} has two English translations: {glossary[key]!r}, {value!r}"
            )
    return glossary


class Translator:
    def __init__(self, glossary: dict[str, str], target: Locale):
        self.glossary = glossary
        self.target = target

    def check(self, instances: Iterable[models.Model]) -> None:
        """Fail before writing anything if a French string has no English translation."""
        missing = [
            f"  {instance._meta.model_name} {instance}: {segment.path} = {segment.string.data!r}"
            for instance in instances
            for segment in extract_segments(instance)
            if isinstance(segment, StringSegmentValue) and segment.string.data not in self.glossary
        ]
        if missing:
            raise CommandError("Strings without an English translation:\n" + "\n".join(missing))

    def translate(
        self, instance: TranslatableMixin, overrides: dict[str, models.Model] | None = None
    ) -> tuple[TranslatableMixin, bool]:
        """Publish the English version of `instance` unless it exists.

        `overrides` maps a synchronised field (a page link) to its English value. Returns the
        English instance and whether it was created.
        """
        existing = instance.get_translation_or_none(self.target)
        if existing is not None:
            return existing.specific if isinstance(existing, Page) else existing, False
        with transaction.atomic():
            source, _ = TranslationSource.get_or_create_from_instance(instance)
            segments = StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            )
            for segment in segments:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=self.target,
                    context=segment.context,
                    defaults={
                        "data": self.glossary[segment.string.data],
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    },
                )
            self.override(source, overrides or {})
            translation, _ = Translation.objects.get_or_create(
                source=source, target_locale=self.target
            )
            if isinstance(instance, Page):
                # save_target(publish=True) would publish on commit, which inside a caller's
                # transaction (tests) comes after the fix-ups below and undoes them: publish now.
                translation.save_target(publish=False)
                translated = instance.get_translation(self.target).specific
                translated.get_latest_revision().publish()
                return translated, True
            translation.save_target(publish=True)
        return instance.get_translation(self.target), True

    def override(self, source: TranslationSource, overrides: dict[str, models.Model]) -> None:
        for path, value in overrides.items():
            context = TranslationContext.objects.get(object_id=source.object_id, path=path)
            # An override an editor has since changed is theirs: only a missing one is added.
            SegmentOverride.objects.get_or_create(
                locale=self.target, context=context, defaults={"data_json": json.dumps(value.pk)}
            )


# The inline objects below (featured lieux, menu links, recurring activities, hosted structures)
# are not TranslatableMixin models, so wagtail-localize copies them verbatim from the French page.
# Until those models become translatable, the English page gets its words here, but only where it
# still holds the French copy: an editor's later English text is left alone. A later "sync" from
# the French page brings the French words back.
#
# Pages are read again before these edits: an instance from before its children were added has a
# stale child count, and publishing it would hide those children from the page tree.


def _english_text(obj: models.Model, field: str, text: T) -> bool:
    """Replace the French copy in `obj.field` by its English text; say whether it changed."""
    if text.fr == text.en or getattr(obj, field) != text.fr:
        return False
    setattr(obj, field, text.en)
    return True


def localise_home(translator: Translator, home_fr: HomePage, english: dict[int, Page]) -> bool:
    """Point the English home's links and featured lieux at English pages."""
    home_en = HomePage.objects.get(pk=english[home_fr.pk].pk)
    links = {"hero_button_page": home_fr.hero_button_page, "support_page": home_fr.support_page}
    wanted = {field: english[page.pk] for field, page in links.items() if page}
    translator.override(TranslationSource.objects.get_for_instance(home_fr), wanted)
    changed = False
    for field, page in wanted.items():
        if getattr(home_en, f"{field}_id") == links[field].pk:
            setattr(home_en, field, page)
            changed = True
    featured = list(home_en.featured_lieux.all())
    for link in featured:
        if link.lieu_id in english:
            link.lieu = english[link.lieu_id]
            changed = True
    if changed:
        home_en.featured_lieux = featured
        home_en.save_revision().publish()
    return changed


def localise_lieu(lieu: Lieu, page_en: Page) -> bool:
    page_en = type(page_en).objects.get(pk=page_en.pk)
    activities = list(page_en.recurring_activities.all())
    structures = list(page_en.hosted_structures.all())
    changed = False
    for item, spec in zip(activities, lieu.recurring, strict=True):
        for field in ("name", "schedule", "price", "audience", "description"):
            changed |= _english_text(item, field, getattr(spec, field))
    for structure, (_name, role) in zip(structures, lieu.hosted, strict=True):
        changed |= _english_text(structure, "role", role)
    if changed:
        page_en.recurring_activities = activities
        page_en.hosted_structures = structures
        page_en.save_revision().publish()
    return changed


def localise_navigation(navigation_en: Navigation) -> bool:
    changed = False
    for relation in ("menu_items", "footer_links"):
        links = list(getattr(navigation_en, relation).all())
        for link, (label, _page) in zip(links, NAVIGATION[relation], strict=True):
            changed |= _english_text(link, "label", label)
        setattr(navigation_en, relation, links)
    if changed:
        navigation_en.save()
    return changed
