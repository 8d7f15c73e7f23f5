"""The tree before 01/07/2025: provinces → districts → communes → cells, as organization_establish writes it
(organization, its first version, an establishment lineage event and its link), and the plan of the 2025
reorganization (provinces merged two by two, communes three by three into new communes under the new province,
districts dissolved; cells keep their ids and are re-parented), applied by the restructuring plan services.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from bench.synth.load import EPOCH, load, next_id
from bench.synth.names import province_name_index
from core.text import fold, title_sort_key

REORGANIZED_ON = dt.date(2025, 7, 1)
PROVINCES = ["Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La",
             "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc",
             "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi",
             "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk",
             "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu",
             "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
             "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ",
             "Hồ Chí Minh"]
_SYLLABLES = ["Tân", "Phú", "An", "Hòa", "Bình", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Long", "Mỹ", "Hưng",
              "Xuân", "Thượng", "Hạ", "Quảng", "Yên", "Vĩnh", "Phước", "Trung", "Lộc", "Thịnh", "Đức", "Minh",
              "Sơn", "Thủy", "Lâm", "Hiệp", "Nghĩa", "Kỳ", "Cẩm", "Văn", "Lương", "Tiến", "Quỳnh", "Định"]
_CELL_KINDS = ["Chi bộ thôn", "Chi bộ bản", "Chi bộ tổ dân phố", "Chi bộ trường", "Chi bộ trạm y tế", "Chi bộ ấp"]
DECISION = {"decision_number": "01-QĐ/TU", "decision_date": EPOCH, "decision_issuer": "Tỉnh ủy"}


@dataclass
class Tree:
    """The generated tree: ids by level; cells by province (transfers mostly stay in the province)."""

    kinds: dict[str, int]
    first_id: int = 1  # ids go on from those already in the database
    orgs: list[dict[str, Any]] = field(default_factory=list)
    provinces: list[int] = field(default_factory=list)
    districts: dict[int, list[int]] = field(default_factory=dict)  # province -> districts
    communes: dict[int, list[int]] = field(default_factory=dict)  # district -> communes
    cells: dict[int, list[int]] = field(default_factory=dict)  # commune -> cells
    cells_of_province: dict[int, list[int]] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)

    def add(self, code: str, name: str, kind: str, parent: int | None) -> int:
        pk = self.first_id + len(self.orgs)
        parent_row = self.row(parent) if parent else None
        path = f"{parent_row['path'] if parent_row else ''}{pk}."
        self.orgs.append({"id": pk, "code": code, "name": name, "search_name": fold(name),
                          "sort_name": title_sort_key(name), "kind_id": self.kinds[kind], "parent_id": parent,
                          "path": path, "depth": parent_row["depth"] + 1 if parent_row else 0,
                          "established_on": EPOCH})
        self.codes[pk] = code
        return pk

    def row(self, pk: int) -> dict[str, Any]:
        return self.orgs[pk - self.first_id]

    def all_cells(self) -> list[int]:
        return [c for cells in self.cells.values() for c in cells]


def _place(rng: random.Random) -> str:
    return f"{rng.choice(_SYLLABLES)} {rng.choice(_SYLLABLES)}"


def build(*, kinds: dict[str, int], communes: int, cells_per_commune: int, rng: random.Random, first_id: int = 1
          ) -> Tree:
    """A tree of about `communes` communes of `cells_per_commune` cells (±40 %), in max(4, communes/168) provinces
    of districts of about 15 communes (the national shape: 63 provinces, ~700 districts, ~10.600 communes). At
    least four, so that after the 2025 mergers (two by two) a province is not the whole installation."""
    tree = Tree(kinds=kinds, first_id=first_id)
    provinces = max(4, round(communes / 168))
    per_province = [communes // provinces + (i < communes % provinces) for i in range(provinces)]
    for p, count in enumerate(per_province):
        name = PROVINCES[province_name_index(p)] + (f" {p // len(PROVINCES) + 1}" if p >= len(PROVINCES) else "")
        province = tree.add(f"P{p}", f"Đảng bộ tỉnh {name}", "province", None)
        tree.provinces.append(province)
        tree.districts[province] = []
        tree.cells_of_province[province] = []
        districts = max(1, round(count / 15))
        for d in range(districts):
            district = tree.add(f"P{p}-H{d}", f"Đảng bộ huyện {_place(rng)}", "district", province)
            tree.districts[province].append(district)
            tree.communes[district] = []
            for c in range(count // districts + (d < count % districts)):
                commune = tree.add(f"P{p}-H{d}-X{c}", f"Đảng bộ xã {_place(rng)}", "commune", district)
                tree.communes[district].append(commune)
                n_cells = max(3, round(cells_per_commune * rng.uniform(0.6, 1.4)))
                tree.cells[commune] = [
                    tree.add(f"P{p}-H{d}-X{c}-C{k}", f"{rng.choice(_CELL_KINDS)} {k + 1}", "cell", commune)
                    for k in range(n_cells)]
                tree.cells_of_province[province] += tree.cells[commune]
    return tree


def write(tree: Tree) -> None:
    """Organizations, first versions, establishment events and links: what organization_establish writes."""
    from organizations.models import LineageEvent, LineageLink, Organization, OrganizationVersion

    event, link, version = (next_id(model) for model in (LineageEvent, LineageLink, OrganizationVersion))
    load(Organization, tree.orgs)
    load(LineageEvent, ({"id": event + i, "kind": "establish", "effective_on": EPOCH, "details": {}, **DECISION}
                        for i, _o in enumerate(tree.orgs)))
    load(LineageLink, ({"id": link + i, "event_id": event + i, "organization_id": o["id"], "role": "target"}
                       for i, o in enumerate(tree.orgs)))
    load(OrganizationVersion, ({"id": version + i, "organization_id": o["id"], "valid_from": EPOCH, "name": o["name"],
                                "kind_id": o["kind_id"], "parent_id": o["parent_id"], "path": o["path"],
                                "event_id": event + i} for i, o in enumerate(tree.orgs)))


def plan_rows(tree: Tree, provinces: list[int], new_code: str, new_name: str) -> list[dict[str, Any]]:
    """One new province's plan: its provinces merged, their communes merged three by three, districts dissolved."""
    rows: list[dict[str, Any]] = [
        {"action": "merge", "old_code": tree.codes[p], "new_code": new_code, "new_name": new_name,
         "new_kind": "province", "new_parent": ""} for p in provinces]
    communes = [c for p in provinces for d in tree.districts[p] for c in tree.communes[d]]
    for index, commune in enumerate(communes):
        group = index // 3
        first = tree.row(communes[group * 3])["name"].removeprefix("Đảng bộ xã ")
        rows.append({"action": "merge", "old_code": tree.codes[commune], "new_code": f"{new_code}-X{group}",
                     "new_name": f"Đảng bộ xã {first} {group + 1}",
                     "new_kind": "commune", "new_parent": new_code})
    rows += [{"action": "dissolve", "old_code": tree.codes[d], "new_parent": new_code}
             for p in provinces for d in tree.districts[p]]
    return [{"row": number, "new_code": "", "new_name": "", "new_kind": "", "new_parent": "", "decision_number": "",
             "decision_date": "", "decision_issuer": "", **row} for number, row in enumerate(rows, start=2)]


def reorganize(tree: Tree, actor: Any) -> list[tuple[str, float]]:
    """Apply the 2025 plans (one per new province) through the restructuring services; (plan, seconds) each."""
    import time

    from core.decisions import Decision
    from organizations.models import Organization
    from restructuring.services import plan_apply, plan_create

    decision = Decision("202/2025/QH15", dt.date(2025, 6, 12), "Quốc hội")
    timings = []
    for index in range(0, len(tree.provinces), 2):
        pair = tree.provinces[index:index + 2]
        code = f"T{index // 2}-2025"
        name = tree.row(pair[0])["name"]
        rows = plan_rows(tree, pair, code, name)
        t0 = time.perf_counter()
        plan = plan_create(actor=actor, organization=Organization.objects.get(pk=pair[0]),
                           title=f"Sắp xếp {name} từ 01/07/2025", effective_on=REORGANIZED_ON, decision=decision,
                           rows=rows)
        plan_apply(actor=actor, plan=plan)
        timings.append((code, time.perf_counter() - t0))
    return timings
