"""Each lieu's editors: a group made with the lieu's first page, which may edit that lieu's pages
(in every language) and submit them, never publish them. The review workflow attached to the root
page (migration home 0005) sends their changes to the Communication group.

The group is found again by the lieu's translation key, not by its name: renaming the lieu (or
the group) keeps it, and the lieu's translations join it instead of making their own.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

# French, as every group name of the admin ("Communication", "Mécénat", "Finance").
GROUP_NAME = "Éditeurs — {title}"
# Not publish_page: their changes go through the review workflow.
PAGE_PERMISSIONS = ("add_page", "change_page")
MODEL_PERMISSIONS = (("wagtailadmin", "access_admin"),)
COLLECTION_PERMISSIONS = (("wagtailimages", "add_image"), ("wagtailimages", "choose_image"))


class LieuEditors(models.Model):
    """The editors' group of one lieu, in every language its page is translated into."""

    translation_key = models.UUIDField(_("place"), unique=True, editable=False)
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="lieu_editors", verbose_name=_("group")
    )

    class Meta:
        verbose_name = _("place editors")
        verbose_name_plural = _("place editors")

    def __str__(self):
        return self.group.name


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _free_group(title: str, page_id: int) -> Group:
    """The group named after the lieu: one made by hand (or by an older demo) before the lieu is
    adopted; a name already taken by another lieu's editors gets the page id."""
    name = GROUP_NAME.format(title=title)[: Group._meta.get_field("name").max_length]
    group, _ = Group.objects.get_or_create(name=name)
    if LieuEditors.objects.filter(group=group).exists():
        group, _ = Group.objects.get_or_create(name=f"{name[:140]} ({page_id})")
    return group


def _create_group(page: Page) -> Group:
    group = _free_group(page.title, page.pk)
    LieuEditors.objects.create(translation_key=page.translation_key, group=group)
    group.permissions.add(*(_permission(*name) for name in MODEL_PERMISSIONS))
    collection = Collection.get_first_root_node()
    for name in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(*name)
        )
    return group


def lieu_editors(page: Page) -> Group | None:
    """The editors' group of the lieu `page`, in whatever language."""
    link = LieuEditors.objects.select_related("group").filter(translation_key=page.translation_key)
    return link[0].group if link else None


def ensure_lieu_editors(page: Page) -> Group:
    """The lieu's editors' group, made with its first page, given its rights on `page`."""
    group = lieu_editors(page) or _create_group(page)
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )
    return group


def lieu_created(sender, instance: Page, created: bool, raw: bool = False, **kwargs) -> None:
    # post_save rather than Wagtail's after_create_page hook: lieux added in code (the demo, an
    # import) and the translations wagtail-localize creates get their editors too.
    if created and not raw:
        ensure_lieu_editors(instance)


def connect_signals(lieu_model: type[Page]) -> None:
    """Called from LieuxConfig.ready(), once every model is loaded."""
    post_save.connect(lieu_created, sender=lieu_model, dispatch_uid="lieu_editors")
