"""Partners, pledges and exports for the "Mécénat" group; exports of subscriptions for "Finance".

Exporting needs `add_export` and the view permission of the records exported: Mécénat exports
donations, donors, pledges and receipts, Finance the share subscriptions it already sees.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WANTED = {
    "Mécénat": [
        *(f"{action}_{model}" for model in ("partner", "pledge") for action in ("view", "add", "change")),
        "add_export",
        "view_export",
    ],
    "Finance": ["add_export"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("campagnes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in WANTED.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="campagnes", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in WANTED.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="campagnes", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("campagnes", "0002_mecenat_group"),
        ("campagnes", "0007_finance_group"),
        ("campagnes", "0009_partners_pledges"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
