import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet, Value, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.address import page_url, public_url
from home.blocks import BodyBlock
from home.cache import site_data
from home.locales import default_locale_only  # migrations name lieux.models.default_locale_only
from home.models import BasePage, public
from home.seo import SHARE_IMAGE_SPEC, international_phone, json_ld_dumps, rendition

from .blocks import ValueBlock
from .choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region, Weekday
from .editors import LieuEditors  # noqa: F401 (one of the app's models, defined beside its signal)
from .filters import LieuFilterForm
from .map import france_map, map_markers

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
LIEUX_PER_PAGE = 24
# What a lieu card and its address need: a model instance costs by the field it loads.
CARD_FIELDS = ["title", "slug", "url_path", "locale", "intro", "image", "kind", "city"]


class Term(TranslatableMixin, models.Model):
    """An entry of a shared vocabulary; its slug is the same in every language, so that filter
    links can be shared across languages."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Used in filter links."))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Activity(Term):
    class Meta(Term.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_activity_slug_per_locale"
            )
        ]


@register_snippet
class Public(Term):
    class Meta(Term.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_public_slug_per_locale")
        ]


class LieuIndexPage(BasePage):
    content_panels = BasePage.header_panels

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lieux.LieuPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("places index")
        verbose_name_plural = _("places indexes")

    def get_child_page_queryset(self):
        return LieuPage.objects.select_related("image")

    def get_lieux(self) -> list["LieuSummary"]:
        """The live lieux under this index, as the filters, the map and the count need them. Which
        lieux are listed changes when a page is published: site data."""
        return site_data(f"lieux-index:{self.pk}", self.find_lieux, shared=True)

    def find_lieux(self) -> list["LieuSummary"]:
        """Two queries of plain rows (a few hundred page instances would cost more than the
        page)."""
        pages = public(LieuPage.objects.live().child_of(self))
        lieux = [
            LieuSummary(*row)
            for row in pages.order_by("city", "title").values_list(
                "pk", "title", "slug", "city", "region", "latitude", "longitude"
            )
        ]
        attach_terms(lieux, pages.values("pk"))
        return lieux

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lieux = self.get_lieux()
        # The id spares a query for the Locale row.
        form = LieuFilterForm(request.GET, lieux=lieux, vocabulary=vocabulary(self.locale_id))
        results = form.filter(lieux)
        page = Paginator(results, LIEUX_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = with_pages(page.object_list)
        # Every lieu is a child of this page: its address is this page's and its slug, without a
        # URL reversal per marker.
        index_url = self.get_url(request)
        # The markers of a set of filters change when a page is published: site data, the same
        # object for every request of a process (the template only reads it).
        markers = site_data(
            f"lieux-map:{self.pk}:{index_url}:{form.key}",
            lambda: map_markers(results, lambda lieu: f"{index_url}{lieu.slug}/"),
            shared=True,
        )
        context.update(
            filter_form=form,
            lieux=page,
            lieux_total=len(lieux),
            france_map=france_map(markers),
        )
        return context


class LieuPage(BasePage):
    # Identity
    kind = models.CharField(_("kind"), max_length=30, choices=LieuKind.choices)

    # Location
    street_address = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, for example 45.76404 (right-click the place on a map)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, for example 4.83566."),
    )

    # Key facts
    surface = models.PositiveIntegerField(_("surface (m²)"), null=True, blank=True)
    opening_date = models.DateField(_("opening date"), null=True, blank=True)
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: closed in August."),
    )

    # Project
    founding_idea = RichTextField(_("founding idea"), blank=True, features=RICH_TEXT_FEATURES)
    values = StreamField([("value", ValueBlock())], blank=True, verbose_name=_("values"))
    activities = ParentalManyToManyField(
        Activity,
        verbose_name=_("activities"),
        blank=True,
        related_name="lieux",
        limit_choices_to=default_locale_only,
    )
    publics = ParentalManyToManyField(
        Public,
        verbose_name=_("publics welcomed"),
        blank=True,
        related_name="lieux",
        limit_choices_to=default_locale_only,
    )

    # People and governance
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    jobs = models.PositiveIntegerField(_("direct jobs"), null=True, blank=True)
    figures_date = models.DateField(
        _("figures counted on"),
        null=True,
        blank=True,
        help_text=_("The date the volunteers and jobs were counted."),
    )
    governance = RichTextField(_("governance"), blank=True, features=RICH_TEXT_FEATURES)
    carrying_structure = models.CharField(_("carrying structure"), max_length=200, blank=True)
    carrying_structure_legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )

    # Accessibility
    accessibility = models.CharField(
        _("wheelchair access"), max_length=20, choices=Accessibility.choices, blank=True
    )
    accessibility_details = models.TextField(
        _("accessibility details"),
        blank=True,
        help_text=_("Step-free entrance, adapted toilets, hearing loop, quiet room…"),
    )

    # Getting involved and contact
    volunteer_call = models.TextField(
        _("call for volunteers"),
        blank=True,
        help_text=_("What help the place is looking for. Leave empty to hide the call."),
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.header_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("surface"), FieldPanel("opening_date")]),
                InlinePanel("opening_hours", label=_("Opening slot")),
                FieldPanel("opening_hours_note"),
            ],
            heading=_("Key facts and opening hours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("founding_idea"),
                FieldPanel("values"),
                FieldPanel("activities", widget=forms.CheckboxSelectMultiple),
                InlinePanel("recurring_activities", label=_("Recurring activity")),
                FieldPanel("publics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Project and activities"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("hosted_structures", label=_("Hosted structure")),
                FieldRowPanel(
                    [FieldPanel("volunteers"), FieldPanel("jobs"), FieldPanel("figures_date")]
                ),
                FieldPanel("governance"),
                FieldRowPanel(
                    [FieldPanel("carrying_structure"), FieldPanel("carrying_structure_legal_form")]
                ),
                InlinePanel("partners", label=_("Partner or funder")),
            ],
            heading=_("People, governance and partners"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility"), FieldPanel("accessibility_details")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("volunteer_call"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading=_("Getting involved and contact"),
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("founding_idea"),
        index.SearchField("body"),
        index.FilterField("region"),
        index.FilterField("kind"),
    ]

    # Facts are synchronised from the French page; translators only touch words.
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("street_address"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("region"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("surface"),
        SynchronizedField("opening_date"),
        SynchronizedField("activities"),
        SynchronizedField("publics"),
        SynchronizedField("volunteers"),
        SynchronizedField("jobs"),
        SynchronizedField("figures_date"),
        SynchronizedField("carrying_structure"),
        SynchronizedField("carrying_structure_legal_form"),
        SynchronizedField("accessibility"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
    ]

    parent_page_types = ["lieux.LieuIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # opening_days() and json_ld() both read the slots: one query for the two.
        prefetch_related_objects([self], "opening_hours")
        # The terms are published with the page: kept per publish (a preview shows its own).
        if getattr(request, "is_preview", False):
            names = self.term_names()
        else:
            names = site_data(f"lieu-terms:{self.cache_key}", self.term_names)
        context["activity_names"], context["public_names"] = names
        context["opening_days"] = self.opening_days()
        context["json_ld"] = self.json_ld(request)
        return context

    def term_names(self) -> tuple[list[str], list[str]]:
        """Names of the page's activities and of its publics, in the page's language."""
        local_names = vocabulary(self.locale_id)
        activities = self.activities.values_list("translation_key", "name")
        publics = self.publics.values_list("translation_key", "name")
        if isinstance(activities, QuerySet) and isinstance(publics, QuerySet):
            # A published page: both lists in one query. (A preview's are edited, in memory.)
            rows = activities.annotate(kind=Value("a")).values_list(
                "kind", "translation_key", "name"
            )
            rows = rows.order_by().union(
                publics.annotate(kind=Value("p"))
                .values_list("kind", "translation_key", "name")
                .order_by(),
                all=True,
            )
            rows = list(rows)
            activities = [(key, name) for kind, key, name in rows if kind == "a"]
            publics = [(key, name) for kind, key, name in rows if kind == "p"]
        return tuple(
            sorted((local_names.get(key, name) for key, name in terms), key=collation_key)
            for terms in (activities, publics)
        )

    def opening_days(self) -> list[tuple[str, list["OpeningHours"]]]:
        days: dict[int, list[OpeningHours]] = {}
        for slot in self.opening_hours.all():
            days.setdefault(slot.weekday, []).append(slot)
        return [
            (Weekday(day).label, sorted(days[day], key=lambda slot: slot.opens))
            for day in sorted(days)
        ]

    def json_ld(self, request) -> str:
        """schema.org Place for search engines and tiers-lieux maps."""
        data = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.title,
            "description": self.intro,
            "url": page_url(self, request),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postcode,
                "addressLocality": self.city,
                "addressRegion": self.get_region_display(),
                "addressCountry": "FR",
            },
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{Weekday(slot.weekday).schema_name}",
                    "opens": slot.opens.strftime("%H:%M"),
                    "closes": slot.closes.strftime("%H:%M"),
                }
                for slot in self.opening_hours.all()
            ],
        }
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.website:
            data["sameAs"] = self.website
        if self.phone and international_phone(self.phone):
            data["telephone"] = international_phone(self.phone)
        image = rendition(self.image_id, SHARE_IMAGE_SPEC)
        if image:
            data["image"] = public_url(image.url)
        return json_ld_dumps(data)

    @cached_property
    def activity_names(self) -> list[str]:
        """The activities its card lists, named in the lieu's language. The index attaches the
        terms; elsewhere they cost a query, made only when the card is not in the cache."""
        if "activity_terms" not in self.__dict__:
            attach_terms([self], [self.pk])
        names = vocabulary(self.locale_id)
        return sorted(
            (names.get(term.translation_key, term.name) for term in self.activity_terms),
            key=collation_key,
        )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @cached_property
    def partners_for_display(self) -> list["Partner"]:
        # Kept on the page: the template loads the logos' renditions for these very objects.
        return list(self.partners.select_related("logo"))


class TermRef(NamedTuple):
    slug: str
    translation_key: uuid.UUID
    name: str


@dataclass
class LieuSummary:
    """A lieu as the index's filters, map, result count and cards see it."""

    pk: int
    title: str
    slug: str
    city: str
    region: str
    latitude: Decimal | None
    longitude: Decimal | None

    # Set by attach_terms().
    activity_terms: list[TermRef] = field(default_factory=list)
    public_terms: list[TermRef] = field(default_factory=list)
    # Set by with_pages(): the pages of the lieux listed with this one.
    pages: Callable[[], dict[int, "LieuPage"]] | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def page(self) -> LieuPage:
        return self.pages()[self.pk]


