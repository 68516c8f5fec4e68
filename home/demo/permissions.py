"""Editorial roles of the demo: groups and accounts made once, and the communication team, which
publishes everything (the lieux' editors and the money teams are their apps' demo)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

COMMUNICATION_GROUP = "Communication"

COMMUNICATION_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
# Named by label, so home imports none of the apps whose models the team edits.
COMMUNICATION_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "lieux.add_activity",
    "lieux.change_activity",
    "lieux.delete_activity",
    "lieux.add_public",
    "lieux.change_public",
    "lieux.delete_public",
    "home.add_navigation",
    "home.change_navigation",
    "home.delete_navigation",
    "home.change_organisationsettings",
    "campagnes.add_donationappeal",
    "campagnes.change_donationappeal",
    "campagnes.delete_donationappeal",
    "wagtail_localize.submit_translation",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
)
COMMUNICATION_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
)


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _page_permissions(codenames: tuple[str, ...]) -> list[Permission]:
    return _permissions(tuple(f"wagtailcore.{codename}" for codename in codenames))


def ensure_group(
    name: str,
    pages: list[Page],
    page_permissions: tuple[str, ...],
    model_permissions: tuple[str, ...],
    collection_permissions: tuple[str, ...],
) -> tuple[Group, bool]:
    """Create the group with these rights; an existing group (maybe edited since) is kept as is."""
    group, created = Group.objects.get_or_create(name=name)
    if not created:
        return group, False
    group.permissions.add(*_permissions(model_permissions))
    root = Collection.get_first_root_node()
    for permission in _permissions(collection_permissions):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    for page in pages:
        for permission in _page_permissions(page_permissions):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return group, created


def ensure_communication_group(homes: list[Page]) -> tuple[Group, bool]:
    return ensure_group(
        COMMUNICATION_GROUP,
        homes,
        COMMUNICATION_PAGE_PERMISSIONS,
        COMMUNICATION_MODEL_PERMISSIONS,
        COMMUNICATION_COLLECTION_PERMISSIONS,
    )


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
