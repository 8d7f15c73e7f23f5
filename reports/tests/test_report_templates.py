"""An organization's stored report templates (versioned, logged, used by default) and the report page's "with
predecessors" (issue 14 §1, §2)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.test import Client

from core.models import ChangeRecord
from core.testing import Cast
from members.tests import factories as f
from reports.build import report_file
from reports.models import ReportTemplate
from reports.tests.test_predecessors import _merged

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = {"date_from": D(2020, 1, 1), "date_to": D(2020, 12, 31)}


def _template(*paragraphs: str, name: str = "mau.docx") -> io.BytesIO:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    out.name = name
    return out


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_a_stored_template_is_versioned_logged_and_used_by_default(cast: Cast, client: Client) -> None:
    f.member(cast.district_officer, cast.cell_a1a, "Nông Văn Một", admitted_on=D(2020, 3, 1), official=False)
    client.force_login(cast.district_officer)
    url = f"/figures/{cast.district_a.pk}/report/templates/"
    refused = client.post(url, {"template": _template("{{ body }}", "{{ so_lieu }}"), "note": "thử"})
    assert refused.status_code == 400 and "{{ so_lieu }}" in refused.content.decode()
    assert not ReportTemplate.objects.exists()  # nothing stored
    stored = client.post(url, {"template": _template("Mẫu huyện: {{ body }}", "Kết nạp {{ figures.members.admitted }}"),
                               "note": "Mẫu năm 2021"})
    assert stored.status_code == 302
    built = report_file(actor=cast.district_officer, organization=cast.district_a, fmt="docx", **YEAR)
    assert "Mẫu huyện: ĐẢNG BỘ HUYỆN AN BÌNH" in _text(built.content) and "Kết nạp 1" in _text(built.content)
    page = client.get(f"/figures/{cast.district_a.pk}/report/").content.decode()
    assert "version 1" in page or "phiên bản 1" in page
    # A commune of the district keeps the built-in template (each organization its own).
    commune = report_file(actor=cast.district_officer, organization=cast.commune_a1, fmt="docx", **YEAR)
    assert "Mẫu huyện" not in _text(commune.content)
    # Back to the built-in one: a new version; the first is kept and can still be downloaded.
    assert client.post(url, {"default": "1"}).status_code == 302
    built = report_file(actor=cast.district_officer, organization=cast.district_a, fmt="docx", **YEAR)
    assert "Mẫu huyện" not in _text(built.content) and "BÁO CÁO" in _text(built.content)
    versions = list(ReportTemplate.objects.order_by("version"))
    assert [(v.version, v.is_default, v.filename) for v in versions] == [(1, False, "mau.docx"), (2, True, "")]
    first = client.get(f"/figures/templates/{versions[0].pk}.docx")
    assert first.status_code == 200 and "Mẫu huyện" in _text(first.content)
    logged = ChangeRecord.objects.filter(content_type__model="reporttemplate").order_by("pk")
    assert [r.after["version"] for r in logged] == [1, 2] and logged[0].after["sha256"] == versions[0].sha256
    assert 'data-version="2"' in client.get(url).content.decode()
    # Outside the scope: 404 for the page, the file and the write.
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    assert client.get(f"/figures/templates/{versions[0].pk}.docx").status_code == 404
    assert client.post(url, {"default": "1"}).status_code == 404 and ReportTemplate.objects.count() == 2


def test_the_report_page_builds_with_predecessors(cast: Cast, client: Client) -> None:
    new = _merged(cast)  # communes A1 and A2 merged on 01/07/2025 into T-A-9
    client.force_login(cast.district_officer)
    url = f"/figures/{new.pk}/report/"
    alone = client.post(url, {"year": "2024", "format": "docx"})
    assert alone.status_code == 400  # no data: the commune did not exist in 2024
    answer = client.post(url, {"year": "2024", "format": "docx", "with_predecessors": "on"})
    assert answer.status_code == 200, answer.content.decode()[:2000]
    text = _text(answer.content)
    assert "Đảng bộ xã Đồng Tâm" in text and "Đảng bộ xã Hòa Bình" in text  # the predecessors named
    assert "Kết nạp được 1 đảng viên" in text and "06 đảng viên" in text
    assert 'name="with_predecessors"' in client.get(url).content.decode()