def with_pages(lieux: list[LieuSummary]) -> list[LieuSummary]:
    """Copies of `lieux` that give their pages, for their cards: loaded in one query the first
    time a card asks for one, so a list of cached cards needs none. (The summaries themselves
    are site data that every request of this process shares: they are never changed.)"""

    @cache
    def pages() -> dict[int, LieuPage]:
        found = (
            LieuPage.objects.select_related("image")
            .only(*CARD_FIELDS)
            .in_bulk([lieu.pk for lieu in lieux])
        )
        for lieu in lieux:
            found[lieu.pk].activity_terms = lieu.activity_terms
        return found

    return [replace(lieu, pages=pages) for lieu in lieux]


def lieu_card_pages(pks: list[int]) -> dict[int, LieuPage]:
    """The pages of lieu cards by id, with what a card shows (their terms too): two queries."""
    found = LieuPage.objects.select_related("image").only(*CARD_FIELDS).in_bulk(pks)
    attach_terms(list(found.values()), list(found))
    return found


def attach_terms(lieux: list, ids) -> None:
    """Set `activity_terms` and `public_terms` on each of `lieux` (pages or summaries) whose ids
    `ids` (a list or a query) gives: one query of ids, the terms themselves being site data.

    `prefetch_related` would build two related managers and two querysets per lieu, which costs
    more than the page on an index of a few hundred lieux.
    """

    def rows(relation: str, term: str):
        return (
            getattr(LieuPage, relation)
            .through.objects.filter(lieupage__in=ids)
            .annotate(relation=Value(relation))
            .values_list("lieupage_id", "relation", f"{term}_id")
            .order_by()  # a UNION's parts may not be ordered
        )

    terms = term_table()
    listed = defaultdict(list)
    for lieu_id, relation, term_id in rows("activities", "activity").union(
        rows("publics", "public"), all=True
    ):
        # A term saved since this request read the table waits for the next request.
        if term := terms.get((relation, term_id)):
            listed[lieu_id, relation].append(term)
    for lieu in lieux:
        lieu.activity_terms = listed[lieu.pk, "activities"]
        lieu.public_terms = listed[lieu.pk, "publics"]


