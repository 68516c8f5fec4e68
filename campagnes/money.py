"""Amounts in integer cents: parsing what people type, formatting, and the tax reduction."""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.formats import number_format

AMOUNT_PATTERN = re.compile(r"^(\d{1,9})(?:[.,](\d{1,2}))?$")


def parse_amount(text: str) -> int | None:
    """Cents from "50", "50,5", "50.50", "1 250 €"; None when it is not an amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    match = AMOUNT_PATTERN.match(cleaned)
    if not match:
        return None
    euros, cents = match.groups()
    return int(euros) * 100 + int((cents or "0").ljust(2, "0"))


def format_amount(cents: int, currency: str = "EUR") -> str:
    """ "1 250 €", "12,50 €" in French, "€1,250" in English (as the form's script writes them):
    whole euros without decimals, in the active language's format."""
    symbol = "€" if currency == "EUR" else currency
    euros, rest = divmod(cents, 100)
    if rest:
        number = number_format(f"{euros}.{rest:02d}", decimal_pos=2, force_grouping=True)
    else:
        number = number_format(euros, force_grouping=True)
    if (translation.get_language() or "").startswith("en"):
        return f"{symbol}{number}"
    return f"{number}\u00a0{symbol}"


@dataclass(frozen=True)
class TaxRules:
    """The reduction rules of DonationSettings, in a form the browser's script reads too."""

    rate: int = 66
    difficulty_rate: int = 75
    difficulty_ceiling_cents: int = 200_000
    helps_people_in_difficulty: bool = True
    company_rate: int = 60

    @classmethod
    def from_settings(cls, settings) -> "TaxRules":
        return cls(
            rate=settings.reduction_rate,
            difficulty_rate=settings.difficulty_rate,
            difficulty_ceiling_cents=settings.difficulty_ceiling_cents,
            helps_people_in_difficulty=settings.helps_people_in_difficulty,
            company_rate=settings.company_reduction_rate,
        )

    def reduction(self, cents: int, monthly: bool = False, company: bool = False) -> int:
        """The tax reduction a gift earns; a monthly gift's ceiling is shared by its 12 months."""
        if company:
            return percent(cents, self.company_rate)
        if not self.helps_people_in_difficulty:
            return percent(cents, self.rate)
        months = 12 if monthly else 1
        yearly = cents * months
        high = min(yearly, self.difficulty_ceiling_cents)
        total = percent(high, self.difficulty_rate) + percent(yearly - high, self.rate)
        return total // months

    def cost(self, cents: int, monthly: bool = False, company: bool = False) -> int:
        return cents - self.reduction(cents, monthly, company)

    def as_data(self) -> dict:
        return {
            "rate": self.rate,
            "difficultyRate": self.difficulty_rate
            if self.helps_people_in_difficulty
            else self.rate,
            "ceiling": self.difficulty_ceiling_cents,
            "companyRate": self.company_rate,
        }


def percent(cents: int, rate: int) -> int:
    """`rate` % of an amount, rounded down to the cent: a receipt never promises more."""
    return cents * rate // 100
