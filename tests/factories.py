"""Every app's factories under the one name the tests use (`factories.lieu_page(…)`).

Each app owns its builders, which the demo (`load_demo`) uses too: home/factories.py,
lieux/factories.py and campagnes/factories.py. Add new ones there, not here.
"""

from campagnes.factories import (
    campaign_index_page,
    campaign_page,
    donation_settings,
    donor,
    gift,
    partner,
    plan,
    pledge,
)
from home.factories import (
    article_page,
    home_page,
    image,
    locale,
    news_index_page,
    publish,
    search_promotion,
    standard_page,
)
from lieux.factories import COMPLETE_LIEU, activity, lieu_index_page, lieu_page, public

__all__ = [
    "COMPLETE_LIEU",
    "activity",
    "article_page",
    "campaign_index_page",
    "campaign_page",
    "donation_settings",
    "donor",
    "gift",
    "home_page",
    "image",
    "lieu_index_page",
    "lieu_page",
    "locale",
    "news_index_page",
    "partner",
    "plan",
    "pledge",
    "public",
    "publish",
    "search_promotion",
    "standard_page",
]
