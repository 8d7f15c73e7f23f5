"""The member-file import format: its columns, their header names and how a header is recognised.

The format is shared by the import (ingest/services.py), the template (ingest/workbook.py) and the export
(ingest/exports.py), so an exported file re-imports cleanly. docs/import-template.md describes it.

Header names are part of the format, not of the interface: the Vietnamese name is written in the template and
the export; the Vietnamese and English names (and a few usual variants) are all recognised, compared without
case, diacritics or punctuation ("Ngày sinh", "NGAY SINH", "ngay_sinh" and "Date of birth" are one column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.text import fold


class Kind:
    """How a column's cells are read."""

    TEXT = "text"
    CODE = "code"  # a text that Excel must not turn into a number (IDs, card numbers)
    DATE = "date"
    GENDER = "gender"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    THEORY = "theory"
    EDUCATION = "education"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Vietnamese header written in the template and the export
    english: str  # English header, also recognised
    kind: str
    help: Any  # explanation (translated; the template's second sheet)
    example: str = ""
    required: bool = False
    aliases: tuple[str, ...] = ()
    max_length: int = 255
    width: int = 18


COLUMNS: tuple[Column, ...] = (
    Column("member_code", "Mã hồ sơ", "Member code", Kind.CODE,
           _("Stable code of the file, unique in the installation: the code from your register (e.g. NT-0001) or "
             "the code written by an export. A row whose code already exists is compared with the file kept here."),
           "NT-0001", required=True, aliases=("Mã đảng viên", "Mã", "Code"), max_length=64, width=16),
    Column("full_name", "Họ và tên", "Full name", Kind.TEXT,
           _("Full name as on the citizen ID card."), "Nguyễn Văn An", required=True,
           aliases=("Họ tên", "Họ và tên khai sinh", "Name"), max_length=150, width=26),
    Column("other_names", "Tên gọi khác", "Other names", Kind.TEXT,
           _("Other names or aliases, if any."), "", max_length=150),
    Column("gender", "Giới tính", "Gender", Kind.GENDER,
           _("Nam or Nữ (male or female)."), "Nam", required=True, aliases=("Sex",), width=10),
    Column("birth_date", "Ngày sinh", "Date of birth", Kind.DATE,
           _("Date of birth, dd/mm/yyyy (or a date cell)."), "17/05/1990", required=True,
           aliases=("Birth date",), width=13),
    Column("birth_place", "Nơi sinh", "Place of birth", Kind.TEXT,
           _("Place of birth."), "Xã Đồng Tâm, huyện An Bình", aliases=("Birth place",)),
    Column("hometown", "Quê quán", "Home town", Kind.TEXT,
           _("Home town (quê quán)."), "Xã Đồng Tâm, huyện An Bình", aliases=("Hometown",)),
    Column("ethnicity", "Dân tộc", "Ethnicity", Kind.ETHNICITY,
           _("Ethnic group by name or by its two-digit code (01 Kinh, 02 Tày, 07 Nùng …; 99 other)."), "Tày",
           width=12),
    Column("religion", "Tôn giáo", "Religion", Kind.RELIGION,
           _("Religion by name (Phật giáo, Công giáo …); empty or “Không” for none."), "Không", width=14),
    Column("citizen_id", "Số CCCD", "Citizen ID", Kind.CODE,
           _("Citizen ID: 12 digits (or 9 for an old identity card). Format the column as Text so that Excel keeps "
             "the leading zeros."), "001090000001",
           aliases=("Số căn cước công dân", "Số căn cước", "CCCD", "Số CMND", "Số CMND/CCCD", "Số định danh"),
           max_length=12, width=15),
    Column("phone", "Điện thoại", "Phone", Kind.CODE,
           _("Phone number."), "0912345678", aliases=("Số điện thoại", "SĐT"), max_length=20, width=14),
    Column("address", "Nơi ở hiện nay", "Address", Kind.TEXT,
           _("Current address."), "Thôn Nà Rì, xã Đồng Tâm", aliases=("Nơi ở", "Địa chỉ", "Nơi cư trú")),
    Column("residence_unit", "Mã thôn, bản nơi cư trú", "Residence unit code", Kind.CODE,
           _("Code of the covered unit (village, residential group …) where the person lives, as on the unit's "
             "page. Counted in “units without any member living there”."), "",
           aliases=("Mã nơi cư trú", "Mã thôn nơi cư trú", "Residence unit"), max_length=50, width=14),
    Column("residence_since", "Cư trú từ ngày", "Residence since", Kind.DATE,
           _("Since when the person lives there; empty if unknown."), "", aliases=("Residence from",), width=13),
    Column("workplace_unit", "Mã đơn vị nơi làm việc", "Workplace unit code", Kind.CODE,
           _("Code of the covered unit (school, clinic, agency …) where the person works."), "",
           aliases=("Mã nơi làm việc", "Workplace unit"), max_length=50, width=14),
    Column("workplace_since", "Làm việc từ ngày", "Workplace since", Kind.DATE,
           _("Since when the person works there; empty if unknown."), "", aliases=("Workplace from",), width=13),
    Column("general_education", "Giáo dục phổ thông", "General education", Kind.EDUCATION,
           _("Grade reached / grades of the school system, e.g. 12/12, 9/12 or 7/10 (format the column as Text)."),
           "12/12", aliases=("Trình độ học vấn", "Học vấn", "Văn hóa", "Trình độ văn hóa"), max_length=20, width=12),
    Column("professional_qualification", "Chuyên môn nghiệp vụ", "Professional qualification", Kind.TEXT,
           _("Highest professional qualification, e.g. Cử nhân Luật."), "Cử nhân Kế toán",
           aliases=("Chuyên môn", "Trình độ chuyên môn")),
    Column("political_theory", "Lý luận chính trị", "Political theory", Kind.THEORY,
           _("Sơ cấp, Trung cấp, Cao cấp or Cử nhân; empty for none."), "Sơ cấp",
           aliases=("Trình độ lý luận chính trị", "Lý luận"), width=14),
    Column("occupation", "Nghề nghiệp, chức vụ", "Occupation or post", Kind.TEXT,
           _("Occupation and current post."), "Trưởng thôn",
           aliases=("Nghề nghiệp/chức vụ", "Nghề nghiệp", "Chức vụ", "Occupation", "Post")),
    Column("party_card_number", "Số thẻ đảng viên", "Party card number", Kind.CODE,
           _("Party card number, digits (dots allowed); format the column as Text."), "",
           aliases=("Số thẻ đảng", "Số thẻ"), max_length=20, width=15),
    Column("history_number", "Số lý lịch", "Personal history number", Kind.CODE,
           _("Number of the personal history (số lý lịch đảng viên)."), "",
           aliases=("Số lý lịch đảng viên", "History number"), max_length=30, width=12),
    Column("organization_code", "Mã chi bộ", "Cell code", Kind.CODE,
           _("Code of the Party cell where the file is registered (shown on the organization's page). It must be "
             "a cell where you may change member files."), "T-A-1-a",
           required=True, aliases=("Mã tổ chức", "Mã tổ chức đảng", "Organization code", "Organization"),
           max_length=50, width=14),
    Column("candidate_registered_on", "Ngày đăng ký quần chúng ưu tú", "Candidate registered on", Kind.DATE,
           _("Only for a candidate not yet admitted: the day the cell listed them as an outstanding candidate "
             "(quần chúng ưu tú). Leave empty for a member."), "",
           aliases=("Ngày là quần chúng ưu tú", "Ngày đăng ký đối tượng", "Candidate since"), width=14),
    Column("admission_date", "Ngày vào Đảng", "Admission decision date", Kind.DATE,
           _("Date of the admission decision (ngày vào Đảng). Empty for a candidate or a plain file."), "01/03/2010",
           aliases=("Ngày quyết định kết nạp", "Admission date", "Admitted on"), width=13),
    Column("admission_decision_number", "Số quyết định kết nạp", "Admission decision number", Kind.CODE,
           _("Number of the admission decision, e.g. 125-QĐ/HU. Required with the admission date."), "125-QĐ/HU",
           aliases=("Số QĐ kết nạp",), max_length=64, width=16),
    Column("admission_decision_issuer", "Cơ quan quyết định kết nạp", "Admission decision issuer", Kind.TEXT,
           _("Committee that decided the admission, e.g. Huyện ủy An Bình."), "Huyện ủy An Bình",
           aliases=("Cấp ủy quyết định kết nạp", "Nơi ra quyết định kết nạp")),
    Column("ceremony_on", "Ngày kết nạp", "Admission ceremony date", Kind.DATE,
           _("Date of the admission ceremony (lễ kết nạp); not before the admission decision."), "20/03/2010",
           aliases=("Ngày lễ kết nạp", "Ngày tổ chức lễ kết nạp", "Ceremony date"), width=13),
    Column("recognised_on", "Ngày chính thức", "Recognition date", Kind.DATE,
           _("Date of becoming an official member (ngày chính thức), after the ceremony. Empty for a "
             "probationary member."), "20/03/2011",
           aliases=("Ngày công nhận chính thức", "Ngày được công nhận chính thức", "Recognised on"), width=13),
    Column("recognition_decision_number", "Số quyết định công nhận chính thức", "Recognition decision number",
           Kind.CODE, _("Number of the recognition decision, if known."), "210-QĐ/HU",
           aliases=("Số QĐ chính thức", "Số quyết định chính thức"), max_length=64, width=16),
    Column("recognition_decision_date", "Ngày quyết định công nhận chính thức", "Recognition decision date",
           Kind.DATE, _("Date of the recognition decision; required with its number."), "02/04/2011",
           aliases=("Ngày QĐ chính thức", "Ngày quyết định chính thức"), width=13),
    Column("recognition_decision_issuer", "Cơ quan quyết định công nhận chính thức", "Recognition decision issuer",
           Kind.TEXT, _("Committee that decided the recognition."), "Huyện ủy An Bình",
           aliases=("Cấp ủy quyết định chính thức",)),
)

BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}

#: Columns a list often has that carry nothing to import (the row's ordinal number).
IGNORED_HEADERS: tuple[str, ...] = ("STT", "TT", "Số thứ tự", "No", "No.", "#")

#: File fields of the member file (members.services.FILE_FIELDS) written by the import.
PERSON_FIELDS: tuple[str, ...] = (
    "full_name", "other_names", "gender", "birth_date", "birth_place", "hometown", "ethnicity", "religion",
    "citizen_id", "phone", "address", "general_education", "professional_qualification", "political_theory",
    "occupation", "party_card_number", "history_number",
)

#: Where the person lives and works (members.services.places): unit code and since, per kind.
PLACE_FIELDS: dict[str, tuple[str, str]] = {"residence": ("residence_unit", "residence_since"),
                                            "work": ("workplace_unit", "workplace_since")}

HISTORY_FIELDS: tuple[str, ...] = (
    "candidate_registered_on", "admission_date", "admission_decision_number", "admission_decision_issuer",
    "ceremony_on", "recognised_on", "recognition_decision_number", "recognition_decision_date",
    "recognition_decision_issuer",
)

_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def header_key(text: Any) -> str:
    """A header as compared: folded (no case, no diacritics, đ = d), punctuation and spaces dropped."""
    return _PUNCTUATION.sub("", fold(str(text or "")))


def _index() -> dict[str, str]:
    found: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, column.english, column.key, *column.aliases):
            found.setdefault(header_key(name), column.key)
    for name in IGNORED_HEADERS:
        found.setdefault(header_key(name), "")
    return found


HEADER_INDEX: dict[str, str] = _index()


def column_for(header: Any) -> str | None:
    """The column key a header names, "" for a recognised column that is ignored, None for an unknown header."""
    return HEADER_INDEX.get(header_key(header))
