"""Editorial roles of the demo: the accounts it makes and the Communication group they join.

The groups themselves and the review workflow are not the demo's: migrations make them on every
install (home 0005: Communication and the workflow; lieux' editors with each lieu)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group

COMMUNICATION_GROUP = "Communication"


def communication_group() -> Group:
    """The communication team, created with its permissions by migration home 0005."""
    return Group.objects.get(name=COMMUNICATION_GROUP)


def ensure_user(
    username: str, password: str, *, superuser: bool = False, groups: tuple[Group, ...] = ()
) -> tuple[AbstractUser, bool]:
    """Create the user once; an existing account (and its password) is left as it is."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user:
        return user, False
    email = f"{username}@tiers-lieux-solidaires.example"
    if superuser:
        user = User.objects.create_superuser(username, email, password)
    else:
        user = User.objects.create_user(username, email, password)
    user.groups.add(*groups)
    return user, True
