from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_production_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisationsettings",
            name="short_name",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Ends the title of every page in browser tabs and search results, in every "
                    "language, so keep it short. Left empty, the name is used."
                ),
                max_length=30,
                verbose_name="short name",
            ),
        ),
    ]
