"""The page types the site search covers, in the order its type filter lists them."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from campagnes.models import CampaignPage, ShareOfferingPage
from home.models import ArticlePage, StandardPage
from lieux.models import LieuPage


@dataclass(frozen=True)
class Kind:
    slug: str  # the value of ?type=
    model: type[Page]
    label: str | Promise  # on each result
    plural: str | Promise  # on the filter

    @property
    def content_type_id(self) -> int:
        # ContentType's manager keeps them in memory: no query after the first.
        return ContentType.objects.get_for_model(self.model).pk

    @property
    def accessor(self) -> str:
        """The name under which a Page reaches its row of this type (`page.lieupage`)."""
        return self.model._meta.parents[Page].remote_field.get_accessor_name()


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("lieu", LieuPage, _("Place"), _("Places")),
        Kind("article", ArticlePage, _("News item"), _("News")),
        Kind("campagne", CampaignPage, _("Campaign"), _("Campaigns")),
        Kind("parts", ShareOfferingPage, _("Share offering"), _("Share offering")),
        Kind("page", StandardPage, _("Page"), _("Pages")),
    )
}
