"""Generated input against every members route: whatever a client sends, the answer is never a 500.

Each body starts from plausible values (the ids of people in every state, real cells, dates of the years the
rules cover, well-formed decision numbers, real form and ground codes) and then has a few fields dropped or
replaced by random JSON: odd strings (NUL, lone surrogates, right-to-left marks, very long), negative and huge
ids, impossible dates, wrong types. So some bodies stop at the schema, others reach the rules, some succeed
and change the people the next examples work on.
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
from members.models import DossierForm, EventKind, MemberEvent, StrikeOffGround
from members.tests.test_api import Scene

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=70,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "\u202eabc", "x" * 256, "y" * 20_000, "null", "0", "-1",
            "' OR 1=1 --", "%s%d{0}", "\t\n", "12/12 " + "z" * 40, "+" + "1" * 20, "9" * 13]
BAD_DATES = ["2020-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "31/12/2020", "2020-1-1", "", "2020-01-01T10:00",
             "+002020-01-01", "1899-12-31", "3000-01-01", "1929-12-31"]
RAW_BODIES = ["{", "[", '{"kind":', "NaN", "1e999", '""', '{"kind": "death"}', "[" * 5000 + "]" * 5000, "\xff\xfe"]
BIG_INTS = [0, -1, -(2**31), 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]
DECISION_NUMBERS = ["9-QĐ/ĐU", "123-QĐ/HU", "816/QĐ-UBND", "12-QĐ/TU", "abc", "12/", "", "12-QĐ"]
NAMES = ["Nguyễn Văn An", "Lò Thị Hoa", "Đàm Văn Đức", "  Hà   Thị  Mai ", "Ma"]
KINDS = ["candidate_registered", "awareness_course", "dossier_step", "admission_decision", "admission_ceremony",
         "recognition", "not_recognised", "transfer_out", "transfer_in", "temporary_return", "exemption_start",
         "exemption_end", "strike_off", "expulsion", "left", "death", "readmission"]

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
# Mostly what people type (any printable Unicode); now and then any text at all (control characters, NUL).
printable = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60)
text = st.one_of(st.sampled_from(NAMES), printable, printable, st.text(max_size=20))
iso_dates = st.dates().map(dt.date.isoformat)
dates = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2027, 12, 31)).map(dt.date.isoformat)
junk = st.one_of(odd_text, odd_text, json_value, st.sampled_from(BIG_INTS), st.sampled_from(BAD_DATES), iso_dates)


@st.composite
def mutated(draw: st.DrawFn, required: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """A plausible object, then up to three fields dropped or replaced by junk, plus a stray key or none."""
    result = {name: draw(strategy) for name, strategy in required.items()}
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 0, 0, 1, 1, 2, 3]))):
        name = draw(st.sampled_from(sorted(required)))
        if draw(st.booleans()):
            result.pop(name, None)
        else:
            result[name] = draw(junk)
    result.update(draw(st.dictionaries(st.text(max_size=8), json_value, max_size=1)))
    return result


def body(obj: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Mostly an object of the route's shape; now and then any JSON at all."""
    return st.one_of(obj, obj, obj, obj, json_value)


