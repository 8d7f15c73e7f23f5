"""Issue 7 §7: every fault of every import row comes back in one pass, each naming its row and column, and nothing
is written (a row with four faults used to take four rounds: a cell that could not be read hid the history checks,
which hid the services' own checks, which refused one field at a time)."""

from __future__ import annotations

import pytest

from ingest.models import ImportStatus
from ingest.tests.helpers import HEADERS, OFFICIAL, PROBATIONARY, counts, replace, run, write_xlsx

pytestmark = pytest.mark.django_db


def test_one_row_with_four_faults_lists_all_four_and_writes_nothing(cast, tmp_path):
    bad = OFFICIAL
    for header, value in [
        ("Giới tính", "X"),  # a cell that cannot be read
        ("Ngày kết nạp", "01/02/2000"),  # the ceremony before the admission decision (01/03/2000)
        ("Số quyết định công nhận chính thức", "quyết định số 5"),  # a malformed decision number
        ("Số CCCD", "12345"),  # refused by the members services only (members.services.file)
    ]:
        bad = replace(bad, header, value)
    headers = [*HEADERS, "Điện thoại", "Số thẻ đảng viên"]
    # A second row whose two faults only the members services know: both listed, not the first only.
    other = replace([*PROBATIONARY, "12 34", "AB-12"], "Mã hồ sơ", "NT-009")
    before = counts()

    result = run(cast.district_officer, write_xlsx(tmp_path / "bad.xlsx", headers, [bad, other]))

    assert [(p.row, p.column) for p in result.problems] == [
        (2, "Giới tính"), (2, "Số CCCD"), (2, "Ngày kết nạp"), (2, "Số quyết định công nhận chính thức"),
        (3, "Điện thoại"), (3, "Số thẻ đảng viên"),
    ], result.problems
    messages = {p.column: p.message for p in result.problems if p.row == 2}
    assert "quyết định số 5" in messages["Số quyết định công nhận chính thức"]
    assert "01/02/2000" in messages["Ngày kết nạp"]
    assert "12" in messages["Số CCCD"]  # "12 digits"
    assert counts() == before
    assert (result.batch.status, result.batch.error_count, result.batch.rows_refused) == (ImportStatus.REFUSED, 6, 2)
