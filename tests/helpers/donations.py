"""The donation form's fields as a donor fills them in, for the tests that post the form.

No consent box is ticked: they never are in advance, and a ticked one counts only with the
form's rendered `intent` (see tests/campagnes/consents/).
"""

import re


def donor_fields(**overrides) -> dict:
    fields = {
        "frequency": "once",
        "amount_once": "5000",
        "amount_monthly": "2000",
        "civility": "mme",
        "first_name": "Louise",
        "last_name": "Bernard",
        "email": "louise.bernard@example.org",
        "address": "3 place des Tilleuls",
        "postcode": "42400",
        "city": "Saint-Chamond",
    }
    fields.update(overrides)
    return fields


INTENT = re.compile(r'name="intent" value="([^"]+)"')


def rendered_intent(client, url: str) -> str:
    """The signed token of the donation form as the page at `url` renders it."""
    return INTENT.search(client.get(url).text).group(1)