class Pool:
    """Strategies over the scene's real ids and codes, with bad ones mixed in."""

    def __init__(self, scene: Scene) -> None:
        cast = scene.cast
        people = [scene.file_only, scene.candidate, scene.decided, scene.probationary, scene.official,
                  scene.exempted, scene.away, scene.leaving, scene.struck, *scene.introducers]
        self.people = [p.pk for p in people]
        # The person each kind of event suits (so that many examples get through to the rules and succeed).
        self.suited = {
            "candidate_registered": [scene.file_only], "awareness_course": [scene.candidate, scene.struck],
            "dossier_step": [scene.candidate, scene.struck], "admission_decision": [scene.candidate],
            "admission_ceremony": [scene.decided], "recognition": [scene.probationary],
            "not_recognised": [scene.probationary], "transfer_out": [scene.official, scene.probationary],
            "transfer_in": [scene.leaving, scene.away], "temporary_return": [scene.away],
            "exemption_start": [scene.official], "exemption_end": [scene.exempted],
            "strike_off": [scene.official, scene.exempted], "expulsion": [scene.official, scene.exempted],
            "left": [scene.official], "death": [scene.official, scene.candidate], "readmission": [scene.struck],
        }
        self.cells = [cast.cell_a1a.pk, cast.cell_a1b.pk]
        real_person = st.sampled_from(self.people)
        self.person = st.one_of(real_person, real_person, real_person, st.integers(min_value=-(2**70),
                                                                                   max_value=2**70))
        organizations = [cast.province, cast.district_a, cast.district_b, cast.commune_a1, cast.commune_a2,
                         cast.cell_a1a, cast.cell_a1b, cast.commune_b1]
        real_org = st.sampled_from([o.pk for o in organizations])
        self.organization = st.one_of(real_org, real_org, real_org, st.integers(min_value=-(2**70), max_value=2**70))
        self.date = dates
        self.decision = mutated({"number": st.sampled_from(DECISION_NUMBERS), "date": dates, "issuer": text})
        self.letter = mutated({"register_number": st.sampled_from(["GT-1", "12/GGT", ""]), "card_number": text,
                               "history_number": text, "list_number": text, "dues_paid_until": dates,
                               "issued_on": dates, "issuer": text})
        self.admission = mutated({"decision": self.decision, "ceremony_on": dates, "recognised_on": dates,
                                  "recognition_decision": self.decision})
        self.code = st.one_of(st.sampled_from(["corruption", "abandoned_activities", "applied_to_leave",
                                               "mountain", "x"]), text)
        self.codes = st.lists(self.code, max_size=4)
        self.events = sorted(MemberEvent.objects.filter(person_id__in=self.people).exclude(
            kind=EventKind.CORRECTION).values_list("pk", flat=True))
        self.user = st.sampled_from(["district_officer", "district_officer", "district_officer", "province_officer",
                                     "cell_secretary", "outsider", "root_admin", None])

    def event(self, kind: str) -> st.SearchStrategy[dict[str, Any]]:
        specific: dict[str, dict[str, st.SearchStrategy[Any]]] = {
            "candidate_registered": {"registered_on": dates, "organization_id": self.organization},
            "awareness_course": {"completed_on": dates, "certificate_number": text, "issuer": text},
            "dossier_step": {"form": st.one_of(st.sampled_from(DossierForm.values), text), "occurred_on": dates,
                             "decision": self.decision,
                             "details": st.dictionaries(st.text(max_size=8), st.one_of(text, json_value), max_size=3)},
            "admission_decision": {
                "decision": self.decision, "cell_resolution_on": dates,
                "introducers": st.lists(mutated({"person_id": self.person, "worked_together_since": dates}),
                                        max_size=3),
                "youth_union_resolution": st.one_of(st.none(), self.decision),
                "education_exception_area": st.one_of(st.just(""), self.code),
                "age_override": st.one_of(st.none(), self.decision)},
            "admission_ceremony": {"held_on": dates},
            "recognition": {"decision": self.decision},
            "not_recognised": {"decision": self.decision},
            "transfer_out": {"temporary": st.booleans(), "occurred_on": dates, "letter": self.letter,
                             "destination_id": st.one_of(st.none(), st.sampled_from(self.cells), self.organization),
                             "destination_outside": st.one_of(st.just(""), text),
                             "purpose": st.sampled_from(["work", "study", None, "holiday"]), "until": dates},
            "transfer_in": {"temporary": st.booleans(),
                            "organization_id": st.one_of(st.sampled_from(self.cells), self.organization),
                            "occurred_on": dates,
                            "letter": st.one_of(st.none(), self.letter), "late_explanation": text,
                            "origin_outside": st.one_of(st.just(""), text),
                            "arriving": st.one_of(st.none(), self.admission)},
            "temporary_return": {"returned_on": dates},
            "exemption_start": {"occurred_on": dates, "decision": st.one_of(st.none(), self.decision)},
            "exemption_end": {"occurred_on": dates, "decision": st.one_of(st.none(), self.decision)},
            "strike_off": {"decision": self.decision, "ground": st.one_of(st.sampled_from(StrikeOffGround.values),
                                                                          text),
                           "warrants_expulsion": st.booleans(),
                           "unpaid_months": st.one_of(st.none(), st.integers(min_value=-5, max_value=5000))},
            "expulsion": {"decision": self.decision, "grounds": self.codes},
            "left": {"decision": self.decision, "has_violations": st.booleans()},
            "death": {"died_on": dates},
            "readmission": {"decision": self.decision, "consent": self.decision,
                            "cell_resolution_on": st.one_of(st.none(), dates),
                            "organization_id": st.one_of(st.none(), self.organization),
                            "record_cleared_on": st.one_of(st.none(), dates), "declared_grounds": self.codes},
        }
        return mutated({"kind": st.just(kind), "reason": text, **specific[kind]})

    def person_for(self, kind: str) -> st.SearchStrategy[int]:
        suited = st.sampled_from([p.pk for p in self.suited[kind]])
        return st.one_of(suited, suited, self.person)


