"""The lieux' share of the demo: their illustrations and partners' logos, the vocabularies, the
lieux index and the lieux, their editors and the review of their changes."""

from home.demo.context import DemoBuilder, DemoContext
from home.demo.images import ensure_illustrations, ensure_logos
from home.demo.permissions import COMMUNICATION_GROUP
from lieux.models import LieuIndexPage

from .content.catalogue import LIEUX, lieux_pairs
from .content.index import LIEUX_INDEX
from .content.pictures import ILLUSTRATIONS, PARTNERS
from .pages import add_lieux, ensure_vocabulary, publish_lieux
from .permissions import ensure_lieu_editors, ensure_review_workflow

EDITOR_USERNAME = "editeur-partageurs"
EDITOR_LIEU_SLUG = "les-partageurs"


class LieuxDemo(DemoBuilder):
    order = 20  # after home, whose page they live under; before the campaigns that fund them

    def __init__(self):
        self.new = False  # whether this run created the lieux, so publishes them
        self.logos = {}

    def pairs(self):
        return lieux_pairs()

    def images(self, context: DemoContext) -> None:
        illustrations, created = ensure_illustrations(ILLUSTRATIONS)
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
        english = context.english
        groups, created = {}, 0
        for lieu in LIEUX:
            if lieu.slug not in context.pages:
                continue
            page = context.pages[lieu.slug]
            groups[lieu.slug], was_created = ensure_lieu_editors([page, english[page.pk]])
            created += was_created
        context.step("Lieu editors groups", created)
        index = context.pages[LIEUX_INDEX["slug"].fr]
        reviewers = context.groups[COMMUNICATION_GROUP]
        context.step(
            "Review workflow", int(ensure_review_workflow(reviewers, [index, english[index.pk]]))
        )
        editors = groups.get(EDITOR_LIEU_SLUG)
        context.account(
            "Lieu editor (Les Partageurs)",
            EDITOR_USERNAME,
            groups=(editors,) if editors else (),
        )
