"""Đảng bộ xã Na Tông (Điện Biên) in 2016: 112 members in 16 cells at the end of the year, 12 admitted,
13 recognised as official, the dossiers of 2 candidates completed; a death, an exemption, a transfer out and a
transfer in."""

from __future__ import annotations

import datetime as dt

from core.decisions import Decision
from members.demo.admissions import admission, introducers, member_of_record, old_admission, recognition
from members.demo.life import death, exemption
from members.demo.people import gender_for, pick, work_of
from members.demo.plan import D, Plan
from members.demo.transfers import transfer_in_from_outside, transfer_out_outside
from members.models import Gender, PoliticalTheory
from members.services import AdmissionRecord, TransferLetter
from rules import calendar as working_days

NA_TONG = "DB-DBH-NT"
NA_TONG_ADDRESS = "xã Na Tông, huyện Điện Biên, tỉnh Điện Biên"

# cell code suffix -> (village, mix of ethnic groups, kind of cell, members already admitted before 2016)
NA_TONG_CELLS: dict[str, tuple[str, dict[str, int], str, int]] = {
    "PK1": ("Pá Kín 1", {"thai": 9, "kinh": 1}, "village", 7),
    "PK2": ("Pá Kín 2", {"thai": 9, "khmu": 1}, "village", 6),
    "NT1": ("Na Tông 1", {"thai": 8, "kinh": 2}, "village", 7),
    "NT2": ("Na Tông 2", {"thai": 9, "kinh": 1}, "village", 6),
    "HH": ("Huổi Hốc", {"hmong": 9, "thai": 1}, "village", 6),
    "CC": ("Co Cượm", {"thai": 7, "khmu": 3}, "village", 6),
    "NH": ("Nà Hý", {"thai": 10}, "village", 5),
    "PH": ("Pá Hốc", {"khmu": 6, "thai": 4}, "village", 5),
    "XN": ("Xá Nhù", {"hmong": 10}, "village", 5),
    "TL": ("Tìa Ló", {"hmong": 10}, "village", 5),
    "HS": ("Hua Sa", {"hmong": 8, "thai": 2}, "village", 5),
    "NN": ("Nà Nọi", {"thai": 10}, "village", 5),
    "QS": ("Na Tông 1", {"thai": 6, "kinh": 3, "hmong": 1}, "military", 5),
    "CA": ("Na Tông 2", {"thai": 5, "kinh": 4, "hmong": 1}, "police", 4),
    "TH": ("Na Tông 1", {"kinh": 7, "thai": 3}, "school", 7),
    "MN": ("Na Tông 2", {"kinh": 6, "thai": 4}, "kindergarten", 4),
}

NA_TONG_DISTRICT = "Ban Thường vụ Huyện ủy Điện Biên"
NA_TONG_COMMITTEE = "Đảng ủy xã Na Tông"

# Members named in the published reports or given a demo account: (cell, index in the cell) -> name, gender, work.
NA_TONG_NAMED = {
    ("PK1", 0): ("Lò Văn Liên", Gender.MALE, ("Bí thư chi bộ bản Pá Kín 1", "", PoliticalTheory.ELEMENTARY)),
    ("NT1", 1): ("Lò Văn Phong", Gender.MALE, ("Bí thư Đảng ủy xã", "Đại học Hành chính",
                                               PoliticalTheory.INTERMEDIATE)),
    ("NT2", 1): ("Lò Thị Xuân", Gender.FEMALE, ("Văn phòng Đảng ủy xã", "Cao đẳng Văn thư - Lưu trữ",
                                                PoliticalTheory.ELEMENTARY)),
}
NA_TONG_HOME = "xã Na Tông, huyện Điện Biên, tỉnh Điện Biên"
KINH_HOMETOWNS = ["xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình", "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định",
                  "xã Thanh Xương, huyện Điện Biên, tỉnh Điện Biên", "phường Him Lam, thành phố Điện Biên Phủ"]

