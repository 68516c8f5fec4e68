"""Who gave: the identity a tax receipt prints, and the copy of it each gift and monthly gift
keeps (`GivenIdentity`)."""

import dataclasses

from django.db import models
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Civility, ReceiptPreference


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who gave, as a tax receipt prints it: a donor's own, or the one given with a gift.

    An email proves nothing until its sign-in link is used: whoever types a known donor's email
    in the donation form gives under the identity they type, which the gift keeps (and its
    receipt prints), while the donor's record stays as its owner left it.
    """

    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    siren: str = ""
    legal_form: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"

    @classmethod
    def of(cls, record) -> "Identity":
        """The identity held by a Donor, a Gift, a Plan or any object with the same fields."""
        return cls(**{name: getattr(record, name) or "" for name in IDENTITY_NAMES})

    @property
    def is_company(self) -> bool:
        return bool(self.company_name)

    def key(self) -> tuple:
        """The same person whatever the case and spacing typed: annual receipts group by it."""
        return tuple(" ".join(value.casefold().split()) for value in dataclasses.astuple(self))

    def receipt_fields(self) -> dict:
        """The Receipt fields that copy this identity at issue time."""
        return {
            "civility": self.civility,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "address": f"{self.address}\n{self.postcode} {self.city}",
            "company_name": self.company_name,
            "siren": self.siren,
            "legal_form": self.legal_form,
        }


IDENTITY_NAMES = tuple(field.name for field in dataclasses.fields(Identity))


class GivenIdentity(models.Model):
    """The identity and receipt choice typed with a gift or a monthly gift, kept with it."""

    civility = models.CharField(_("civility"), max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    company_name = models.CharField(_("company"), max_length=150, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR")
    receipt_preference = models.CharField(
        _("receipts"),
        max_length=10,
        choices=ReceiptPreference.choices,
        default=ReceiptPreference.PER_GIFT,
    )

    # Copied by instalments from their monthly gift, and by gifts from their donor.
    GIVEN_FIELDS = (*IDENTITY_NAMES, "receipt_preference")

    class Meta:
        abstract = True

    def identity(self) -> Identity:
        """The identity given with it: the one its receipt prints. Records made before gifts
        kept one (or by code that gives none) fall back on their donor's."""
        if self.last_name or self.company_name:
            return Identity.of(self)
        return Identity.of(self.donor)

    def take_identity(self, identity: Identity, receipt_preference: str | None = None) -> None:
        for name in IDENTITY_NAMES:
            setattr(self, name, getattr(identity, name))
        if receipt_preference:
            self.receipt_preference = receipt_preference
