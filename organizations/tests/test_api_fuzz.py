"""Generated input against every organization route: whatever a client sends, the answer is never a 500.

Each body starts from plausible values (real ids, real kind codes, dates of the cast's years, valid decision
numbers) and then has a few fields dropped or replaced by random JSON: huge and odd strings (NUL, lone
surrogates, right-to-left marks), negative and huge ids, impossible dates, wrong types. So some bodies are
refused at the schema edge, others get through to the services' own rules, and some succeed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.testing import Cast
from organizations.models import CoveredUnitKind
from organizations.services import covered_unit_create

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "\u202eabc", "x" * 256, "y" * 20_000, "null", "0", "-1",
            "' OR 1=1 --", "%s%d{0}", "T-A 1", "\t\n"]
BAD_DATES = ["2020-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "31/12/2020", "2020-1-1", "", "2020-01-01T10:00",
             "+002020-01-01", "1899-12-31", "3000-01-01", "1929-12-31"]
RAW_BODIES = ["{", "[", '{"kind":', "NaN", "1e999", '""', '{"kind": "merge"}', "[" * 5000 + "]" * 5000, "\xff\xfe"]
BIG_INTS = [0, -1, -(2**31), 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]
DECISION_NUMBERS = ["12-QĐ/HU", "855/NQ-UBTVQH14", "30/2020/NĐ-CP", "05-CT/TW", "abc", "12/", "", "12-QĐ"]
NAMES = ["Đảng bộ xã Tân Lập", "Chi bộ thôn Bản Vược", "Đảng bộ xã Đồng Tâm", "  Chi bộ   Mới  ", "Trường Tiểu học"]

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(ODD_TEXT),
)
json_value = st.recursive(
    json_scalar,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
odd_text = st.one_of(st.text(max_size=60), st.sampled_from(ODD_TEXT))
# Names as people type them, any printable Unicode, and any text at all (control characters, NUL included).
text = st.one_of(st.sampled_from(NAMES), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60),
                 st.text(max_size=20))
iso_dates = st.dates().map(dt.date.isoformat)
dates = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat)
# What a mutation puts in place of a plausible value.
junk = st.one_of(odd_text, odd_text, json_value, st.sampled_from(BIG_INTS), st.sampled_from(BAD_DATES), iso_dates)


@st.composite
def mutated(draw: st.DrawFn, required: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """A plausible object, then up to three fields dropped or replaced by junk, plus a stray key or none.

    Shrinking goes towards no mutation, so a failing example reads as a nearly valid request.
    """
    result = {name: draw(strategy) for name, strategy in required.items()}
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 1, 2, 3]))):
        name = draw(st.sampled_from(sorted(required)))
        if draw(st.booleans()):
            result.pop(name, None)
        else:
            result[name] = draw(junk)
    result.update(draw(st.dictionaries(st.text(max_size=8), json_value, max_size=1)))
    return result


def body(obj: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Mostly an object of the route's shape; now and then any JSON at all (a list, a number, null...)."""
    return st.one_of(obj, obj, obj, obj, json_value)


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
        self.decision = mutated({
            "number": st.sampled_from(DECISION_NUMBERS),
            "date": dates,
            "issuer": text,
        })
        self.date = dates
        self.new_organization = mutated({"code": self.code, "name": text, "kind": self.kind, "parent_id": self.id})
        self.child_moves = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.id, max_size=3)
        self.child_codes = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.code, max_size=3)
        self.user = st.sampled_from(["district_officer", "district_officer", "district_officer", "province_officer",
                                     "outsider", "root_admin", "cell_secretary", None])

    def event(self, kind: str, **specific: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        common = {"kind": st.just(kind), "effective_on": self.date, "decision": self.decision, "reason": text}
        return mutated({**common, **specific})


def send(cast: Cast, user_name: str | None, method: str, url: str, payload: Any = None, *, raw: bool = False) -> None:
    """One request; `raw` sends the text as it is (possibly not JSON), otherwise the payload is JSON-encoded."""
    client = Client()
    if user_name is not None:
        client.force_login(getattr(cast, user_name))
    if payload is None:
        data = b""
    elif raw:
        data = str(payload).encode("utf-8", "surrogatepass")
    else:
        data = json.dumps(payload).encode()
    response = client.generic(method, url, data=data, content_type="application/json")
    assert response.status_code < 500, (method, url, payload, response.content[:500])
    if response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
        assert response.json()["detail"], response.content[:500]


@pytest.fixture
def unit_id(cast: Cast) -> int:
    unit = covered_unit_create(actor=cast.root_admin, code="V-1", name="Thôn Một",
                               kind=CoveredUnitKind.objects.get(code="village"), territory=cast.commune_a1)
    return unit.pk


# ----------------------------------------------------------------------------- writes


@FUZZ
@given(data=st.data())
def test_establish(cast: Cast, data: st.DataObject) -> None:
    pool = Pool(cast)
    payload = data.draw(body(mutated({"code": pool.code, "name": text, "kind": pool.kind, "parent_id": pool.id,
                                     "established_on": pool.date, "decision": pool.decision, "note": text,
                                     "reason": text})))
    send(cast, data.draw(pool.user), "POST", "/api/v1/organizations", payload)


@FUZZ
@given(data=st.data())
def test_update(cast: Cast, data: st.DataObject) -> None:
    pool = Pool(cast)
    payload = data.draw(body(mutated({"name": text, "note": text, "reason": text})))
    send(cast, data.draw(pool.user), "PATCH", f"/api/v1/organizations/{data.draw(pool.id)}", payload)


EVENT_KINDS = ["dissolve", "rename", "move", "merge", "split"]


@pytest.mark.parametrize("kind", EVENT_KINDS)
@FUZZ
@given(data=st.data())
def test_lineage_event(cast: Cast, kind: str, data: st.DataObject) -> None:
    pool = Pool(cast)
    specific: dict[str, list[dict[str, st.SearchStrategy[Any]]]] = {
        "dissolve": [{"organization_id": pool.id}],
        "rename": [{"organization_id": pool.id, "new_name": text}],
        "move": [{"organization_id": pool.id, "new_parent_id": pool.id}],
        "merge": [
            {"source_ids": pool.ids, "target_id": pool.id, "child_moves": pool.child_moves},
            {"source_ids": pool.ids, "new_target": pool.new_organization, "child_moves": pool.child_moves},
            {"source_ids": pool.ids, "target_id": pool.id, "new_target": pool.new_organization},
        ],
        "split": [{"source_id": pool.id, "targets": st.lists(pool.new_organization, max_size=4),
                   "child_moves": pool.child_codes, "member_successor_code": pool.code}],
    }
    payload = data.draw(body(st.one_of([pool.event(kind, **shape) for shape in specific[kind]])))
    send(cast, data.draw(pool.user), "POST", "/api/v1/lineage-events", payload)


@FUZZ
@given(data=st.data())
def test_covered_unit_create(cast: Cast, data: st.DataObject) -> None:
    pool = Pool(cast)
    payload = data.draw(body(mutated({"code": pool.code, "name": text, "kind": pool.unit_kind,
                                     "territory_id": pool.id, "covered_by_id": pool.id, "reason": text})))
    send(cast, data.draw(pool.user), "POST", "/api/v1/covered-units", payload)


@FUZZ
@given(data=st.data())
def test_covered_unit_assign(cast: Cast, unit_id: int, data: st.DataObject) -> None:
    pool = Pool(cast)
    target = data.draw(st.one_of(st.just(unit_id), st.just(unit_id), pool.id))
    payload = data.draw(body(mutated({"covered_by_id": pool.id, "reason": text})))
    send(cast, data.draw(pool.user), "POST", f"/api/v1/covered-units/{target}/assign", payload)


@FUZZ
@given(data=st.data())
def test_raw_bodies(cast: Cast, unit_id: int, data: st.DataObject) -> None:
    """Bytes that are not JSON at all, or JSON of the wrong shape, on every write route."""
    pool = Pool(cast)
    raw = data.draw(st.one_of(st.text(max_size=50), st.sampled_from(RAW_BODIES)))
    method, url = data.draw(st.sampled_from([
        ("POST", "/api/v1/organizations"), ("PATCH", f"/api/v1/organizations/{cast.commune_a1.pk}"),
        ("POST", "/api/v1/lineage-events"), ("POST", "/api/v1/covered-units"),
        ("POST", f"/api/v1/covered-units/{unit_id}/assign"),
    ]))
    send(cast, data.draw(pool.user), method, url, raw, raw=True)


# ----------------------------------------------------------------------------- reads


READS = [
    "/api/v1/organizations",
    "/api/v1/organizations/{id}",
    "/api/v1/organizations/{id}/children",
    "/api/v1/organizations/{id}/lineage",
    "/api/v1/organizations/{id}/successors",
    "/api/v1/organizations/{id}/predecessors",
    "/api/v1/organizations/{id}/changes",
    "/api/v1/lineage-events",
    "/api/v1/tree",
    "/api/v1/covered-units",
]
QUERY_JUNK = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "-1", "0", "true", "yes", "\x00", "\ud800", "%00", "9" * 40, "1e3", "2020-02-30", "[]"]),
)


@pytest.mark.parametrize("route", READS)
@FUZZ
@given(data=st.data())
def test_reads(cast: Cast, route: str, data: st.DataObject) -> None:
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
        "from": dates,
        "to": dates,
        "as_of": st.one_of(dates, iso_dates),
    }
    names = st.one_of(st.sampled_from(sorted(plausible)), st.text(max_size=6))
    query = []
    for name in data.draw(st.lists(names, max_size=5, unique=True)):
        junk_instead = data.draw(st.integers(min_value=0, max_value=3)) == 3
        query.append((name, data.draw(QUERY_JUNK if junk_instead else plausible.get(name, QUERY_JUNK))))
    path_id = data.draw(st.one_of(pool.id.map(str), pool.id.map(str), st.text(min_size=1, max_size=8).map(
        lambda t: quote(t.encode("utf-8", "surrogatepass"), safe=""))))
    encoded = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass")) for k, v in query])
    send(cast, data.draw(pool.user), "GET", f"{route.replace('{id}', path_id)}?{encoded}")