def plan_na_tong() -> Plan:
    """112 members in 16 cells on 31/12/2016; in 2016: 12 admitted, 13 recognised, 2 dossiers completed."""
    plan = Plan(2016, province_digits="011", card_prefix="62")
    rng = plan.rng
    members: dict[str, list[str]] = {}  # cell code -> citizen IDs of members of record (the introducers)
    named: set[str] = set()
    for suffix, (village, mix, kind, count) in NA_TONG_CELLS.items():
        cell = f"{NA_TONG}-{suffix}"
        members[cell] = []
        for index in range(count):
            ethnic = pick(rng, mix)
            full_name, gender, work = NA_TONG_NAMED.get((suffix, index), (None, gender_for(plan, kind), None))
            if full_name:
                ethnic = "thai"
            born = (1940, 1958) if index == 0 and kind == "village" else (1950, 1992) if kind == "village" \
                else (1962, 1990)
            file = plan.file(cell=cell, ethnic=ethnic, born=born, gender=gender, full_name=full_name,
                             work=work or work_of(plan, kind, index), address=f"Bản {village}, {NA_TONG_ADDRESS}",
                             hometown=rng.choice(KINH_HOMETOWNS) if ethnic == "kinh" else NA_TONG_HOME, card=True)
            member_of_record(plan, file, admitted=old_admission(plan, file.birth_date, latest=D(2013, 12, 31)),
                             issuer=NA_TONG_DISTRICT)
            members[cell].append(file.citizen_id)
            if full_name:
                named.add(file.citizen_id)

    cells = list(members)
    villages = [c for c in cells if NA_TONG_CELLS[c.rsplit("-", 1)[1]][2] == "village"]
    # The two oldest villagers die and are exempted; a teacher from the lowlands goes home. None introduces anyone.
    elders = sorted((plan.files[cid] for c in villages for cid in members[c] if cid not in named),
                    key=lambda f: f.birth_date)
    died, exempted = elders[0], elders[1]
    leaving = next(plan.files[cid] for cid in members[f"{NA_TONG}-TH"] if plan.files[cid].ethnicity == "kinh"
                   and "Hiệu trưởng" not in plan.files[cid].fields["occupation"])
    for file in (died, exempted, leaving):
        members[file.cell].remove(file.citizen_id)

    # 13 admitted in 2015 (copied from their files), recognised in 2016 at the end of their probation.
    for index in range(13):
        cell = cells[(index * 5) % len(cells)]
        village, mix, kind, _count = NA_TONG_CELLS[cell.rsplit("-", 1)[1]]
        file = plan.file(cell=cell, ethnic=pick(rng, mix), born=(1986, 1996), gender=gender_for(plan, kind),
                         work=work_of(plan, kind, newcomer=True), address=f"Bản {village}, {NA_TONG_ADDRESS}",
                         hometown=NA_TONG_HOME)
        admitted = plan.day(D(2015, 1, 5), D(2015, 11, 20))
        ceremony = member_of_record(plan, file, admitted=admitted, issuer=NA_TONG_DISTRICT, recognised=False,
                                    ceremony_between=(admitted, D(2015, 12, 30)))
        recognition(plan, file, end=working_days.add_months(ceremony, 12), issuer=NA_TONG_DISTRICT)

    # 12 admitted in 2016 through the whole procedure (recognised in 2017).
    resolutions = [D(2016, 1, 18), D(2016, 1, 25), D(2016, 3, 14), D(2016, 4, 11), D(2016, 5, 9), D(2016, 6, 20),
                   D(2016, 7, 18), D(2016, 8, 22), D(2016, 9, 12), D(2016, 9, 26), D(2016, 10, 10), D(2016, 10, 24)]
    for index, resolution in enumerate(resolutions):
        cell = rng.choice(villages) if index % 3 else cells[(index * 7 + 3) % len(cells)]
        _admit_na_tong(plan, members, cell, resolution=resolution, decided=plan.after(resolution, 15, 40))

    # 2 candidates whose dossiers were completed (8-KNĐ) in December 2016, decided in January 2017.
    for cell, resolution in ((f"{NA_TONG}-HS", D(2016, 11, 14)), (f"{NA_TONG}-NN", D(2016, 11, 21))):
        completed = plan.number("NQ/ĐU", plan.after(resolution, 10, 16), NA_TONG_COMMITTEE)
        _admit_na_tong(plan, members, cell, resolution=resolution, decided=plan.day(D(2017, 1, 9), D(2017, 1, 20)),
                       completed=completed)

    # Other events of 2016: a death, an exemption, a transfer out and a transfer in (the total stays at 112).
    death(plan, died, on=D(2016, 3, 8), reason="Từ trần do bệnh tuổi già")
    exemption(plan, exempted, decision=plan.number("QĐ/ĐU", D(2016, 6, 6), NA_TONG_COMMITTEE),
              reason="Tuổi cao, sức khỏe yếu; đảng viên có đơn đề nghị miễn sinh hoạt đảng")
    letter_out = TransferLetter(register_number="18/GGT-ĐU", list_number="07", dues_paid_until=D(2016, 8, 1),
                                issued_on=D(2016, 8, 12), issuer=NA_TONG_COMMITTEE)
    transfer_out_outside(plan, leaving, on=D(2016, 8, 12), letter=letter_out,
                         destination="Chi bộ Trường Tiểu học xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình",
                         reason="Chuyển công tác về quê")
    arriving = plan.file(cell=f"{NA_TONG}-TH", ethnic="kinh", born=(1984, 1988), gender=Gender.FEMALE,
                         work=("Giáo viên", "Đại học Sư phạm Tiểu học", PoliticalTheory.ELEMENTARY),
                         address=f"Bản Na Tông 1, {NA_TONG_ADDRESS}", hometown="phường Chiềng Lề, thành phố Sơn La",
                         card=True)
    sơn_la = "Ban Thường vụ Thành ủy Sơn La"
    history = AdmissionRecord(decision=Decision("412-QĐ/TU", D(2009, 5, 12), sơn_la), ceremony_on=D(2009, 5, 30),
                              recognised_on=D(2010, 5, 30), recognition_decision=Decision("598-QĐ/TU", D(2010, 6, 15),
                                                                                          sơn_la))
    letter_in = TransferLetter(register_number="25/GGT-ĐU", list_number="11", dues_paid_until=D(2016, 8, 1),
                               issued_on=D(2016, 8, 15), issuer="Đảng ủy phường Chiềng Lề")
    transfer_in_from_outside(plan, arriving, on=D(2016, 8, 29), letter=letter_in, history=history,
                             origin="Chi bộ Trường Tiểu học Chiềng Lề, Đảng bộ phường Chiềng Lề, thành phố Sơn La, "
                                    "tỉnh Sơn La", reason="Chuyển công tác")
    return plan


