"""The money teams of the demo: the Mécénat and Finance groups, which campagnes' migrations
create with their permissions."""

from django.contrib.auth.models import Group

MECENAT_GROUP = "Mécénat"
FINANCE_GROUP = "Finance"


def mecenat_group() -> Group:
    """The donations team, created with its permissions by migration campagnes 0002."""
    return Group.objects.get(name=MECENAT_GROUP)


def finance_group() -> Group:
    """The share offering team, created with its permissions by migration campagnes 0007."""
    return Group.objects.get(name=FINANCE_GROUP)
