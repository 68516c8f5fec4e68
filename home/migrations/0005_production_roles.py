"""The "Communication" group and the review workflow, on every install and not only the demo.

Communication edits and publishes every page (its rights are on the root page, so they cover the
home page of every language, including homes created later), images, documents, home's snippets
and the organisation settings; it gets no permission of campagnes' donor, gift, receipt,
subscription or register records. lieux and campagnes grant it their own snippets in their
migrations, so that home names none of their models.

The workflow "Relecture par la communication" is attached to the root page: every page whose
editor cannot publish (a lieu's editors) is submitted to the Communication group. It replaces
Wagtail's default "Moderators approval" on the root page.

Existing installs already have both, made by `load_demo`: they are found by name and completed,
never duplicated.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Communication"
WORKFLOW = "Relecture par la communication"
TASK = "Validation par la communication"

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("home", "add_navigation"),
    ("home", "change_navigation"),
    ("home", "delete_navigation"),
    ("home", "change_organisationsettings"),
    ("wagtail_localize", "submit_translation"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
)
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
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


def create_roles(apps, schema_editor):
    labels = {label for label, _ in MODEL_PERMISSIONS + COLLECTION_PERMISSIONS} | {"wagtailcore"}
    for label in sorted(labels):
        ensure_permissions(apps, label)
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    # Added to, never reset: an install's group made by the demo (or edited since) keeps its rights.
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*(permission(apps, *name) for name in MODEL_PERMISSIONS))
    collection = Collection.objects.filter(depth=1).first()
    if collection:
        for name in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(apps, *name)
            )
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission(apps, "wagtailcore", codename)
        )
    create_workflow(apps, group, root)


def create_workflow(apps, reviewers, root):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        # Tasks are polymorphic: Wagtail finds the specific task through this content type.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK, content_type=content_type, active=True
        )
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # A page has one workflow of its own; the root's covers every page without one.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_organisationsettings_share_image"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        # After Wagtail's migrations that give admin groups the right to choose images and
        # documents, which would otherwise give them a second time.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    # Kept when migrating back: the group and workflow may be older than this migration.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
