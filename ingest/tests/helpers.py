"""Files for the import tests: real XLSX and CSV files written to a temporary directory and read back."""

from __future__ import annotations

import csv
import pathlib
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from openpyxl import Workbook

from core.context import request_id_scope
from core.models import ChangeRecord
from ingest import services
from ingest.models import ImportBatch
from ingest.services import ImportResult
from members.models import MemberEvent, MembershipSpell, Person

HEADERS = [
    "Mã hồ sơ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo", "Số CCCD", "Giáo dục phổ thông",
    "Lý luận chính trị", "Mã chi bộ", "Ngày đăng ký quần chúng ưu tú", "Ngày vào Đảng", "Số quyết định kết nạp",
    "Cơ quan quyết định kết nạp", "Ngày kết nạp", "Ngày chính thức", "Số quyết định công nhận chính thức",
    "Ngày quyết định công nhận chính thức",
]

OFFICIAL = ["NT-001", "Hoàng Văn Giới", "Nam", "02/02/1970", "Tày", "Không", "001070000001", "12/12", "Sơ cấp",
            "T-A-1-a", "", "01/03/2000", "15-QĐ/HU", "Huyện ủy An Bình", "20/03/2000", "20/03/2001", "40-QĐ/HU",
            "02/04/2001"]
PROBATIONARY = ["NT-002", "Lục Thị Thiệu", "Nữ", "15/06/1998", "Nùng", "", "001098000002", "12/12", "",
                "T-A-1-a", "", "10/01/2025", "7-QĐ/HU", "Huyện ủy An Bình", "25/01/2025", "", "", ""]
CANDIDATE = ["NT-003", "Nông Văn Ba", "Nam", "03/09/2001", "Kinh", "", "", "12/12", "",
             "T-A-1-b", "05/05/2024", "", "", "", "", "", "", ""]
VALID_ROWS = [OFFICIAL, PROBATIONARY, CANDIDATE]


def write_xlsx(path: pathlib.Path, headers: Sequence[Any], rows: Sequence[Sequence[Any]],
               *, sheet_title: str = "Đảng viên") -> pathlib.Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(path: pathlib.Path, headers: Sequence[Any], rows: Sequence[Sequence[Any]], *, delimiter: str = ",",
              bom: bool = False) -> pathlib.Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def run(user: Any, path: pathlib.Path, *, dry_run: bool = False, confirm_duplicates: bool = False) -> ImportResult:
    """Import a file as a request or a command does: under a request id of its own."""
    with request_id_scope():
        return services.members_import(actor=user, content=path.read_bytes(), file_name=path.name, dry_run=dry_run,
                                       confirm_duplicates=confirm_duplicates)


def counts() -> tuple[int, int, int, int]:
    """Rows an import may write, and change records but those of import batches (every attempt is logged)."""
    batches = ContentType.objects.get_for_model(ImportBatch)
    return (Person.objects.count(), MemberEvent.objects.count(), MembershipSpell.objects.count(),
            ChangeRecord.objects.exclude(content_type=batches).count())


def replace(row: Sequence[Any], header: str, value: Any) -> list[Any]:
    changed = list(row)
    changed[HEADERS.index(header)] = value
    return changed
