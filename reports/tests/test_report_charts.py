"""Charts embedded in the annual report (issue 14 §2): members over the years, admissions against plan and the
rating distribution, as PNG images in the DOCX and as drawings in the PDF, from the same numbers."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from core.testing import Cast
from members.tests import factories as f
from reports.annual.charts import Chart, Series, png, svg
from reports.annual.docx import render_docx
from reports.annual.model import report_build
from reports.annual.pdf import render_pdf

pytestmark = pytest.mark.django_db

D = dt.date


def test_docx_and_pdf_embed_the_charts(cast: Cast) -> None:
    actor = cast.district_officer
    f.member(actor, cast.cell_a1a, "Nông Văn Một", admitted_on=D(2018, 3, 1))
    f.member(actor, cast.cell_a1a, "Hà Thị Hai", admitted_on=D(2020, 3, 1), official=False)
    f.member(actor, cast.cell_a1b, "Lò Văn Ba", admitted_on=D(2020, 5, 1), official=False)
    report = report_build(actor=actor, organization=cast.district_a, date_from=D(2020, 1, 1),
                          date_to=D(2020, 12, 31))
    charts = {chart.key: chart for chart in report.charts}
    assert set(charts) == {"members", "admissions"}  # nothing rated: no rating chart, never an empty one
    assert charts["members"].categories == ["2016", "2017", "2018", "2019", "2020"]
    assert charts["members"].series[0].values == [0, 0, 1, 1, 3]
    assert charts["admissions"].series[0].values == [0, 0, 1, 0, 2]

    document = docx.Document(io.BytesIO(render_docx(report)))
    assert len(document.inline_shapes) == 2
    images = [rel.target_part for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 2 and all(part.blob.startswith(b"\x89PNG") for part in images)
    text = "\n".join(p.text for p in document.paragraphs)
    assert charts["members"].title in text and charts["admissions"].title in text

    reader = PdfReader(io.BytesIO(render_pdf(report)))
    pdf_text = "\n".join(page.extract_text() for page in reader.pages)
    assert charts["members"].title in pdf_text and charts["admissions"].title in pdf_text
    # The SVG is drawn into the PDF: its axis labels (years before the report's) are text of the page.
    assert "2016" in pdf_text and "2018" in pdf_text


def test_svg_and_png_of_a_chart() -> None:
    chart = Chart("admissions", "Kết nạp so với kế hoạch", ["2019", "2020"],
                  [Series("Kết nạp", [60, 76]), Series("Kế hoạch", [55, None])])
    drawing = svg(chart)
    assert drawing.count("<rect") == 1 + 2 + 3  # background, legend, bars (no bar for a missing plan)
    assert "<title>2020: 76</title>" in drawing and "Kế hoạch" in drawing
    image = png(chart)
    assert image.startswith(b"\x89PNG") and len(image) > 2000
