"""PostgreSQL text-search configurations for search/backend.py: French and English stemming that
ignores accents ("epicerie" finds "Épicerie"), as the SQLite index already does. unaccent is a
trusted extension (PostgreSQL 13+): the database's owner may create it."""

from django.db import migrations

LANGUAGES = {"french_unaccent": "french", "english_unaccent": "english"}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in LANGUAGES.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {language})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in LANGUAGES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    operations = [migrations.RunPython(create_configurations, drop_configurations)]
