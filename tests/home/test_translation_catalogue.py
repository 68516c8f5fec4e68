"""The French catalogue is complete and compiled: French is the site's default language."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"


def test_every_ui_string_has_a_french_translation():
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalogue_matches_the_sources():
    source = polib.pofile(str(CATALOGUE / "django.po"))
    compiled = polib.mofile(str(CATALOGUE / "django.mo"))
    # Keyed with the context too: "Received" (a gift) and pledge|"Received" are two entries.
    expected = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in source if not entry.msgid_plural
    }
    actual = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled if not entry.msgid_plural
    }
    assert actual == expected, "run `make translations` to compile locale/fr"
