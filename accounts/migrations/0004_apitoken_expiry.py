"""API tokens expire: existing tokens get 90 days from their creation (the default of DANGVU_API_TOKEN_DAYS)."""

import datetime as dt
from typing import Any

from django.db import migrations, models


def set_expiry(apps: Any, schema_editor: Any) -> None:
    token_model = apps.get_model("accounts", "ApiToken")
    for token in token_model.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        token_model.objects.filter(pk=token.pk).update(expires_at=token.created_at + dt.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_reference_data")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.AlterField(
            model_name="apitoken", name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created on"),
        ),
        migrations.AlterField(
            model_name="apitoken", name="last_used_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last used"),
        ),
        migrations.AlterField(
            model_name="apitoken", name="is_active", field=models.BooleanField(default=True, verbose_name="active"),
        ),
    ]
