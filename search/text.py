"""Words compared as people type them: case and accents aside."""

import unicodedata
from functools import lru_cache


def fold_text(text: str) -> str:
    """Lower case without accents: "Épicerie" and "epicerie" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Words come back often, from page to page: each is folded once.
fold = lru_cache(maxsize=8192)(fold_text)
