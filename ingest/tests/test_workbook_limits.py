"""A small upload holding millions of cells is refused after a bounded amount of work, before openpyxl parses it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from core.spreadsheets import budget as xlsx_budget
from ingest.models import ImportStatus
from ingest.parsing import FileRefused, read_table
from ingest.tests.helpers import HEADERS, VALID_ROWS, run, write_xlsx

pytestmark = pytest.mark.django_db

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _xlsx(sheet_rows: str, *, shared_strings: str | None = None, dimension: str = "A1") -> bytes:
    """A complete workbook written with zipfile: one sheet whose <sheetData> is `sheet_rows`."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="{dimension}"/>'
            f'<sheetData>{sheet_rows}</sheetData></worksheet>'),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>{shared_strings}</sst>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_million_cells_in_one_row_are_refused_after_one_chunk(cast):
    content = _xlsx('<row r="1">' + "<c/>" * 1_000_000 + "</row>")
    assert len(content) < 120_000  # the reported attack: about 112 KB
    with translation.override("vi"), pytest.raises(FileRefused) as refused:
        read_table(content, "bom.xlsx")
    counts = refused.value.counts
    assert counts is not None
    # Bounded work: one chunk of the sheet inflated, not the 4 MB holding the million cells.
    assert counts.inflated_bytes <= 2 * xlsx_budget.CHUNK
    assert xlsx_budget.XlsxLimits.current().row_cells < counts.row_cells <= xlsx_budget.CHUNK // 4
    assert "ô" in refused.value.problems[0].message  # "Một dòng của tệp Excel có hơn 1.000 ô …"
    # Through the import service: a refused batch with the message, nothing else.
    result = run_bytes(cast.district_officer, content)
    assert result.batch.status == ImportStatus.REFUSED
    assert result.problems[0].message == refused.value.problems[0].message or result.problems


def run_bytes(user, content: bytes):
    from core.context import request_id_scope
    from ingest import services

    with request_id_scope():
        return services.members_import(actor=user, content=content, file_name="bom.xlsx")


def test_too_many_cells_in_all_are_refused_as_soon_as_counted(settings):
    settings.INGEST_MAX_CELLS = 5_000
    rows = "".join(f'<row r="{n}">' + "<c/>" * 50 + "</row>" for n in range(1, 20_001))  # a million cells
    with pytest.raises(FileRefused) as refused:
        read_table(_xlsx(rows), "wide.xlsx")
    counts = refused.value.counts
    assert counts is not None and 5_000 < counts.cells <= 5_000 + xlsx_budget.CHUNK // 4
    assert counts.inflated_bytes <= 2 * xlsx_budget.CHUNK


def test_too_many_shared_strings_are_refused(settings):
    settings.INGEST_MAX_SHARED_STRINGS = 1_000
    strings = "<si><t>a</t></si>" * 500_000
    with pytest.raises(FileRefused) as refused:
        read_table(_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_strings=strings), "s.xlsx")
    counts = refused.value.counts
    assert counts is not None and 1_000 < counts.shared_strings <= xlsx_budget.CHUNK // 10
    assert counts.inflated_bytes <= 3 * xlsx_budget.CHUNK


def test_too_many_rows_are_refused(settings):
    settings.INGEST_MAX_SHEET_ROWS = 1_000
    with pytest.raises(FileRefused) as refused:
        read_table(_xlsx('<row r="1"/>' * 400_000), "rows.xlsx")
    assert refused.value.counts is not None and refused.value.counts.rows <= 1_000 + xlsx_budget.CHUNK // 6


def test_a_prefixed_sheet_is_counted_too():
    body = '<x:row r="1">' + '<x:c r="A1"/>' * 2_000 + "</x:row>"
    counts = xlsx_budget.XlsxCounts()
    with pytest.raises(xlsx_budget.WorkbookTooLarge):
        xlsx_budget._count(body.encode(), counts, xlsx_budget.XlsxLimits(), 0)
    assert counts.row_cells == 2_000


def test_an_ordinary_workbook_passes_and_a_lying_dimension_does_not_widen_rows(cast, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", HEADERS, VALID_ROWS)
    with zipfile.ZipFile(path) as archive:
        counts = xlsx_budget.inspect(archive)
    assert counts.cells >= len(HEADERS) and counts.rows == len(VALID_ROWS) + 1
    # A sheet whose dimension claims every column of Excel: rows are read only up to the reader's width.
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADERS))
    table = read_table(_xlsx(f'<row r="1">{cells}</row>', dimension="A1:XFD1048576"), "dim.xlsx")
    assert table.header_row == 1
    assert run(cast.district_officer, path).ok
