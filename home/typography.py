"""French typography for what the site writes: "1er" for the first day of a month, and the
non-breaking spaces that keep "2 €", "Merci !" or "25 000" on one line.

The PDFs format their own dates (campagnes.pdf.french, which home may not import): both say
"1er", as French does for the first day of a month and for no other.
"""

import re
from datetime import date

from django.utils import dateformat, translation
from django.utils.formats import get_format

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, between the thousands of a number

SPACE_BEFORE_SIGN = re.compile(r"[ \t]+(?=[:;!?€»]|%(?!\())")
SPACE_AFTER_QUOTE = re.compile(r"«[ \t]+")
THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?!\d)")
UNIT_AFTER_NUMBER = re.compile(r"(\d) (?=(?:h|min|km|m²)(?!\w))")


def french_spaces(text: str) -> str:
    """A French text with no-break spaces where a line must not break: before : ; ! ? € % »,
    after «, between a number's thousands and before its unit ("12 h")."""
    text = SPACE_BEFORE_SIGN.sub(NBSP, text)
    text = SPACE_AFTER_QUOTE.sub("«" + NBSP, text)
    text = THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", NNBSP), text)
    return UNIT_AFTER_NUMBER.sub(r"\1" + NBSP, text)


def _first_day(format_string: str) -> str:
    """A date format with "er" after its day of the month ("j"), escaped as literal letters."""
    out, escaped = [], False
    for char in format_string:
        out.append(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(r"\e\r")
    return "".join(out)


def local_date(value: date | None, format_name: str = "DATE_FORMAT") -> str:
    """A date in the active language's format: "1er septembre 2026", "2 septembre 2026",
    "Sept. 1, 2026". `format_name` is one of Django's named formats or a format string."""
    if value in (None, ""):
        return ""
    format_string = get_format(format_name)
    if value.day == 1 and (translation.get_language() or "").startswith("fr"):
        format_string = _first_day(format_string)
    return dateformat.format(value, format_string)
