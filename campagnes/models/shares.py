"""A solidarity share offering: the page, its versioned risk warning, and the subscriptions.

Subscriptions are legal commitments: the bulletin's fields are copied onto the record when the
investor confirms, with the risk-warning version they accepted and the hash of the PDF they saw.
"""

import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from campagnes.choices import Civility
from campagnes.models.register import ShareAllocation
from home.emails import canonical_email
from home.locales import source_page
from home.models import BasePage
from home.storage import private_storage  # migrations name models.shares.private_storage

# --- Choices --------------------------------------------------------------------------------


class SecurityKind(models.TextChoices):
    ESUS_SHARES = "esus_shares", _("Shares of an ESUS company")
    SCIC_PARTS = "scic_parts", _("Parts sociales of a cooperative (SCIC)")


class OfferingStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    FULL = "full", _("Fully subscribed")
    CLOSED = "closed", _("Closed")


class InvestorType(models.TextChoices):
    PERSON = "person", _("A natural person")
    ENTITY = "entity", _("A legal entity (company, association…)")


class SubscriptionStatus(models.TextChoices):
    """reserved → (processing →) paid → approved → issued; or expired, cancelled or refunded."""

    DRAFT = "draft", _("Draft")
    RESERVED = "reserved", _("Reserved, awaiting payment")
    PROCESSING = "processing", _("Payment processing")
    PAID = "paid", _("Paid")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Shares issued")
    EXPIRED = "expired", _("Expired")
    # A subscription (une souscription) is feminine in French, a monthly gift's "Cancelled" is not.
    CANCELLED = "cancelled", pgettext_lazy("subscription status", "Cancelled")
    REFUNDED = "refunded", pgettext_lazy("subscription status", "Refunded")

    @classmethod
    def holding(cls) -> tuple[str, ...]:
        """The statuses whose shares count against the cap."""
        return (cls.RESERVED, cls.PROCESSING, cls.PAID, cls.APPROVED, cls.ISSUED)

    @classmethod
    def paid_up(cls) -> tuple[str, ...]:
        """The statuses whose shares are paid for: paid, approved and issued."""
        return (cls.PAID, cls.APPROVED, cls.ISSUED)

    @classmethod
    def submitted(cls) -> tuple[str, ...]:
        """Every status past the draft: the investor confirmed the bulletin."""
        return tuple(status for status in cls.values if status != cls.DRAFT)


def count_investors(through: str = "") -> models.Count:
    """The one definition of an offering's investors, for every screen that counts them: the
    people (one per email) holding shares, whatever the state of their payment. `through` is
    the path from the aggregated model to its subscriptions ("subscriptions__" from a page).
    """
    return models.Count(
        f"{through}email",
        distinct=True,
        filter=models.Q(**{f"{through}status__in": SubscriptionStatus.holding()}),
    )


# --- Figures --------------------------------------------------------------------------------

# Which subscriptions each named share figure adds up: the one definition the public page, the
# Finance totals and the Mécénat dashboard (campagnes.shares.figures) all read.
FIGURE_STATUSES = {
    "subscribed": SubscriptionStatus.holding(),
    "paid": SubscriptionStatus.paid_up(),
    "issued": (SubscriptionStatus.ISSUED,),
}


def figure_aggregates(through: str = "") -> dict:
    """The aggregates behind `ShareFigures`, from subscriptions or through a path to them
    ("subscriptions__" from a page): `shares_<name>` for each of FIGURE_STATUSES, and investors."""
    aggregates = {"investors": count_investors(through)}
    for name, statuses in FIGURE_STATUSES.items():
        aggregates[f"shares_{name}"] = models.Sum(
            f"{through}shares", filter=models.Q(**{f"{through}status__in": statuses})
        )
    return aggregates


# The names of the figures in the words of the security: an ESUS company issues shares
# (actions), a SCIC parts sociales. Listed in the order every screen shows them.
FIGURE_LABELS = {
    SecurityKind.ESUS_SHARES: {
        "offered": pgettext_lazy("share figure", "Shares offered"),
        "subscribed": pgettext_lazy("share figure", "Shares subscribed"),
        "paid": pgettext_lazy("share figure", "Shares paid"),
        "issued": pgettext_lazy("share figure", "Shares issued"),
        "available": pgettext_lazy("share figure", "Shares available"),
        "investors": pgettext_lazy("share figure", "Investors"),
    },
    SecurityKind.SCIC_PARTS: {
        "offered": pgettext_lazy("share figure", "Cooperative shares offered"),
        "subscribed": pgettext_lazy("share figure", "Cooperative shares subscribed"),
        "paid": pgettext_lazy("share figure", "Cooperative shares paid"),
        "issued": pgettext_lazy("share figure", "Cooperative shares issued"),
        "available": pgettext_lazy("share figure", "Cooperative shares available"),
        "investors": pgettext_lazy("share figure", "Investors"),
    },
}


