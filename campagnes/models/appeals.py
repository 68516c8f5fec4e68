from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField


@register_snippet
class DonationAppeal(TranslatableMixin, models.Model):
    """A call to give, pointing at a campaign or the donate page.

    Shown as the site-wide banner when `show_as_banner` is on, and wherever an editor places it in
    a page body; switching `is_active` off hides it everywhere at once.
    """

    title = models.CharField(_("title"), max_length=120)
    text = models.CharField(_("text"), max_length=255, blank=True)
    button_label = models.CharField(_("button label"), max_length=60, default="Je donne")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("campaign or donate page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_active = models.BooleanField(_("shown"), default=True)
    show_as_banner = models.BooleanField(
        _("site-wide banner"),
        default=False,
        help_text=_("Shown at the top of every page. Only the most recent banner is shown."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("button_label"),
        PageChooserPanel("page", ["campagnes.CampaignPage", "campagnes.DonatePage"]),
        MultiFieldPanel(
            [FieldPanel("is_active"), FieldPanel("show_as_banner")], heading=_("Where it shows")
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("text"),
        TranslatableField("button_label"),
        SynchronizedField("page"),
        SynchronizedField("is_active"),
        SynchronizedField("show_as_banner"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("call to give")
        verbose_name_plural = _("calls to give")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title
