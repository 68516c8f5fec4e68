"""The body blocks every page type shares."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=255, label=_("Credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An illustration with its alternative text and an optional caption")
        template = "components/blocks/captioned_image_block.html"

    def clean(self, value):
        value = super().clean(value)
        # A body image carries information: it may not be marked decorative to skip the alt text.
        if value["image"] and value["image"].decorative:
            raise StructBlockValidationError(
                {"image": ValidationError(_("Describe the image: alternative text is required."))}
            )
        return value


class TestimonyBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Testimony"))
    author = blocks.CharBlock(max_length=120, label=_("Author"))
    role = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Role"),
        help_text=_("For example: volunteer, resident, partner"),
    )

    class Meta:
        icon = "openquote"
        label = _("Testimony")
        description = _("A quotation with the person who said it and their role")
        template = "components/blocks/testimony_block.html"
        preview_value = {
            "quote": "On vient pour le repas, on revient pour les gens.",
            "author": "Claire",
            "role": "bénévole",
        }


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(label=_("Image")), min_num=2, label=_("Images"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        description = _("Two or more images shown as a grid")
        template = "components/blocks/gallery_block.html"


class LinkStructValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        return page.localized.url if page else self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External link"))

    class Meta:
        icon = "link"
        label = _("Call to action")
        description = _("A highlighted box with a button leading to a page or a link")
        template = "components/blocks/call_to_action_block.html"
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or enter a link, not both."))
                }
            )
        return value


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, label=_("Figure"), help_text=_("For example: 18"))
    label = blocks.CharBlock(
        max_length=80, label=_("Label"), help_text=_("For example: tiers-lieux open")
    )

    class Meta:
        icon = "pick"
        label = _("Key figure")


class DonationAppealBlock(SnippetChooserBlock):
    """A call to give chosen among the snippets; hidden while the snippet is switched off."""

    def __init__(self, **kwargs):
        super().__init__("campagnes.DonationAppeal", **kwargs)

    class Meta:
        icon = "pick"
        label = _("Call to give")
        description = _("A box inviting readers to give to a campaign")
        template = "campagnes/includes/appeal_block.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        label=_("Text"),
        template="components/blocks/paragraph_block.html",
        icon="pilcrow",
    )
    image = CaptionedImageBlock()
    testimony = TestimonyBlock()
    gallery = GalleryBlock()
    call_to_action = CallToActionBlock()
    donation_appeal = DonationAppealBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("A video or audio link (YouTube, Vimeo, PeerTube…)"),
        icon="media",
        template="components/blocks/embed_block.html",
    )