@dataclass(frozen=True)
class ShareFigures:
    """An offering's figures, named once for every screen that shows them.

    - offered: the hard cap;
    - subscribed: shares of signed bulletins still holding them (reserved, being paid, paid,
      approved or issued);
    - paid: of those, the shares paid for (paid, approved or issued);
    - issued: of those, the shares written in the register;
    - investors: the people (one per email) with subscribed shares;
    - available: what can still be subscribed, the cap less every share taken against it,
      which includes shares kept for people on the waiting list.
    """

    security_kind: str
    offered: int
    taken: int
    subscribed: int
    paid: int
    issued: int
    investors: int

    @classmethod
    def of(cls, page: "ShareOfferingPage", row: dict, taken: int) -> "ShareFigures":
        """From a row of `figure_aggregates()` and the allocation's count of taken shares."""
        return cls(
            security_kind=page.security_kind,
            offered=page.total_shares,
            taken=taken or 0,
            subscribed=row["shares_subscribed"] or 0,
            paid=row["shares_paid"] or 0,
            issued=row["shares_issued"] or 0,
            investors=row["investors"] or 0,
        )

    @property
    def available(self) -> int:
        return max(self.offered - self.taken, 0)

    @property
    def awaiting_payment(self) -> int:
        return self.subscribed - self.paid

    @property
    def kept_for_waiting_list(self) -> int:
        return max(self.taken - self.subscribed, 0)

    @property
    def subscribed_percent(self) -> int:
        return self.subscribed * 100 // self.offered if self.offered else 0

    @property
    def is_cooperative(self) -> bool:
        return self.security_kind == SecurityKind.SCIC_PARTS

    @property
    def labels(self) -> dict:
        return FIGURE_LABELS.get(self.security_kind, FIGURE_LABELS[SecurityKind.ESUS_SHARES])

    @property
    def shown(self) -> dict[str, str]:
        """Each figure as the page writes it, digits grouped in the active language."""
        return {
            name: number_format(getattr(self, name), force_grouping=True) for name in self.labels
        }

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """(name, label, value) of each figure, in the order every screen lists them."""
        shown = self.shown
        return [(name, label, shown[name]) for name, label in self.labels.items()]


class SharePaymentMethod(models.TextChoices):
    CHECKOUT = "checkout", _("Card or SEPA Direct Debit")
    TRANSFER = "transfer", _("Bank transfer")


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Identity document")
    ADDRESS = "address", _("Proof of address")


# --- Risk warning ---------------------------------------------------------------------------


