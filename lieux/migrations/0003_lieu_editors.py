"""Each lieu's editors' group, linked to the lieu by its translation key (lieux/editors.py makes
it for every lieu created from now on), and the lieux' vocabularies for the Communication group.

Lieux that exist already get their group here: a group of the same name made by `load_demo`
before is adopted with its members, not duplicated.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP_NAME = "Éditeurs — {title}"
PAGE_PERMISSIONS = ("add_page", "change_page")
MODEL_PERMISSIONS = (("wagtailadmin", "access_admin"),)
COLLECTION_PERMISSIONS = (("wagtailimages", "add_image"), ("wagtailimages", "choose_image"))
COMMUNICATION = "Communication"
COMMUNICATION_PERMISSIONS = tuple(
    ("lieux", f"{action}_{model}")
    for model in ("activity", "public")
    for action in ("add", "change", "delete")
)


def ensure_permissions(apps, app_label):
    # Model permissions are created after all migrations have run; a fresh database needs them now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def free_group(apps, title, page_id):
    Group = apps.get_model("auth", "Group")
    LieuEditors = apps.get_model("lieux", "LieuEditors")
    name = GROUP_NAME.format(title=title)[:150]
    group, _ = Group.objects.get_or_create(name=name)
    if LieuEditors.objects.filter(group=group).exists():
        group, _ = Group.objects.get_or_create(name=f"{name[:140]} ({page_id})")
    return group


def create_group(apps, page):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    LieuEditors = apps.get_model("lieux", "LieuEditors")
    group = free_group(apps, page.title, page.pk)
    LieuEditors.objects.create(translation_key=page.translation_key, group=group)
    group.permissions.add(*(permission(apps, *name) for name in MODEL_PERMISSIONS))
    collection = Collection.objects.get(depth=1)
    for name in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(apps, *name)
        )
    return group


def create_editors(apps, schema_editor):
    for label in ("lieux", "wagtailcore", "wagtailimages"):
        ensure_permissions(apps, label)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    LieuEditors = apps.get_model("lieux", "LieuEditors")
    LieuPage = apps.get_model("lieux", "LieuPage")

    communication = Group.objects.filter(name=COMMUNICATION).first()
    if communication:
        communication.permissions.add(
            *(permission(apps, *name) for name in COMMUNICATION_PERMISSIONS)
        )
    # The first page of a lieu (its source, French in practice) names the group.
    groups = {link.translation_key: link.group for link in LieuEditors.objects.all()}
    for page in LieuPage.objects.order_by("pk"):
        group = groups.get(page.translation_key)
        if group is None:
            group = groups[page.translation_key] = create_group(apps, page)
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission(apps, "wagtailcore", codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0005_production_roles"),
        ("lieux", "0002_alter_lieupage_body"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="LieuEditors",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(editable=False, unique=True, verbose_name="lieu")),
                ("group", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="lieu_editors", to="auth.group", verbose_name="group")),
            ],
            options={
                "verbose_name": "lieu editors",
                "verbose_name_plural": "lieu editors",
            },
        ),
        # Kept when migrating back: the groups may have members by then.
        migrations.RunPython(create_editors, migrations.RunPython.noop),
    ]
