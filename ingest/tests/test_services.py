"""The member import: all rows or none, every problem named by row and column, re-imports change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from core.errors import NotInScope
from core.models import ChangeAction, ChangeRecord
from core.testing import establish
from ingest import services
from ingest.models import ImportBatch, ImportStatus, MemberKey
from ingest.tests.helpers import (
    CANDIDATE,
    HEADERS,
    OFFICIAL,
    PROBATIONARY,
    VALID_ROWS,
    counts,
    replace,
    run,
    write_csv,
    write_xlsx,
)
from members.models import EventKind, MemberEvent, Person, PoliticalTheory, Status

pytestmark = pytest.mark.django_db

D = dt.date


def _everything() -> tuple[int, ...]:
    return (*counts(), MemberKey.objects.count())


def _problems(result) -> set[tuple[int | None, str]]:
    return {(p.row, p.column) for p in result.problems}


def test_valid_file_creates_each_file_with_its_status_and_history(cast, tmp_path):
    before = Person.objects.count()
    result = run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    assert result.ok, result.problems
    assert (result.rows_total, result.created, result.skipped) == (3, 3, 0)
    assert Person.objects.count() == before + 3

    official = Person.objects.get(import_key__code="NT-001")
    assert (official.full_name, official.gender, official.birth_date) == ("Hoàng Văn Giới", "male", D(1970, 2, 2))
    assert official.status == Status.OFFICIAL
    assert official.organization == cast.cell_a1a
    assert official.ethnicity.name == "Tày" and official.religion is None
    assert official.citizen_id == "001070000001" and official.political_theory == PoliticalTheory.ELEMENTARY
    events = {e.kind: e for e in MemberEvent.objects.filter(person=official)}
    # admitted in 2000, before the cell's first day in the tree (2015): registered there on that day
    assert set(events) == {EventKind.ADMISSION_DECISION, EventKind.ADMISSION_CEREMONY, EventKind.RECOGNITION,
                           EventKind.RESTRUCTURE_MOVE}
    assert events[EventKind.RESTRUCTURE_MOVE].details["registered_at_founding"]
    assert events[EventKind.ADMISSION_DECISION].organization is None
    decision = events[EventKind.ADMISSION_DECISION]
    assert (decision.occurred_on, decision.decision_number, decision.decision_issuer) == (
        D(2000, 3, 1), "15-QĐ/HU", "Huyện ủy An Bình")
    assert events[EventKind.ADMISSION_CEREMONY].occurred_on == D(2000, 3, 20)
    recognition = events[EventKind.RECOGNITION]
    assert (recognition.occurred_on, recognition.decision_number, recognition.decision_date) == (
        D(2001, 3, 20), "40-QĐ/HU", D(2001, 4, 2))

    probationary = Person.objects.get(import_key__code="NT-002")
    assert probationary.status == Status.PROBATIONARY and probationary.gender == "female"
    candidate = Person.objects.get(import_key__code="NT-003")
    assert candidate.status == Status.CANDIDATE and candidate.organization == cast.cell_a1b
    assert MemberEvent.objects.get(person=candidate).kind == EventKind.CANDIDATE_REGISTERED


def test_every_write_is_logged_with_the_file_as_reason_and_one_request_id(cast, tmp_path):
    result = run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    batch = result.batch
    records = ChangeRecord.objects.filter(request_id=batch.request_id)
    reason = services._reason("na-ri.xlsx")
    assert reason.endswith("na-ri.xlsx")
    assert records.count() >= 3 * 2 + 1  # each person and key, and the import record
    assert set(records.values_list("reason", flat=True)) == {reason}
    assert set(records.values_list("user_name", flat=True)) == {cast.district_officer.username}
    for person in Person.objects.filter(import_key__batch=batch):
        assert ChangeRecord.objects.for_object(person).filter(action=ChangeAction.CREATE).exists()
    assert ChangeRecord.objects.for_object(batch).get().action == ChangeAction.CREATE
    assert (batch.status, batch.user, batch.file_name) == (ImportStatus.APPLIED, cast.district_officer, "na-ri.xlsx")
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped, batch.error_count) == (3, 3, 0, 0)
    assert len(batch.sha256) == 64


@pytest.mark.parametrize(
    ("header", "value", "column", "reason_part"),
    [
        ("Ngày sinh", "01/01/2090", "Ngày sinh", "2090"),  # a birth date in the future
        ("Mã chi bộ", "KHONG-CO", "Mã chi bộ", "KHONG-CO"),  # an unknown cell code
        # Admitted on 01/03/2000 at 16 years 9 months: under the minimum of 216 months.
        ("Ngày sinh", "01/06/1983", "Ngày vào Đảng", "216"),
        ("Ngày kết nạp", "01/02/2000", "Ngày kết nạp", "01/02/2000"),  # a ceremony before its decision
        ("Ngày chính thức", "01/01/2000", "Ngày chính thức", ""),  # a recognition before the ceremony
        ("Ngày sinh", "31/02/1970", "Ngày sinh", "31/02/1970"),  # not a date
        ("Giới tính", "X", "Giới tính", ""),
        # A malformed decision number: refused by members.services (Decision.validate).
        ("Số quyết định kết nạp", "quyết định số 5", "Số quyết định kết nạp", "quyết định số 5"),
    ],
)
def test_one_bad_row_writes_nothing_and_names_its_row_and_column(cast, tmp_path, header, value, column,
                                                                 reason_part):
    before = _everything()
    batches = ImportBatch.objects.count()
    rows = [PROBATIONARY, CANDIDATE, replace(OFFICIAL, header, value)]
    result = run(cast.district_officer, write_xlsx(tmp_path / "bad.xlsx", HEADERS, rows))
    assert not result.ok
    assert _everything() == before
    assert _problems(result) == {(4, column)}, result.problems
    assert reason_part in result.problems[0].message
    batch = ImportBatch.objects.get(pk=result.batch.pk)
    assert ImportBatch.objects.count() == batches + 1
    assert (batch.status, batch.error_count, batch.rows_refused) == (ImportStatus.REFUSED, 1, 1)
    assert batch.errors == [{"row": 4, "column": column, "message": result.problems[0].message}]


def test_every_problem_of_every_row_is_listed(cast, tmp_path):
    rows = [
        replace(replace(OFFICIAL, "Ngày sinh", "01/01/2090"), "Dân tộc", "Không có"),
        PROBATIONARY,
        replace(replace(CANDIDATE, "Họ và tên", ""), "Mã chi bộ", "???"),
    ]
    result = run(cast.district_officer, write_xlsx(tmp_path / "bad.xlsx", HEADERS, rows))
    assert _problems(result) == {(2, "Ngày sinh"), (2, "Dân tộc"), (4, "Họ và tên"), (4, "Mã chi bộ")}
    assert [p.row for p in result.problems] == sorted(p.row for p in result.problems)


def test_reasons_follow_the_request_language(cast, tmp_path):
    rows = [replace(OFFICIAL, "Mã chi bộ", "KHONG-CO")]
    path = write_xlsx(tmp_path / "bad.xlsx", HEADERS, rows)
    with translation.override("en"):
        english = run(cast.district_officer, path).problems[0].message
    assert english.startswith("No Party organization with code “KHONG-CO”")
    with translation.override("vi"):
        vietnamese = run(cast.district_officer, path).problems[0].message
    assert "KHONG-CO" in vietnamese


def test_reimporting_the_same_file_changes_nothing(cast, tmp_path):
    path = write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS)
    assert run(cast.district_officer, path).created == 3
    before = _everything()
    records = ChangeRecord.objects.count()
    again = run(cast.district_officer, path)
    assert again.ok
    assert (again.created, again.skipped) == (0, 3)
    assert _everything()[:3] == before[:3]
    # Only the import record of the second run is logged.
    assert ChangeRecord.objects.count() == records + 1
    assert ChangeRecord.objects.filter(request_id=again.batch.request_id).count() == 1


def test_a_known_code_with_different_data_is_an_error_naming_each_column(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "first.xlsx", HEADERS, VALID_ROWS))
    before = _everything()
    changed = replace(replace(OFFICIAL, "Họ và tên", "Hoàng Văn Giỏi"), "Ngày chính thức", "21/03/2001")
    result = run(cast.district_officer, write_xlsx(tmp_path / "second.xlsx", HEADERS, [changed, PROBATIONARY]))
    assert _problems(result) == {(2, "Họ và tên"), (2, "Ngày chính thức")}
    assert "Hoàng Văn Giới" in result.problems[0].message and "Hoàng Văn Giỏi" in result.problems[0].message
    assert _everything() == before


def test_codes_are_matched_without_case_and_only_given_columns_are_compared(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "first.xlsx", HEADERS, VALID_ROWS))
    headers = ["mã hồ sơ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã chi bộ"]
    rows = [["nt-001", "Hoàng  Văn Giới", "nam", "2/2/1970", "t-a-1-a"]]
    result = run(cast.district_officer, write_xlsx(tmp_path / "short.xlsx", headers, rows))
    assert result.ok, result.problems
    assert (result.created, result.skipped) == (0, 1)


def test_duplicates_inside_the_file_are_refused(cast, tmp_path):
    twin = replace(replace(OFFICIAL, "Mã hồ sơ", "NT-009"), "Họ và tên", "Hoàng Văn Song")
    result = run(cast.district_officer, write_xlsx(tmp_path / "twins.xlsx", HEADERS, [OFFICIAL, twin, OFFICIAL]))
    assert _problems(result) == {(3, "Số CCCD"), (4, "Mã hồ sơ"), (4, "Số CCCD")}
    assert "2" in result.problems[0].message


def test_csv_with_bom_and_semicolons(cast, tmp_path):
    path = write_csv(tmp_path / "na-ri.csv", HEADERS, VALID_ROWS, delimiter=";", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run(cast.district_officer, path)
    assert result.ok, result.problems
    assert result.created == 3
    assert Person.objects.get(import_key__code="NT-001").full_name == "Hoàng Văn Giới"


def test_csv_with_commas_and_no_bom(cast, tmp_path):
    result = run(cast.district_officer, write_csv(tmp_path / "na-ri.csv", HEADERS, VALID_ROWS))
    assert (result.ok, result.created) == (True, 3), result.problems


def test_headers_without_diacritics_or_in_english(cast, tmp_path):
    plain = ["MA HO SO", "Ho va ten", "gioi tinh", "Ngay sinh", "Dan toc", "Ton giao", "So CCCD",
             "Giao duc pho thong", "Ly luan chinh tri", "ma_chi_bo", "Ngay dang ky quan chung uu tu", "Ngay vao Dang",
             "So quyet dinh ket nap", "Co quan quyet dinh ket nap", "Ngay ket nap", "Ngay chinh thuc",
             "So quyet dinh cong nhan chinh thuc", "Ngay quyet dinh cong nhan chinh thuc"]
    result = run(cast.district_officer, write_xlsx(tmp_path / "plain.xlsx", plain, [OFFICIAL]))
    assert (result.ok, result.created) == (True, 1), result.problems
    english = ["Member code", "Full name", "Gender", "Date of birth", "Ethnicity", "Religion", "Citizen ID",
               "General education", "Political theory", "Cell code", "Candidate registered on",
               "Admission decision date", "Admission decision number", "Admission decision issuer",
               "Admission ceremony date", "Recognition date", "Recognition decision number",
               "Recognition decision date"]
    result = run(cast.district_officer, write_csv(tmp_path / "english.csv", english, [PROBATIONARY]))
    assert (result.ok, result.created) == (True, 1), result.problems
    assert Person.objects.get(import_key__code="NT-002").status == Status.PROBATIONARY


def test_unknown_and_missing_columns_are_named(cast, tmp_path):
    headers = ["STT", "Mã hồ sơ", "Họ và tên", "Ngày sinhh", "Mã chi bộ"]
    result = run(cast.district_officer, write_xlsx(tmp_path / "typo.xlsx", headers, [[1, "A", "B", "1/1/1990", "x"]]))
    assert _problems(result) == {(1, "Ngày sinhh"), (1, "Giới tính"), (1, "Ngày sinh")}


def test_real_excel_dates_numbers_and_a_title_above_the_header(cast, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN NÀ RÌ"])
    sheet.append([])
    sheet.append(["Mã hồ sơ", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Điện thoại", "Giáo dục phổ thông",
                  "Mã chi bộ", "Ngày vào Đảng", "Số quyết định kết nạp", "Ngày kết nạp"])
    sheet.append(["NT-100", "Triệu Thị Mai", "Nữ", dt.datetime(1995, 4, 30), 1095000123, 912345678,
                  dt.datetime(2024, 12, 12), "T-A-1-a", dt.datetime(2020, 5, 19), "12-QĐ/ĐU", dt.datetime(2020, 6, 1)])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    result = run(cast.district_officer, path)
    assert result.ok, result.problems
    person = Person.objects.get(import_key__code="NT-100")
    assert (person.birth_date, person.citizen_id, person.phone) == (D(1995, 4, 30), "001095000123", "0912345678")
    assert person.general_education == "12/12"
    assert person.status == Status.PROBATIONARY


def test_out_of_scope_cell_code_is_refused_and_an_allowed_one_accepted(cast, tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", HEADERS, [CANDIDATE])  # cell T-A-1-b
    before = _everything()
    refused = run(cast.cell_secretary, path)  # secretary of T-A-1-a only
    assert _problems(refused) == {(2, "Mã chi bộ")}
    assert _everything() == before
    allowed = run(cast.district_officer, path)
    assert (allowed.ok, allowed.created) == (True, 1)


def test_a_cell_of_another_district_is_out_of_scope(cast, tmp_path):
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Vược", "cell", cast.commune_b1)
    path = write_xlsx(tmp_path / "b.xlsx", HEADERS, [replace(CANDIDATE, "Mã chi bộ", cell_b.code)])
    assert _problems(run(cast.district_officer, path)) == {(2, "Mã chi bộ")}
    assert run(cast.outsider, path).created == 1


def test_a_known_code_outside_the_scope_is_not_shown(cast, tmp_path):
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Vược", "cell", cast.commune_b1)
    run(cast.outsider, write_xlsx(tmp_path / "b.xlsx", HEADERS, [replace(CANDIDATE, "Mã chi bộ", cell_b.code)]))
    result = run(cast.district_officer, write_xlsx(tmp_path / "a.xlsx", HEADERS, [CANDIDATE]))
    assert _problems(result) == {(2, "Mã hồ sơ")}
    assert "Nông Văn Ba" not in result.problems[0].message


def test_a_user_who_may_change_no_member_file_cannot_import(cast, tmp_path):
    with pytest.raises(NotInScope):
        run(cast.member, write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS))
    assert not ImportBatch.objects.exists()


def test_dry_run_writes_nothing_and_says_what_it_would_do(cast, tmp_path):
    before = _everything()
    result = run(cast.district_officer, write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS), dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.skipped) == (3, 0)
    assert _everything() == before
    assert ImportBatch.objects.get().status == ImportStatus.CHECKED


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02garbage", b"PK\x03\x04not a zip", b"\xd0\xcf\x11\xe0old xls",
     "Mã hồ sơ;Họ và tên\n".encode("cp1258", "replace") + b"\xe9\xff",
     b"a,b,c\n1,2,3\n", "Mã hồ sơ;Họ và tên;Giới tính;Ngày sinh;Mã chi bộ\n".encode()],
)
def test_unreadable_files_are_refused_with_a_reason(cast, content):
    before = _everything()
    result = services.members_import(actor=cast.district_officer, content=content, file_name="x.csv")
    assert not result.ok
    assert result.problems[0].message
    assert _everything() == before
    assert ImportBatch.objects.get().status == ImportStatus.REFUSED


def test_a_workbook_whose_only_sheet_is_the_wrong_one(cast, tmp_path):
    path = write_xlsx(tmp_path / "wrong.xlsx", ["Tên", "Tuổi"], [["An", 30]], sheet_title="Khác")
    result = run(cast.district_officer, path)
    assert [p.row for p in result.problems] == [None]


def test_huge_cells_are_refused_per_cell(cast, tmp_path):
    rows = [replace(OFFICIAL, "Họ và tên", "Nguyễn " * 400), replace(PROBATIONARY, "Số CCCD", "9" * 5000)]
    result = run(cast.district_officer, write_csv(tmp_path / "huge.csv", HEADERS, rows))
    assert _problems(result) == {(2, "Họ và tên"), (3, "Số CCCD")}


def test_ethnic_groups_by_official_names_and_common_variants(cast, tmp_path):
    """"Mông" (the name of the censuses) is the group the 1979 list calls "Hmông"; "Khmer" is "Khơ-me"."""
    rows = [replace(OFFICIAL, "Dân tộc", "Mông"), replace(PROBATIONARY, "Dân tộc", "H'Mông"),
            replace(CANDIDATE, "Dân tộc", "Khmer")]
    result = run(cast.district_officer, write_xlsx(tmp_path / "names.xlsx", HEADERS, rows))
    assert result.ok, result.problems
    found = dict(Person.objects.filter(import_key__code__in=["NT-001", "NT-002", "NT-003"])
                 .values_list("import_key__code", "ethnicity__code"))
    assert found == {"NT-001": "08", "NT-002": "08", "NT-003": "05"}
