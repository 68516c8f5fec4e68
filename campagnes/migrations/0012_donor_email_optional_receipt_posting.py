"""Donors without email (cheques recorded by staff, receipts by post) and the receipts to post.

An empty email becomes NULL before the constraint that forbids it: two donors without email must
not collide on the unique index.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def empty_emails_to_null(apps, schema_editor):
    apps.get_model("campagnes", "Donor").objects.filter(email="").update(email=None)


class Migration(migrations.Migration):

    dependencies = [
        ('campagnes', '0011_gift_totals'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReceiptPosting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('queued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='to post since')),
                ('posted_at', models.DateTimeField(blank=True, null=True, verbose_name='posted on')),
            ],
            options={
                'verbose_name': 'receipt to post',
                'verbose_name_plural': 'receipts to post',
                'ordering': ['queued_at', 'pk'],
            },
        ),
        migrations.AlterField(
            model_name='donor',
            name='email',
            field=models.EmailField(blank=True, help_text='Without one, tax receipts are printed and posted to the address below.', max_length=254, null=True, unique=True, verbose_name='email'),
        ),
        migrations.RunPython(empty_emails_to_null, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='donor',
            constraint=models.CheckConstraint(condition=models.Q(('email', ''), _negated=True), name='donor_email_not_empty'),
        ),
        migrations.AddField(
            model_name='receiptposting',
            name='posted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='posted by'),
        ),
        migrations.AddField(
            model_name='receiptposting',
            name='receipt',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='posting', to='campagnes.receipt', verbose_name='tax receipt'),
        ),
    ]
