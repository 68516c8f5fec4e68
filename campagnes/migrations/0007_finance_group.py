"""The "Finance" group: the only editors who see share subscriptions, identity documents and the
share register. Subscriptions written as "submitted" before payments existed are reservations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Finance"
WANTED = (
    ("campagnes", "view_subscription"),
    ("campagnes", "change_subscription"),
    ("campagnes", "view_shareholder"),
    ("campagnes", "view_sharemovement"),
    ("campagnes", "add_sharemovement"),
    ("campagnes", "view_waitinglistentry"),
    ("wagtailadmin", "access_admin"),
)


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("campagnes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in WANTED:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    Subscription = apps.get_model("campagnes", "Subscription")
    Subscription.objects.filter(status="submitted").update(status="reserved")


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("campagnes", "0006_share_lifecycle")]

    operations = [migrations.RunPython(create_group, delete_group)]
