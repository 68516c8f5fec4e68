"""Demo content for `manage.py load_demo`: home's share (`Demo`), and what every app's demo
builds on: the shared content shapes, the builder phases and context, images, translation and
editorial permission helpers."""

from .builder import HomeDemo as Demo

__all__ = ["Demo"]
