"""Money typed in euros, stored in cents; text that the PDF documents can print."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from campagnes.money import parse_amount
from campagnes.pdf import glyphs


class EurosFormField(forms.IntegerField):
    """ "1500" or "1 500,50" in the form, 150050 in cleaned_data: staff never count zeros."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Type an amount in euros, for example 150 or 150,50."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        cents = parse_amount(str(value))
        if cents is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return cents

    def prepare_value(self, value):
        if isinstance(value, int):
            euros, cents = divmod(value, 100)
            return f"{euros},{cents:02d}" if cents else str(euros)
        return value

    def widget_attrs(self, widget):
        # IntegerField would add min/max/step, which a text input of euros must not carry.
        return {}


class CentsField(models.PositiveIntegerField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EurosFormField, **kwargs})


class PrintableValidator:
    """Refuses what no font of the PDF documents prints (it would come out as an empty box on
    the tax receipt or the bulletin), naming the characters in a message that says where."""

    def __init__(self, message):
        self.message = message

    def __call__(self, value):
        missing = glyphs.unprintable(str(value))
        if missing:
            # Invisible and control characters are named by their code point.
            shown = " ".join(
                f"U+{ord(char):04X}" if unicodedata.category(char)[0] in "CZ" else char
                for char in missing
            )
            raise ValidationError(
                self.message, code="unprintable", params={"count": len(missing), "chars": shown}
            )


printable_on_receipt = PrintableValidator(
    ngettext_lazy(
        "This character cannot be printed on the tax receipt: %(chars)s. "
        "Please leave it out or write it another way.",
        "These characters cannot be printed on the tax receipt: %(chars)s. "
        "Please leave them out or write them another way.",
        "count",
    )
)
printable_on_share_documents = PrintableValidator(
    ngettext_lazy(
        "This character cannot be printed on the bulletin and the certificate: %(chars)s. "
        "Please leave it out or write it another way.",
        "These characters cannot be printed on the bulletin and the certificate: %(chars)s. "
        "Please leave them out or write them another way.",
        "count",
    )
)
