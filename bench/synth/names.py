"""Who the members are: Vietnamese names with diacritics by ethnic group, sex, ethnicity, religion, education.

Mixes (approximate, from published Party statistics and the 2019 census): about 40 % women among members
(rising in the younger cohorts); in the northern mountain provinces (the first 14 of tree.PROVINCES) most
members belong to the Tày, Thái, Hmông, Nùng, Dao, Mường and Khơ-mú peoples, elsewhere about 93 % are Kinh with
Khơ-me, Hoa, Chăm and Mường minorities; about 6 % follow a religion; political theory mostly elementary.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from members.demo import NAMES

MOUNTAIN_PROVINCES = 14


def province_name_index(index: int) -> int:
    """The generated province number `index` takes this name of tree.PROVINCES (a permutation, so that even two
    provinces are one mountain and one lowland province)."""
    return (index * 17) % 63

# (ethnicity code, name pool, weight)
_MOUNTAIN = [("01", "kinh", 30), ("02", "tay", 20), ("03", "thai", 16), ("08", "hmong", 10), ("07", "nung", 8),
             ("09", "dao", 7), ("06", "kinh", 5), ("29", "khmu", 2), ("04", "kinh", 2)]
_LOWLAND = [("01", "kinh", 93), ("05", "kinh", 2), ("04", "kinh", 1.5), ("06", "kinh", 1.5), ("13", "kinh", 0.5),
            ("02", "tay", 0.8), ("07", "nung", 0.7)]
_RELIGIONS = [("", 93.5), ("phat-giao", 3), ("cong-giao", 2.2), ("tin-lanh", 0.4), ("cao-dai", 0.4),
              ("phat-giao-hoa-hao", 0.4), ("khac", 0.1)]
_THEORY = [("elementary", 68), ("intermediate", 22), ("advanced", 3), ("bachelor", 0.5), ("none", 6.5)]
_OCCUPATIONS = ["Nông dân", "Giáo viên", "Cán bộ xã", "Công nhân", "Hưu trí", "Bộ đội xuất ngũ", "Y sĩ",
                "Kinh doanh", "Trưởng thôn", "Công chức"]


@dataclass
class Dimensions:
    """Reference ids loaded from the database (ethnicity and religion by code)."""

    ethnicity_ids: dict[str, int]
    religion_ids: dict[str, int]

    @classmethod
    def load(cls) -> Dimensions:
        from members.models import Ethnicity, Religion

        return cls(dict(Ethnicity.objects.values_list("code", "pk")), dict(Religion.objects.values_list("code", "pk")))

    def person(self, rng: random.Random, *, province_index: int) -> dict[str, Any]:
        mix = _MOUNTAIN if province_name_index(province_index) < MOUNTAIN_PROVINCES else _LOWLAND
        code, pool, _weight = rng.choices(mix, weights=[w for *_x, w in mix])[0]
        families, male_middles, males, female_middles, females = NAMES[pool]
        female = rng.random() < 0.40
        middle, given = (rng.choice(female_middles), rng.choice(females)) if female else (
            rng.choice(male_middles), rng.choice(males))
        religion = rng.choices([r for r, _w in _RELIGIONS], weights=[w for _r, w in _RELIGIONS])[0]
        return {
            "full_name": f"{rng.choice(families)} {middle} {given}",
            "gender": "female" if female else "male",
            "ethnicity_id": self.ethnicity_ids.get(code),
            "religion_id": self.religion_ids.get(religion) if religion else None,
            "general_education": rng.choice(["12/12", "12/12", "12/12", "10/10", "9/12"]),
            "political_theory": rng.choices([t for t, _w in _THEORY], weights=[w for _t, w in _THEORY])[0],
            "occupation": rng.choice(_OCCUPATIONS),
        }
