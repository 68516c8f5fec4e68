"""Campagnes' share of the demo: campaigns, the donate page, donation settings, gifts and
pledges, the share offering and its investors, and the Mécénat and Finance accounts."""

from campagnes.models import ShareOfferingPage
from home.demo.alt_texts import alt_text_pairs
from home.demo.content import pairs
from home.demo.context import DemoBuilder, DemoContext
from home.demo.images import ensure_illustrations

from .campaigns import (
    ensure_campaigns,
    ensure_donate_page,
    ensure_donation_settings,
    ensure_offline_gifts,
)
from .content.alt_texts import ALT_TEXTS
from .content.campaigns import CAMPAIGN_INDEX, CAMPAIGNS, DONATE, MONTHLY, ONCE
from .content.shares import OFFERING, RISK_WARNING
from .content.stories import ILLUSTRATIONS
from .permissions import finance_group, mecenat_group
from .postal import ensure_postal_donors
from .shares import ensure_demo_investors, ensure_share_offering

MECENAT_USERNAME = "mecenat"
FINANCE_USERNAME = "finance"


class CampagnesDemo(DemoBuilder):
    order = 30  # campaigns fund the lieux, and hang under the home

    def pairs(self):
        content = (CAMPAIGN_INDEX, CAMPAIGNS, DONATE, ONCE, MONTHLY, OFFERING, RISK_WARNING)
        return [*pairs(content), *alt_text_pairs(ILLUSTRATIONS, ALT_TEXTS)]

    def images(self, context: DemoContext) -> None:
        illustrations, created = ensure_illustrations(ILLUSTRATIONS)
        context.images.update(illustrations)
        context.step("Campaign illustrations", created)

    def prepare(self, context: DemoContext) -> None:
        # Home's support page, built next, links to it.
        context.step("Donate page", ensure_donate_page(context))

    def build(self, context: DemoContext) -> None:
        context.step("Campaigns", ensure_campaigns(context))
        context.step("Donation settings", int(ensure_donation_settings(context.site)))
        context.step("Offline gifts", ensure_offline_gifts())
        context.step("Receipts to post", ensure_postal_donors())
        context.step("Share offering", ensure_share_offering(context))

    def after_content(self, context: DemoContext) -> None:
        offering = ShareOfferingPage.objects.get(locale=context.fr, slug=OFFERING["slug"].fr)
        context.step("Demo investors", ensure_demo_investors(offering))

    def permissions(self, context: DemoContext) -> None:
        context.account("Donations team (Mécénat)", MECENAT_USERNAME, groups=(mecenat_group(),))
        context.account(
            "Share offering team (Finance)", FINANCE_USERNAME, groups=(finance_group(),)
        )
