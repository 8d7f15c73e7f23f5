"""Demo resolutions, results, new-rural statuses and OCOP registrations from the seed reports' numbers, entered
through the services (loaded after members and rating: INSTALLED_APPS order). Loading again changes nothing.

From the reports: Na Rì 2020 — "kết nạp đảng viên mới đạt 126% KH" (the plan of 60 is illustrative; the 76
admissions are counted from the members records, never typed), "tổng sản lượng lương thực có hạt cả năm đạt hơn
35.000 tấn, đạt hơn 102% KH", "bình quân lương thực đầu người đạt hơn 838 kg/người/năm, đạt hơn 104% KH, tăng hơn
35 kg/người/năm so với năm 2019", "hệ số sử dụng đất đạt 1,89 lần", "tổng thu ngân sách … đạt hơn 138% KH", "01
xã đạt 19/19 tiêu chí …; 01 xã đạt 15-18 tiêu chí, 12 xã đạt 10-14 tiêu chí; 02 xã đạt 5-9 tiêu chí", "số thôn
đạt nông thôn mới là 05/15, chiếm hơn 33%", "16 sản phẩm đăng ký chương trình OCOP, trong đó có 3 sản phẩm đăng ký
nâng hạng sao OCOP, 13 sản phẩm đăng ký sản phẩm mới, có 01 sản phẩm đề nghị nâng cấp từ 4 sao lên 5 sao là sản
phẩm miến dong của HTX Tài Hoan … xuất khẩu sang thị trường Châu Âu". Na Tông 2016 — "đàn trâu, bò tăng 4,5%; sản
xuất lúa ruộng 510ha, trong đó 56ha gieo cấy 2 vụ/năm; thu ngân sách trên địa bàn đạt 133,5% kế hoạch", "tỷ lệ
hộ nghèo đa chiều của xã còn cao (chiếm 66%)". Plans, the other values (which communes meet how many criteria,
product names) and the resolutions' numbers are illustrative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from organizations.models import CoveredUnit, Organization
from organizations.queries import subtree_versions_as_of
from targets.models import Field, Indicator, Resolution, Target, TargetKind, TargetPeriod, Wording
from targets.newrural.models import CommuneCriterionStatus, VillageStatus
from targets.newrural.queries import criteria_set_for
from targets.newrural.services import commune_statuses_record, village_status_record
from targets.ocop.models import OcopProduct
from targets.ocop.services import ocop_product_register
from targets.services import PlanInput, indicator_create, resolution_create, result_record, target_add

D = dt.date
REASON = "Dữ liệu mẫu"
NA_RI = "BK-NR"
NA_TONG = "DB-DBH-NT"

# (code, name, unit, decimals, field, figure key)
INDICATORS = [
    ("party_admissions", "Kết nạp đảng viên mới", "đảng viên", 0, Field.PARTY, "members.admitted"),
    ("grassroots_good_or_better", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", 0, Field.PARTY,
     "rating.grassroots_good_or_better_percent"),
    ("grain_output", "Tổng sản lượng lương thực có hạt", "tấn", 0, Field.ECONOMY, ""),
    ("grain_per_capita", "Bình quân lương thực đầu người", "kg/người/năm", 0, Field.ECONOMY, ""),
    ("land_use_coefficient", "Hệ số sử dụng đất", "lần", 2, Field.ECONOMY, ""),
    ("budget_revenue", "Tổng thu ngân sách trên địa bàn", "tỷ đồng", 3, Field.ECONOMY, ""),
    ("livestock_growth", "Tăng trưởng đàn trâu, bò", "%", 1, Field.ECONOMY, ""),
    ("rice_area", "Diện tích lúa ruộng", "ha", 0, Field.ECONOMY, ""),
    ("rice_two_crop_area", "Diện tích lúa gieo cấy 2 vụ/năm", "ha", 0, Field.ECONOMY, ""),
    ("multidimensional_poverty_rate", "Tỷ lệ hộ nghèo đa chiều", "%", 1, Field.SOCIETY, ""),
]


def _indicator(actor: Any, code: str) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    if found is not None:
        return found
    _code, name, unit, decimals, field, key = next(row for row in INDICATORS if row[0] == code)
    return indicator_create(actor=actor, code=code, name=name, unit=unit, decimals=decimals, field=field,
                            figure_key=key, reason=REASON)


def _resolution(actor: Any, organization: Organization, title: str, **fields: Any) -> Resolution | None:
    """The resolution, or None when it is already there (the demo then skips its targets)."""
    if Resolution.objects.filter(organization=organization, title=title).exists():
        return None
    return resolution_create(actor=actor, organization=organization, title=title, reason=REASON, **fields)


def _target(actor: Any, resolution: Resolution, code: str, kind: str, plans: list[PlanInput], *,
            wording: str = Wording.MORE_THAN, parent: Target | None = None, position: int = 0,
            period: str = TargetPeriod.EACH_YEAR) -> Target:
    return target_add(actor=actor, resolution=resolution, indicator=_indicator(actor, code), kind=kind,
                      period=period, plans=plans, wording=wording, parent=parent, position=position, reason=REASON)


def _result(actor: Any, target: Target, year: int, value: str, source: str, on: dt.date) -> None:
    result_record(actor=actor, target=target, year=year, value=Decimal(value), source=source, reported_on=on,
                  reason=REASON)


def load_na_ri(actor: Any) -> None:
    district = Organization.objects.get(code=NA_RI)
    report = "Báo cáo kết quả thực hiện nghị quyết năm 2020 (demo)"
    before = _resolution(actor, district, "Nghị quyết về mục tiêu, nhiệm vụ phát triển kinh tế – xã hội năm 2019",
                         kind="annual", start_year=2019, end_year=2019, number="25-NQ/HU", adopted_on=D(2018, 12, 20))
    if before is not None:
        per_capita = _target(actor, before, "grain_per_capita", TargetKind.AT_LEAST,
                             [PlanInput("800", "kg/người/năm", "Nghị quyết năm 2019")], position=1)
        _result(actor, per_capita, 2019, "803", "Báo cáo kết quả năm 2019 (demo)", D(2019, 12, 20))
    title = "Nghị quyết của BCH Đảng bộ huyện về mục tiêu, nhiệm vụ phát triển kinh tế – xã hội năm 2020"
    resolution = _resolution(actor, district, title,
                             kind="annual", start_year=2020, end_year=2020, number="31-NQ/HU",
                             adopted_on=D(2019, 12, 18))
    if resolution is None:
        resolution = Resolution.objects.get(organization=district, title=title)
        _rating_target(actor, resolution)
        return
    _rating_target(actor, resolution)
    _target(actor, resolution, "party_admissions", TargetKind.AT_LEAST,
            [PlanInput("60", "đảng viên", "Nghị quyết năm 2020")], wording=Wording.TRUNCATE, position=1)
    grain = _target(actor, resolution, "grain_output", TargetKind.AT_LEAST,
                    [PlanInput("34300", "tấn", "Nghị quyết năm 2020")], position=2)
    _result(actor, grain, 2020, "35120", report, D(2020, 12, 15))
    per_capita = _target(actor, resolution, "grain_per_capita", TargetKind.AT_LEAST,
                         [PlanInput("805", "kg/người/năm", "Nghị quyết năm 2020")], position=3)
    _result(actor, per_capita, 2020, "838", report, D(2020, 12, 15))
    land = _target(actor, resolution, "land_use_coefficient", TargetKind.AT_LEAST,
                   [PlanInput("1.85", "lần", "Nghị quyết năm 2020")], position=4)
    _result(actor, land, 2020, "1.89", report, D(2020, 12, 15))
    budget = _target(actor, resolution, "budget_revenue", TargetKind.AT_LEAST,
                     [PlanInput("18", "tỷ đồng", "Dự toán tỉnh giao", label="KH")], position=5)
    _result(actor, budget, 2020, "24.878", report, D(2020, 12, 15))
    _newrural(actor, district, 2020)
    _ocop(actor, district, 2020)


def _rating_target(actor: Any, resolution: Resolution) -> None:
    """"80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", counted from the rating app's decided ratings."""
    if resolution.targets.filter(indicator__code="grassroots_good_or_better").exists():
        return
    _target(actor, resolution, "grassroots_good_or_better", TargetKind.SHARE,
            [PlanInput("80", "%", "Nghị quyết năm 2020")], position=6)


