from django import template

from home.typography import local_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def day(value, format_name: str = "DATE_FORMAT") -> str:
    """`|date` for the words of a page or an email: "1er septembre 2026" in French.

    `{{ page.date|day }}`, `{{ offer.until|day:"DATETIME_FORMAT" }}`; machine-readable dates
    (`datetime="…"`) keep `|date:"Y-m-d"`.
    """
    return local_date(value, format_name)
