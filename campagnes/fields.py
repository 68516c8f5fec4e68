"""Money typed in euros, stored in cents."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from campagnes.money import parse_amount


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
