"""Role kinds get permission families (from the installed apps) and roles can reach one person's own file.

Existing kinds: see `accounts.reference.upgrade_to_families` — administrator edits are kept (additions stay
as explicit permissions; a kind an administrator narrowed keeps its exact list and gets no families).
"""

import django.db.models.deletion
from django.db import migrations, models

from accounts import reference


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_apitoken_expiry"),
        ("members", "0003_trigram_name_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="person",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="own_roles",
                to="members.person", verbose_name="over one person",
            ),
        ),
        migrations.AddField(
            model_name="rolekind",
            name="families",
            field=models.JSONField(blank=True, default=list, verbose_name="permission families"),
        ),
        migrations.AlterField(
            model_name="rolekind",
            name="permissions",
            field=models.JSONField(blank=True, default=list, verbose_name="permissions"),
        ),
        migrations.RunPython(reference.upgrade_to_families, migrations.RunPython.noop),
    ]
