"""The write watermark (core.watermark): its table and its one row, with a fresh random epoch."""

import uuid
from typing import Any

from django.db import migrations, models


def make_row(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core", "WriteWatermark").objects.create(pk=1, epoch=uuid.uuid4().hex, number=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_redact_secrets_in_change_log")]

    operations = [
        migrations.CreateModel(
            name="WriteWatermark",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("epoch", models.CharField(max_length=32)),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "write watermark", "verbose_name_plural": "write watermarks"},
        ),
        migrations.RunPython(make_row, migrations.RunPython.noop),
    ]
