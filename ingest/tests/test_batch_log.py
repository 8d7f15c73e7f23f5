"""Every import attempt leaves an ImportBatch that is itself in the change log: applied, refused and dry runs."""

from __future__ import annotations

import pytest

from core.models import ChangeAction, ChangeRecord
from ingest import services
from ingest.models import ImportBatch, ImportStatus
from ingest.tests.helpers import HEADERS, OFFICIAL, VALID_ROWS, replace, run, write_xlsx

pytestmark = pytest.mark.django_db


def _record(batch: ImportBatch) -> ChangeRecord:
    record = ChangeRecord.objects.for_object(batch).get()
    assert record.action == ChangeAction.CREATE
    assert record.request_id == batch.request_id
    assert record.after["status"] == batch.status
    return record


def test_a_refused_import_is_logged(cast, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", HEADERS, [replace(OFFICIAL, "Mã chi bộ", "KHONG-CO")])
    result = run(cast.district_officer, path)
    assert result.batch.status == ImportStatus.REFUSED
    record = _record(result.batch)
    assert record.user == cast.district_officer
    assert record.after["error_count"] == 1
    assert "errors" not in record.after  # the problems stay on the batch; the log says how many
    assert "bad.xlsx" in record.reason


def test_a_dry_run_is_logged(cast, tmp_path):
    result = run(cast.district_officer, write_xlsx(tmp_path / "ok.xlsx", HEADERS, VALID_ROWS), dry_run=True)
    assert result.batch.status == ImportStatus.CHECKED
    assert _record(result.batch).after["dry_run"] is True
    # Nothing else of the dry run reached the log.
    assert ChangeRecord.objects.filter(request_id=result.batch.request_id).count() == 1


def test_an_unreadable_file_is_logged(cast):
    result = services.members_import(actor=cast.district_officer, content=b"PK\x03\x04not a zip", file_name="x.xlsx")
    assert result.batch.status == ImportStatus.REFUSED
    _record(result.batch)


def test_an_applied_import_is_logged_once(cast, tmp_path):
    result = run(cast.district_officer, write_xlsx(tmp_path / "ok.xlsx", HEADERS, VALID_ROWS))
    assert result.batch.status == ImportStatus.APPLIED
    _record(result.batch)
