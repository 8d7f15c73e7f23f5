"""XLSX of a campaign's results (one row per subject, in the layout a committee sends upward) and the reading of
such a file back for an all-or-nothing import.

Every text cell is written as text (data type "s"), never as a formula, even when it starts with "=", "+", "-" or
"@"; control characters that a workbook cannot hold are removed. The import reads the columns by their header
(Loại / Mã tổ chức / Mã hồ sơ / Mức xếp loại / Điểm / Nhận xét), after counting the workbook's size
(core.spreadsheets.inspect_xlsx) so that a small file holding millions of cells is refused early.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.errors import DomainError
from rating import subjects as subj
from rating.models import Campaign, Rating, Subject

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Header words of the file (the same in both languages: the file travels between committees).
COLUMNS = ("Loại", "Mã tổ chức", "Tổ chức", "Mã hồ sơ", "Họ và tên", "Mức xếp loại", "Mã mức", "Điểm", "Nhận xét",
           "Ngoại lệ")
KIND_WORDS = {Subject.ORGANIZATION: "Tổ chức", Subject.MEMBER: "Đảng viên", Subject.LEADER: "Lãnh đạo, quản lý"}


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_CONTROL.sub("", value))
        cell.data_type = "s"  # text, never a formula
        return cell
    return WriteOnlyCell(sheet, value=value)


def campaign_xlsx(campaign: Campaign, ratings: list[Rating]) -> bytes:
    applied = subj.applied_scheme(campaign)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(campaign.year))
    title = _cell(sheet, f"Kết quả xếp loại chất lượng năm {campaign.year} · {campaign.organization.name} · "
                         f"{applied.scheme.name}")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    for text in COLUMNS:
        cell = _cell(sheet, text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for rating in ratings:
        person = rating.person
        sheet.append([_cell(sheet, value) for value in (
            KIND_WORDS[Subject(rating.subject)], rating.organization.code, rating.organization.name,
            str(person.code) if person else "", person.full_name if person else "",
            applied.label(rating.subject, rating.level) if rating.level else "", rating.level,
            rating.score, "", rating.exception)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class ImportRow:
    line: int
    subject: str
    organization_code: str
    person_code: str
    level: str
    score: int | None
    text: str


def _text(value: Any) -> str:
    return "" if value is None else _CONTROL.sub("", str(value)).strip()


def read_results(content: bytes, campaign: Campaign) -> list[ImportRow]:
    """The rows of a results file; DomainError naming the line and column of every fault at once."""
    from core.spreadsheets import inspect_xlsx

    try:
        inspect_xlsx(content)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a malformed or oversized workbook
        raise DomainError(_("The file cannot be read as an Excel workbook (.xlsx)."), field="file") from exc
    applied = subj.applied_scheme(campaign)
    by_label = {}
    for subject, levels in applied.levels.items():
        for code, level in levels.items():
            by_label[(subject, level.label.casefold())] = code
            by_label[(subject, code)] = code
    rows: list[ImportRow] = []
    faults: list[str] = []
    try:
        sheet = workbook.worksheets[0]
        values = list(sheet.iter_rows(max_row=20000, max_col=len(COLUMNS) + 5, values_only=True))
    finally:
        workbook.close()
    header_at = next((i for i, row in enumerate(values[:10]) if row and _text(row[0]) == COLUMNS[0]), None)
    if header_at is None:
        raise DomainError(_("No header row (%(columns)s) in the first 10 rows.") % {"columns": ", ".join(COLUMNS)},
                          field="file")
    index = {_text(name): i for i, name in enumerate(values[header_at]) if _text(name)}
    missing = [name for name in ("Loại", "Mã tổ chức", "Mã hồ sơ", "Mức xếp loại") if name not in index]
    if missing:
        raise DomainError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}, field="file")

    def get(row: tuple[Any, ...], name: str) -> Any:
        position = index.get(name)
        return row[position] if position is not None and position < len(row) else None

    for number, row in enumerate(values[header_at + 1:], start=header_at + 2):
        if not any(_text(v) for v in row):
            continue
        kind = _text(get(row, "Loại"))
        row_subject = {v: k for k, v in KIND_WORDS.items()}.get(kind)
        if row_subject is None:
            faults.append(_("Line %(line)d, column Loại: “%(value)s” is not one of %(kinds)s.")
                          % {"line": number, "value": kind, "kinds": ", ".join(f"“{w}”" for w in KIND_WORDS.values())})
            continue
        label = _text(get(row, "Mức xếp loại"))
        level_code = (by_label.get((row_subject, label.casefold()))
                      or by_label.get((row_subject, _text(get(row, "Mã mức")))))
        if not label and not _text(get(row, "Mã mức")):
            continue  # not rated in this file
        if level_code is None:
            faults.append(_("Line %(line)d, column Mức xếp loại: “%(value)s” is not a level of %(scheme)s.")
                          % {"line": number, "value": label, "scheme": applied.scheme.name})
            continue
        raw_score = get(row, "Điểm")
        score = None
        if _text(raw_score):
            try:
                score = int(float(str(raw_score).replace(",", ".")))
            except ValueError:
                faults.append(_("Line %(line)d, column Điểm: “%(value)s” is not a number.")
                              % {"line": number, "value": _text(raw_score)})
                continue
        rows.append(ImportRow(number, row_subject, _text(get(row, "Mã tổ chức")), _text(get(row, "Mã hồ sơ")),
                              level_code,
                              score, _text(get(row, "Nhận xét"))[:4000]))
    if faults:
        raise DomainError(" ".join(faults[:50]), field="file")
    return rows


def filename(campaign: Campaign) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]", "", campaign.organization.code) or str(campaign.organization.pk)
    return f"xep-loai-{code}-{campaign.year}.xlsx"
