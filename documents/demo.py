"""Demo register of Na Rì (Bắc Kạn), through the services: the documents the seed reports cite and the district
committee's issued documents of 2021, numbered by the register's proposal within the 2020–2025 term.

Cited (seed 000): Chỉ thị 05-CT/TW (15/5/2016) with the district's implementing plans and two communes' plans;
Nghị quyết 855/NQ-UBTVQH14 (10/01/2020) implemented by the six 2020 decisions appointing the committees of the
merged communes (112–117-QĐ/HU, as in committees.demo); Đề án 07 of the provincial committee of 20/12/2017
(its number 07-ĐA/TU is assumed from "Đề án số 07") with the district's plan; Quy định 101-QĐ/TW (07/6/2012).
Numbers, dates and titles of the district's own documents are illustrative. Counts: docs/documents.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from documents.models import Document, DocumentType, LinkKind
from documents.numbering import propose_number
from documents.services import DocumentInput, LinkInput, document_register
from organizations.models import Organization

D = dt.date
REASON = "demo"
DVK = "dân vận"
TG = "tuyên giáo"
XDD = "xây dựng Đảng"


def _type(code: str, style: str = "party") -> DocumentType:
    return DocumentType.objects.get(code=code, style=style)


def _register(actor: Any, organization: Organization, number: str, code: str, on: dt.date, title: str, *,
              direction: str = "issued", style: str = "party", issuer_name: str = "", signer: str = "",
              summary: str = "", field: str = "other", topics: tuple[str, ...] = (),
              links: tuple[tuple[str, Document], ...] = ()) -> Document:
    existing = Document.objects.filter(organization=organization, direction=direction, number=number,
                                       issued_on=on).first()
    if existing is not None:
        return existing
    data = DocumentInput(direction=direction, number=number, doc_type=_type(code, style), issued_on=on, title=title,
                         issuer_name=issuer_name, signer=signer, summary=summary, field=field, topics=topics,
                         received_on=on + dt.timedelta(days=10) if direction == "received" else None,
                         links=[LinkInput(kind, target) for kind, target in links])
    return document_register(actor=actor, organization=organization, data=data, reason=REASON)


def load_cited(actor: Any) -> dict[str, Document]:
    province = Organization.objects.get(code="BK")
    district = Organization.objects.get(code="BK-NR")
    found: dict[str, Document] = {}
    found["05"] = _register(
        actor, district, "05-CT/TW", "CT", D(2016, 5, 15),
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", direction="received",
        issuer_name="Bộ Chính trị", field="ideology", topics=(TG,))
    found["101"] = _register(
        actor, district, "101-QĐ/TW", "QĐi", D(2012, 6, 7),
        "Quy định về trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo chủ chốt các cấp",
        direction="received", issuer_name="Ban Bí thư", field="party_building", topics=(XDD,))
    found["855"] = _register(
        actor, district, "855/NQ-UBTVQH14", "NQ", D(2020, 1, 10),
        "Về việc sắp xếp các đơn vị hành chính cấp xã thuộc tỉnh Bắc Kạn", direction="received", style="state",
        issuer_name="Ủy ban Thường vụ Quốc hội", field="government")
    found["07"] = _register(
        actor, province, "07-ĐA/TU", "ĐA", D(2017, 12, 20),
        "Đề án đổi mới, nâng cao chất lượng công tác quán triệt, học tập và tuyên truyền các nghị quyết, chỉ thị "
        "của Đảng, giai đoạn 2017–2022", issuer_name="Tỉnh ủy Bắc Kạn", field="ideology", topics=(TG,))
    found["07-copy"] = _register(actor, district, "07-ĐA/TU", "ĐA", D(2017, 12, 20), found["07"].title,
                                 direction="received", issuer_name="Tỉnh ủy Bắc Kạn", field="ideology", topics=(TG,))
    # Chỉ thị 05: the district's plan, two communes' plans under it, and the 2020 theme plan.
    found["05-hu"] = _register(
        actor, district, "12-KH/HU", "KH", D(2016, 7, 20), "Kế hoạch thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị",
        issuer_name="Ban Thường vụ Huyện ủy Na Rì", field="ideology", topics=(TG,),
        links=((LinkKind.IMPLEMENTS, found["05"]),))
    for code, number in (("KL", "05-KH/ĐU"), ("CM", "07-KH/ĐU")):
        commune = Organization.objects.get(code=f"BK-NR-{code}")
        copy = _register(actor, commune, "12-KH/HU", "KH", D(2016, 7, 20), found["05-hu"].title, direction="received",
                         issuer_name="Ban Thường vụ Huyện ủy Na Rì", field="ideology", topics=(TG,))
        _register(actor, commune, number, "KH", D(2016, 8, 15),
                  f"Kế hoạch thực hiện Chỉ thị 05-CT/TW trên địa bàn {commune.name.replace('Đảng bộ ', '')}",
                  issuer_name=f"Ban Thường vụ {commune.name.replace('Đảng bộ ', 'Đảng ủy ')}", field="ideology",
                  topics=(TG,), links=((LinkKind.IMPLEMENTS, copy),))
    found["05-2020"] = _register(
        actor, district, "45-KH/HU", "KH", D(2020, 2, 10),
        "Kế hoạch thực hiện chuyên đề năm 2020 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        issuer_name="Ban Thường vụ Huyện ủy Na Rì", field="ideology", topics=(TG,),
        links=((LinkKind.IMPLEMENTS, found["05"]),))
    # Nghị quyết 855: the six decisions appointing the committees of the merged communes (committees.demo).
    for index, name in enumerate(["thị trấn Yến Lạc", "xã Cường Lợi", "xã Văn Lang", "xã Trần Phú", "xã Văn Vũ",
                                  "xã Sơn Thành"]):
        _register(actor, district, f"{112 + index}-QĐ/HU", "QĐ", D(2020, 1, 20),
                  f"Quyết định chỉ định Ban Chấp hành, Ban Thường vụ, Bí thư, Phó Bí thư Đảng bộ {name} nhiệm kỳ "
                  "2015–2020", issuer_name="Ban Thường vụ Huyện ủy Na Rì", field="party_building", topics=(XDD,),
                  links=((LinkKind.IMPLEMENTS, found["855"]),))
    found["07-hu"] = _register(
        actor, district, "20-KH/HU", "KH", D(2018, 1, 25), "Kế hoạch thực hiện Đề án số 07-ĐA/TU của Tỉnh ủy",
        issuer_name="Ban Thường vụ Huyện ủy Na Rì", field="ideology", topics=(TG,),
        links=((LinkKind.IMPLEMENTS, found["07-copy"]),))
    return found


# A year of the district committee's issued documents (2021): (type, month, day, title, field, topics, implements)
YEAR_2021: list[tuple[str, int, int, str, str, tuple[str, ...], str]] = [
    ("NQ", 1, 8, "Nghị quyết về lãnh đạo thực hiện nhiệm vụ năm 2021", "party_building", (XDD,), ""),
    ("CTr", 1, 15, "Chương trình kiểm tra, giám sát năm 2021 của Ban Chấp hành Đảng bộ huyện", "inspection", (), ""),
    ("KH", 1, 20, "Kế hoạch tuyên truyền các ngày lễ lớn năm 2021", "ideology", (TG,), ""),
    ("KH", 2, 3, "Kế hoạch thực hiện Đề án số 07-ĐA/TU năm 2021", "ideology", (TG,), "07"),
    ("KH", 2, 22, "Kế hoạch tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2021",
     "mass_mobilisation", (DVK,), ""),
    ("HD", 3, 1, "Hướng dẫn xây dựng mô hình “Dân vận khéo” năm 2021", "mass_mobilisation", (DVK,), ""),
    ("KH", 3, 10, "Kế hoạch thực hiện chuyên đề năm 2021 theo Chỉ thị 05-CT/TW", "ideology", (TG,), "05"),
    ("TB", 3, 25, "Thông báo kết luận của Ban Thường vụ về công tác phát triển đảng viên quý I", "party_building",
     (XDD,), ""),
    ("BC", 4, 5, "Báo cáo sơ kết công tác dân vận quý I năm 2021", "mass_mobilisation", (DVK,), ""),
    ("CT", 4, 12, "Chỉ thị về lãnh đạo cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp", "government",
     (), ""),
    ("QĐ", 4, 20, "Quyết định thành lập Đoàn kiểm tra việc thực hiện Quy định 101-QĐ/TW", "inspection", (), ""),
    ("KH", 5, 6, "Kế hoạch thực hiện Quy định 101-QĐ/TW về trách nhiệm nêu gương", "party_building", (XDD,), "101"),
    ("TB", 5, 28, "Thông báo kết quả kiểm tra tổ chức đảng cấp dưới", "inspection", (), ""),
    ("BC", 6, 25, "Báo cáo sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2021", "party_building", (XDD,), ""),
    ("NQ", 7, 9, "Nghị quyết về nhiệm vụ 6 tháng cuối năm 2021", "party_building", (XDD,), ""),
    ("HD", 7, 20, "Hướng dẫn tổ chức đối thoại ở xã, thị trấn năm 2021", "mass_mobilisation", (DVK,), ""),
    ("QĐ", 8, 2, "Quyết định kiện toàn Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở", "mass_mobilisation", (DVK,),
     ""),
    ("KH", 8, 16, "Kế hoạch phát triển đảng viên năm 2021", "party_building", (XDD,), ""),
    ("CTr", 9, 6, "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII", "economy", (), ""),
    ("TB", 9, 30, "Thông báo kết luận về công tác dân vận chính quyền", "mass_mobilisation", (DVK,), ""),
    ("BC", 10, 8, "Báo cáo kết quả thực hiện chuyên đề năm 2021 theo Chỉ thị 05-CT/TW", "ideology", (TG,), ""),
    ("QĐ", 10, 25, "Quyết định khen thưởng các mô hình “Dân vận khéo” tiêu biểu năm 2021", "mass_mobilisation",
     (DVK,), ""),
    ("KH", 11, 10, "Kế hoạch tổng kết công tác xây dựng Đảng năm 2021", "party_building", (XDD,), ""),
    ("BC", 12, 15, "Báo cáo tổng kết công tác năm 2021 và phương hướng nhiệm vụ năm 2022", "party_building",
     (XDD,), ""),
]


def load_year(actor: Any, cited: dict[str, Document]) -> None:
    district = Organization.objects.get(code="BK-NR")
    for code, month, day, title, field, topics, implements in YEAR_2021:
        on = D(2021, month, day)
        if Document.objects.filter(organization=district, direction="issued", title=title, issued_on=on).exists():
            continue
        number = propose_number(organization=district, doc_type=_type(code), issuer_code="HU", on=on)["number"]
        links = ((LinkKind.IMPLEMENTS, cited[implements if implements != "07" else "07-copy"]),) if implements else ()
        _register(actor, district, number, code, on, title, issuer_name="Ban Chấp hành Đảng bộ huyện Na Rì",
                  signer="Hoàng Văn Thiên", field=field, topics=topics, links=links)


def load(actor: Any) -> None:
    if not Organization.objects.filter(code="BK-NR").exists():
        return
    cited = load_cited(actor)
    load_year(actor, cited)
