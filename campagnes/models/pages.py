from django.db import models
from django.db.models import Count, Sum, Value
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campagnes.choices import CampaignStatus, Frequency, GiftStatus
from campagnes.models.donations import Gift
from campagnes.models.pledges import Pledge, PledgeStatus
from campagnes.models.totals import GiftDay
from home.blocks import BodyBlock
from home.locales import default_locale_id, source_page
from home.models import BasePage
from lieux.models import LieuPage

SIDE_FEATURES = ["bold", "italic", "link", "ul"]


class CampaignIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campagnes.CampaignPage"]
    max_count_per_parent = 1

    content_panels = BasePage.header_panels

    class Meta:
        verbose_name = _("campaign index")

    def get_child_page_queryset(self):
        return CampaignPage.objects.select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = list(
            CampaignPage.objects.live()
            .child_of(self)
            .select_related("image")
            .order_by("-start_date")
        )
        attach_progress(campaigns)
        context["open_campaigns"] = [c for c in campaigns if c.status == CampaignStatus.OPEN]
        context["other_campaigns"] = [c for c in campaigns if c.status != CampaignStatus.OPEN]
        return context


class DonationFormMixin:
    """A page with a donation form: its suggested amounts, the only presets it offers.

    The form is built by the `donation_form` template tag and posts to `campagnes:donate` (a
    plain Django view): pages only display it.
    """

    @cached_property
    def suggestions(self) -> list["SuggestedAmount"]:
        """Read once per request: the form, its presets and the summary all use them."""
        return list(self.suggested_amounts.all())

    def offered_amounts(self) -> dict[str, list[int]]:
        """Cents offered per frequency: the only presets a URL may preselect."""
        offered = {Frequency.ONCE: [], Frequency.MONTHLY: []}
        for suggestion in self.suggestions:
            offered[suggestion.frequency].append(suggestion.amount_cents)
        return offered


