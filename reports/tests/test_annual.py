"""The annual report and the forms on a small tree: doors (command, API, page), refusals, templates, query count."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from core.errors import DomainError
from core.testing import Cast
from members.tests import factories as f
from reports.annual.docx import default_template, render_docx, template_check
from reports.annual.model import Section, _appendix, report_build
from reports.annual.sentences import Sentence
from reports.build import report_file

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = {"date_from": D(2020, 1, 1), "date_to": D(2020, 12, 31)}


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def _template(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _queries(cast: Cast) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = report_build(actor=cast.district_officer, organization=cast.district_a, **YEAR)
        render_docx(report)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_members(cast: Cast) -> None:
    actor = cast.district_officer
    f.member(actor, cast.cell_a1a, "Nông Văn Một", admitted_on=D(2020, 3, 1), official=False)
    _queries(cast)  # warms the process caches (the kinds' periods, organizations.kinds)
    small = _queries(cast)
    for i in range(6):
        cell = cast.cell_a1a if i % 2 else cast.cell_a1b
        f.member(actor, cell, f"Đảng viên {i}", admitted_on=D(2020, 3, 1), official=False)
    assert _queries(cast) == small
    text = _text(render_docx(report_build(actor=actor, organization=cast.district_a, **YEAR)))
    assert "Kết nạp được 7 đảng viên" in text and "07 đảng viên, sinh hoạt tại 02 chi bộ" in text, text


def test_zero_figures_are_dropped_never_printed(cast: Cast) -> None:
    report = report_build(actor=cast.district_officer, organization=cast.district_b, **YEAR)
    text = _text(render_docx(report))
    assert "Trong kỳ chưa có số liệu ghi nhận cho phần này." in text
    assert not re.search(r"\b0+ (lớp|đảng viên|tập thể|chi bộ)", text)
    assert "kết nạp được" not in text
    # A key that ends in a code from data is labelled by the record's name in the appendix, not by its code.
    quoted = Sentence("…", ("honours.commendations_level_central", "training.learners_tagged_no_such_tag"))
    with translation.override("vi"):
        rows = _appendix([Section("I", [quoted])], {"honours": {"commendations_level_central": 2},
                                                    "training": {"learners_tagged_no_such_tag": 1}}, {})
    assert rows[0].label == "Khen thưởng theo cấp: Trung ương", rows
    assert "central" not in rows[0].label and "no such tag" not in rows[1].label, rows


def test_refusals_name_the_field(cast: Cast) -> None:
    actor = cast.district_officer
    with pytest.raises(DomainError) as reversed_period:
        report_build(actor=actor, organization=cast.district_a, date_from=D(2020, 12, 31), date_to=D(2020, 1, 1))
    assert reversed_period.value.field == "from"
    with pytest.raises(DomainError) as before_data:
        report_file(actor=actor, organization=cast.district_a, fmt="xlsx", date_from=D(1950, 1, 1),
                    date_to=D(1950, 12, 31))
    assert before_data.value.field == "as_of" and "1950" in str(before_data.value.message)
    with pytest.raises(DomainError) as unknown:
        template_check(_template("{{ body }}", "{{ bogus_total }}", "{{ figures.members.admitted }}"))
    assert "{{ bogus_total }}" in str(unknown.value.message) and unknown.value.field == "template"
    with pytest.raises(DomainError) as broken:
        template_check(b"PK\x03\x04 not really a docx")
    assert "DOCX" in str(broken.value.message)
    with pytest.raises(DomainError) as syntax:
        template_check(_template("{{ body "))
    assert syntax.value.field == "template"
    with pytest.raises(CommandError, match="as_of"):
        call_command("report_build", "T-A", user="district", year=1950, fmt="docx", out="/dev/null")
    with pytest.raises(CommandError):
        call_command("report_build", "T-B", user="district", year=2020, fmt="docx", out="/dev/null")


def test_own_template_is_filled(cast: Cast) -> None:
    template = _template("{{ party }}", "{{ body }}", "Kết nạp: {{ figures.members.admitted }}",
                         "{%p for section in sections %}", "{{ section.heading }}", "{%p endfor %}")
    f.member(cast.district_officer, cast.cell_a1a, "Nông Văn Một", admitted_on=D(2020, 3, 1), official=False)
    built = report_file(actor=cast.district_officer, organization=cast.district_a, fmt="docx", template=template,
                        **YEAR)
    text = _text(built.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ĐẢNG BỘ HUYỆN AN BÌNH" in text and "Kết nạp: 1" in text
    assert "II. CÔNG TÁC XÂY DỰNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN" in text
    # the default template passes its own check
    template_check(default_template())


def test_api_builds_files_and_hides_other_scopes(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    url = f"/api/v1/organizations/{cast.district_a.pk}/report"
    answer = client.get(url, {"format": "xlsx", "year": 2020})
    assert answer.status_code == 200, answer.content
    assert load_workbook(io.BytesIO(answer.content)).sheetnames[0] == "movement"
    answer = client.get(url, {"format": "docx", "year": 2020, "place": "<Na & Rì>\x01=1+1", "signer": "Lò Văn A"})
    assert answer.status_code == 200
    assert "<Na & Rì>=1+1, ngày" in _text(answer.content) and "Lò Văn A" in _text(answer.content)
    answer = client.get(url, {"format": "pdf", "year": 2020})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    answer = client.get(url, {"from": "2020-12-31", "to": "2020-01-01"})
    assert answer.status_code == 400 and answer.json()["field"] == "from"
    assert client.get(f"/api/v1/organizations/{cast.district_b.pk}/report", {"year": 2020}).status_code == 404
    assert client.get(url, {"format": "odt"}).status_code == 422


def test_page_builds_and_refuses_a_broken_template(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    url = f"/figures/{cast.district_a.pk}/report/"
    page = client.get(url)
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    html = page.content.decode()
    assert "<script>" not in html and "style=" not in html and 'id="report-form"' in html
    answer = client.post(url, {"year": "2020", "format": "docx"})
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    assert "BÁO CÁO" in _text(answer.content)
    bad = io.BytesIO(_template("{{ so_lieu_la }}"))
    bad.name = "mau.docx"
    answer = client.post(url, {"year": "2020", "format": "docx", "template": bad})
    assert answer.status_code == 400 and "{{ so_lieu_la }}" in answer.content.decode()
    answer = client.post(url, {"date_from": "31/12/2020", "date_to": "01/01/2020", "format": "pdf"})
    assert answer.status_code == 400 and 'id="date_from_error"' in answer.content.decode()
    assert client.get(f"/figures/{cast.district_b.pk}/report/").status_code == 404
    template = client.get(f"/figures/{cast.district_a.pk}/report/template.docx")
    assert template.status_code == 200 and "{{ superior }}" in _text(template.content)
