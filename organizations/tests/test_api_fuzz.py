"""Generated input against every organization route: never a 500, and every write route really writes.

Half the examples are valid by construction from the live data: a fresh commune of district A (the sandbox,
established through the services with dates after the district's last change) holds fresh cells and units,
and the body names them, with a plausible date and decision. The others break such a body (fields dropped or
replaced by junk) or send bodies built from the cast's ids and random JSON (odd strings, huge ids, impossible
dates, wrong types). After every request the ledger checks: a refusal wrote nothing; a success logged every row
it wrote with the caller as user and no secret, and the same call by a user outside the scope answers 404.
Each write route must succeed for most of its valid examples (`Tally.require`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.utils import timezone
from hypothesis import strategies as st

from core.decisions import Decision
from core.testing import Cast, establish, kind
from core.testing_fuzz import (
    QUERY_JUNK,
    RAW_BODIES,
    Ledger,
    Tally,
    body,
    broken,
    dates,
    explore,
    free_text,
    iso_dates,
    json_value,
    mutated,
    printable,
    send,
)
from organizations.models import CoveredUnit, CoveredUnitKind, LineageEvent, Organization, OrganizationVersion
from organizations.services import covered_unit_create, organization_establish

pytestmark = pytest.mark.django_db

EXAMPLES = 25  # per write route (CI time); the reads below have their own bound
DECISION_NUMBERS = ["12-QĐ/HU", "855/NQ-UBTVQH14", "30/2020/NĐ-CP", "05-CT/TW", "abc", "12/", "", "12-QĐ"]
NAMES = ["Đảng bộ xã Tân Lập", "Chi bộ thôn Bản Vược", "Đảng bộ xã Đồng Tâm", "  Chi bộ   Mới  ", "Trường Tiểu học"]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
LEDGER = Ledger([Organization, LineageEvent, CoveredUnit], derived={Organization: ["path", "depth"]})
_serial = itertools.count(1)

# Names as people type them: real ones, Vietnamese words, any printable Unicode, any text at all.
text = st.one_of(st.sampled_from(NAMES), printable, st.text(max_size=20))
plausible_names = st.one_of(
    st.sampled_from(NAMES),
    st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=5).map(
        lambda words: "Chi bộ " + " ".join(words).title()),
)
# The cast's years, and dates far outside them.
years = dates(dt.date(2014, 1, 1), dt.date(2030, 12, 31))


def unique_code(prefix: str) -> str:
    return f"{prefix}-{next(_serial)}"


# ----------------------------------------------------------------------------- bodies from the cast (broken)


class Pool:
    """Strategies over the cast's real ids and codes, with bad ones mixed in."""

    def __init__(self, cast: Cast) -> None:
        organizations = [cast.province, cast.district_a, cast.district_b, cast.commune_a1, cast.commune_a2,
                         cast.cell_a1a, cast.cell_a1b, cast.commune_b1]
        real = st.sampled_from([o.pk for o in organizations])
        self.id = st.one_of(real, real, real, real, real, st.integers(min_value=-(2**70), max_value=2**70))
        self.ids = st.lists(self.id, max_size=4)
        kinds = ["commune", "cell", "sub-committee", "grassroots", "district", "central"]
        self.kind = st.one_of(st.sampled_from(kinds), text)
        self.unit_kind = st.one_of(st.sampled_from(["village", "school", "clinic"]), text)
        self.code = st.one_of(st.sampled_from(["NEW-1", "NEW-2", "NEW-3", "T-A-1", "T-B", "", " A B "]), text)
        self.decision = mutated({"number": st.sampled_from(DECISION_NUMBERS), "date": years, "issuer": text})
        self.date = years
        self.new_organization = mutated({"code": self.code, "name": text, "kind": self.kind, "parent_id": self.id})
        self.child_moves = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.id, max_size=3)
        self.child_codes = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.code, max_size=3)
        self.user = st.sampled_from(["district_officer", "district_officer", "district_officer", "province_officer",
                                     "outsider", "root_admin", "cell_secretary", "member", None])

    def event(self, kind: str) -> st.SearchStrategy[dict[str, Any]]:
        specific: dict[str, list[dict[str, st.SearchStrategy[Any]]]] = {
            "dissolve": [{"organization_id": self.id}],
            "rename": [{"organization_id": self.id, "new_name": text}],
            "move": [{"organization_id": self.id, "new_parent_id": self.id}],
            "merge": [
                {"source_ids": self.ids, "target_id": self.id, "child_moves": self.child_moves},
                {"source_ids": self.ids, "new_target": self.new_organization, "child_moves": self.child_moves},
                {"source_ids": self.ids, "target_id": self.id, "new_target": self.new_organization},
            ],
            "split": [{"source_id": self.id, "targets": st.lists(self.new_organization, max_size=4),
                       "child_moves": self.child_codes, "member_successor_code": self.code}],
        }
        common = {"kind": st.just(kind), "effective_on": self.date, "decision": self.decision, "reason": text}
        return st.one_of([mutated({**common, **shape}) for shape in specific[kind]])

    def junk_for(self, route: str) -> st.SearchStrategy[Any]:
        if route in LINEAGE_KINDS:
            return body(self.event(route))
        shapes = {
            "establish": {"code": self.code, "name": text, "kind": self.kind, "parent_id": self.id,
                          "established_on": self.date, "decision": self.decision, "note": text, "reason": text},
            "update": {"name": text, "note": text, "reason": text},
            "covered_unit_create": {"code": self.code, "name": text, "kind": self.unit_kind, "territory_id": self.id,
                                    "covered_by_id": self.id, "reason": text},
            "covered_unit_assign": {"covered_by_id": self.id, "reason": text},
        }
        return body(mutated(shapes[route]))


