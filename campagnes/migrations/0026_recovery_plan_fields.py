# Failed-payment recovery: a monthly gift's failures, lapse and recovery (written by hand).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campagnes", "0025_erasure_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="payment_failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="payment failed"),
        ),
        migrations.AddField(
            model_name="plan",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next payment attempt"),
        ),
        migrations.AddField(
            model_name="plan",
            name="failed_invoice_id",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="plan",
            name="lapsed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="lapsed"),
        ),
        migrations.AddField(
            model_name="plan",
            name="recovered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="recovered"),
        ),
        migrations.AlterField(
            model_name="plan",
            name="status",
            field=models.CharField(
                choices=[
                    ("incomplete", "Awaiting checkout"),
                    ("active", "Active"),
                    ("past_due", "Payment failed, retrying"),
                    ("paused", "Paused"),
                    ("cancelled", "Cancelled"),
                    ("lapsed", "Lapsed after failed payments"),
                    ("expired", "Checkout abandoned"),
                ],
                default="incomplete",
                max_length=12,
                verbose_name="status",
            ),
        ),
    ]
