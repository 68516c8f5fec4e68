"""Amounts in words for the "somme en toutes lettres" of tax receipts (traditional spelling)."""

import pytest

from campagnes.pdf.french import amount_in_words, integer_in_words

EUROS = 100  # amounts are integer cents

CASES = [
    (0, "zéro euro"),
    (1, "un centime"),
    (2, "deux centimes"),
    (50, "cinquante centimes"),
    (99, "quatre-vingt-dix-neuf centimes"),
    (1 * EUROS, "un euro"),
    (1 * EUROS + 1, "un euro et un centime"),
    (2 * EUROS, "deux euros"),
    (10 * EUROS, "dix euros"),
    (16 * EUROS, "seize euros"),
    (17 * EUROS, "dix-sept euros"),
    (21 * EUROS, "vingt et un euros"),
    (22 * EUROS, "vingt-deux euros"),
    (31 * EUROS, "trente et un euros"),
    (50 * EUROS, "cinquante euros"),
    (61 * EUROS, "soixante et un euros"),
    (70 * EUROS, "soixante-dix euros"),
    (71 * EUROS, "soixante et onze euros"),
    (72 * EUROS, "soixante-douze euros"),
    (77 * EUROS, "soixante-dix-sept euros"),
    (80 * EUROS, "quatre-vingts euros"),
    (81 * EUROS, "quatre-vingt-un euros"),
    (90 * EUROS, "quatre-vingt-dix euros"),
    (91 * EUROS, "quatre-vingt-onze euros"),
    (99 * EUROS + 99, "quatre-vingt-dix-neuf euros et quatre-vingt-dix-neuf centimes"),
    (100 * EUROS, "cent euros"),
    (101 * EUROS, "cent un euros"),
    (180 * EUROS, "cent quatre-vingts euros"),
    (200 * EUROS, "deux cents euros"),
    (201 * EUROS, "deux cent un euros"),
    (380 * EUROS + 80, "trois cent quatre-vingts euros et quatre-vingts centimes"),
    (1000 * EUROS, "mille euros"),
    (1001 * EUROS, "mille un euros"),
    (1250 * EUROS, "mille deux cent cinquante euros"),
    (2000 * EUROS, "deux mille euros"),
    (21_000 * EUROS, "vingt et un mille euros"),
    (80_000 * EUROS, "quatre-vingt mille euros"),
    (100_000 * EUROS, "cent mille euros"),
    (200_000 * EUROS, "deux cent mille euros"),
    (1_000_000 * EUROS, "un million d'euros"),
    (1_000_001 * EUROS, "un million un euros"),
    (1_000_000 * EUROS + 50, "un million d'euros et cinquante centimes"),
    (2_300_000 * EUROS, "deux millions trois cent mille euros"),
    (80_000_000 * EUROS, "quatre-vingts millions d'euros"),
    (200_000_000 * EUROS, "deux cents millions d'euros"),
    (
        999_999_999 * EUROS + 99,
        "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille "
        "neuf cent quatre-vingt-dix-neuf euros et quatre-vingt-dix-neuf centimes",
    ),
    (1_000_000_000 * EUROS, "un milliard d'euros"),
]


@pytest.mark.parametrize(("cents", "words"), CASES)
def test_amount_in_words(cents, words):
    assert amount_in_words(cents) == words


def test_table_covers_enough_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("cents", [-1, -100])
def test_refuses_negative_amounts(cents):
    with pytest.raises(ValueError):
        amount_in_words(cents)


@pytest.mark.parametrize("value", [12.5, "100", None, True])
def test_refuses_anything_but_int_cents(value):
    with pytest.raises(TypeError):
        amount_in_words(value)


def test_refuses_amounts_past_the_milliards():
    with pytest.raises(ValueError):
        amount_in_words(10**12 * 100)


def test_every_amount_below_a_thousand_euros_is_spelled_consistently():
    # Whole-table checks of the rules rather than of single values.
    for euros in range(2, 1000):
        words = integer_in_words(euros)
        assert "  " not in words and not words.startswith(" ")
        assert not words.startswith("un cent")  # "cent", never "un cent"
        if euros % 100 == 0 and euros > 100:
            assert words.endswith("cents")
        if euros % 100 == 80:
            assert words.endswith("quatre-vingts")
        assert amount_in_words(euros * EUROS) == f"{words} euros"
