"""Demo member files: Đảng bộ xã Na Tông (Điện Biên) in 2016 and Đảng bộ huyện Na Rì (Bắc Kạn) in 2020.

The published reports in the seed material give the numbers: Na Tông had 112 members in 16 cells at the
end of 2016, admitted 12 that year, recognised 13 as official and completed the dossiers of 2 candidates;
Na Rì admitted 76 members in 2020 and recognised 91. Here those numbers are not stored anywhere: the demo
writes individual files and dated events through `members.services`, and the figures service counts them.

The story the records tell: each committee began keeping its files here at the start of the reported year.
Members admitted before that have their admission, ceremony and recognition copied from their files
(`AdmissionRecord`); from then on every step is recorded as it happens: registration as an outstanding
candidate, the Party-awareness course, the application (1-KNĐ) and the cell's resolution (6-KNĐ), the
admission decision with its introducers, the ceremony, the recognition twelve months later. A dossier is
"completed" (8-KNĐ, the grassroots committee's resolution) only for the candidates whose decision was still
pending at the end of the year, which is what the Na Tông report counts. Na Tông also has a death, an
exemption from activities, a transfer in and a transfer out in 2016. Na Rì's January 2020 admissions happen
in cells of communes merged on 01/02/2020; the two cells of the former Lương Hạ commune are then merged into
one on 01/07/2020, so their members move through the members' restructuring handler.

Everything is generated from a fixed seed: names typical of the area (Thái, Mông, Khơ-mú and Kinh in Na Tông;
Tày, Nùng, Dao and Kinh in Na Rì), birth dates, schooling, occupations. A person's natural key is the
citizen ID, generated in the real layout (province code, century and gender digit, year of birth, serial):
loading again skips every file that exists, so a second run changes nothing.

The package follows the sub-domains of the story: `people` (names, ethnic groups, work of the area), `plan` (the
seeded plan of files and dated steps, and how it is written), `admissions` (members of record, the admission
procedure, recognition), `transfers`, `life` (death, exemption from activities), and the two places: `na_tong`
and `na_ri`.
"""

from __future__ import annotations

from typing import Any

from members.demo.na_ri import NA_RI_VILLAGE_MIX, plan_na_ri
from members.demo.na_tong import plan_na_tong
from members.demo.people import ETHNICITY_CODES, NAMES, WORK, YOUNG_VILLAGERS
from members.demo.plan import Plan

__all__ = ["ETHNICITY_CODES", "NAMES", "NA_RI_VILLAGE_MIX", "WORK", "YOUNG_VILLAGERS", "Plan", "load", "plan_na_ri",
           "plan_na_tong"]


def load(actor: Any) -> None:
    """Load the demo member files (after organizations.demo); running it again changes nothing."""
    plan_na_tong().run(actor)
    plan_na_ri().run(actor)