# ----------------------------------------------------------------------------- bodies valid by construction


class Sandbox:
    """A fresh commune of district A for one example, and what a valid body of each route needs in it."""

    def __init__(self, cast: Cast, data: st.DataObject) -> None:
        self.cast, self.data, self.admin = cast, data, cast.root_admin
        latest = max(OrganizationVersion.objects.filter(organization=cast.district_a).values_list("valid_from",
                                                                                                 flat=True))
        self.today = timezone.localdate()
        self.day = max(latest, dt.date(2016, 1, 1)) + dt.timedelta(days=data.draw(st.integers(1, 300)))
        self.commune = establish(self.admin, unique_code("SB"), "Đảng bộ xã Thử Nghiệm", "commune", cast.district_a,
                                 on=self.day)

    def later(self) -> dt.date:
        """A date after every date used so far in the sandbox (and not after today)."""
        self.day = min(self.day + dt.timedelta(days=self.data.draw(st.integers(1, 120))), self.today)
        return self.day

    def cell(self, parent: Organization | None = None) -> Organization:
        on = self.later()
        return organization_establish(actor=self.admin, code=unique_code("SBC"), name="Chi bộ thôn Thử",
                                      kind=kind("cell"), parent=parent or self.commune, established_on=on,
                                      decision=Decision(f"{next(_serial)}-QĐ/ĐU", on, "Đảng ủy xã"))

    def decision(self, on: dt.date) -> dict[str, Any]:
        signed = on - dt.timedelta(days=self.data.draw(st.integers(0, 30)))
        return {"number": self.data.draw(st.sampled_from([f"{next(_serial)}-QĐ/HU", f"{next(_serial)}/QĐ-UBND"])),
                "date": signed.isoformat(), "issuer": self.data.draw(st.one_of(st.just(""), free_text))}

    def event(self, kind: str, **fields: Any) -> dict[str, Any]:
        on = self.later()
        reason = self.data.draw(st.one_of(st.just(""), free_text))
        return {"kind": kind, "effective_on": on.isoformat(), "decision": self.decision(on), "reason": reason,
                **fields}

    def new_cell(self) -> dict[str, Any]:
        return {"code": unique_code("SBN"), "name": self.data.draw(plausible_names), "kind": "cell"}

    def request(self, route: str) -> tuple[str, str, dict[str, Any]]:
        """(method, url, body) of a valid call of `route` on fresh organizations."""
        draw = self.data.draw
        if route == "establish":
            on = self.later()
            return "POST", "/api/v1/organizations", {
                **self.new_cell(), "parent_id": self.commune.pk, "established_on": on.isoformat(),
                "decision": self.decision(on), "note": draw(printable.map(str.strip)), "reason": draw(printable)}
        if route == "update":
            target = self.cell()
            change = draw(st.sampled_from(["name", "note", "both"]))
            payload: dict[str, Any] = {"reason": draw(free_text)}
            if change in ("name", "both"):
                payload["name"] = draw(plausible_names)
            if change in ("note", "both"):
                payload["note"] = draw(printable)
            return "PATCH", f"/api/v1/organizations/{target.pk}", payload
        if route == "dissolve":
            return "POST", "/api/v1/lineage-events", self.event("dissolve", organization_id=self.cell().pk)
        if route == "rename":
            target = self.cell()
            return "POST", "/api/v1/lineage-events", self.event(
                "rename", organization_id=target.pk, new_name=draw(plausible_names.filter(lambda n: n != target.name)))
        if route == "move":
            target = self.cell()
            other = establish(self.admin, unique_code("SB"), "Đảng bộ xã Thử Hai", "commune", self.cast.district_a,
                              on=self.later())
            return "POST", "/api/v1/lineage-events", self.event("move", organization_id=target.pk,
                                                                new_parent_id=other.pk)
        if route == "merge":
            first, second = self.cell(), self.cell()
            into = draw(st.sampled_from(["existing", "new"]))
            target = {"target_id": second.pk} if into == "existing" else {"new_target": self.new_cell()}
            return "POST", "/api/v1/lineage-events", self.event("merge", source_ids=[first.pk, second.pk], **target)
        if route == "split":
            source = self.cell()
            targets = [self.new_cell() for _ in range(draw(st.integers(2, 3)))]
            heir = draw(st.sampled_from([None, *[t["code"] for t in targets]]))
            return "POST", "/api/v1/lineage-events", self.event(
                "split", source_id=source.pk, targets=targets, **({"member_successor_code": heir} if heir else {}))
        if route == "covered_unit_create":
            cover = draw(st.sampled_from(["none", "cell"]))
            return "POST", "/api/v1/covered-units", {
                "code": unique_code("U"), "name": draw(plausible_names), "reason": draw(printable),
                "kind": draw(st.sampled_from(["village", "school", "clinic"])), "territory_id": self.commune.pk,
                **({"covered_by_id": self.cell().pk} if cover == "cell" else {})}
        assert route == "covered_unit_assign"
        unit = covered_unit_create(actor=self.admin, code=unique_code("U"), name="Thôn Thử",
                                   kind=CoveredUnitKind.objects.get(code="village"), territory=self.commune)
        return "POST", f"/api/v1/covered-units/{unit.pk}/assign", {"covered_by_id": self.cell().pk,
                                                                   "effective_on": "2024-01-01",
                                                                   "reason": draw(printable)}


