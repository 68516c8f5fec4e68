"""One person's email address however it is typed, for limits and per-person maxima.

Mail providers deliver `Louise+dons@Example.org` to `louise@example.org`, and Gmail also ignores
dots in the local part: counting such spellings as different people would let one person pass a
per-email limit (checkouts, sign-in links) or a per-investor maximum by adding a tag. The address
the person typed is still the one stored and written to; this key only groups spellings.
"""

DOTLESS_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def canonical_email(address: str) -> str:
    """The grouping key of an address: lower case, no `+tag`, Gmail's dots and domain alias
    folded. An address without "@" is returned lower-cased and stripped (forms refuse it anyway)."""
    address = (address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"
