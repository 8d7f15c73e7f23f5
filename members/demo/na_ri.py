"""Đảng bộ huyện Na Rì (Bắc Kạn) in 2020: 76 admitted and 91 recognised, in cells of communes merged on
01/02/2020 and of agencies; the two cells of the former Lương Hạ commune merged on 01/07/2020 (their members move
through the members' restructuring handler); a death, a transfer between two cells, a transfer in."""

from __future__ import annotations

import datetime as dt

from core.decisions import Decision
from members.demo.admissions import admission, introducers, member_of_record, old_admission, recognition
from members.demo.life import death
from members.demo.people import gender_for, pick, work_of
from members.demo.plan import ORGANIZATION_STEP, Context, D, Plan
from members.demo.transfers import transfer_in_from_outside, transfer_within
from members.models import Gender, PoliticalTheory
from members.services import AdmissionRecord, TransferLetter
from organizations.models import Organization, OrganizationKind
from organizations.services import NewOrganization, organization_merge
from rules import calendar as working_days

NA_RI = "BK-NR"
NA_RI_ADDRESS = "huyện Na Rì, tỉnh Bắc Kạn"

NA_RI_VILLAGE_MIX = {"tay": 7, "nung": 2, "dao": 1}
NA_RI_AGENCY_MIX = {"tay": 6, "kinh": 2, "nung": 1, "dao": 1}
# Agency cells of Na Rì (grassroots cells directly under the district committee) and their kind of work.
NA_RI_AGENCY_WORK = {
    "CQHU": "party", "CQDT": "mass", "THPT": "school", "DTNT": "school", "GDNN": "school", "KB": "finance",
    "CCT": "finance", "NHCS": "finance", "AGR": "finance", "BHXH": "finance", "VKS": "justice", "TA": "justice",
    "THA": "justice", "DL": "technical", "HTT": "forest", "TTCT": "party", "VHTT": "culture", "BQL": "technical",
    "THCSYL": "school", "THYL": "school", "MNYL": "kindergarten", "THCSKL": "school", "THCSCM": "school",
    "THCSLT": "school", "THCSXD": "school", "THCSDS": "school", "THCSQP": "school", "THCSCLE": "school",
    "THCSKH": "school",
}
# The two cells of the former Lương Hạ commune, merged on 01/07/2020 (illustrative, like the commune mergers).
LH_CELLS = ("BK-NR-LH-01", "BK-NR-LH-02")
LH_MERGED = ("BK-NR-YL2020-KHNB", "Chi bộ thôn Khuổi Hỏm - Nà Buốc")
LH_MERGED_ON = D(2020, 7, 1)

NA_RI_DISTRICT = "Ban Thường vụ Huyện ủy Na Rì"


def na_ri_cells() -> tuple[dict[str, tuple[str, str]], list[str]]:
    """cell code -> (kind of work, address); and the codes of the predecessor communes merged in 2020."""
    from organizations.demo import NA_RI_AGENCIES, NA_RI_COMMUNES_BEFORE_2020, NA_RI_MERGERS_2020

    merged = [p for _code, _name, predecessors in NA_RI_MERGERS_2020 for p in predecessors]
    cells: dict[str, tuple[str, str]] = {}
    for code, name, villages in NA_RI_COMMUNES_BEFORE_2020:
        commune = name.replace("Đảng bộ ", "")
        for index, village in enumerate(villages, 1):
            place = "Tổ" if code == "YL" else "Thôn"
            cells[f"{NA_RI}-{code}-{index:02d}"] = ("village", f"{place} {village}, {commune}, {NA_RI_ADDRESS}")
    for code, _name, kind in NA_RI_AGENCIES:
        if kind == "grassroots-cell":
            cells[f"{NA_RI}-{code}"] = (NA_RI_AGENCY_WORK[code], f"Thị trấn Yến Lạc, {NA_RI_ADDRESS}")
    return cells, merged


NA_RI_NAMED = {
    ("CQHU", 0): ("Hoàng Văn Thiên", Gender.MALE, ("Tỉnh ủy viên, Bí thư Huyện ủy", "Đại học Luật",
                                                   PoliticalTheory.ADVANCED)),
    ("CQHU", 1): ("Hoàng Thị Lan", Gender.FEMALE, ("Chuyên viên Ban Tổ chức Huyện ủy", "Đại học Hành chính",
                                                   PoliticalTheory.INTERMEDIATE)),
}
NA_RI_JANUARY_CELLS = ["LH-01", "LH-02", "VH-01", "VH-02", "CL-01", "YL-01", "LS-01", "AT-02", "HN-01", "VM-01"]


