"""The lieux' demo content for `manage.py load_demo` (`Demo`, found by the command): texts in
`content/`, pages, editors and review workflow."""

from .builder import LieuxDemo as Demo

__all__ = ["Demo"]
