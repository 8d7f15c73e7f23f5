"""Generated input against every members route: never a 500, and every write route really writes.

Half the examples are valid by construction from the live data: a fresh person in the state the event needs
(made through the services, in a cell of the caller's scope, with a birth date of its own), and a body that
names them with dates the rules accept, a well-formed decision and free text as people type it. The others
break such a body (fields dropped or replaced by junk) or send bodies built from real and random ids and random
JSON. After every request the ledger checks: a refusal wrote nothing; a success logged every row it wrote with
the caller as user and no secret, and the same call by a user outside the scope answers 404 and writes nothing.
Each write route must succeed for most of its valid examples (`Tally.require`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import strategies as st

from core.testing import Cast
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
from members import services
from members.models import DossierForm, EventKind, MemberEvent, Person, StrikeOffGround
from members.services import Introducer
from members.tests import factories as f
from organizations.models import Organization

pytestmark = pytest.mark.django_db

EXAMPLES = 12  # per write route (CI time: each valid example builds a person through the services)
D = dt.date
DECISION_NUMBERS = ["9-QĐ/ĐU", "123-QĐ/HU", "816/QĐ-UBND", "12-QĐ/TU", "abc", "12/", "", "12-QĐ"]
NAMES = ["Nguyễn Văn An", "Lò Thị Hoa", "Đàm Văn Đức", "  Hà   Thị  Mai ", "Ma"]
KINDS = ["candidate_registered", "awareness_course", "dossier_step", "admission_decision", "admission_ceremony",
         "recognition", "not_recognised", "transfer_out", "transfer_in", "temporary_return", "exemption_start",
         "exemption_end", "strike_off", "expulsion", "left", "death", "readmission"]
LEDGER = Ledger([Person, MemberEvent], derived={})
_serial = itertools.count(1)

text = st.one_of(st.sampled_from(NAMES), printable, printable, st.text(max_size=20))
years = dates(D(2008, 1, 1), D(2027, 12, 31))
FILE = {"other_names": text, "birth_place": text, "hometown": text, "citizen_id": st.sampled_from(
    ["", "001090000001", "123456789", "12345"]), "phone": st.sampled_from(["", "0912 345 678", "+84 912345678"]),
    "address": text, "general_education": st.sampled_from(["12/12", "9/12", "7/10", "", "lớp 9"]),
    "political_theory": st.sampled_from(["none", "elementary", "bachelor", "doctor"]),
    "ethnicity": st.sampled_from(["01", "02", "99", None, "ZZ"]), "religion": st.sampled_from(["phat-giao", None, "?"]),
    "party_card_number": st.sampled_from(["", "12.345.678", "1-2"]), "seriously_ill": st.booleans(), "note": text}
# Values a valid body may carry in the file's fields.
VALID_FILE = {"other_names": free_text, "birth_place": free_text, "hometown": free_text,
              "phone": st.sampled_from(["", "0912 345 678", "+84 912345678"]), "address": free_text,
              "general_education": st.sampled_from(["12/12", "9/12", "10/10"]),
              "political_theory": st.sampled_from(["none", "elementary", "intermediate"]),
              "ethnicity": st.sampled_from(["01", "02", None]), "religion": st.sampled_from([None]),
              "seriously_ill": st.booleans(), "note": printable.map(str.strip)}


def unique_birth(first: dt.date) -> dt.date:
    """Each fresh person has a birth date of their own, so no two files look like duplicates."""
    return first + dt.timedelta(days=next(_serial) % 3000)


# ----------------------------------------------------------------------------- bodies from real ids (broken)


class Pool:
    """Strategies over the people, events and organizations in the database, with bad ids mixed in."""

    def __init__(self, cast: Cast) -> None:
        self.people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        real_person = st.sampled_from(self.people)
        self.person = st.one_of(real_person, real_person, st.integers(min_value=-(2**70), max_value=2**70))
        organizations = [cast.province, cast.district_a, cast.district_b, cast.commune_a1, cast.commune_a2,
                         cast.cell_a1a, cast.cell_a1b, cast.commune_b1]
        self.cells = [cast.cell_a1a.pk, cast.cell_a1b.pk]
        real_org = st.sampled_from([o.pk for o in organizations])
        self.organization = st.one_of(real_org, real_org, real_org, st.integers(min_value=-(2**70), max_value=2**70))
        self.decision = mutated({"number": st.sampled_from(DECISION_NUMBERS), "date": years, "issuer": text})
        self.letter = mutated({"register_number": st.sampled_from(["GT-1", "12/GGT", ""]), "card_number": text,
                               "history_number": text, "list_number": text, "dues_paid_until": years,
                               "issued_on": years, "issuer": text})
        self.admission = mutated({"decision": self.decision, "ceremony_on": years, "recognised_on": years,
                                  "recognition_decision": self.decision})
        self.code = st.one_of(st.sampled_from(["corruption", "abandoned_activities", "applied_to_leave",
                                               "mountain", "x"]), text)
        self.codes = st.lists(self.code, max_size=4)
        self.events = sorted(MemberEvent.objects.exclude(kind=EventKind.CORRECTION).values_list("pk", flat=True))
        self.user = st.sampled_from(["district_officer", "district_officer", "district_officer", "province_officer",
                                     "cell_secretary", "outsider", "root_admin", "member", None])

    def event(self, kind: str) -> st.SearchStrategy[dict[str, Any]]:
        specific: dict[str, dict[str, st.SearchStrategy[Any]]] = {
            "candidate_registered": {"registered_on": years, "organization_id": self.organization},
            "awareness_course": {"completed_on": years, "certificate_number": text, "issuer": text},
            "dossier_step": {"form": st.one_of(st.sampled_from(DossierForm.values), text), "occurred_on": years,
                             "decision": self.decision,
                             "details": st.dictionaries(st.text(max_size=8), st.one_of(text, json_value), max_size=3)},
            "admission_decision": {
                "decision": self.decision, "cell_resolution_on": years,
                "introducers": st.lists(mutated({"person_id": self.person, "worked_together_since": years}),
                                        max_size=3),
                "youth_union_resolution": st.one_of(st.none(), self.decision),
                "education_exception_area": st.one_of(st.just(""), self.code),
                "age_override": st.one_of(st.none(), self.decision)},
            "admission_ceremony": {"held_on": years},
            "recognition": {"decision": self.decision},
            "not_recognised": {"decision": self.decision},
            "transfer_out": {"temporary": st.booleans(), "occurred_on": years, "letter": self.letter,
                             "destination_id": st.one_of(st.none(), st.sampled_from(self.cells), self.organization),
                             "destination_outside": st.one_of(st.just(""), text),
                             "purpose": st.sampled_from(["work", "study", None, "holiday"]), "until": years},
            "transfer_in": {"temporary": st.booleans(),
                            "organization_id": st.one_of(st.sampled_from(self.cells), self.organization),
                            "occurred_on": years,
                            "letter": st.one_of(st.none(), self.letter), "late_explanation": text,
                            "origin_outside": st.one_of(st.just(""), text),
                            "arriving": st.one_of(st.none(), self.admission)},
            "temporary_return": {"returned_on": years},
            "exemption_start": {"occurred_on": years, "decision": st.one_of(st.none(), self.decision)},
            "exemption_end": {"occurred_on": years, "decision": st.one_of(st.none(), self.decision)},
            "strike_off": {"decision": self.decision, "ground": st.one_of(st.sampled_from(StrikeOffGround.values),
                                                                          text),
                           "warrants_expulsion": st.booleans(),
                           "unpaid_months": st.one_of(st.none(), st.integers(min_value=-5, max_value=5000))},
            "expulsion": {"decision": self.decision, "grounds": self.codes},
            "left": {"decision": self.decision, "has_violations": st.booleans()},
            "death": {"died_on": years},
            "readmission": {"decision": self.decision, "consent": self.decision,
                            "cell_resolution_on": st.one_of(st.none(), years),
                            "organization_id": st.one_of(st.none(), self.organization),
                            "record_cleared_on": st.one_of(st.none(), years), "declared_grounds": self.codes},
        }
        return mutated({"kind": st.just(kind), "reason": text, **specific[kind]})

    def junk(self, route: str, data: st.DataObject) -> tuple[str, str, Any]:
        draw = data.draw
        if route == "create":
            fields = {"organization_id": st.one_of(st.sampled_from(self.cells), self.organization),
                      "full_name": text, "gender": st.sampled_from(["male", "female"]),
                      "birth_date": st.one_of(years, st.dates(min_value=D(1930, 1, 1)).map(dt.date.isoformat)),
                      "reason": text, "admitted": st.one_of(st.none(), self.admission)}
            chosen = draw(st.lists(st.sampled_from(sorted(FILE)), max_size=5, unique=True))
            return "POST", "/api/v1/members", draw(body(mutated({**fields, **{n: FILE[n] for n in chosen}})))
        if route == "update":
            extra = {"full_name": text, "gender": st.sampled_from(["male", "female", None]), "birth_date": years}
            strategies = {**FILE, **extra}
            chosen = draw(st.lists(st.sampled_from(sorted(strategies)), max_size=4, unique=True))
            payload = draw(body(mutated({name: strategies[name] for name in chosen} | {"reason": text})))
            return "PATCH", f"/api/v1/members/{draw(self.person)}", payload
        if route == "correct":
            target = draw(st.one_of(st.sampled_from(self.events), st.integers(min_value=-(2**70), max_value=2**70)))
            payload = draw(body(mutated({"reason": text, "withdraw": st.booleans(), "occurred_on": years,
                                         "organization_id": st.one_of(st.none(), self.organization),
                                         "counterpart_id": st.one_of(st.none(), self.organization),
                                         "decision": st.one_of(st.none(), self.decision)})))
            return "POST", f"/api/v1/member-events/{target}/correct", payload
        return "POST", f"/api/v1/members/{draw(self.person)}/events", draw(body(self.event(route)))


# ----------------------------------------------------------------------------- bodies valid by construction


class Fresh:
    """People made for one example in the state a route needs, and valid bodies that name them."""

    def __init__(self, cast: Cast, data: st.DataObject, cell: Organization, introducers: list[Introducer]) -> None:
        self.cast, self.data, self.cell, self.admin = cast, data, cell, cast.root_admin
        self.introducers = introducers
        self.other_cell = cast.cell_a1b if cell == cast.cell_a1a else cast.cell_a1a

    # people in each state (through the services, as the administrator)
    def file_only(self) -> Person:
        return f.person(self.admin, self.cell, "Lò Văn Mới", birth_date=unique_birth(D(1990, 1, 1)))

    def candidate(self) -> Person:
        return f.candidate(self.admin, self.cell, "Nguyễn Văn An", resolution_on=D(2020, 3, 2),
                           birth_date=unique_birth(D(1985, 1, 1)))

    def admitted(self, ceremony_on: dt.date | None) -> Person:
        return f.admit(self.admin, self.cell, "Đàm Thị Thử", ceremony_on=ceremony_on,
                       introduced_by=self.introducers, birth_date=unique_birth(D(1985, 1, 1)))

    def official(self) -> Person:
        return f.member(self.admin, self.cell, "Trần Thị Bình", birth_date=unique_birth(D(1970, 1, 1)))

    def exempted(self) -> Person:
        person = self.official()
        services.exemption_start(actor=self.admin, person=person, occurred_on=D(2023, 1, 5), reason="ốm dài ngày")
        return person

    def transferred(self, *, temporary: bool) -> Person:
        person = self.official()
        services.member_transfer_out(actor=self.admin, person=person, temporary=temporary, occurred_on=D(2021, 1, 4),
                                     letter=f.letter(), destination=self.other_cell,
                                     **({"purpose": "study", "until": D(2022, 1, 4)} if temporary else {}))
        return person

    def struck(self) -> Person:
        person = self.official()
        services.member_strike_off(actor=self.admin, person=person, decision=f.decision(D(2019, 1, 10)),
                                   ground="no_progress")
        return person

    # pieces of a body
    def reason(self) -> str:
        return self.data.draw(st.one_of(st.just(""), free_text))

    def decision(self, on: str, number: str | None = None, issuer: str | None = None) -> dict[str, Any]:
        return {"number": number or f"{next(_serial)}-QĐ/ĐU", "date": on,
                "issuer": issuer if issuer is not None else self.data.draw(st.one_of(st.just(""), free_text))}

    def event(self, kind: str) -> tuple[Person, dict[str, Any]]:
        """A person for `kind` and a valid body (dates as in members/tests/test_api.py, which the rules accept)."""
        draw = self.data.draw
        if kind == "candidate_registered":
            return self.file_only(), {"registered_on": "2020-01-02", "organization_id": self.cell.pk}
        if kind == "awareness_course":
            return self.candidate(), {"completed_on": "2020-06-01", "certificate_number": draw(free_text),
                                      "issuer": draw(free_text)}
        if kind == "dossier_step":
            return self.candidate(), {"form": "8-KNĐ", "occurred_on": "2020-03-20",
                                      "details": {"note": draw(free_text)}}
        if kind == "admission_decision":
            return self.candidate(), {"decision": self.decision("2020-04-01"), "introducers": [
                {"person_id": i.person.pk, "worked_together_since": "2015-01-01"} for i in self.introducers]}
        if kind == "admission_ceremony":
            return self.admitted(None), {"held_on": "2020-04-20"}
        if kind == "recognition":
            return self.admitted(D(2020, 4, 20)), {"decision": self.decision("2021-05-10")}
        if kind == "not_recognised":
            return self.admitted(D(2020, 4, 20)), {"decision": self.decision("2021-05-10"), "reason": draw(free_text)}
        if kind == "transfer_out":
            return self.official(), {"occurred_on": "2021-03-01", "destination_id": self.other_cell.pk,
                                     "letter": {"register_number": f"GT-{next(_serial)}", "list_number": "7",
                                                "dues_paid_until": "2021-02-01"}}
        if kind == "transfer_in":
            return self.transferred(temporary=False), {"organization_id": self.other_cell.pk,
                                                       "occurred_on": "2021-01-08",
                                                       "letter": {"register_number": f"GT-{next(_serial)}"}}
        if kind == "temporary_return":
            return self.transferred(temporary=True), {"returned_on": "2021-06-01"}
        if kind == "exemption_start":
            return self.official(), {"occurred_on": "2023-01-05", "reason": draw(free_text)}
        if kind == "exemption_end":
            return self.exempted(), {"occurred_on": "2023-06-05"}
        if kind == "strike_off":
            return self.official(), {"decision": self.decision("2023-09-01"), "ground": "card_discarded"}
        if kind == "expulsion":
            return self.official(), {"decision": self.decision("2021-05-01"), "reason": draw(free_text),
                                     "grounds": ["corruption"]}
        if kind == "left":
            return self.official(), {"decision": self.decision("2021-05-01")}
        if kind == "death":
            return self.official(), {"died_on": "2022-02-02"}
        assert kind == "readmission"
        consent = self.decision("2022-02-01", f"{next(_serial)}-QĐ/TU", "Ban Thường vụ Tỉnh ủy")
        return self.struck(), {"decision": self.decision("2022-03-01"), "consent": consent}

    def request(self, route: str) -> tuple[str, str, dict[str, Any]]:
        draw = self.data.draw
        if route == "create":
            chosen = draw(st.lists(st.sampled_from(sorted(VALID_FILE)), max_size=4, unique=True))
            return "POST", "/api/v1/members", {
                "organization_id": self.cell.pk, "full_name": draw(st.sampled_from(NAMES)).strip() or "Ma Văn Một",
                "gender": draw(st.sampled_from(["male", "female"])), "reason": self.reason(),
                "birth_date": unique_birth(D(1975, 1, 1)).isoformat(),
                **{name: draw(VALID_FILE[name]) for name in chosen}}
        if route == "update":
            person = draw(st.sampled_from([self.file_only, self.official]))()
            chosen = draw(st.lists(st.sampled_from(sorted(VALID_FILE)), min_size=1, max_size=4, unique=True))
            return "PATCH", f"/api/v1/members/{person.pk}", {"reason": self.reason(),
                                                             **{name: draw(VALID_FILE[name]) for name in chosen}}
        if route == "correct":
            person = self.exempted()
            wrong = MemberEvent.objects.get(person=person, kind=EventKind.EXEMPTION_START)
            change = draw(st.sampled_from([{"withdraw": True}, {"occurred_on": "2023-02-01"}]))
            return "POST", f"/api/v1/member-events/{wrong.pk}/correct", {**change, "reason": draw(free_text)}
        person, payload = self.event(route)
        return "POST", f"/api/v1/members/{person.pk}/events", {"kind": route, "reason": self.reason(), **payload}


# ----------------------------------------------------------------------------- writes

WRITES = ["create", "update", *KINDS, "correct"]
# The receiver of a transfer is the other cell of commune A1: not a cell secretary's.
SECRETARY_CANNOT = {"transfer_out", "transfer_in"}


@pytest.fixture
def introducers(cast: Cast) -> dict[int, list[Introducer]]:
    """Two official members of each cell since 2010, who may introduce the fresh candidates."""
    return {cell.pk: [Introducer(f.member(cast.root_admin, cell, name, birth_date=unique_birth(D(1960, 1, 1))),
                                 D(2015, 1, 1)) for name in ("Hoàng Văn Giới", "Lục Thị Thiệu")]
            for cell in (cast.cell_a1a, cast.cell_a1b)}


@pytest.mark.parametrize("route", WRITES)
def test_write_route(cast: Cast, introducers: dict[int, list[Introducer]], route: str) -> None:
    pool, tally = Pool(cast), Tally()
    users = ["district_officer", "district_officer", "province_officer", "root_admin", "cell_secretary"]
    if route in SECRETARY_CANNOT:
        users.remove("cell_secretary")

    def step(data: st.DataObject) -> None:
        mode = data.draw(st.sampled_from(["valid", "valid", "broken", "junk"]))
        if mode == "junk":
            user_name = data.draw(pool.user)
            method, url, payload = pool.junk(route, data)
        else:
            user_name = data.draw(st.sampled_from(users))
            cell = cast.cell_a1a if user_name == "cell_secretary" else data.draw(
                st.sampled_from([cast.cell_a1a, cast.cell_a1b]))
            method, url, payload = Fresh(cast, data, cell, introducers[cell.pk]).request(route)
            if mode == "broken":
                payload = broken(payload, data)
        user = getattr(cast, user_name) if user_name else None
        before = LEDGER.take()
        response = send(user, method, url, payload)
        ok = tally.count(route, response, valid=mode == "valid")
        # Valid and broken bodies name only district A (outside the outsider's scope); junk ones may not.
        out_of_scope = mode != "junk" or user_name in ("district_officer", "cell_secretary")
        replay = (lambda: send(cast.outsider, method, url, payload)) if ok and out_of_scope else None
        LEDGER.check(before, response, user or cast.root_admin, replay=replay)

    explore(EXAMPLES, step)
    tally.require()


@pytest.mark.parametrize("route", ["create", "update", "event", "correct"])
def test_raw_bodies(cast: Cast, route: str) -> None:
    """Bytes that are not JSON at all, or JSON of another shape, on every write route: refused, nothing written."""
    person = f.member(cast.root_admin, cast.cell_a1a, "Trần Thị Bình")
    event = MemberEvent.objects.filter(person=person).first()
    assert event is not None
    method, url = {"create": ("POST", "/api/v1/members"), "update": ("PATCH", f"/api/v1/members/{person.pk}"),
                   "event": ("POST", f"/api/v1/members/{person.pk}/events"),
                   "correct": ("POST", f"/api/v1/member-events/{event.pk}/correct")}[route]

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


@pytest.mark.parametrize("route", READS)
def test_reads(cast: Cast, introducers: dict[int, list[Introducer]], route: str) -> None:
    pool = Pool(cast)
    plausible = {
        "q": st.one_of(text, st.sampled_from(["nguyen van", "ĐỨC", "12.345.678", "001090000001", "an"])),
        "organization": pool.organization.map(str),
        "status": st.sampled_from(["official", "candidate", "none", "dead", "member"]),
        "gender": st.sampled_from(["male", "female", "x"]),
        "ethnicity": st.sampled_from(["01", "02", "99", "ZZ"]),
        "limit": st.integers(min_value=-5, max_value=1000).map(str),
        "offset": st.integers(min_value=-5, max_value=2**64).map(str),
        "on": st.one_of(years, iso_dates),
    }

    def step(data: st.DataObject) -> None:
        names = st.one_of(st.sampled_from(sorted(plausible)), st.text(max_size=6))
        query = []
        for name in data.draw(st.lists(names, max_size=5)):
            junk_instead = data.draw(st.integers(min_value=0, max_value=3)) == 3
            query.append((name, data.draw(QUERY_JUNK if junk_instead else plausible.get(name, QUERY_JUNK))))

        def path_id(ids: st.SearchStrategy[int]) -> str:
            return data.draw(st.one_of(ids.map(str), ids.map(str), st.text(min_size=1, max_size=8).map(
                lambda t: quote(t.encode("utf-8", "surrogatepass"), safe=""))))

        url = route.replace("{id}", path_id(pool.person)).replace("{org}", path_id(pool.organization))
        encoded = urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass"))
                             for k, v in query])
        user_name = data.draw(pool.user)
        before = LEDGER.take()
        send(getattr(cast, user_name) if user_name else None, "GET", f"{url}?{encoded}")
        assert LEDGER.take() == before, "a read wrote"

    explore(30, step)
