"""Existing covered units get their history: one version of name and territory and, when a cell covered them, one
coverage, both from a date unknown (`valid_from` empty, counted from the beginning, shown as "date unknown")."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    unit_model = apps.get_model("organizations", "CoveredUnit")
    version_model = apps.get_model("organizations", "CoveredUnitVersion")
    coverage_model = apps.get_model("organizations", "Coverage")
    versions, coverages = [], []
    for unit in unit_model.objects.order_by("pk").iterator():
        versions.append(version_model(unit_id=unit.pk, valid_from=None, valid_to=unit.dissolved_on, name=unit.name,
                                      territory_id=unit.territory_id))
        if unit.covered_by_id:
            coverages.append(coverage_model(unit_id=unit.pk, cell_id=unit.covered_by_id, valid_from=None,
                                            valid_to=unit.dissolved_on,
                                            note="Cell assigned before coverage was dated: start unknown."))
    version_model.objects.bulk_create(versions, batch_size=1000)
    coverage_model.objects.bulk_create(coverages, batch_size=1000)


def backwards(apps: Any, schema_editor: Any) -> None:
    apps.get_model("organizations", "Coverage").objects.all().delete()
    apps.get_model("organizations", "CoveredUnitVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_dated_coverage")]

    operations = [migrations.RunPython(forwards, backwards)]