@pytest.fixture
def pool(cast: Cast) -> Pool:
    return Pool(Scene(cast))


def send(cast: Cast, user_name: str | None, method: str, url: str, payload: Any = None, *, raw: bool = False) -> Any:
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
    return response


# ----------------------------------------------------------------------------- writes


FILE = {"other_names": text, "birth_place": text, "hometown": text, "citizen_id": st.sampled_from(
    ["", "001090000001", "123456789", "12345"]), "phone": st.sampled_from(["", "0912 345 678", "+84 912345678"]),
    "address": text, "general_education": st.sampled_from(["12/12", "9/12", "7/10", "", "lớp 9"]),
    "political_theory": st.sampled_from(["none", "elementary", "bachelor", "doctor"]),
    "ethnicity": st.sampled_from(["01", "02", "99", None, "ZZ"]), "religion": st.sampled_from(["phat-giao", None, "?"]),
    "party_card_number": st.sampled_from(["", "12.345.678", "1-2"]), "seriously_ill": st.booleans(), "note": text}


@FUZZ
@given(data=st.data())
def test_person_create(cast: Cast, pool: Pool, data: st.DataObject) -> None:
    fields = {"organization_id": st.one_of(st.sampled_from(pool.cells), pool.organization), "full_name": text,
              "gender": st.sampled_from(["male", "female"]),
              "birth_date": st.one_of(dates, st.dates(min_value=dt.date(1930, 1, 1)).map(dt.date.isoformat)),
              "reason": text, "admitted": st.one_of(st.none(), pool.admission)}
    chosen = data.draw(st.lists(st.sampled_from(sorted(FILE)), max_size=5, unique=True))
    payload = data.draw(body(mutated({**fields, **{name: FILE[name] for name in chosen}})))
    send(cast, data.draw(pool.user), "POST", "/api/v1/members", payload)


@FUZZ
@given(data=st.data())
def test_person_update(cast: Cast, pool: Pool, data: st.DataObject) -> None:
    chosen = data.draw(st.lists(st.sampled_from([*sorted(FILE), "full_name", "gender", "birth_date"]), max_size=4,
                                unique=True))
    extra = {"full_name": text, "gender": st.sampled_from(["male", "female", None]), "birth_date": dates}
    strategies = {**FILE, **extra}
    payload = data.draw(body(mutated({name: strategies[name] for name in chosen} | {"reason": text})))
    send(cast, data.draw(pool.user), "PATCH", f"/api/v1/members/{data.draw(pool.person)}", payload)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_event(cast: Cast, pool: Pool, kind: str, data: st.DataObject) -> None:
    payload = data.draw(body(pool.event(kind)))
    send(cast, data.draw(pool.user), "POST", f"/api/v1/members/{data.draw(pool.person_for(kind))}/events", payload)