def plan_na_ri() -> Plan:
    """76 admitted and 91 recognised in 2020, over the communes (before and after the mergers) and agencies."""
    plan = Plan(2020, province_digits="006", card_prefix="06")
    rng = plan.rng
    cells, merged = na_ri_cells()
    members: dict[str, list[str]] = {}  # cell code -> citizen IDs of members of record (the introducers)
    for cell, (kind, address) in cells.items():
        members[cell] = []
        count = rng.randint(3, 4) if kind == "village" else rng.randint(3, 6)
        mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
        for index in range(count):
            full_name, gender, work = NA_RI_NAMED.get((cell.removeprefix(f"{NA_RI}-"), index),
                                                      (None, gender_for(plan, kind), work_of(plan, kind, index)))
            ethnic = "tay" if full_name else pick(rng, mix)
            file = plan.file(cell=cell, ethnic=ethnic, born=(1948, 1990) if kind == "village" else (1965, 1992),
                             gender=gender, work=work, full_name=full_name, address=address,
                             hometown=_na_ri_hometown(plan, kind, address), card=True)
            member_of_record(plan, file, admitted=old_admission(plan, file.birth_date, latest=D(2017, 6, 30)),
                             issuer=NA_RI_DISTRICT)
            members[cell].append(file.citizen_id)

    # Cells that exist through 2020 (the Lương Hạ cells are merged on 01/07/2020).
    lasting = [c for c in cells if c not in LH_CELLS]
    # The oldest villager dies in April; a teacher moves to another school of the district in August.
    died = min((plan.files[cid] for c in lasting if cells[c][0] == "village" for cid in members[c]),
               key=lambda f: f.birth_date)
    teacher = plan.files[members[f"{NA_RI}-THCSKL"][-1]]
    for file in (died, teacher):
        members[file.cell].remove(file.citizen_id)

    # 91 recognised in 2020: admitted from December 2018 to November 2019 (copied from their files).
    for index in range(91):
        cell = LH_CELLS[index % 2] if index < 2 else lasting[(index * 7) % len(lasting)]
        kind, address = cells[cell]
        mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
        file = plan.file(cell=cell, ethnic=pick(rng, mix), born=(1980, 1999), gender=gender_for(plan, kind),
                         work=work_of(plan, kind, newcomer=True), address=address,
                         hometown=_na_ri_hometown(plan, kind, address))
        # In the Lương Hạ cells probation ends, and is decided, before their merger.
        admitted = plan.day(D(2018, 12, 3), D(2019, 2, 28) if cell in LH_CELLS else D(2019, 11, 29))
        # The ceremony falls in 2019, so that the probation ends in 2020.
        ceremony = member_of_record(plan, file, admitted=admitted, issuer=NA_RI_DISTRICT, recognised=False,
                                    ceremony_between=(D(2019, 1, 3), D(2019, 12, 27)))
        recognition(plan, file, end=working_days.add_months(ceremony, 12), issuer=NA_RI_DISTRICT)

    # 76 admitted in 2020: 10 in January in cells of the communes merged on 01/02/2020, 66 from February on.
    for index, suffix in enumerate(NA_RI_JANUARY_CELLS):
        cell = f"{NA_RI}-{suffix}"
        assert suffix.split("-")[0] in merged
        _admit_na_ri(plan, cells, members, cell, resolution=plan.day(D(2019, 11, 4), D(2019, 11, 29)),
                     decided=plan.day(D(2020, 1, 6), D(2020, 1, 17)), index=index)
    for index in range(66):
        cell = lasting[(index * 11 + 5) % len(lasting)]
        resolution = plan.day(D(2020, 1, 6), D(2020, 10, 30))
        decided = plan.after(resolution, 15, 40)
        if decided.year > 2020 or decided < D(2020, 2, 3):
            decided = plan.day(D(2020, 2, 3), D(2020, 12, 18))
            resolution = decided - dt.timedelta(days=rng.randint(20, 45))
        _admit_na_ri(plan, cells, members, cell, resolution=resolution, decided=decided, index=index)

    # The two Lương Hạ cells become one on 01/07/2020: their files move through the restructuring handler.
    plan.step(LH_MERGED_ON, ORGANIZATION_STEP, _merge_lh_cells)

    # Other events of 2020: a death, a transfer between two cells of the district, a transfer in from outside.
    death(plan, died, on=D(2020, 4, 14), reason="Từ trần")
    letter = TransferLetter(register_number="09/GGT-CB", list_number="04", dues_paid_until=D(2020, 8, 1),
                            issued_on=D(2020, 8, 17), issuer="Chi bộ Trường THCS Kim Lư")
    transfer_within(plan, teacher, destination=f"{NA_RI}-THPT", out_on=D(2020, 8, 17), in_on=D(2020, 8, 24),
                    letter=letter, reason="Điều động công tác")
    arriving = plan.file(cell=f"{NA_RI}-BHXH", ethnic="tay", born=(1985, 1990), gender=Gender.MALE,
                         work=("Chuyên viên", "Đại học Kinh tế", PoliticalTheory.ELEMENTARY),
                         address=f"Thị trấn Yến Lạc, {NA_RI_ADDRESS}", hometown="phường Hợp Giang, thành phố Cao Bằng",
                         card=True)
    cao_bang = "Ban Thường vụ Thành ủy Cao Bằng"
    history = AdmissionRecord(decision=Decision("233-QĐ/TU", D(2012, 9, 5), cao_bang), ceremony_on=D(2012, 9, 25),
                              recognised_on=D(2013, 9, 25),
                              recognition_decision=Decision("301-QĐ/TU", D(2013, 10, 8), cao_bang))
    letter_in = TransferLetter(register_number="31/GGT-ĐU", list_number="15", dues_paid_until=D(2020, 9, 1),
                               issued_on=D(2020, 9, 8), issuer="Đảng ủy Khối cơ quan thành phố Cao Bằng")
    transfer_in_from_outside(plan, arriving, on=D(2020, 9, 21), letter=letter_in, history=history,
                             origin="Chi bộ Bảo hiểm xã hội thành phố Cao Bằng, tỉnh Cao Bằng",
                             reason="Chuyển công tác")
    return plan


