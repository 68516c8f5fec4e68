from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ValueBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, label=_("Value"), help_text=_("For example: Mixité"))
    text = blocks.TextBlock(required=False, label=_("What it means here"))

    class Meta:
        icon = "pick"
        label = _("Value")
        template = "components/blocks/value_block.html"
        preview_value = {
            "title": "Mixité",
            "text": "Habitants du quartier, personnes logées et bénévoles partagent la même table.",
        }
