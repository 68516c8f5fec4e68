"""Shapes of the demo content every app's demo shares. Every translatable string is a `T(fr, en)`
pair: the French page is built from `.fr`, and `.en` becomes the wagtail-localize translation of
that exact string."""

import dataclasses
from datetime import date
from typing import NamedTuple

from home.typography import french_spaces


class _Pair(NamedTuple):
    fr: str
    en: str


class T(_Pair):
    """The French side is written with plain spaces here and gets its no-break spaces ("2 €",
    "Merci !") on the way in, so no line of a demo page breaks before a sign."""

    __slots__ = ()

    def __new__(cls, fr: str, en: str):
        return super().__new__(cls, french_spaces(fr), en)


def same(text: str) -> T:
    """A string that reads the same in both languages: a name, a figure, a slug."""
    return T(text, text)


class H2(NamedTuple):
    text: T


# Rich text, one item per HTML block: a paragraph (T), a heading (H2) or a bulleted list (list[T]).
# No inline tags, so each block is exactly one translatable string.
RichText = tuple[T | H2 | list[T], ...]


@dataclasses.dataclass(frozen=True)
class Paragraph:
    text: RichText


@dataclasses.dataclass(frozen=True)
class Testimony:
    quote: T
    author: T
    role: T


@dataclasses.dataclass(frozen=True)
class Picture:
    image: str
    alt: T
    caption: T


@dataclasses.dataclass(frozen=True)
class CallToAction:
    title: T
    text: T
    button: T
    page: str  # key of a demo page: a lieu slug, "lieux", "nous-soutenir"…


Block = Paragraph | Testimony | Picture | CallToAction


@dataclasses.dataclass(frozen=True)
class Article:
    title: T
    slug: T
    date: date
    intro: T
    lieu: str
    image: str
    body: tuple[Block, ...]


@dataclasses.dataclass(frozen=True)
class Standard:
    title: T
    slug: T
    intro: T
    body: tuple[Block, ...]
    image: str | None = None


def pairs(value: object) -> list[T]:
    """Every `T` inside a content value, however deeply nested."""
    if isinstance(value, T):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in pairs(getattr(value, f.name))]
    if isinstance(value, dict):
        return [t for item in value.values() for t in pairs(item)]
    if isinstance(value, tuple | list):
        return [t for item in value for t in pairs(item)]
    return []


__all__ = [
    "Article",
    "Block",
    "CallToAction",
    "H2",
    "Paragraph",
    "Picture",
    "RichText",
    "Standard",
    "T",
    "Testimony",
    "pairs",
    "same",
]
