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

from home.models import ArticlePage, BasePage

from .content import T
from .context import DemoContext


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
                # transaction (tests) comes too late for the caller's next steps: publish now.
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


def describe_images(pages: Iterable[models.Model]) -> None:
    """Give each page still to translate its image's description as its own alternative text,
    which its translation then takes in English (the library's description stays French)."""
    for page in pages:
        if isinstance(page, BasePage) and page.image_id and not page.image_alt:
            page.image_alt = page.image.description
            page.save_revision().publish()


def translate_site(context: DemoContext) -> int:
    """Translate the snippets pages refer to, the pages parents first, then the snippets that
    link to pages; record English pages by French id. Returns how many translations were made."""
    translator = Translator(build_glossary(context.pairs), context.en)
    tree = list(context.home.get_descendants(inclusive=True).specific().order_by("path"))
    before, after = context.translate_before_pages, context.translate_after_pages
    pending = [obj for obj in (*before, *tree, *after) if not obj.has_translation(context.en)]
    describe_images(pending)
    translator.check(pending)

    created = 0
    for snippet in before:
        created += translator.translate(snippet)[1]
    for page in tree:
        overrides = {}
        if isinstance(page, ArticlePage) and page.lieu_id:
            # The English article links to the English lieu, recorded as an override.
            overrides["lieu"] = context.english[page.lieu_id]
        context.english[page.pk], was_created = translator.translate(page, overrides)
        created += was_created
    for snippet in after:
        created += translator.translate(snippet)[1]
    return created
