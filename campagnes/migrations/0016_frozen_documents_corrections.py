# Issue 15, points 3 and 4: issued documents frozen (receipt snapshot and stored PDF, stored
# certificate) and staff corrections (cancel reasons, a gift that corrects another).

import django.db.models.deletion
from django.db import migrations, models

import home.storage


class Migration(migrations.Migration):
    dependencies = [
        ("campagnes", "0015_communication_appeals"),
    ]

    operations = [
        migrations.AddField(
            model_name="receipt",
            name="printed",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="printed data"
            ),
        ),
        migrations.AddField(
            model_name="receipt",
            name="pdf",
            field=models.FileField(
                blank=True,
                editable=False,
                storage=home.storage.private_storage,
                upload_to="receipts/",
                verbose_name="issued PDF",
            ),
        ),
        migrations.AddField(
            model_name="receipt",
            name="cancel_reason",
            field=models.TextField(blank=True, verbose_name="reason for cancelling"),
        ),
        migrations.AddField(
            model_name="gift",
            name="cancel_reason",
            field=models.TextField(blank=True, verbose_name="reason for cancelling"),
        ),
        migrations.AddField(
            model_name="gift",
            name="corrects",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="corrected_by",
                to="campagnes.gift",
                verbose_name="corrects",
            ),
        ),
        migrations.AlterField(
            model_name="gift",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting payment"),
                    ("expired", "Checkout abandoned"),
                    ("processing", "Awaiting confirmation"),
                    ("failed", "Failed"),
                    ("paid", "Confirmed"),
                    ("refunded", "Refunded"),
                    ("disputed", "Disputed"),
                    ("cancelled", "Cancelled by staff"),
                ],
                default="pending",
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="subscription",
            name="certificate",
            field=models.FileField(
                blank=True,
                storage=home.storage.private_storage,
                upload_to="certificates/",
                verbose_name="certificate PDF",
            ),
        ),
        migrations.AddField(
            model_name="subscription",
            name="certificate_sha256",
            field=models.CharField(blank=True, max_length=64, verbose_name="certificate SHA-256"),
        ),
    ]
