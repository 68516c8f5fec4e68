from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campagnes", "0026_recovery_plan_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("newsletter", "Newsletter"),
                    ("receipts_by_email", "Tax receipts by email"),
                    ("keep_payment_method", "Payment details kept for a monthly gift"),
                ],
                max_length=20,
                verbose_name="consent",
            ),
        ),
    ]