def _na_ri_hometown(plan: Plan, kind: str, address: str) -> str:
    if kind == "village":
        return address.split(", ", 1)[1]
    commune = plan.rng.choice(["Kim Lư", "Côn Minh", "Lương Thượng", "Cư Lễ", "Xuân Dương", "Văn Minh"])
    return f"xã {commune}, {NA_RI_ADDRESS}"


def _admit_na_ri(plan: Plan, cells: dict[str, tuple[str, str]], members: dict[str, list[str]], cell: str, *,
                 resolution: dt.date, decided: dt.date, index: int) -> None:
    rng = plan.rng
    kind, address = cells[cell]
    mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
    file = plan.file(cell=cell, ethnic=pick(rng, mix), born=(resolution.year - 36, resolution.year - 19),
                     gender=gender_for(plan, kind), work=work_of(plan, kind, newcomer=True), address=address,
                     applicant=True, hometown=_na_ri_hometown(plan, kind, address))
    young = resolution.year - file.birth_date.year <= 29 and rng.random() < 0.35
    youth = plan.number("NQ/ĐTN", resolution - dt.timedelta(days=rng.randint(5, 20)),
                        "Ban Chấp hành Đoàn cơ sở") if young else None
    admission(plan, file, resolution=resolution, decided=decided, issuer=NA_RI_DISTRICT, youth_union=youth,
              introducers=introducers(plan, members[cell], resolution, count=1 if youth else 2))


def _merge_lh_cells(ctx: Context) -> None:
    code, name = LH_MERGED
    if Organization.objects.filter(code=code).exists():
        return
    parent = ctx.organization(f"{NA_RI}-YL2020")
    organization_merge(
        actor=ctx.actor, sources=[ctx.organization(c) for c in LH_CELLS],
        target=NewOrganization(code, name, OrganizationKind.objects.get(code="cell"), parent),
        effective_on=LH_MERGED_ON, decision=Decision("48-QĐ/ĐU", D(2020, 6, 22), "Đảng ủy thị trấn Yến Lạc"),
        reason="Sáp nhập thôn Khuổi Hỏm và thôn Nà Buốc",
    )
