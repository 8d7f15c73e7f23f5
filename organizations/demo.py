"""Demo organizations: Bắc Kạn -> Na Rì with its 2020 commune mergers, and Điện Biên -> Na Tông with 16 cells.

Shaped after the published reports in the seed material. The 2020 mergers follow Nghị quyết
855/NQ-UBTVQH14; which two communes formed each new one is illustrative, except that Văn Học and
Lương Hạ were dissolved and Yến Lạc town, Cường Lợi, Văn Lang, Trần Phú, Văn Vũ and Sơn Thành were
established. Everything goes through the services, so the demo also exercises them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import RoleKind, User
from accounts.services import role_grant, user_create
from core.decisions import Decision
from core.text import fold
from organizations.models import CoveredUnit, CoveredUnitKind, Organization, OrganizationKind
from organizations.services import NewOrganization, covered_unit_create, organization_establish, organization_merge

NQ_855 = Decision("855/NQ-UBTVQH14", dt.date(2020, 1, 10), "Ủy ban Thường vụ Quốc hội")
MERGED_ON = dt.date(2020, 2, 1)

NA_RI_COMMUNES_BEFORE_2020 = [
    ("YL", "Đảng bộ thị trấn Yến Lạc", ["Phố Mới", "Pàn Xả", "Nà Làng"]),
    ("LH", "Đảng bộ xã Lương Hạ", ["Khuổi Hỏm", "Nà Buốc"]),
    ("CL", "Đảng bộ xã Cường Lợi", ["Nà Cà", "Khuổi Lặng"]),
    ("VH", "Đảng bộ xã Văn Học", ["Bản Chang", "Nà Vài"]),
    ("LS", "Đảng bộ xã Lạng San", ["Bản Lạ", "Nà Dài"]),
    ("AT", "Đảng bộ xã Ân Tình", ["Nà Lẹng", "Bản Đon"]),
    ("HN", "Đảng bộ xã Hảo Nghĩa", ["Nà Tu", "Bản Chằng"]),
    ("LT", "Đảng bộ xã Lương Thành", ["Bản Tàn", "Nà Pài"]),
    ("VM", "Đảng bộ xã Văn Minh", ["Bản Cháo", "Nà Mực"]),
    ("VL", "Đảng bộ xã Vũ Loan", ["Bản Sáng", "Khuổi Tinh"]),
    ("LSO", "Đảng bộ xã Lam Sơn", ["Bản Chiêng", "Nà Hin"]),
    ("HT", "Đảng bộ xã Hữu Thác", ["Bản Nưa", "Nà Mặn"]),
    ("KL", "Đảng bộ xã Kim Lư", ["Nà Giàng", "Bản Phiêng"]),
    ("CM", "Đảng bộ xã Côn Minh", ["Nà Dăm", "Bản Nhượng"]),
    ("CLE", "Đảng bộ xã Cư Lễ", ["Nà Lạn", "Bản Khuông"]),
    ("DS", "Đảng bộ xã Dương Sơn", ["Nà Pán", "Bản Cuôn"]),
    ("XD", "Đảng bộ xã Xuân Dương", ["Nà Quan", "Bản Cháp"]),
    ("DX", "Đảng bộ xã Đổng Xá", ["Nà Chang", "Bản Pò"]),
    ("LTH", "Đảng bộ xã Liêm Thủy", ["Nà Ngàn", "Bản Cằm"]),
    ("KH", "Đảng bộ xã Kim Hỷ", ["Khuổi Ít", "Bản Lùng"]),
    ("QP", "Đảng bộ xã Quang Phong", ["Nà Lìn", "Bản Phya"]),
    ("LTU", "Đảng bộ xã Lương Thượng", ["Bản Pjạc", "Nà Riềng"]),
]

# New organization (code, name) <- the two predecessors it was formed from on 01/02/2020.
NA_RI_MERGERS_2020 = [
    ("YL2020", "Đảng bộ thị trấn Yến Lạc", ["YL", "LH"]),
    ("CL2020", "Đảng bộ xã Cường Lợi", ["CL", "VH"]),
    ("VLA", "Đảng bộ xã Văn Lang", ["LS", "AT"]),
    ("TP", "Đảng bộ xã Trần Phú", ["HN", "LT"]),
    ("VV", "Đảng bộ xã Văn Vũ", ["VM", "VL"]),
    ("ST", "Đảng bộ xã Sơn Thành", ["LSO", "HT"]),
]

# Grassroots organizations of agencies, schools and forces directly under the district committee.
NA_RI_AGENCIES = [
    ("CQHU", "Chi bộ Cơ quan Huyện ủy", "grassroots-cell"),
    ("CQUB", "Đảng bộ Cơ quan Chính quyền huyện", "grassroots"),
    ("CQDT", "Chi bộ Cơ quan Mặt trận và các đoàn thể huyện", "grassroots-cell"),
    ("CA", "Đảng bộ Công an huyện", "grassroots"),
    ("QS", "Đảng bộ Quân sự huyện", "grassroots"),
    ("TTYT", "Đảng bộ Trung tâm Y tế huyện", "grassroots"),
    ("THPT", "Chi bộ Trường THPT Na Rì", "grassroots-cell"),
    ("DTNT", "Chi bộ Trường PTDT Nội trú Na Rì", "grassroots-cell"),
    ("GDNN", "Chi bộ Trung tâm GDNN-GDTX huyện", "grassroots-cell"),
    ("KB", "Chi bộ Kho bạc Nhà nước huyện", "grassroots-cell"),
    ("CCT", "Chi bộ Chi cục Thuế khu vực", "grassroots-cell"),
    ("NHCS", "Chi bộ Ngân hàng Chính sách xã hội huyện", "grassroots-cell"),
    ("AGR", "Chi bộ Ngân hàng Nông nghiệp huyện", "grassroots-cell"),
    ("BHXH", "Chi bộ Bảo hiểm xã hội huyện", "grassroots-cell"),
    ("VKS", "Chi bộ Viện Kiểm sát nhân dân huyện", "grassroots-cell"),
    ("TA", "Chi bộ Tòa án nhân dân huyện", "grassroots-cell"),
    ("THA", "Chi bộ Chi cục Thi hành án dân sự", "grassroots-cell"),
    ("DL", "Chi bộ Điện lực Na Rì", "grassroots-cell"),
    ("HTT", "Chi bộ Hạt Kiểm lâm", "grassroots-cell"),
    ("TTCT", "Chi bộ Trung tâm Chính trị huyện", "grassroots-cell"),
    ("VHTT", "Chi bộ Trung tâm Văn hóa, Thể thao và Truyền thông", "grassroots-cell"),
    ("BQL", "Chi bộ Ban Quản lý dự án đầu tư xây dựng", "grassroots-cell"),
    ("THCSYL", "Chi bộ Trường THCS thị trấn Yến Lạc", "grassroots-cell"),
    ("THYL", "Chi bộ Trường Tiểu học thị trấn Yến Lạc", "grassroots-cell"),
    ("MNYL", "Chi bộ Trường Mầm non thị trấn Yến Lạc", "grassroots-cell"),
    ("THCSKL", "Chi bộ Trường THCS Kim Lư", "grassroots-cell"),
    ("THCSCM", "Chi bộ Trường THCS Côn Minh", "grassroots-cell"),
    ("THCSLT", "Chi bộ Trường THCS Lương Thượng", "grassroots-cell"),
    ("THCSXD", "Chi bộ Trường THCS Xuân Dương", "grassroots-cell"),
    ("THCSDS", "Chi bộ Trường THCS Dương Sơn", "grassroots-cell"),
    ("THCSQP", "Chi bộ Trường THCS Quang Phong", "grassroots-cell"),
    ("THCSCLE", "Chi bộ Trường THCS Cư Lễ", "grassroots-cell"),
    ("THCSKH", "Chi bộ Trường THCS Kim Hỷ", "grassroots-cell"),
]

# Đảng bộ xã Na Tông (Điện Biên): 16 cells; some upland villages meet in one cell ("sinh hoạt ghép").
NA_TONG_CELLS = [
    ("PK1", "Chi bộ bản Pá Kín 1", ["Pá Kín 1"]),
    ("PK2", "Chi bộ bản Pá Kín 2", ["Pá Kín 2"]),
    ("NT1", "Chi bộ bản Na Tông 1", ["Na Tông 1"]),
    ("NT2", "Chi bộ bản Na Tông 2", ["Na Tông 2"]),
    ("HH", "Chi bộ bản Huổi Hốc", ["Huổi Hốc", "Huổi Hốc 2"]),
    ("CC", "Chi bộ bản Co Cượm", ["Co Cượm"]),
    ("NH", "Chi bộ bản Nà Hý", ["Nà Hý"]),
    ("PH", "Chi bộ bản Pá Hốc", ["Pá Hốc"]),
    ("XN", "Chi bộ bản Xá Nhù", ["Xá Nhù", "Phì Nhừ"]),
    ("TL", "Chi bộ bản Tìa Ló", ["Tìa Ló", "Háng Lìa"]),
    ("HS", "Chi bộ bản Hua Sa", ["Hua Sa"]),
    ("NN", "Chi bộ bản Nà Nọi", ["Nà Nọi"]),
    ("QS", "Chi bộ Quân sự xã", []),
    ("CA", "Chi bộ Công an xã", []),
    ("TH", "Chi bộ Trường Tiểu học Na Tông", []),
    ("MN", "Chi bộ Trường Mầm non Na Tông", []),
]

PROVINCE_DECISION = Decision("01-QĐ/TW", dt.date(1996, 12, 20), "Ban Chấp hành Trung ương")


def _kind(code: str) -> OrganizationKind:
    return OrganizationKind.objects.get(code=code)


def _ensure(actor: Any, code: str, name: str, kind: str, parent: Organization | None, on: dt.date,
            decision: Decision) -> Organization:
    existing = Organization.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return organization_establish(
        actor=actor, code=code, name=name, kind=_kind(kind), parent=parent, established_on=on, decision=decision,
        reason="Dữ liệu mẫu",
    )


def _ensure_villages(actor: Any, territory: Organization, cell: Organization | None, names: list[str],
                     code_prefix: str) -> None:
    """Villages registered from the commune's establishment (the records begin then; the villages are older),
    covered by their cell from the same date; a cell listing several villages is a joint cell (sinh hoạt ghép)."""
    village = CoveredUnitKind.objects.get(code="village")
    for name in names:
        code = f"{code_prefix}-{fold(name).replace(' ', '').upper()}"
        if not CoveredUnit.objects.filter(code=code).exists():
            covered_unit_create(actor=actor, code=code, name=f"Bản {name}" if not name.startswith(("Bản", "Phố"))
                                else name, kind=village, territory=territory, covered_by=cell,
                                established_on=territory.established_on, reason="Dữ liệu mẫu")


def load_na_ri(actor: Any) -> Organization:
    hu = Decision("05-QĐ/TU", dt.date(1997, 1, 2), "Tỉnh ủy Bắc Kạn")
    province = _ensure(actor, "BK", "Đảng bộ tỉnh Bắc Kạn", "province", None, dt.date(1997, 1, 1), PROVINCE_DECISION)
    district = _ensure(actor, "BK-NR", "Đảng bộ huyện Na Rì", "district", province, dt.date(1997, 1, 1), hu)
    commune_decision = Decision("12-QĐ/HU", dt.date(1997, 1, 10), "Huyện ủy Na Rì")
    for code, name, villages in NA_RI_COMMUNES_BEFORE_2020:
        commune = _ensure(actor, f"BK-NR-{code}", name, "commune", district, dt.date(1997, 1, 15), commune_decision)
        for index, village in enumerate(villages, 1):
            cell = _ensure(actor, f"BK-NR-{code}-{index:02d}", f"Chi bộ {'thôn' if code != 'YL' else 'tổ'} {village}",
                           "cell", commune, dt.date(1997, 1, 15), commune_decision)
            _ensure_villages(actor, commune, cell, [village], f"BK-NR-{code}")
    for code, name, kind in NA_RI_AGENCIES:
        _ensure(actor, f"BK-NR-{code}", name, kind, district, dt.date(1997, 1, 15), commune_decision)
    for code, name, predecessors in NA_RI_MERGERS_2020:
        if Organization.objects.filter(code=f"BK-NR-{code}").exists():
            continue
        sources = [Organization.objects.get(code=f"BK-NR-{p}") for p in predecessors]
        organization_merge(
            actor=actor, sources=sources, target=NewOrganization(f"BK-NR-{code}", name, _kind("commune"), district),
            effective_on=MERGED_ON, decision=NQ_855, reason="Sắp xếp đơn vị hành chính cấp xã theo 855/NQ-UBTVQH14",
        )
    return district


def load_na_tong(actor: Any) -> Organization:
    province = _ensure(actor, "DB", "Đảng bộ tỉnh Điện Biên", "province", None, dt.date(2004, 1, 1),
                       Decision("15-QĐ/TW", dt.date(2003, 12, 26), "Ban Chấp hành Trung ương"))
    district = _ensure(actor, "DB-DBH", "Đảng bộ huyện Điện Biên", "district", province, dt.date(2004, 1, 1),
                       Decision("03-QĐ/TU", dt.date(2004, 1, 2), "Tỉnh ủy Điện Biên"))
    founding = Decision("212-QĐ/HU", dt.date(2013, 7, 15), "Huyện ủy Điện Biên")
    commune = _ensure(actor, "DB-DBH-NT", "Đảng bộ xã Na Tông", "commune", district, dt.date(2013, 7, 15), founding)
    for code, name, villages in NA_TONG_CELLS:
        cell = _ensure(actor, f"DB-DBH-NT-{code}", name, "cell", commune, dt.date(2013, 7, 15), founding)
        _ensure_villages(actor, commune, cell, villages, "DB-DBH-NT")
    return commune


def load(actor: Any) -> None:
    """Load the demo organizations; running it again changes nothing."""
    load_na_ri(actor)
    load_na_tong(actor)


# Demo users with a role over a demo organization: (username, full name, role kind, organization code).
DEMO_USERS = [
    ("bantochuc.nari", "Hoàng Thị Lan", "organization-board", "BK-NR"),
    ("vanphong.natong", "Lò Thị Xuân", "committee-office", "DB-DBH-NT"),
    ("bithu.pakin1", "Lò Văn Liên", "cell-secretary", "DB-DBH-NT-PK1"),
]


def grant_users(actor: Any, users: list[tuple[str, str, str, str]], *, today: bool = False) -> list[str]:
    """Create the demo users (username, full name, role kind, organization code) and grant each its role where the
    organization exists; lines telling how to sign in (`today`: naming the organization of today's tree)."""
    lines = []
    for username, full_name, kind_code, org_code in users:
        organization = Organization.objects.filter(code=org_code).first()
        if organization is None:
            continue
        user = User.objects.filter(username=username).first() or user_create(
            actor=actor, username=username, password=f"{username}-demo", full_name=full_name)
        role_grant(actor=actor, user=user, kind=RoleKind.objects.get(code=kind_code), organization=organization)
        where = f", today's tree: {organization.name}" if today else ""
        lines.append(f"also {username} / {username}-demo ({kind_code}{where})")
    return lines


def finish(actor: Any) -> list[str]:
    """After every app's demo (core demo_load): the demo users and their roles; lines telling how to sign in."""
    return grant_users(actor, DEMO_USERS)
