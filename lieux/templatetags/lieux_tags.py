"""Template tags of the lieux: the cards of the lieux the home page features."""

from django import template

from home.cache import Card, cards
from lieux.models import lieu_card_pages

register = template.Library()


@register.simple_tag
def lieu_cards(pks: list[int]) -> list[Card]:
    """Cards for the lieux `pks`, in this order; their pages are read, in two queries, only for
    the cards whose fragment is not cached (`{% sitecache "lieu-card" … %}`)."""
    return cards(list(pks), lieu_card_pages)