# ----------------------------------------------------------------------------- writes

LINEAGE_KINDS = ["dissolve", "rename", "move", "merge", "split"]
WRITES = ["establish", "update", *LINEAGE_KINDS, "covered_unit_create", "covered_unit_assign"]
URLS = {"establish": ("POST", "/api/v1/organizations"), "covered_unit_create": ("POST", "/api/v1/covered-units"),
        **dict.fromkeys(LINEAGE_KINDS, ("POST", "/api/v1/lineage-events"))}
VALID_USERS = ["district_officer", "district_officer", "province_officer", "root_admin"]


@pytest.mark.parametrize("route", WRITES)
def test_write_route(cast: Cast, route: str) -> None:
    pool, tally = Pool(cast), Tally()
    unit = covered_unit_create(actor=cast.root_admin, code="V-1", name="Thôn Một",
                               kind=CoveredUnitKind.objects.get(code="village"), territory=cast.commune_a1)

    def step(data: st.DataObject) -> None:
        mode = data.draw(st.sampled_from(["valid", "valid", "broken", "junk"]))
        if mode == "junk":
            user_name = data.draw(pool.user)
            payload = data.draw(pool.junk_for(route))
            if route == "update":
                method, url = "PATCH", f"/api/v1/organizations/{data.draw(pool.id)}"
            elif route == "covered_unit_assign":
                method, url = "POST", f"/api/v1/covered-units/{data.draw(st.one_of(st.just(unit.pk), pool.id))}/assign"
            else:
                method, url = URLS[route]
        else:
            user_name = data.draw(st.sampled_from(VALID_USERS))
            method, url, payload = Sandbox(cast, data).request(route)
            if mode == "broken":
                payload = broken(payload, data)
        user = getattr(cast, user_name) if user_name else None
        before = LEDGER.take()
        response = send(user, method, url, payload)
        ok = tally.count(route, response, valid=mode == "valid")
        if user is None:
            LEDGER.check(before, response, cast.root_admin)
            return
        # Valid and broken bodies name only district A (outside the outsider's scope); junk ones may not.
        out_of_scope = mode != "junk" or user_name in ("district_officer", "cell_secretary")
        if route == "establish" and not (isinstance(payload, dict) and payload.get("parent_id")):
            out_of_scope = False  # a body without a parent makes a new root (administrators only): nothing to hide
        replay = (lambda: send(cast.outsider, method, url, payload)) if ok and out_of_scope else None
        LEDGER.check(before, response, user, replay=replay)

    explore(EXAMPLES, step)
    tally.require()


