"""Amounts as donors type and read them, in both languages."""

from django.utils import translation

from campagnes.money import TaxRules, format_amount, parse_amount


def test_amounts_are_written_the_way_each_language_writes_them():
    with translation.override("fr"):
        assert format_amount(125_000) == "1\u00a0250\u00a0€"
        assert format_amount(1250) == "12,50\u00a0€"
    with translation.override("en"):
        assert format_amount(125_000) == "€1,250"
        assert format_amount(1250) == "€12.50"


def test_what_people_type_becomes_cents_or_nothing():
    assert parse_amount("50") == 5000
    assert parse_amount("25,5") == 2550
    assert parse_amount("1 250 €") == 125_000
    assert parse_amount("12.345") is None
    assert parse_amount("-5") is None
    assert parse_amount("") is None


def test_the_higher_rate_stops_at_its_yearly_ceiling():
    rules = TaxRules()
    assert rules.cost(5000) == 1250  # 75 %
    # 2,000 € at 75 % since the loi de finances pour 2026, the rest at 66 %.
    assert rules.cost(300_000) == 300_000 - 150_000 - 66_000
    assert rules.cost(5000, monthly=True) == 1250  # 600 € a year, under the ceiling
    assert rules.cost(10_000, company=True) == 4000
