"""The word table of member names (issue 15 §3, members.words): one row per distinct word of a file's folded name,
with its sort key, cell and status, and the btree `personword_walk` a name search walks in list order.

The table is filled for the existing files before its index is built (set-based on PostgreSQL: one INSERT …
SELECT over the files' words, then the index in one pass).
"""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "INSERT INTO members_personword (person_id, word, sort_name, organization_id, status) "
            "SELECT DISTINCT p.id, w.word, p.sort_name, p.organization_id, p.status FROM members_person p "
            "CROSS JOIN LATERAL unnest(string_to_array(p.search_name, ' ')) AS w(word) WHERE w.word <> ''"
        )
        return
    person_model = apps.get_model("members", "Person")
    word_model = apps.get_model("members", "PersonWord")
    rows = []
    for pk, search_name, sort_name, organization_id, status in person_model.objects.values_list(
            "pk", "search_name", "sort_name", "organization_id", "status").iterator(chunk_size=5_000):
        for word in dict.fromkeys(w for w in search_name.split(" ") if w):
            rows.append(word_model(person_id=pk, word=word, sort_name=sort_name, organization_id=organization_id,
                                   status=status))
    word_model.objects.bulk_create(rows, batch_size=2_000)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0008_person_sort_key_index"),
        ("organizations", "0005_kind_periods"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=300)),
                ("sort_name", models.CharField(max_length=500)),
                ("status", models.CharField(max_length=20)),
                ("organization", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                                   related_name="+", to="organizations.organization")),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                             to="members.person")),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="personword",
            index=models.Index(fields=["word", "sort_name", "person", "organization", "status"],
                               name="personword_walk", opclasses=["varchar_pattern_ops", "", "", "", ""]),
        ),
    ]
