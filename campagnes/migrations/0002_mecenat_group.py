"""The "Mécénat" group: the only editors who see donors, gifts and receipts in the admin.

It gets Wagtail admin access and view/add/change on the donation records, nothing on pages.
The "Communication" group edits pages and never gets these permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Mécénat"
RECORDS = ("donor", "gift", "plan", "receipt", "stripeevent")
# The receipt issuer's identity (signatory, SIREN) is theirs to keep up to date.
EXTRA = (("campagnes", "change_donationsettings"), ("wagtailadmin", "access_admin"))


def create_group(apps, schema_editor):
    # Model permissions are created after all migrations have run; a fresh database needs them now.
    app_config = apps.get_app_config("campagnes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        ("campagnes", f"{action}_{model}")
        for model in RECORDS
        for action in ("view", "add", "change")
    ]
    wanted += EXTRA
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in wanted:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's migrations that give every admin group the right to choose documents.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("campagnes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
