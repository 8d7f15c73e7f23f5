"""Rewrite change records written before secrets were redacted: password and token hashes become markers.

The markers and the secret fields are copied here (not imported) so that this migration means the same
thing forever. An update whose secret differs between before and after keeps saying that it changed.
"""

from typing import Any

from django.db import migrations

REDACTED = "<redacted>"
CHANGED = "<redacted: changed>"
SECRETS = {
    ("accounts", "user"): ("password",),
    ("accounts", "apitoken"): ("key_hash",),
    ("auth", "user"): ("password",),
    ("sessions", "session"): ("session_key", "session_data"),
}


def redact_record(before: Any, after: Any, keys: tuple[str, ...]) -> tuple[Any, Any]:
    """The record's before/after with every secret key replaced by a marker."""
    new_before = dict(before) if isinstance(before, dict) else before
    new_after = dict(after) if isinstance(after, dict) else after
    for key in keys:
        old = before.get(key) if isinstance(before, dict) else None
        if isinstance(new_before, dict) and key in new_before and old not in (REDACTED, CHANGED):
            new_before[key] = REDACTED
        if isinstance(new_after, dict) and key in new_after and new_after[key] not in (REDACTED, CHANGED):
            changed = isinstance(before, dict) and key in before and before[key] != after[key]
            new_after[key] = CHANGED if changed else REDACTED
    return new_before, new_after


def redact_secrets(apps: Any, schema_editor: Any) -> None:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    record_model = apps.get_model("core", "ChangeRecord")
    for (app_label, model), keys in SECRETS.items():
        content_type = content_type_model.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        rows = record_model.objects.filter(content_type=content_type).only("pk", "before", "after")
        for row in rows.iterator(chunk_size=500):
            before, after = redact_record(row.before, row.after, keys)
            if (before, after) != (row.before, row.after):
                record_model.objects.filter(pk=row.pk).update(before=before, after=after)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(redact_secrets, migrations.RunPython.noop)]
