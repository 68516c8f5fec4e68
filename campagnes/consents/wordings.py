"""The words a consent is asked in, versioned: the record keeps the version and the words shown.

Change a wording's text and you must change its version, so that older records still say what
those people read (the tests check every version's text is stored with it).
"""

import dataclasses

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from campagnes.choices import ConsentKind


@dataclasses.dataclass(frozen=True)
class Wording:
    version: str
    text: Promise

    def shown(self, language: str | None = None) -> str:
        """The words as the person read them, in their language."""
        with translation.override(language or translation.get_language() or "fr"):
            return str(self.text)


WORDINGS = {
    ConsentKind.NEWSLETTER: Wording(
        "2026-12", _("I would like news of the places (about once a month)")
    ),
    ConsentKind.RECEIPTS_BY_EMAIL: Wording("2026-12", _("Send my tax receipt by email")),
    ConsentKind.KEEP_PAYMENT_METHOD: Wording(
        "2026-12",
        _(
            "Let Stripe keep my card, so that I can turn this gift into a monthly gift in one "
            "click. Nothing more is taken without my say."
        ),
    ),
}
