"""Everything the loader builds, in one place: the lieux in display order and every string pair."""

from . import Lieu, Standard, T, pairs, same
from .campaigns import CAMPAIGN_INDEX, CAMPAIGNS, DONATE, MONTHLY, ONCE
from .legal import LEGAL_NOTICE, PRIVACY
from .lieux_ateliers import AU_FIL_DE_SOI, MAISON_DU_COIN
from .lieux_auvergne_loire import BOUSSOLE, CLERMONT
from .lieux_lille import HABITAT_MOULINS, PARTAGEURS
from .lieux_lyon import COTIERE, LYON
from .lieux_ouest import LAVAL, LE_MANS
from .news import ARTICLES, AUTHOR
from .shares import OFFERING, RISK_WARNING
from .site import ACTIVITIES, HOME, LIEUX_INDEX, NAVIGATION, NEWS_INDEX, PUBLICS, SUPPORT

LIEUX: tuple[Lieu, ...] = (
    LYON,
    COTIERE,
    CLERMONT,
    BOUSSOLE,
    LE_MANS,
    LAVAL,
    PARTAGEURS,
    HABITAT_MOULINS,
    AU_FIL_DE_SOI,
    MAISON_DU_COIN,
)
STANDARD_PAGES: tuple[Standard, ...] = (SUPPORT, LEGAL_NOTICE, PRIVACY)


def all_pairs() -> list[T]:
    """Every French string of the demo with its English translation, slugs included."""
    kept_slugs = [same(item.slug) for item in (*LIEUX, *ARTICLES)]
    content = (ACTIVITIES, PUBLICS, HOME, LIEUX_INDEX, NEWS_INDEX, NAVIGATION, AUTHOR)
    content += (CAMPAIGN_INDEX, CAMPAIGNS, DONATE, ONCE, MONTHLY, OFFERING, RISK_WARNING)
    return [*pairs(content), *pairs(LIEUX), *pairs(ARTICLES), *pairs(STANDARD_PAGES), *kept_slugs]
