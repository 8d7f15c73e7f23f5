"""Generated input against every organization route: whatever a client sends, the answer is never a 500.

Bodies mix plausible values (real ids, real kind codes, valid dates) with random JSON, missing fields,
huge and odd strings (NUL, lone surrogates, right-to-left text), negative and huge ids and bad dates,
so that both the schema edge and the services' own checks are reached.
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
    max_examples=70,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\u202eabc",
    "Đảng bộ xã Đồng Tâm",
    "T-A-1",
    "x" * 256,
    "y" * 20_000,
    "12-QĐ/HU",
    "855/NQ-UBTVQH14",
    "abc",
    "12/",
    "null",
    "0",
    "-1",
    "' OR 1=1 --",
    "%s%d{0}",
]
BAD_DATES = ["2020-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "31/12/2020", "2020-1-1", "", "2020-01-01T10:00",
             "+002020-01-01", "1899-12-31", "3000-01-01"]
RAW_BODIES = ["{", "[", '{"kind":', "NaN", "1e999", '""', '{"kind": "merge"}', "[" * 5000 + "]" * 5000, "\xff\xfe"]
BIG_INTS = [0, -1, -(2**31), 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]

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
text = st.one_of(st.text(max_size=60), st.sampled_from(ODD_TEXT), json_value)
iso_dates = st.dates().map(dt.date.isoformat)
dates = st.one_of(iso_dates, st.sampled_from(BAD_DATES), json_value)
plausible_dates = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat)


def fields(required: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """An object whose every field may be missing, plausible, or replaced by random JSON."""
    optional = {name: st.one_of(strategy, strategy, json_value) for name, strategy in required.items()}
    extra = st.dictionaries(st.text(max_size=8), json_value, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, st.fixed_dictionaries({}, optional=optional), extra)


def body(obj: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    return st.one_of(obj, obj, obj, json_value)


class Pool:
    """Strategies over the cast's real ids and codes, with bad ones mixed in."""

    def __init__(self, cast: Cast) -> None:
        organizations = [cast.province, cast.district_a, cast.district_b, cast.commune_a1, cast.commune_a2,
                         cast.cell_a1a, cast.cell_a1b, cast.commune_b1]
        real = [o.pk for o in organizations]
        self.id = st.one_of(st.sampled_from(real), st.sampled_from(real), st.sampled_from(BIG_INTS),
                            st.integers(min_value=-(2**70), max_value=2**70))
        self.ids = st.lists(self.id, max_size=5)
        self.kind = st.one_of(st.sampled_from(["province", "district", "commune", "cell", "grassroots", "central"]),
                              text)
        self.unit_kind = st.one_of(st.sampled_from(["village", "school", "clinic"]), text)
        self.code = st.one_of(st.sampled_from(["T-A-1", "T-B", "NEW-1", "NEW-2", "", " A B "]), text)
        self.decision = fields({
            "number": st.one_of(st.sampled_from(["12-QĐ/HU", "855/NQ-UBTVQH14", "abc", "12/", ""]), text),
            "date": st.one_of(plausible_dates, dates),
            "issuer": text,
        })
        self.date = st.one_of(plausible_dates, plausible_dates, dates)
        self.new_organization = fields({"code": self.code, "name": text, "kind": self.kind, "parent_id": self.id})
        self.child_moves = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.id, max_size=3)
        self.child_codes = st.dictionaries(st.one_of(self.id.map(str), st.text(max_size=5)), self.code, max_size=3)
        self.user = st.sampled_from(["district_officer", "district_officer", "province_officer", "outsider",
                                     "root_admin", "cell_secretary", None])

    def event(self, kind: str, **specific: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        common = {"effective_on": self.date, "decision": self.decision, "reason": text}
        return fields({"kind": st.sampled_from([kind, kind, kind, "other"]), **common, **specific})


def send(cast: Cast, user_name: str | None, method: str, url: str, payload: Any = None) -> None:
    client = Client()
    if user_name is not None:
        client.force_login(getattr(cast, user_name))
    data = payload if isinstance(payload, str) else json.dumps(payload)
    response = client.generic(method, url, data=data if payload is not None else "", content_type="application/json")
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
    payload = data.draw(body(fields({"code": pool.code, "name": text, "kind": pool.kind, "parent_id": pool.id,
                                     "established_on": pool.date, "decision": pool.decision, "note": text,
                                     "reason": text})))
    send(cast, data.draw(pool.user), "POST", "/api/v1/organizations", payload)


@FUZZ
@given(data=st.data())
def test_update(cast: Cast, data: st.DataObject) -> None:
    pool = Pool(cast)
    payload = data.draw(body(fields({"name": text, "note": text, "reason": text})))
    send(cast, data.draw(pool.user), "PATCH", f"/api/v1/organizations/{data.draw(pool.id)}", payload)


EVENT_KINDS = ["dissolve", "rename", "move", "merge", "split"]


@pytest.mark.parametrize("kind", EVENT_KINDS)
@FUZZ
@given(data=st.data())
def test_lineage_event(cast: Cast, kind: str, data: st.DataObject) -> None:
    pool = Pool(cast)
    specific = {
        "dissolve": {"organization_id": pool.id},
        "rename": {"organization_id": pool.id, "new_name": text},
        "move": {"organization_id": pool.id, "new_parent_id": pool.id},
        "merge": {"source_ids": pool.ids, "target_id": pool.id, "new_target": pool.new_organization,
                  "child_moves": pool.child_moves},
        "split": {"source_id": pool.id, "targets": st.lists(pool.new_organization, max_size=4),
                  "child_moves": pool.child_codes, "member_successor_code": pool.code},
    }[kind]
    payload = data.draw(body(pool.event(kind, **specific)))
    send(cast, data.draw(pool.user), "POST", "/api/v1/lineage-events", payload)


@FUZZ
@given(data=st.data())
def test_covered_unit_create(cast: Cast, data: st.DataObject) -> None:
    pool = Pool(cast)
    payload = data.draw(body(fields({"code": pool.code, "name": text, "kind": pool.unit_kind,
                                     "territory_id": pool.id, "covered_by_id": pool.id, "reason": text})))
    send(cast, data.draw(pool.user), "POST", "/api/v1/covered-units", payload)


@FUZZ
@given(data=st.data())
def test_covered_unit_assign(cast: Cast, unit_id: int, data: st.DataObject) -> None:
    pool = Pool(cast)
    target = data.draw(st.one_of(st.just(unit_id), st.just(unit_id), pool.id))
    payload = data.draw(body(fields({"covered_by_id": pool.id, "reason": text})))
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
    send(cast, data.draw(pool.user), method, url, raw)


# ----------------------------------------------------------------------------- reads


READS = [
    ("/api/v1/organizations", ["q", "parent", "kind", "active", "limit", "offset"]),
    ("/api/v1/organizations/{id}", []),
    ("/api/v1/organizations/{id}/children", []),
    ("/api/v1/organizations/{id}/lineage", []),
    ("/api/v1/organizations/{id}/successors", []),
    ("/api/v1/organizations/{id}/predecessors", []),
    ("/api/v1/organizations/{id}/changes", []),
    ("/api/v1/lineage-events", ["kind", "from", "to", "limit", "offset"]),
    ("/api/v1/tree", ["as_of", "root"]),
    ("/api/v1/covered-units", ["organization"]),
]


@pytest.mark.parametrize(("route", "params"), READS, ids=[r for r, _p in READS])
@FUZZ
@given(data=st.data())
def test_reads(cast: Cast, route: str, params: list[str], data: st.DataObject) -> None:
    pool = Pool(cast)
    value = st.one_of(pool.id.map(str), st.sampled_from(BAD_DATES), iso_dates, st.text(max_size=30),
                      st.sampled_from(["true", "false", "yes", "", "merge", "cell", "%00", "\x00", "\ud800", "-1"]))
    names = st.one_of(st.sampled_from(params), st.sampled_from(params), st.text(max_size=6)) if params else st.text(
        max_size=6)
    query = data.draw(st.lists(st.tuples(names, value), max_size=6))
    path_id = data.draw(st.one_of(pool.id.map(str), st.text(max_size=8).map(lambda t: quote(t, safe=""))))
    url = route.replace("{id}", path_id or "0")
    encoded = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass")) for k, v in query])
    send(cast, data.draw(pool.user), "GET", f"{url}?{encoded}")