# Criteria met by the 16 communes of Na Rì at the end of 2020 (1 × 19; 1 × 15–18; 12 × 10–14; 2 × 5–9).
NA_RI_CRITERIA_MET_2020 = [19, 16, 14, 13, 13, 12, 12, 12, 11, 11, 11, 10, 10, 10, 8, 6]


def _communes(district: Organization, on: dt.date) -> list[Organization]:
    return [v.organization for v in subtree_versions_as_of(district, on=on)
            .filter(kind__code="commune").select_related("organization").order_by("organization__code")]


def _newrural(actor: Any, district: Organization, year: int) -> None:
    on = D(year, 12, 31)
    communes = _communes(district, on)
    criteria_set = criteria_set_for(year)
    if criteria_set is None or CommuneCriterionStatus.objects.filter(year=year, organization__in=communes).exists():
        return
    criteria = list(criteria_set.criteria.all())
    for commune, met_count in zip(communes, NA_RI_CRITERIA_MET_2020, strict=False):
        commune_statuses_record(actor=actor, organization=commune, year=year,
                                met={c: c.number <= met_count for c in criteria},
                                source="Báo cáo nông thôn mới năm 2020 (demo)", reason=REASON)
    # The villages covered by a cell standing under the district that year, under the commune of that cell then
    # (a village's territory is only its current one: the mergers of later years move it).
    versions = {v.organization_id: v for v in subtree_versions_as_of(district, on=on)}
    villages = list(CoveredUnit.objects.filter(kind__code="village", covered_by_id__in=list(versions))
                    .order_by("code")[:15])
    if VillageStatus.objects.filter(year=year, village__in=villages).exists():
        return
    for index, village in enumerate(villages):
        cell_version = versions[int(village.covered_by_id or 0)]
        commune = Organization.objects.get(pk=int(cell_version.parent_id or 0))
        village_status_record(actor=actor, village=village, year=year, met=index < 5, organization=commune,
                              source="Báo cáo nông thôn mới năm 2020 (demo)", reason=REASON)