@register_snippet
class RiskWarning(TranslatableMixin, models.Model):
    """The risks an investor must read before committing. Never edited once accepted: a change
    is a new row (a new version), and the offering page is pointed at it."""

    title = models.CharField(_("title"), max_length=160)
    text = RichTextField(
        _("text"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_(
            "Loss of capital, illiquidity, no or capped dividend, and that the offer has no "
            "prospectus approved by the AMF."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), editable=False, help_text=_("Numbered on creation.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("text")]
    override_translatable_fields = [SynchronizedField("version")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("risk warning")
        verbose_name_plural = _("risk warnings")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        # Translations arrive with their source's number; only a new text gets the next one.
        if self.version is None:
            last = RiskWarning.objects.aggregate(last=models.Max("version"))["last"]
            self.version = (last or 0) + 1
        super().save(*args, **kwargs)


# --- Page -----------------------------------------------------------------------------------


class ShareOfferingPage(BasePage):
    # Security
    security_kind = models.CharField(
        _("kind of security"),
        max_length=20,
        choices=SecurityKind.choices,
        help_text=_("Changes the legal texts and the wording of the register."),
    )

    # Issuer
    issuer_name = models.CharField(_("issuer name"), max_length=150)
    issuer_legal_form = models.CharField(
        _("legal form"), max_length=100, help_text=_("For example: SAS, SCIC SA à capital variable")
    )
    issuer_share_capital_cents = models.PositiveBigIntegerField(
        _("share capital (cents)"), help_text=_("In cents: 10000000 = 100,000 €")
    )
    issuer_registration = models.CharField(
        _("RCS / SIREN"), max_length=60, help_text=_("For example: RCS Lyon 123 456 789")
    )
    issuer_office = models.TextField(_("registered office"))
    issuer_object = models.TextField(
        _("corporate purpose"),
        blank=True,
        help_text=_("The company's object, as in its statutes: printed on the certificates."),
    )
    signatory_name = models.CharField(
        _("signatory"),
        max_length=150,
        blank=True,
        help_text=_(
            "Who signs the subscription certificates for the issuer, for example Claire Dubois."
        ),
    )
    signatory_role = models.CharField(
        _("signatory's role"),
        max_length=150,
        blank=True,
        help_text=_("Printed under the name, for example Présidente de la SAS."),
    )
    signature_place = models.CharField(
        _("place of signature"),
        max_length=100,
        blank=True,
        help_text=_(
            "The town of “Fait à …” on the certificates; the registered office's town when empty."
        ),
    )

    # Terms
    price_cents = models.PositiveIntegerField(
        _("price per share (cents)"), help_text=_("What the investor pays: 10000 = 100 €")
    )
    nominal_cents = models.PositiveIntegerField(_("nominal value (cents)"))
    min_shares = models.PositiveIntegerField(_("minimum shares per subscription"), default=1)
    max_shares_per_investor = models.PositiveIntegerField(_("maximum shares per investor"))
    total_shares = models.PositiveIntegerField(
        _("shares offered"), help_text=_("The hard cap: no subscription goes beyond it.")
    )
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))
    first_share_number = models.PositiveIntegerField(
        _("first share number"),
        default=1,
        help_text=_(
            "The number the register gives to the first share this offering issues; "
            "the capital's existing shares end just before it."
        ),
    )
    requires_approval = models.BooleanField(
        _("approval required"),
        default=True,
        help_text=_("The statutes ask the board to approve each new shareholder (agrément)."),
    )
    bank_details = models.TextField(
        _("bank details for transfers"),
        blank=True,
        help_text=_("Account holder, IBAN and BIC, shown to investors who pay by transfer."),
    )

    # Documents: the bulletin makes investors certify they read all three, so a page cannot be
    # published without them (blank=False). A draft may wait for them: null stays allowed, and
    # Wagtail's editor asks for them on publishing only.
    information_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("information document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Required to publish: investors certify they have read it."),
    )
    statutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("statutes"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Required to publish: investors certify they have read it."),
    )
    annual_report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("annual report"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Required to publish: investors certify they have read it."),
    )

    # Risks and tax
    risk_warning = models.ForeignKey(
        RiskWarning,
        verbose_name=_("risk warning"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The current version: create a new one rather than editing an accepted one."),
    )
    tax_benefit = RichTextField(
        _("tax benefit"), blank=True, features=["bold", "italic", "ul", "link"]
    )
    tax_article = models.CharField(
        _("tax article"),
        max_length=120,
        default="article 199 terdecies-0 A du code général des impôts",
        help_text=_("The CGI article the subscription certificate refers to."),
    )
    certificate_statement = models.TextField(
        _("company's statement on the certificate"),
        default=(
            "La société certifie remplir les conditions prévues à l'article 199 terdecies-0 A "
            "du code général des impôts, notamment celles relatives aux entreprises solidaires "
            "d'utilité sociale, à la date de la souscription."
        ),
    )

    content_panels = [
        *BasePage.header_panels,
        MultiFieldPanel(
            [
                FieldPanel("security_kind"),
                FieldPanel("issuer_name"),
                FieldRowPanel([FieldPanel("issuer_legal_form"), FieldPanel("issuer_registration")]),
                FieldPanel("issuer_share_capital_cents"),
                FieldPanel("issuer_office"),
                FieldPanel("issuer_object"),
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")]),
                FieldPanel("signature_place"),
            ],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_cents"), FieldPanel("nominal_cents")]),
                FieldRowPanel([FieldPanel("min_shares"), FieldPanel("max_shares_per_investor")]),
                FieldPanel("total_shares"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldRowPanel([FieldPanel("first_share_number"), FieldPanel("requires_approval")]),
                FieldPanel("bank_details"),
            ],
            heading=_("Terms"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("information_document"),
                FieldPanel("statutes"),
                FieldPanel("annual_report"),
            ],
            heading=_("Documents"),
        ),
        FieldPanel("risk_warning"),
        MultiFieldPanel(
            [
                FieldPanel("tax_benefit"),
                FieldPanel("tax_article"),
                FieldPanel("certificate_statement"),
            ],
            heading=_("Tax"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "security_kind",
            "issuer_name",
            "issuer_legal_form",
            "issuer_share_capital_cents",
            "issuer_registration",
            "issuer_office",
            "price_cents",
            "nominal_cents",
            "min_shares",
            "max_shares_per_investor",
            "total_shares",
            "opens_on",
            "closes_on",
            "first_share_number",
            "requires_approval",
            "bank_details",
            "tax_article",
            # Printed on French legal documents only.
            "issuer_object",
            "certificate_statement",
            "signatory_name",
            "signatory_role",
            "signature_place",
            "information_document",
            "statutes",
            "annual_report",
            # Read in the page's language through localized_risk_warning().
            "risk_warning",
        )
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("issuer_name"),
        index.SearchField("tax_benefit"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("share offering")

    @cached_property
    def figures(self) -> ShareFigures:
        """Shares subscribed, paid and issued, investors and shares available, counted on the
        source page (a translation shows its source's). Two queries."""
        source = source_page(self)
        row = Subscription.objects.filter(page=source).aggregate(**figure_aggregates())
        taken = ShareAllocation.objects.filter(page=source).values_list("taken", flat=True)
        return ShareFigures.of(self, row, next(iter(taken), 0))

    @property
    def remaining_shares(self) -> int:
        return self.figures.available

    @property
    def missing_documents(self) -> list[str]:
        """The documents investors certify they read that the page does not have (a document
        deleted from the library leaves its field empty)."""
        ids = (self.information_document_id, self.statutes_id, self.annual_report_id)
        labels = [label for label, _document in self.document_fields(load=False)]
        return [label for label, pk in zip(labels, ids, strict=True) if pk is None]

    @property
    def status(self) -> str:
        today = timezone.localdate()
        # Investors cannot certify they read documents that are not published: the offer waits.
        if today < self.opens_on or self.missing_documents:
            return OfferingStatus.UPCOMING
        if today > self.closes_on:
            return OfferingStatus.CLOSED
        if self.remaining_shares < self.min_shares:
            return OfferingStatus.FULL
        return OfferingStatus.OPEN

    @property
    def status_label(self) -> str:
        return OfferingStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == OfferingStatus.OPEN

    @property
    def is_cooperative(self) -> bool:
        return self.security_kind == SecurityKind.SCIC_PARTS

    def localized_risk_warning(self) -> RiskWarning:
        return self.risk_warning.get_translation_or_none(self.locale) or self.risk_warning

    def document_fields(self, load: bool = True) -> list[tuple[str, object]]:
        """(label, document) of the three documents; without `load`, no document is read."""
        names = (
            (_("Information document"), "information_document"),
            (_("Statutes"), "statutes"),
            (_("Annual report"), "annual_report"),
        )
        return [(label, getattr(self, name) if load else None) for label, name in names]

    def documents(self) -> list[tuple[str, object]]:
        """(label, document) of the documents the page has, in the order the bulletin names them."""
        return [(label, document) for label, document in self.document_fields() if document]


# --- Subscriptions --------------------------------------------------------------------------


class Subscription(models.Model):
    """A bulletin de souscription. A draft holds the uploaded documents while the investor goes
    through the steps; the rest is copied from the session when they confirm."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        ShareOfferingPage,
        verbose_name=_("offering"),
        on_delete=models.PROTECT,
        related_name="subscriptions",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.DRAFT,
    )

    # Investor
    investor_type = models.CharField(
        _("investor type"), max_length=10, choices=InvestorType.choices, blank=True
    )
    entity_name = models.CharField(_("entity name"), max_length=150, blank=True)
    entity_legal_form = models.CharField(_("entity legal form"), max_length=100, blank=True)
    entity_registration = models.CharField(_("entity RCS / SIREN"), max_length=60, blank=True)
    representative_role = models.CharField(
        _("representative's capacity"), max_length=100, blank=True
    )

    # Identity (of the person, or of the entity's representative)
    civility = models.CharField(_("civility"), max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=150, blank=True)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)

    # Contact
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=80, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fr")

    # Subscription
    shares = models.PositiveIntegerField(_("shares"), default=0)
    price_cents = models.PositiveIntegerField(_("price per share (cents)"), default=0)
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"), default=0)

    # Payment and lifecycle
    payment_method = models.CharField(
        _("payment"), max_length=10, choices=SharePaymentMethod.choices, blank=True
    )
    reference = models.CharField(
        _("transfer reference"), max_length=20, unique=True, null=True, blank=True
    )
    reserved_until = models.DateTimeField(_("reserved until"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=255, blank=True)
    reminded_at = models.DateTimeField(_("payment reminder sent"), null=True, blank=True)
    stripe_checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    refunded_cents = models.PositiveBigIntegerField(_("refunded (cents)"), default=0)
    shareholder = models.ForeignKey(
        "campagnes.Shareholder",
        verbose_name=_("shareholder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subscriptions",
    )

    # Declarations and acceptance
    risk_warning = models.ForeignKey(
        RiskWarning,
        verbose_name=_("risk warning accepted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subscriptions",
    )
    read_documents = models.BooleanField(_("has read the documents"), default=False)
    understood_risks = models.BooleanField(_("has understood the risks"), default=False)
    own_account = models.BooleanField(_("subscribes on own account"), default=False)
    accepted_name = models.CharField(_("name typed to accept"), max_length=200, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    bulletin = models.FileField(
        _("bulletin PDF"), storage=private_storage, upload_to="bulletins/", blank=True
    )
    bulletin_sha256 = models.CharField(_("bulletin SHA-256"), max_length=64, blank=True)
    # Rendered once, when the shares are issued; every download serves these bytes, checked.
    certificate = models.FileField(
        _("certificate PDF"), storage=private_storage, upload_to="certificates/", blank=True
    )
    certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64, blank=True)

    # Who the investor is for the per-investor limits, however they typed it: see investor_keys().
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    identity_key = models.CharField(max_length=255, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Shares are priced in euros, as the company's capital is.
    currency = "EUR"

    class Meta:
        verbose_name = _("share subscription")
        verbose_name_plural = _("share subscriptions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status"], name="subscription_page_status")]

    def __str__(self):
        return f"{self.reference or self.public_id} – {self.entity_name or self.full_name}"

    def save(self, *args, **kwargs):
        self.email_key, self.identity_key = investor_keys(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "email_key", "identity_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def investor_name(self) -> str:
        """Who holds the shares: the entity, or the person. A name only: the civility is a
        field of its own, and "prefer not to say" is no part of anyone's name."""
        if self.investor_type == InvestorType.ENTITY:
            return self.entity_name
        return self.full_name

    @property
    def french_civility(self) -> str:
        """For the French legal documents, whatever language the investor used: "Madame" or
        "Monsieur", or nothing when they preferred not to say."""
        return {Civility.MADAME: "Madame", Civility.MONSIEUR: "Monsieur"}.get(self.civility, "")

    @property
    def postal_address(self) -> str:
        return f"{self.address}, {self.postcode} {self.city}, {self.country}"

    @property
    def is_holding(self) -> bool:
        return self.status in SubscriptionStatus.holding()


def investor_keys(subscription: "Subscription") -> tuple[str, str]:
    """(email key, identity key): how the limits recognise one investor across bulletins.

    A person is one person whatever spelling of their address they type (canonical_email) and,
    once they gave it, by their birth date and names without accents, case, hyphens or order,
    so that a second address does not make a second investor either. An entity is its
    registration number (the last nine digits: the SIREN inside an "RCS Lyon 123 456 789")."""
    if subscription.investor_type == "entity":
        siren = re.sub(r"\D", "", subscription.entity_registration)[-9:]
        return "", f"entity:{siren}" if siren else ""
    email = canonical_email(subscription.email) if subscription.email else ""
    names = unicodedata.normalize("NFKD", f"{subscription.first_name} {subscription.last_name}")
    names = "".join(char for char in names if not unicodedata.combining(char)).casefold()
    words = sorted(word for word in re.split(r"[\W_]+", names) if word)
    if not (subscription.birth_date and words):
        return email, ""
    return email, f"person:{subscription.birth_date.isoformat()}:{''.join(words)}"


class ShareLimitLock(models.Model):
    """One row per investor key (or client address) and offering, locked FOR UPDATE while a
    bulletin counts and takes that investor's shares: see campagnes/shares/limits.py."""

    page = models.ForeignKey(ShareOfferingPage, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="one_share_limit_lock_per_key")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.key}"


class SubscriptionDocument(models.Model):
    """An identity document or proof of address, on the private storage only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="justificatifs/")
    content_type = models.CharField(_("content type"), max_length=30)
    # Recorded at upload: the Finance admin sums it instead of reading the disk.
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription document")
        verbose_name_plural = _("subscription documents")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "kind"], name="one_document_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()
