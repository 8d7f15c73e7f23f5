"""A trigram index for searching a word anywhere in a name (LIKE '%word%') on PostgreSQL.

The pg_trgm extension needs the right to create extensions; where the database user lacks it, the index is
skipped with a warning and search still works, scanning the scoped rows.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "person_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias), schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_person USING gin (search_name gin_trgm_ops)"
            )
    except Exception as exc:  # permissions differ between installations
        logger.warning("Trigram index for name search not created (%s); search will scan.", exc)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_reference_data")]

    operations = [migrations.RunPython(create, drop)]