OCOP_2020 = [
    # (product, producer, registration, stars, proposed stars, export markets)
    ("Miến dong Na Rì", "HTX Tài Hoan", "upgrade", 4, 5, "Châu Âu"),
    ("Mật ong bạc hà", "HTX Nông nghiệp Lương Thượng", "upgrade", 3, None, ""),
    ("Thịt lợn đen gác bếp", "HTX Quang Phong", "upgrade", 3, None, ""),
    ("Bánh gio", "Hộ kinh doanh Yến Lạc", "new", None, None, ""),
    ("Trà hoa vàng", "HTX Côn Minh", "new", None, None, ""),
    ("Gạo nếp vải", "HTX Kim Hỷ", "new", None, None, ""),
    ("Rượu men lá", "HTX Liêm Thủy", "new", None, None, ""),
    ("Cam sành", "Tổ hợp tác Cư Lễ", "new", None, None, ""),
    ("Quýt Hợp Thành", "HTX Dương Sơn", "new", None, None, ""),
    ("Bột dong riềng", "HTX Xuân Dương", "new", None, None, ""),
    ("Chè Đổng Xá", "HTX Đổng Xá", "new", None, None, ""),
    ("Măng khô", "HTX Kim Lư", "new", None, None, ""),
    ("Lạp sườn", "Hộ kinh doanh Văn Lang", "new", None, None, ""),
    ("Tương ớt", "HTX Trần Phú", "new", None, None, ""),
    ("Hồng không hạt", "HTX Văn Vũ", "new", None, None, ""),
    ("Vịt bầu", "HTX Sơn Thành", "new", None, None, ""),
]


def _ocop(actor: Any, district: Organization, year: int) -> None:
    if OcopProduct.objects.filter(year=year, organization__path__startswith=district.path).exists():
        return
    communes = _communes(district, D(year, 12, 31))
    for index, (name, producer, registration, stars, proposed, markets) in enumerate(OCOP_2020):
        ocop_product_register(actor=actor, organization=communes[index % len(communes)], name=name,
                              producer=producer, year=year,
                              registration=registration, stars=stars, proposed_stars=proposed,
                              export_markets=markets, reason=REASON)


def load_na_tong(actor: Any) -> None:
    commune = Organization.objects.get(code=NA_TONG)
    report = "Báo cáo kết quả năm 2016 (demo)"
    term = _resolution(actor, commune, "Nghị quyết Đại hội Đảng bộ xã Na Tông nhiệm kỳ 2015–2020",
                       kind="congress", start_year=2015, end_year=2020, number="01-NQ/ĐH", adopted_on=D(2015, 6, 20))
    if term is not None:
        poverty = _target(actor, term, "multidimensional_poverty_rate", TargetKind.REDUCTION,
                          [PlanInput("3", "%", "Nghị quyết Đại hội", label="KH")], position=1)
        _result(actor, poverty, 2015, "70", "Báo cáo kết quả năm 2015 (demo)", D(2015, 12, 20))
        _result(actor, poverty, 2016, "66", report, D(2016, 12, 20))
    resolution = _resolution(actor, commune, "Nghị quyết Đảng ủy xã về nhiệm vụ năm 2016", kind="annual",
                             start_year=2016, end_year=2016, number="12-NQ/ĐU", adopted_on=D(2016, 1, 8))
    if resolution is None:
        return
    herd = _target(actor, resolution, "livestock_growth", TargetKind.AT_LEAST,
                   [PlanInput("4", "%", "Nghị quyết năm 2016")], position=1)
    _result(actor, herd, 2016, "4.5", report, D(2016, 12, 20))
    rice = _target(actor, resolution, "rice_area", TargetKind.AT_LEAST,
                   [PlanInput("500", "ha", "Nghị quyết năm 2016")], position=2)
    _result(actor, rice, 2016, "510", report, D(2016, 12, 20))
    two_crops = _target(actor, resolution, "rice_two_crop_area", TargetKind.AT_LEAST,
                        [PlanInput("50", "ha", "Nghị quyết năm 2016")], parent=rice, position=3)
    _result(actor, two_crops, 2016, "56", report, D(2016, 12, 20))
    budget = _target(actor, resolution, "budget_revenue", TargetKind.AT_LEAST,
                     [PlanInput("1.2", "tỷ đồng", "Dự toán huyện giao")], wording=Wording.ONE_DECIMAL, position=4)
    _result(actor, budget, 2016, "1.602", report, D(2016, 12, 20))


def load(actor: Any) -> None:
    load_na_ri(actor)
    load_na_tong(actor)
