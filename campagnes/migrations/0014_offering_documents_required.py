"""An offering's three documents are required to publish it (drafts may wait for them); and the
shareholders' names written with a civility before them ("Je préfère ne pas le préciser Alex
Démo 1") are written again from their latest subscription, a name only."""

import django.db.models.deletion
from django.db import migrations, models


def names_without_civility(apps, schema_editor):
    Shareholder = apps.get_model("campagnes", "Shareholder")
    Subscription = apps.get_model("campagnes", "Subscription")
    for holder in Shareholder.objects.all().iterator():
        latest = (
            Subscription.objects.filter(shareholder_id=holder.pk)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if latest is None:
            continue
        if latest.investor_type == "entity":
            name = latest.entity_name
        else:
            name = f"{latest.first_name} {latest.last_name}".strip()
        if name and name != holder.name:
            Shareholder.objects.filter(pk=holder.pk).update(name=name)


class Migration(migrations.Migration):

    dependencies = [
        ('campagnes', '0013_receipt_original_delivered_offering_signatory'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.AlterField(
            model_name='shareofferingpage',
            name='annual_report',
            field=models.ForeignKey(help_text='Required to publish: investors certify they have read it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='annual report'),
        ),
        migrations.AlterField(
            model_name='shareofferingpage',
            name='information_document',
            field=models.ForeignKey(help_text='Required to publish: investors certify they have read it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='information document'),
        ),
        migrations.AlterField(
            model_name='shareofferingpage',
            name='statutes',
            field=models.ForeignKey(help_text='Required to publish: investors certify they have read it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='statutes'),
        ),
        migrations.RunPython(names_without_civility, migrations.RunPython.noop),
    ]
