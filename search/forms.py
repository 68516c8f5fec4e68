"""The search form: plain GET parameters, so a search is a shareable link."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS

MAX_QUERY_LENGTH = 200


class QueryField(forms.CharField):
    """Whatever is typed becomes words to search: letters, digits and punctuation are kept;
    control characters (NUL, which PostgreSQL refuses), symbols and emoji, which no index holds,
    become spaces; spaces are collapsed and long pasted text is cut rather than refused."""

    def to_python(self, value):
        value = super().to_python(value)
        kept = "".join(
            # SQLite's index (modelsearch 1.3) quotes each word without escaping double quotes.
            char if unicodedata.category(char)[0] in "LMNPZ" and char != '"' else " "
            for char in value
        )
        # A word left with only marks (an emoji's variation selector) is no word.
        words = [
            word for word in kept.split() if any(unicodedata.category(c)[0] in "LNP" for c in word)
        ]
        return " ".join(words)[:MAX_QUERY_LENGTH].strip()


class SearchForm(forms.Form):
    q = QueryField(label=_("Search the site"), required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[(kind.slug, kind.plural) for kind in KINDS.values()],
    )

    def __init__(self, data):
        super().__init__(data)
        # Validating here means cleaned_data only ever holds a known type; any other is ignored.
        self.full_clean()

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "")

    @property
    def kind(self):
        return KINDS.get(self.cleaned_data.get("type"))
