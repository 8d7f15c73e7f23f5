"""Indexes of the member list and search at national scale (issue 15, members.keyset).

- The list's order (sort_name, id) as one btree index, so that keyset pages walk it as is; it replaces the index
  on sort_name alone (built first, then the old one dropped).
- PostgreSQL: a GIN full-text index on the words of the folded name (`to_tsvector('simple', search_name)`), whose
  prefix queries ('duc:*') find the files having a word that begins with the typed letters without the recheck
  of every row that shares a trigram. Built into PostgreSQL (no extension).
"""

from django.db import migrations, models

WORDS = "person_search_words"


def create_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {WORDS} ON members_person "
            "USING gin (to_tsvector('simple'::regconfig, search_name))"
        )


def drop_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {WORDS}")


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0007_person_places"),
        ("organizations", "0005_kind_periods"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_name", "id"], name="person_sort_key"),
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_sort_name",
        ),
        migrations.RunPython(create_words, drop_words),
    ]