def _admit_na_tong(plan: Plan, members: dict[str, list[str]], cell: str, *, resolution: dt.date,
                   decided: dt.date, completed: Decision | None = None) -> None:
    rng = plan.rng
    village, mix, kind, _count = NA_TONG_CELLS[cell.rsplit("-", 1)[1]]
    ethnic = pick(rng, mix)
    file = plan.file(cell=cell, ethnic=ethnic, born=(resolution.year - 34, resolution.year - 19),
                     gender=gender_for(plan, kind), work=work_of(plan, kind, newcomer=True),
                     address=f"Bản {village}, {NA_TONG_ADDRESS}", hometown=NA_TONG_HOME, applicant=True)
    young = resolution.year - file.birth_date.year <= 29 and rng.random() < 0.4
    youth = plan.number("NQ/ĐTN", resolution - dt.timedelta(days=rng.randint(5, 20)),
                        "Ban Chấp hành Đoàn xã Na Tông") if young else None
    education = file.fields["general_education"]
    area = "mountain" if education in ("5/12", "7/12") else ""
    admission(plan, file, resolution=resolution, decided=decided, issuer=NA_TONG_DISTRICT, youth_union=youth,
              introducers=introducers(plan, members[cell], resolution, count=1 if youth else 2),
              exception_area=area, completed=completed)
