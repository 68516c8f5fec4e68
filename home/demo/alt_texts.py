"""The illustrations' descriptions, which the pages showing them take as their alternative text,
with the English their translations take: the image library has one description, in French."""

from .content import T


def alt_text_pairs(illustrations: dict[str, tuple], english: dict[str, str]) -> list[T]:
    """`T(description, English)` for each illustration (key: title, description, …); a key
    without English fails here, before anything is written."""
    return [T(spec[1], english[key]) for key, spec in illustrations.items()]
