"""Demo: the reorganization of 01/07/2025 as two plans, applied after every other app's demo data (Na Rì, Na Tông).

Thái Nguyên: Đảng bộ tỉnh Bắc Kạn and the (old) Đảng bộ tỉnh Thái Nguyên merge into the new Đảng bộ tỉnh Thái
Nguyên (Nghị quyết 202/2025/QH15 of 12/06/2025 on the provinces); Đảng bộ huyện Na Rì ends on 30/06/2025; its 16
communes merge into six new communes directly under the province (Nghị quyết 1683/NQ-UBTVQH15 on Thái Nguyên's
communes — the resolution exists, but WHICH communes merged into which is illustrative here), and its agencies'
grassroots organizations pass under the province. Điện Biên: huyện Điện Biên ends likewise and Na Tông passes
under the province as it is (illustrative). The Politburo's decisions establishing the new provincial committees
are not encoded (numbers not confirmed): the rows cite the State resolutions. See docs/restructuring.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.decisions import Decision
from organizations.demo import PROVINCE_DECISION, grant_users
from organizations.models import Organization, OrganizationKind
from organizations.services import organization_establish
from restructuring.models import PlanStatus, RestructuringPlan
from restructuring.services import plan_apply, plan_create

ON = dt.date(2025, 7, 1)
NQ_202 = Decision("202/2025/QH15", dt.date(2025, 6, 12), "Quốc hội")
NQ_1683 = ("1683/NQ-UBTVQH15", "16/06/2025", "Ủy ban Thường vụ Quốc hội")
TITLE_TN = "Sắp xếp tổ chức đảng tỉnh Thái Nguyên (mới) từ 01/07/2025"
TITLE_DB = "Sắp xếp tổ chức đảng tỉnh Điện Biên từ 01/07/2025"

# new code, name <- old codes (BK-NR-...); illustrative grouping under 1683/NQ-UBTVQH15.
NA_RI_2025 = [
    ("TN-NARI", "Đảng bộ xã Na Rì", ["YL2020", "KL", "ST"]),
    ("TN-TRANPHU", "Đảng bộ xã Trần Phú", ["TP", "VV", "CL2020"]),
    ("TN-CONMINH", "Đảng bộ xã Côn Minh", ["CM", "QP", "CLE"]),
    ("TN-XUANDUONG", "Đảng bộ xã Xuân Dương", ["XD", "DS", "LTU"]),
    ("TN-VANLANG", "Đảng bộ xã Văn Lang", ["VLA", "KH"]),
    ("TN-LIEMTHUY", "Đảng bộ xã Liêm Thủy", ["LTH", "DX"]),
]


def _row(action: str, old: str, new: str = "", name: str = "", kind: str = "", parent: str = "",
         decision: tuple[str, str, str] = ("", "", "")) -> dict[str, Any]:
    return {"action": action, "old_code": old, "new_code": new, "new_name": name, "new_kind": kind,
            "new_parent": parent, "decision_number": decision[0], "decision_date": decision[1],
            "decision_issuer": decision[2]}


def thai_nguyen_rows() -> list[dict[str, Any]]:
    rows = [_row("merge", "BK", "TN-2025", "Đảng bộ tỉnh Thái Nguyên", "province"),
            _row("merge", "TN", "TN-2025", "Đảng bộ tỉnh Thái Nguyên", "province")]
    for code, name, olds in NA_RI_2025:
        rows += [_row("merge", f"BK-NR-{old}", code, name, "commune", "TN-2025", NQ_1683) for old in olds]
    rows.append(_row("dissolve", "BK-NR", parent="TN-2025"))
    return [{"row": number, **row} for number, row in enumerate(rows, start=2)]


def dien_bien_rows() -> list[dict[str, Any]]:
    rows = [_row("move", "DB-DBH-NT", parent="DB"), _row("dissolve", "DB-DBH", parent="DB")]
    return [{"row": number, **row} for number, row in enumerate(rows, start=2)]


def _old_thai_nguyen(actor: Any) -> Organization:
    """The (old) Thái Nguyên provincial organization, the other part of the merger (no records of its own here)."""
    existing = Organization.objects.filter(code="TN").first()
    return existing or organization_establish(
        actor=actor, code="TN", name="Đảng bộ tỉnh Thái Nguyên (trước 01/07/2025)",
        kind=OrganizationKind.objects.get(code="province"), parent=None, established_on=dt.date(1997, 1, 1),
        decision=PROVINCE_DECISION, reason="Dữ liệu mẫu")


def _apply(actor: Any, title: str, organization: Organization, rows: list[dict[str, Any]]) -> None:
    plan = RestructuringPlan.objects.filter(title=title).first()
    if plan is not None and plan.status == PlanStatus.APPLIED:
        return
    plan = plan or plan_create(actor=actor, organization=organization, title=title, effective_on=ON,
                               decision=NQ_202, rows=rows, reason="Dữ liệu mẫu")
    plan_apply(actor=actor, plan=plan)


def load(actor: Any) -> None:
    """Apply the two plans once; running it again changes nothing."""
    if not Organization.objects.filter(code="BK-NR").exists():
        return  # the organizations demo is not loaded
    _old_thai_nguyen(actor)
    _apply(actor, TITLE_TN, Organization.objects.get(code="BK"), thai_nguyen_rows())
    _apply(actor, TITLE_DB, Organization.objects.get(code="DB"), dien_bien_rows())


def load_present(actor: Any, *, as_of: dt.date) -> str:
    """The demo's present (restructuring.demo_present), once the plans above are applied."""
    if not Organization.objects.filter(code="TN-2025").exists():
        return ""
    from restructuring.demo_present import load as present

    return present(actor, as_of=as_of)


# Demo users of today's tree (organizations.demo's users serve the historic years): the provincial organization
# board, the office of the Na Rì commune committee, the secretary of the Phố Mới cell (Na Rì). Username, full name,
# role kind, organization code; `finish` creates them and grants the roles once every demo is loaded.
PRESENT_USERS = [
    ("bantochuc.thainguyen", "Nông Thị Hạnh", "organization-board", "TN-2025"),
    ("vanphong.nari", "Hà Thị Thu", "committee-office", "TN-NARI"),
    ("bithu.phomoi", "Lục Văn Tuyến", "cell-secretary", "BK-NR-YL-01"),
]


def finish(actor: Any) -> list[str]:
    """After every app's demo (core demo_load): the users of today's tree and their roles."""
    return grant_users(actor, PRESENT_USERS, today=True)