class CampaignPage(DonationFormMixin, BasePage):
    goal_cents = models.PositiveBigIntegerField(
        _("goal (cents)"), help_text=_("In cents: 2500000 = 25,000 €")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for an ongoing campaign.")
    )
    lieux = ParentalManyToManyField(
        "lieux.LieuPage",
        verbose_name=_("places it supports"),
        blank=True,
        related_name="campaigns",
    )
    story = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)

    content_panels = [
        *BasePage.header_panels,
        MultiFieldPanel(
            [
                FieldPanel("goal_cents"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("lieux"),
            ],
            heading=_("Goal and dates"),
        ),
        InlinePanel(
            "suggested_amounts",
            heading=_("Suggested amounts"),
            label=_("amount"),
            help_text=_("Each with what it makes possible, e.g. “30 € : a month of shared meals”."),
        ),
        FieldPanel("story"),
    ]
    override_translatable_fields = [
        SynchronizedField("goal_cents"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("lieux"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("story")]

    parent_page_types = ["campagnes.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if today < self.start_date:
            return CampaignStatus.UPCOMING
        if self.end_date and today > self.end_date:
            return CampaignStatus.CLOSED
        return CampaignStatus.OPEN

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    @property
    def status_label(self) -> str:
        return CampaignStatus(self.status).label

    def localized_lieux(self) -> list:
        """The supported lieux in the page's language (the field holds the source pages)."""
        keys = self.lieux.values_list("translation_key", flat=True)
        return list(
            LieuPage.objects.live()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .order_by("title")
        )

    @cached_property
    def progress(self) -> "Progress":
        attach_progress([self])
        return self.progress

    def source_campaign(self) -> "CampaignPage":
        """Gifts are counted on the default language's page: one campaign, whatever the page."""
        return source_page(self)


class DonatePage(DonationFormMixin, BasePage):
    """The general “Faire un don” page: gifts to the whole network, or to one lieu."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    # Side column: what a donor checks before trusting the form. The tax rates themselves are
    # written from DonationSettings, the receipts' source, so the page cannot contradict them.
    funds_use = RichTextField(
        _("where the money goes"),
        blank=True,
        features=SIDE_FEATURES,
        help_text=_("What gifts pay for, in a few lines or a short list."),
    )
    tax_note = RichTextField(
        _("note on the tax reduction"),
        blank=True,
        features=SIDE_FEATURES,
        help_text=_(
            "Shown under the rates, which come from the donation settings: "
            "for example when the receipt is sent."
        ),
    )
    payment_security = RichTextField(
        _("payment security"),
        blank=True,
        features=SIDE_FEATURES,
        help_text=_("How card and bank details are handled."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact = RichTextField(
        _("about the contact"),
        blank=True,
        features=SIDE_FEATURES,
        help_text=_("Who answers donors' questions, and when."),
    )

    content_panels = [
        *BasePage.header_panels,
        InlinePanel("suggested_amounts", heading=_("Suggested amounts"), label=_("amount")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("funds_use"),
                FieldPanel("tax_note"),
                FieldPanel("payment_security"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("contact"),
            ],
            heading=_("Side column"),
            help_text=_(
                "Beside the form on computers, below it on phones. Empty parts are hidden."
            ),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("donate page")

    def lieu_choices(self) -> list[tuple[int, str]]:
        """Lieux a gift can go to, named in the page's language; values are the source pages."""
        lieux = LieuPage.objects.live().filter(locale_id=self.locale_id).order_by("title")
        sources = dict(
            LieuPage.objects.filter(
                translation_key__in=[lieu.translation_key for lieu in lieux],
                locale_id=default_locale_id(),
            ).values_list("translation_key", "pk")
        )
        return [(sources.get(lieu.translation_key, lieu.pk), lieu.title) for lieu in lieux]


class SuggestedAmount(TranslatableMixin, Orderable):
    page = ParentalKey(Page, on_delete=models.CASCADE, related_name="suggested_amounts")
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE
    )
    amount_cents = models.PositiveIntegerField(_("amount (cents)"), help_text=_("3000 = 30 €"))
    impact = models.CharField(
        _("what it makes possible"),
        max_length=160,
        blank=True,
        help_text=_("For example: a month of shared meals for one guest"),
    )
    is_default = models.BooleanField(_("selected by default"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("amount_cents")]),
        FieldPanel("impact"),
        FieldPanel("is_default"),
    ]
    translatable_fields = [
        TranslatableField("impact"),
        SynchronizedField("frequency"),
        SynchronizedField("amount_cents"),
        SynchronizedField("is_default"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("suggested amount")


class Progress:
    """Confirmed money of a campaign: paid gifts (online or offline), net of refunds, and
    received pledges; donors count the partners of those pledges too. A closed campaign keeps
    showing what it raised: its page thanks its donors with these figures."""

    def __init__(
        self, goal_cents: int, raised_cents: int, donors: int | None, closed: bool = False
    ):
        self.goal_cents = goal_cents
        self.raised_cents = raised_cents
        self.donors = donors
        self.closed = closed

    @property
    def percent(self) -> int:
        """Keeps counting past 100."""
        if not self.goal_cents:
            return 0
        return self.raised_cents * 100 // self.goal_cents

    @property
    def bar_percent(self) -> int:
        return min(self.percent, 100)


def attach_progress(campaigns: list[CampaignPage], count_donors: bool = True) -> None:
    """Sets `progress` on each campaign with one query for all of them: the gifts' aggregate and
    the received pledges' side by side.

    Without `count_donors` (the Mécénat dashboard, which does not show them) the gifts' total
    comes from their daily totals and `progress.donors` is None. Counting distinct donors reads
    every gift, and the total then comes at no cost from the same index.
    """
    if not campaigns:
        return
    # Gifts point to the default language's page; a translated page counts its source's.
    sources = {c.translation_key: c.pk for c in campaigns if c.locale_id == default_locale_id()}
    missing = {c.translation_key for c in campaigns} - sources.keys()
    if missing:
        sources.update(
            CampaignPage.objects.filter(
                translation_key__in=missing, locale_id=default_locale_id()
            ).values_list("translation_key", "pk")
        )
    if count_donors:
        gifts = (
            Gift.objects.filter(campaign_id__in=sources.values(), status=GiftStatus.PAID)
            .values("campaign_id")
            .annotate(
                raised=Sum("amount_cents") - Sum("refunded_cents"),
                donors=Count("donor", distinct=True),
            )
        )
    else:
        gifts = (
            GiftDay.objects.filter(campaign_id__in=sources.values())
            .values("campaign_id")
            .annotate(raised=Sum("net_cents"), donors=Value(0))
        )
    pledges = (
        Pledge.objects.filter(campaign_id__in=sources.values(), status=PledgeStatus.RECEIVED)
        .values("campaign_id")
        .annotate(raised=Sum("amount_cents"), donors=Count("partner", distinct=True))
        .order_by()
    )
    by_campaign = {}
    for row in gifts.order_by().union(pledges, all=True):
        total = by_campaign.setdefault(row["campaign_id"], [0, 0])
        total[0] += row["raised"] or 0
        total[1] += row["donors"]
    totals = {key: by_campaign.get(pk, (0, 0)) for key, pk in sources.items()}
    for campaign in campaigns:
        raised, donors = totals.get(campaign.translation_key, (0, 0))
        campaign.progress = Progress(
            campaign.goal_cents,
            raised,
            donors if count_donors else None,
            closed=campaign.status == CampaignStatus.CLOSED,
        )
