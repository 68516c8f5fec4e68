"""The donation form's fields as a donor fills them in, for the tests that post the form."""


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
        "receipt_by_email": "on",
    }
    fields.update(overrides)
    return fields
