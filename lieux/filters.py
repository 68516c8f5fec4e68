"""The lieux index filters: plain GET parameters, so a filtered list is a shareable link."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Region


class LieuFilterForm(forms.Form):
    """Choices are built from the lieux actually published; any other value is ignored.

    `lieux` come from `LieuIndexPage.get_lieux()`, with their terms attached.
    """

    region = forms.ChoiceField(label=_("Region"), required=False)
    ville = forms.ChoiceField(label=_("City"), required=False)
    activite = forms.ChoiceField(label=_("Activity"), required=False)
    public = forms.ChoiceField(label=_("Public"), required=False)

    def __init__(self, data, *, lieux, vocabulary):
        super().__init__(data)
        # "Toutes" les régions, villes, activités; "Tous" les publics.
        everything = [("", pgettext_lazy("filter, feminine noun", "All"))]
        regions = {lieu.region for lieu in lieux}
        self.fields["region"].choices = everything + [
            (value, label) for value, label in Region.choices if value in regions
        ]
        self.fields["ville"].choices = everything + [
            (city, city) for city in sorted({lieu.city for lieu in lieux})
        ]
        self.fields["activite"].choices = everything + self._term_choices(
            lieux, "activity_terms", vocabulary
        )
        self.fields["public"].choices = [
            ("", pgettext_lazy("filter, masculine noun", "All"))
        ] + self._term_choices(lieux, "public_terms", vocabulary)
        # Validating here means cleaned_data only ever holds values we offered.
        self.full_clean()

    @staticmethod
    def _term_choices(lieux, attribute, vocabulary):
        terms = {term.slug: term for lieu in lieux for term in getattr(lieu, attribute)}
        return sorted(
            (
                (slug, vocabulary.get(term.translation_key, term.name))
                for slug, term in terms.items()
            ),
            key=lambda choice: choice[1].lower(),
        )

    def filter(self, lieux) -> list:
        region = self.cleaned_data.get("region")
        city = self.cleaned_data.get("ville")
        activity = self.cleaned_data.get("activite")
        public = self.cleaned_data.get("public")
        return [
            lieu
            for lieu in lieux
            if (not region or lieu.region == region)
            and (not city or lieu.city == city)
            and (not activity or any(term.slug == activity for term in lieu.activity_terms))
            and (not public or any(term.slug == public for term in lieu.public_terms))
        ]

    @property
    def key(self) -> str:
        """The filters applied, for the keys of what depends on them (the map): only values the
        form offered, so a visitor cannot make new ones."""
        return "|".join(str(self.cleaned_data.get(name) or "") for name in self.fields)

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)
