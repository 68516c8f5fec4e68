"""French formatting for the documents: amounts and dates in figures, the wording of securities,
and euro amounts in words (the "somme en toutes lettres" of a receipt).
"""

from datetime import date

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# Security kind -> (plural, singular), as printed on bulletins and certificates.
KIND_WORDING = {
    "esus_shares": ("actions", "action"),
    "scic_parts": ("parts sociales", "part sociale"),
}


def format_amount(cents: int) -> str:
    """125000 -> "1 250,00 €" with a narrow no-break space between thousands."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amount must be an int number of cents")
    sign = "-" if cents < 0 else ""
    euros, centimes = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", NNBSP) + f",{centimes:02d}{NBSP}€"


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_long_date(value: date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def birth_line(birth_date: date | None, birth_place: str) -> str:
    if birth_date is None:
        return birth_place
    return f"{format_date(birth_date)} à {birth_place}" if birth_place else format_date(birth_date)


# --- Amounts in words -----------------------------------------------------------------------
# Traditional spelling (not the 1990 rectifications): hyphens only between tens and units below
# one hundred, "et" for 21, 31... 71, "cents" and "quatre-vingts" plural only at the end of a
# number or before "millions"/"milliards" (nouns), never before "mille" (an invariable adjective).


_UNITS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

# Amounts are cents held in a Python int; the cap only keeps the wording within "milliards".
MAX_CENTS = 10**12 * 100 - 1


def _below_100(n: int, final: bool) -> str:
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    tens, units = divmod(n, 10)
    if tens == 7:
        # 70-79 count on from sixty: soixante-dix, soixante et onze, soixante-douze...
        return "soixante et onze" if units == 1 else "soixante-" + _below_100(10 + units, final)
    if tens == 8:
        if units == 0:
            return "quatre-vingts" if final else "quatre-vingt"
        return "quatre-vingt-" + _UNITS[units]
    if tens == 9:
        return "quatre-vingt-" + _below_100(10 + units, final)
    if units == 0:
        return _TENS[tens]
    if units == 1:
        return _TENS[tens] + " et un"
    return _TENS[tens] + "-" + _UNITS[units]


def _below_1000(n: int, final: bool) -> str:
    """`final` is False when "mille" follows, which keeps "cent" and "quatre-vingt" invariable."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_100(rest, final)
    words = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent"
    if rest == 0:
        return words + "s" if hundreds > 1 and final else words
    return words + " " + _below_100(rest, final)


def integer_in_words(n: int) -> str:
    """A non-negative integer below 10**12 in French words ("deux cent mille")."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError("negative numbers are not supported")
    if n >= 10**12:
        raise ValueError("numbers of a thousand milliards or more are not supported")
    if n == 0:
        return _UNITS[0]
    billions, rest = divmod(n, 10**9)
    millions, rest = divmod(rest, 10**6)
    thousands, units = divmod(rest, 1000)
    parts = []
    for count, noun in ((billions, "milliard"), (millions, "million")):
        if count:
            parts.append(f"{_below_1000(count, final=True)} {noun}{'s' if count > 1 else ''}")
    if thousands:
        parts.append("mille" if thousands == 1 else _below_1000(thousands, final=False) + " mille")
    if units:
        parts.append(_below_1000(units, final=True))
    return " ".join(parts)


def amount_in_words(cents: int) -> str:
    """A euro amount given in integer cents, spelled out: 125050 -> "mille deux cent cinquante
    euros et cinquante centimes"."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        # Floats would silently round money; callers must hold amounts as integer cents.
        raise TypeError(f"amount must be an int number of cents, got {type(cents).__name__}")
    if cents < 0:
        raise ValueError("negative amounts cannot be spelled out on a receipt")
    if cents > MAX_CENTS:
        raise ValueError("amount too large")
    euros, centimes = divmod(cents, 100)
    if euros == 0 and centimes == 0:
        return "zéro euro"
    parts = []
    if euros:
        # "un million d'euros": "de" when the number ends with a noun (million, milliard).
        unit = "d'euros" if euros % 10**6 == 0 else "euros" if euros > 1 else "euro"
        parts.append(f"{integer_in_words(euros)} {unit}")
    if centimes:
        parts.append(f"{integer_in_words(centimes)} centime{'s' if centimes > 1 else ''}")
    return " et ".join(parts)