@pytest.mark.parametrize("route", ["organization", "update", "lineage", "units", "assign"])
def test_raw_bodies(cast: Cast, route: str) -> None:
    """Bytes that are not JSON at all, or JSON of another shape, on every write route: refused, nothing written."""
    unit = covered_unit_create(actor=cast.root_admin, code="V-1", name="Thôn Một",
                               kind=CoveredUnitKind.objects.get(code="village"), territory=cast.commune_a1)
    method, url = {"organization": ("POST", "/api/v1/organizations"),
                   "update": ("PATCH", f"/api/v1/organizations/{cast.commune_a1.pk}"),
                   "lineage": ("POST", "/api/v1/lineage-events"), "units": ("POST", "/api/v1/covered-units"),
                   "assign": ("POST", f"/api/v1/covered-units/{unit.pk}/assign")}[route]

    def step(data: st.DataObject) -> None:
        raw = data.draw(st.one_of(st.text(max_size=50), st.sampled_from(RAW_BODIES), json_value.map(_dumps)))
        before = LEDGER.take()
        response = send(cast.district_officer, method, url, raw, raw=True)
        LEDGER.check(before, response, cast.district_officer)

    explore(30, step)


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value)


# ----------------------------------------------------------------------------- reads


READS = [
    "/api/v1/organizations",
    "/api/v1/organizations/{id}",
    "/api/v1/organizations/{id}/children",
    "/api/v1/organizations/{id}/lineage",
    "/api/v1/organizations/{id}/successors",
    "/api/v1/organizations/{id}/predecessors",
    "/api/v1/organizations/{id}/changes",
    "/api/v1/organizations/{id}/figures",
    "/api/v1/lineage-events",
    "/api/v1/tree",
    "/api/v1/covered-units",
]


@pytest.mark.parametrize("route", READS)
def test_reads(cast: Cast, route: str) -> None:
    pool = Pool(cast)
    plausible = {
        "q": st.one_of(text, st.sampled_from(["dong tam", "ĐỒNG", "na ri", "chi bo"])),
        "parent": pool.id.map(str),
        "root": pool.id.map(str),
        "organization": pool.id.map(str),
        "kind": st.sampled_from(["commune", "cell", "merge", "split", "rename", "establish", "move", "dissolve"]),
        "active": st.sampled_from(["true", "false", "1", "0"]),
        "limit": st.integers(min_value=-5, max_value=1000).map(str),
        "offset": st.integers(min_value=-5, max_value=2**64).map(str),
        "from": years,
        "to": years,
        "as_of": st.one_of(years, iso_dates),
    }

    def step(data: st.DataObject) -> None:
        names = st.one_of(st.sampled_from(sorted(plausible)), st.text(max_size=6))
        query = []
        for name in data.draw(st.lists(names, max_size=5, unique=True)):
            junk_instead = data.draw(st.integers(min_value=0, max_value=3)) == 3
            query.append((name, data.draw(QUERY_JUNK if junk_instead else plausible.get(name, QUERY_JUNK))))
        path_id = data.draw(st.one_of(pool.id.map(str), pool.id.map(str), st.text(min_size=1, max_size=8).map(
            lambda t: quote(t.encode("utf-8", "surrogatepass"), safe=""))))
        encoded = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass"))
                             for k, v in query])
        user_name = data.draw(pool.user)
        user = getattr(cast, user_name) if user_name else None
        before = LEDGER.take()
        send(user, "GET", f"{route.replace('{id}', path_id)}?{encoded}")
        assert LEDGER.take() == before, "a read wrote"

    explore(30, step)
