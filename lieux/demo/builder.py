"""The lieux' share of the demo: their illustrations and partners' logos, the vocabularies, the
lieux index and the lieux, and the account of one lieu's editor."""

from home.demo.alt_texts import alt_text_pairs
from home.demo.context import DemoBuilder, DemoContext
from home.demo.images import ensure_illustrations, ensure_logos
from lieux.editors import lieu_editors
from lieux.models import LieuIndexPage

from .content.alt_texts import ALT_TEXTS
from .content.catalogue import lieux_pairs
from .content.gallery import ALT_TEXTS as GALLERY_ALT_TEXTS
from .content.gallery import ILLUSTRATIONS as GALLERY
from .content.pictures import ILLUSTRATIONS, PARTNERS
from .pages import add_lieux, ensure_vocabulary, publish_lieux

EDITOR_USERNAME = "editeur-partageurs"
EDITOR_LIEU_SLUG = "les-partageurs"


class LieuxDemo(DemoBuilder):
    order = 20  # after home, whose page they live under; before the campaigns that fund them

    def __init__(self):
        self.new = False  # whether this run created the lieux, so publishes them
        self.logos = {}

    def pairs(self):
        return [
            *lieux_pairs(),
            *alt_text_pairs(ILLUSTRATIONS, ALT_TEXTS),
            *alt_text_pairs(GALLERY, GALLERY_ALT_TEXTS),
        ]

    def images(self, context: DemoContext) -> None:
        illustrations, created = ensure_illustrations({**ILLUSTRATIONS, **GALLERY})
        context.images.update(illustrations)
        self.logos, logos_created = ensure_logos(PARTNERS)
        context.step("Lieux illustrations and partner logos", created + logos_created)

    def prepare(self, context: DemoContext) -> None:
        activities, publics, created = ensure_vocabulary(context.fr)
        context.translate_before_pages += [*activities.values(), *publics.values()]
        context.step("Activities and publics", created)
        self.new = not LieuIndexPage.objects.child_of(context.home).exists()
        created = add_lieux(context, self.logos, activities, publics) if self.new else 0
        context.step("Lieux index and lieux", created)

    def build(self, context: DemoContext) -> None:
        if self.new:
            publish_lieux(context)

    def permissions(self, context: DemoContext) -> None:
        # Each lieu's group was made with its page (lieux.editors); the demo adds its editor.
        page = context.pages.get(EDITOR_LIEU_SLUG)
        editors = lieu_editors(page) if page else None
        context.account(
            "Lieu editor (Les Partageurs)",
            EDITOR_USERNAME,
            groups=(editors,) if editors else (),
        )