@FUZZ
@given(data=st.data())
def test_correct(cast: Cast, pool: Pool, data: st.DataObject) -> None:
    events = pool.events  # as they were before the first example: the examples add more
    target = data.draw(st.one_of(st.sampled_from(events), st.sampled_from(events),
                                 st.integers(min_value=-(2**70), max_value=2**70)))
    payload = data.draw(body(mutated({"reason": text, "withdraw": st.booleans(), "occurred_on": dates,
                                      "organization_id": st.one_of(st.none(), pool.organization),
                                      "counterpart_id": st.one_of(st.none(), pool.organization),
                                      "decision": st.one_of(st.none(), pool.decision)})))
    send(cast, data.draw(pool.user), "POST", f"/api/v1/member-events/{target}/correct", payload)


@FUZZ
@given(data=st.data())
def test_raw_bodies(cast: Cast, pool: Pool, data: st.DataObject) -> None:
    """Bytes that are not JSON at all, or JSON of the wrong shape, on every write route."""
    raw = data.draw(st.one_of(st.text(max_size=50), st.sampled_from(RAW_BODIES)))
    person, event = pool.people[4], pool.events[0]
    method, url = data.draw(st.sampled_from([
        ("POST", "/api/v1/members"), ("PATCH", f"/api/v1/members/{person}"),
        ("POST", f"/api/v1/members/{person}/events"), ("POST", f"/api/v1/member-events/{event}/correct"),
    ]))
    send(cast, data.draw(pool.user), method, url, raw, raw=True)


# ----------------------------------------------------------------------------- reads


READS = [
    "/api/v1/members",
    "/api/v1/members/{id}",
    "/api/v1/members/{id}/events",
    "/api/v1/members/{id}/status",
    "/api/v1/members/{id}/due",
    "/api/v1/members/{id}/changes",
    "/api/v1/organizations/{org}/members/due",
    "/api/v1/organizations/{org}/members/badges",
    "/api/v1/organizations/{org}/members/counts",
]
QUERY_JUNK = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "-1", "0", "true", "\x00", "\ud800", "%00", "9" * 40, "1e3", "2020-02-30", "[]"]),
)


@pytest.mark.parametrize("route", READS)
@FUZZ
@given(data=st.data())
def test_reads(cast: Cast, pool: Pool, route: str, data: st.DataObject) -> None:
    plausible = {
        "q": st.one_of(text, st.sampled_from(["nguyen van", "ĐỨC", "12.345.678", "001090000001", "an"])),
        "organization": pool.organization.map(str),
        "status": st.sampled_from(["official", "candidate", "none", "dead", "member"]),
        "gender": st.sampled_from(["male", "female", "x"]),
        "ethnicity": st.sampled_from(["01", "02", "99", "ZZ"]),
        "limit": st.integers(min_value=-5, max_value=1000).map(str),
        "offset": st.integers(min_value=-5, max_value=2**64).map(str),
        "on": st.one_of(dates, iso_dates),
    }
    names = st.one_of(st.sampled_from(sorted(plausible)), st.text(max_size=6))
    query = []
    for name in data.draw(st.lists(names, max_size=5)):
        junk_instead = data.draw(st.integers(min_value=0, max_value=3)) == 3
        query.append((name, data.draw(QUERY_JUNK if junk_instead else plausible.get(name, QUERY_JUNK))))

    def path_id(ids: st.SearchStrategy[int]) -> str:
        return data.draw(st.one_of(ids.map(str), ids.map(str), st.text(min_size=1, max_size=8).map(
            lambda t: quote(t.encode("utf-8", "surrogatepass"), safe=""))))

    url = route.replace("{id}", path_id(pool.person)).replace("{org}", path_id(pool.organization))
    encoded = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass")) for k, v in query])
    send(cast, data.draw(pool.user), "GET", f"{url}?{encoded}")
