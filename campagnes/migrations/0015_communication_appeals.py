"""The Communication group (migration home 0005) writes the donation appeals: texts calling to
give, not donor data. Given here so that home names none of campagnes' models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Communication"
WANTED = tuple(("campagnes", f"{action}_donationappeal") for action in ("add", "change", "delete"))


def grant(apps, schema_editor):
    # Model permissions are created after all migrations have run; a fresh database needs them now.
    app_config = apps.get_app_config("campagnes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for app_label, codename in WANTED:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campagnes", "0014_offering_documents_required"),
        ("home", "0005_production_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