def term_table() -> dict[tuple[str, int], TermRef]:
    """Every activity and public by relation name and id, kept like the vocabulary."""

    def build():
        rows = [
            model.objects.annotate(relation=Value(relation))
            .values_list("relation", "pk", "slug", "translation_key", "name")
            .order_by()
            for relation, model in (("activities", Activity), ("publics", Public))
        ]
        return {
            (relation, pk): TermRef(*term)
            for relation, pk, *term in rows[0].union(rows[1], all=True)
        }

    return site_data("terms", build)


def vocabulary(locale_id: int) -> dict:
    """Names of every activity and public in one language, by translation key.

    Pages point to the source-language terms (they are synchronised facts), so a translated page
    looks its terms' names up here. Kept until the next publish or vocabulary change.
    """

    def build():
        names = [
            model.objects.filter(locale_id=locale_id)
            .values_list("translation_key", "name")
            .order_by()
            for model in (Activity, Public)
        ]
        # Both vocabularies in one query.
        return dict(names[0].union(names[1], all=True))

    return site_data(f"vocabulary:{locale_id}", build)


def collation_key(name: str) -> str:
    """Sorts "Épicerie" with the E's: accents only break ties."""
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"{bare.casefold()}\0{name}"


class OpeningHours(Orderable):
    page = ParentalKey(LieuPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening slot")

    # "09:30", as the page shows them: cheaper than the template's `time` filter, four per slot.
    @property
    def opens_at(self) -> str:
        return self.opens.strftime("%H:%M")

    @property
    def closes_at(self) -> str:
        return self.closes.strftime("%H:%M")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class RecurringActivity(TranslatableMixin, Orderable):
    page = ParentalKey(LieuPage, on_delete=models.CASCADE, related_name="recurring_activities")
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Table d'hôtes"))
    schedule = models.CharField(
        _("schedule"), max_length=120, help_text=_("For example: every Tuesday, 12:00 – 14:00")
    )
    price = models.CharField(
        _("price"), max_length=60, blank=True, help_text=_("For example: 2 € or free")
    )
    audience = models.CharField(
        _("for whom"), max_length=120, blank=True, help_text=_("For example: open to all")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("schedule"), FieldPanel("price"), FieldPanel("audience")]),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recurring activity")


class HostedStructure(TranslatableMixin, Orderable):
    page = ParentalKey(LieuPage, on_delete=models.CASCADE, related_name="hosted_structures")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("What it does in the place, in a few words")
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("website")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("website")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("hosted structure")


class Partner(Orderable):
    page = ParentalKey(LieuPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=PartnerKind.choices, default=PartnerKind.PARTNER
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("logo"),
        FieldPanel("website"),
    ]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("website")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner or funder")
