"""Campagnes' demo content for `manage.py load_demo` (`Demo`, found by the command): texts in
`content/`, campaigns and gifts, pledges, the share offering and the money teams' accounts."""

from .builder import CampagnesDemo as Demo

__all__ = ["Demo"]
