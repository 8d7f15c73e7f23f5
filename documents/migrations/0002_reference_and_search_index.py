"""Document types and issuer codes (documents.reference); on PostgreSQL, a trigram index for the text search."""

from django.db import migrations, transaction


def load_reference(apps, schema_editor):
    from documents.reference import load

    load(apps, schema_editor)


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS document_search_trgm ON documents_document "
                "USING gin (search_text gin_trgm_ops)"
            )
    except Exception:  # noqa: BLE001 - without the extension the search still works, by a scan
        return


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS document_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_register")]

    operations = [
        migrations.RunPython(load_reference, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
