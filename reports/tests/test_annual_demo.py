"""The annual reports of the seed documents, built from the demo data, carry every seed figure dangvu has records
for — in the DOCX text (python-docx) and in the PDF text (pypdf) — and the statistical forms agree with the figures
service. One test, because loading the demo is slow-ish (members/tests/test_demo.py does the same).

Seed figures not found (no records in dangvu yet): Na Rì's "35.000 tấn" (the demo records 35.120, the report writes
"hơn 35.000"), "24.878/18 tỷ đồng" (the demo records 24,878 tỷ: the report writes the value, not "/18"), the names of
the communes dissolved and established (the report gives counts), "ước đạt 01 xã đạt chuẩn nông thôn mới nâng
cao" (no record of the advanced standard); Na Tông's "hoàn thành tốt nhiệm vụ, một số chi bộ đạt trong sạch vững
mạnh" is written as counts per level.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pypdf
import pytest
from openpyxl import load_workbook

from accounts.models import User
from organizations.models import Organization
from reports.build import report_file
from reports.figures import compute, make_request

pytestmark = pytest.mark.django_db

D = dt.date

# (what the report must contain, the seed sentence it stands for)
NA_RI_2020 = [
    ("kết nạp được 76 đảng viên, đạt 126% KH", "Năm 2020, Đảng bộ huyện Na Rì đã kết nạp được 76 đảng viên; "
                                                "kết nạp đảng viên mới đạt 126% KH"),
    ("công nhận chính thức 91 đồng chí", "công nhận chính thức 91 đồng chí"),
    ("10 chi, đảng bộ hoàn thành xuất sắc nhiệm vụ", "toàn Đảng bộ có 10 chi, đảng bộ hoàn thành xuất sắc nhiệm vụ"),
    ("36 chi, đảng bộ hoàn thành tốt nhiệm vụ", "36 chi, đảng bộ hoàn thành tốt nhiệm vụ"),
    ("3 chi, đảng bộ hoàn thành nhiệm vụ", "3 chi, đảng bộ hoàn thành nhiệm vụ"),
    ("49 chi, đảng bộ cơ sở", "10 + 36 + 3 = 49 chi, đảng bộ xếp loại"),
    ("01 lớp bồi dưỡng lý luận chính trị và nghiệp vụ với 40 học viên",
     "mở 01 lớp bồi dưỡng lý luận chính trị và nghiệp vụ cho cán bộ làm công tác Mặt trận Tổ quốc với 40 học viên"),
    ("03 lớp bồi dưỡng lý luận chính trị kết nạp đảng cho 158 quần chúng ưu tú (trong đó có 39 tân binh",
     "03 lớp bồi dưỡng lý luận chính trị kết nạp đảng cho 158 quần chúng ưu tú (trong đó có 39 tân binh lên đường "
     "nhập ngũ năm 2020)"),
    ("03 lớp bồi dưỡng lý luận chính trị đảng viên mới với 140 học viên",
     "03 lớp bồi dưỡng lý luận chính trị đảng viên mới với 140 học viên tham gia"),
    ("04 tập thể, 17 cá nhân", "sổ ghi danh “người tốt, việc tốt” … được 04 tập thể, 17 cá nhân"),
    ("Khen thưởng 18 tập thể, 37 cá nhân", "Khen thưởng 18 tập thể, 37 cá nhân có thành tích xuất sắc trong học tập "
                                           "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("01 giải nhất", "cuộc thi “Bắc Kạn học tập và làm theo Bác” … kết quả giành giải nhất"),
    ("838 kg/người/năm, đạt hơn 104% KH, tăng 35 kg/người/năm so với năm 2019",
     "Bình quân lương thực đầu người đạt hơn 838 kg/ người/ năm, đạt hơn 104% KH, tăng hơn 35kg/người/năm so với "
     "năm 2019"),
    ("35.120 tấn, đạt hơn 102% KH", "Tổng sản lượng lương thực có hạt cả năm đạt hơn 35.000 tấn, đạt hơn 102% KH"),
    ("1,89 lần", "Hệ số sử dụng đất đạt 1,89 lần"),
    ("24,878 tỷ đồng, đạt hơn 138% KH", "Tổng thu ngân sách được 24.878/18 tỷ đồng, đạt hơn 138% KH"),
    ("01 xã đạt 19/19 tiêu chí", "đến nay có 01 xã đạt 19/19 tiêu chí"),
    ("01 xã đạt 15–18 tiêu chí; 12 xã đạt 10–14 tiêu chí; 02 xã đạt 5–9 tiêu chí",
     "01 xã đạt 15-18 tiêu chí, 12 xã đạt 10-14 tiêu chí; 02 xã đạt 5-9 tiêu chí"),
    ("05/15 thôn, chiếm hơn 33%", "Số thôn đạt nông thôn mới là 05/15, chiếm hơn 33%"),
    ("16 sản phẩm đăng ký, trong đó 3 nâng hạng, 13 mới", "16 sản phẩm đăng ký chương trình OCOP, trong đó có 3 sản "
                                                           "phẩm đăng ký nâng hạng sao OCOP, 13 sản phẩm đăng ký sản "
                                                           "phẩm mới"),
    ("01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao", "có 01 sản phẩm đề nghị nâng cấp từ 4 sao lên 5 sao"),
]
NA_TONG_2016 = [
    ("Đảng bộ xã Na Tông có 112 đảng viên, sinh hoạt tại 16 chi bộ",
     "Đảng bộ xã Na Tông (huyện Điện Biên) có 112 đảng viên, sinh hoạt tại 16 chi bộ"),
    ("kết nạp được 12 đảng viên", "Đảng bộ kết nạp 12 đảng viên"),
    ("công nhận chính thức 13 đồng chí", "làm thủ tục xét chuyển đảng chính thức cho 13 đồng chí"),
    ("hoàn tất hồ sơ xem xét kết nạp đảng cho 2 quần chúng ưu tú",
     "hoàn tất hồ sơ xem xét kết nạp đảng cho 2 quần chúng ưu tú"),
    ("4,5 %", "Đàn trâu, bò tăng 4,5%"),
    ("510 ha", "sản xuất lúa ruộng 510ha"),
    ("56 ha", "trong đó 56ha gieo cấy 2 vụ/năm"),
    ("đạt 133,5% KH", "thu ngân sách trên địa bàn đạt 133,5% kế hoạch"),
    ("66 %", "tỷ lệ hộ nghèo đa chiều của xã còn cao (chiếm 66%)"),
    ("17 đảng viên đủ tư cách, hoàn thành xuất sắc nhiệm vụ (15%)",
     "Hầu hết đảng viên trong Đảng bộ hoàn thành tốt nhiệm vụ, trong đó 15% hoàn thành xuất sắc nhiệm vụ"),
    ("16/16 chi bộ có cấp ủy viên phụ trách", "Đảng ủy phân công các đồng chí … phụ trách từng chi bộ"),
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _flat("\n".join(parts))


def _pdf_text(content: bytes) -> str:
    return _flat("\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages))


def _check(text: str, expected: list[tuple[str, str]], where: str) -> None:
    missing = [(found, seed) for found, seed in expected if found.lower() not in text.lower()]
    assert not missing, f"{where}: not found (report text, seed sentence): {missing}\n{text}"


def test_seed_reports_from_demo_data(demo_loaded: None) -> None:
    admin = User.objects.get(username="admin")
    na_ri, na_tong = Organization.objects.get(code="BK-NR"), Organization.objects.get(code="DB-DBH-NT")
    for organization, year, expected in ((na_ri, 2020, NA_RI_2020), (na_tong, 2016, NA_TONG_2016)):
        period = {"date_from": D(year, 1, 1), "date_to": D(year, 12, 31)}
        docx_file = report_file(actor=admin, organization=organization, fmt="docx", **period)
        pdf_file = report_file(actor=admin, organization=organization, fmt="pdf", **period)
        docx_text, pdf_text = _docx_text(docx_file.content), _pdf_text(pdf_file.content)
        _check(docx_text, expected, f"{organization.code} {year} DOCX")
        _check(pdf_text, expected, f"{organization.code} {year} PDF")
        # Header of a Party document (36-HD/VPTW) and the appendix tracing numbers to keys, in both.
        for text in (docx_text, pdf_text):
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and organization.name.upper() in text
            assert "members.admitted" in text and "BÁO CÁO" in text
            assert " 0 lớp" not in text and " 00 " not in text
        # The statistical forms: every figure-key row equals the figures service, each breakdown adds up to
        # the members counted on 31/12.
        xlsx = report_file(actor=admin, organization=organization, fmt="xlsx", **period)
        figures = compute(make_request(organization=organization, as_of=D(year, 12, 31), **period))["figures"]
        opening = compute(make_request(organization=organization, date_from=D(year, 1, 1),
                                       date_to=D(year, 12, 31), as_of=D(year - 1, 12, 31)))["figures"]
        workbook = load_workbook(io.BytesIO(xlsx.content))
        assert workbook.sheetnames == ["movement", "qualification", "ethnicity", "organizations"]
        total = figures["members"]["members_total"]
        for sheet in workbook.worksheets:
            assert sheet["C1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM" and sheet["A2"].value == organization.name.upper()
            breakdowns: dict[str, int] = {}
            for label, value, source in sheet.iter_rows(min_row=9, max_col=3, values_only=True):
                assert not (isinstance(value, str) and value.startswith("=")), label
                if not source:
                    continue
                if source.startswith("breakdown:"):
                    breakdowns[source] = breakdowns.get(source, 0) + value
                    continue
                namespace, key = source.split(".", 1)
                wanted = opening["members"][key] if namespace == "opening" else figures[namespace][key]
                assert value == wanted, (sheet.title, source)
            for source, added in breakdowns.items():
                assert added == total, (sheet.title, source)
    na_tong_forms = load_workbook(io.BytesIO(report_file(
        actor=admin, organization=na_tong, fmt="xlsx", date_from=D(2016, 1, 1), date_to=D(2016, 12, 31)).content))
    rows = {r[2]: r[1] for r in na_tong_forms["movement"].iter_rows(min_row=9, max_col=3, values_only=True)}
    assert (rows["members.admitted"], rows["members.members_total"]) == (12, 112)
    assert rows["opening.members_total"] > 0
