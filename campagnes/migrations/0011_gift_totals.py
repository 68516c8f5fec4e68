"""Totals of paid gifts for the Mécénat dashboard, computed from the gifts already there; the
gifts' indexes keep only what the dashboard still reads from them."""

import django.db.models.deletion
from django.db import migrations, models


def rebuild(apps, schema_editor):
    from campagnes.models.totals import rebuild

    rebuild(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('campagnes', '0010_mecenat_pledges_exports'),
        ('lieux', '0002_alter_lieupage_body'),
    ]

    operations = [
        migrations.CreateModel(
            name='DonorYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('campaign_id', models.IntegerField(verbose_name='campaign')),
                ('first_gift_on', models.DateField(verbose_name='first gift')),
            ],
            options={
                'verbose_name': "donor's year",
                'verbose_name_plural': "donors' years",
            },
        ),
        migrations.CreateModel(
            name='GiftDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('campaign_id', models.PositiveIntegerField(verbose_name='campaign')),
                ('frequency', models.CharField(choices=[('once', 'Once'), ('monthly', 'Monthly')], max_length=10, verbose_name='frequency')),
                ('is_offline', models.BooleanField(verbose_name='recorded by staff')),
                ('gifts', models.IntegerField(verbose_name='gifts')),
                ('net_cents', models.BigIntegerField(verbose_name='net amount (cents)')),
            ],
            options={
                'verbose_name': 'day of gifts',
                'verbose_name_plural': 'days of gifts',
            },
        ),
        migrations.RemoveIndex(
            model_name='gift',
            name='gift_paid_period',
        ),
        migrations.RemoveIndex(
            model_name='gift',
            name='gift_paid_instalments',
        ),
        migrations.AddIndex(
            model_name='gift',
            index=models.Index(fields=['status', 'paid_at'], include=('campaign', 'donor'), name='gift_paid_period'),
        ),
        migrations.AddField(
            model_name='donoryear',
            name='donor',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campagnes.donor', verbose_name='donor'),
        ),
        migrations.AddIndex(
            model_name='giftday',
            index=models.Index(fields=['campaign_id', 'day'], name='gift_day_campaign'),
        ),
        migrations.AddConstraint(
            model_name='giftday',
            constraint=models.UniqueConstraint(fields=('day', 'campaign_id', 'frequency', 'is_offline'), name='gift_day_key'),
        ),
        migrations.AddIndex(
            model_name='donoryear',
            index=models.Index(fields=['first_gift_on'], include=('campaign_id',), name='donor_year_first_gift'),
        ),
        migrations.AddConstraint(
            model_name='donoryear',
            constraint=models.UniqueConstraint(fields=('donor', 'year', 'campaign_id'), name='donor_year_key'),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
