"""When a receipt's original reached its donor (later copies are duplicates), and who signs the
share certificates, where.

Receipts issued before this to donors taking them by email were emailed on the day of issue: they
are marked delivered then, so their downloads stay duplicates as they were.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone


def mark_emailed_receipts_delivered(apps, schema_editor):
    Receipt = apps.get_model("campagnes", "Receipt")
    emailed = Receipt.objects.filter(
        donor__receipt_by_email=True, donor__email__isnull=False, original_delivered_at__isnull=True
    )
    batch = []
    for receipt in emailed.only("pk", "issued_on").iterator():
        noon = datetime.datetime.combine(receipt.issued_on, datetime.time(12))
        receipt.original_delivered_at = timezone.make_aware(noon)
        batch.append(receipt)
    Receipt.objects.bulk_update(batch, ["original_delivered_at"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("campagnes", "0012_donor_email_optional_receipt_posting"),
    ]

    operations = [
        migrations.AddField(
            model_name="receipt",
            name="original_delivered_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="original delivered on"
            ),
        ),
        migrations.RunPython(mark_emailed_receipts_delivered, migrations.RunPython.noop),
        migrations.AddField(
            model_name="shareofferingpage",
            name="signatory_name",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Who signs the subscription certificates for the issuer, for example "
                    "Claire Dubois."
                ),
                max_length=150,
                verbose_name="signatory",
            ),
        ),
        migrations.AddField(
            model_name="shareofferingpage",
            name="signatory_role",
            field=models.CharField(
                blank=True,
                help_text="Printed under the name, for example Présidente de la SAS.",
                max_length=150,
                verbose_name="signatory's role",
            ),
        ),
        migrations.AddField(
            model_name="shareofferingpage",
            name="signature_place",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The town of “Fait à …” on the certificates; the registered office's town "
                    "when empty."
                ),
                max_length=100,
                verbose_name="place of signature",
            ),
        ),
    ]
