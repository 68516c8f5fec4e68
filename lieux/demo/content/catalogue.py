"""The lieux of the demo in display order, and every string pair lieux' demo brings."""

from home.demo.content import T, pairs, same

from . import Lieu
from .ateliers import AU_FIL_DE_SOI, MAISON_DU_COIN
from .auvergne_loire import BOUSSOLE, CLERMONT
from .index import ACTIVITIES, LIEUX_INDEX, PUBLICS
from .lille import HABITAT_MOULINS, PARTAGEURS
from .lyon import COTIERE, LYON
from .ouest import LAVAL, LE_MANS

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


def lieux_pairs() -> list[T]:
    """Every French string of the lieux with its English translation, slugs included."""
    kept_slugs = [same(lieu.slug) for lieu in LIEUX]
    return [*pairs((ACTIVITIES, PUBLICS, LIEUX_INDEX)), *pairs(LIEUX), *kept_slugs]
