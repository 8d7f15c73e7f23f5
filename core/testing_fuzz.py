"""Hypothesis primitives for the API fuzz tests, and the invariants every write must keep.

Each app's `tests/test_api_fuzz.py` builds two kinds of bodies from these pieces: bodies valid by construction
from the live data (ids in the caller's scope, plausible dates, people in the right status), and broken ones
(fields dropped or replaced by junk, any JSON, bytes that are not JSON). A `Tally` counts per route how many
examples reached a successful write and fails when a route never gets that far; a `Ledger` checks after each
request that a refusal wrote nothing, and that a success logged every row it wrote, with the caller as user,
with no secret in the log, and that an out-of-scope user's same call answers 404 and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import ChangeRecord

# ----------------------------------------------------------------------------- hypothesis settings


def fuzz_settings(max_examples: int) -> settings:
    """Bounded examples, no deadline (a write takes a variable time on a loaded machine), no example database."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def explore(max_examples: int, step: Callable[[st.DataObject], None]) -> None:
    """Run `step` on `max_examples` generated examples (inside a test, so the test can check a tally after)."""
    fuzz_settings(max_examples)(given(data=st.data())(step))()


# ----------------------------------------------------------------------------- junk

ODD_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "\u202eabc", "x" * 256, "y" * 20_000, "null", "0", "-1",
            "' OR 1=1 --", "%s%d{0}", "\t\n", "\x1b[31m", "=HYPERLINK(\"http://x\")", "12/12 " + "z" * 40,
            "+" + "1" * 20, "9" * 13]
BAD_DATES = ["2020-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "31/12/2020", "2020-1-1", "", "2020-01-01T10:00",
             "+002020-01-01", "1899-12-31", "3000-01-01", "1929-12-31"]
RAW_BODIES = ["{", "[", '{"kind":', "NaN", "1e999", '""', "[]", "null", "42", '"text"', "[" * 5000 + "]" * 5000,
              "\xff\xfe"]
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
odd_text = st.one_of(st.text(max_size=60), st.sampled_from(ODD_TEXT))
# What people type: any printable Unicode (no control characters, no surrogates).
printable = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60)
# Text that a valid body may carry in a free-text field: printable, not blank, no surrounding spaces.
free_text = printable.map(str.strip).filter(bool)
iso_dates = st.dates().map(dt.date.isoformat)


def dates(first: dt.date, last: dt.date) -> st.SearchStrategy[str]:
    return st.dates(min_value=first, max_value=last).map(dt.date.isoformat)


junk = st.one_of(odd_text, odd_text, json_value, st.sampled_from(BIG_INTS), st.sampled_from(BAD_DATES), iso_dates)
QUERY_JUNK = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "-1", "0", "true", "yes", "\x00", "\ud800", "%00", "9" * 40, "1e3", "2020-02-30", "[]"]),
)


@st.composite
def mutated(draw: st.DrawFn, required: dict[str, st.SearchStrategy[Any]], *, at_least: int = 0) -> dict[str, Any]:
    """A plausible object, then up to three fields dropped or replaced by junk, plus a stray key or none.

    Shrinking goes towards no mutation, so a failing example reads as a nearly valid request.
    """
    result = {name: draw(strategy) for name, strategy in required.items()}
    for _ in range(max(at_least, draw(st.sampled_from([0, 0, 0, 0, 1, 1, 2, 3])))):
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


def broken(valid: dict[str, Any], data: st.DataObject) -> Any:
    """A valid body with at least one field dropped or replaced by junk, or any JSON instead of it."""
    fields = {name: st.just(value) for name, value in valid.items() if name != "kind"}
    kind = {"kind": valid["kind"]} if "kind" in valid else {}
    if not fields:
        return data.draw(json_value)
    return data.draw(st.one_of(mutated(fields, at_least=1).map(lambda b: {**kind, **b}), json_value))


# ----------------------------------------------------------------------------- requests


def send(user: Any, method: str, url: str, payload: Any = None, *, raw: bool = False) -> Any:
    """One request as `user` (None: anonymous); never a 5xx, and every JSON refusal says what is wrong.

    `raw` sends the text as it is (possibly not JSON), otherwise the payload is JSON-encoded.
    """
    client = Client()
    if user is not None:
        client.force_login(user)
    if payload is None and not raw:
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


# ----------------------------------------------------------------------------- the tally of successful writes


class Tally:
    """Per route: examples sent, examples valid by construction, examples that wrote (2xx)."""

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self.valid: Counter[str] = Counter()
        self.wrote: Counter[str] = Counter()

    def count(self, route: str, response: Any, *, valid: bool) -> bool:
        self.sent[route] += 1
        self.valid[route] += valid
        ok = 200 <= response.status_code < 300
        self.wrote[route] += ok
        return ok

    def summary(self) -> str:
        return "; ".join(f"{route}: {self.wrote[route]}/{self.sent[route]} wrote ({self.valid[route]} valid)"
                         for route in sorted(self.sent))

    def require(self, *, share_of_valid: float = 0.6) -> None:
        """Every route wrote for at least `share_of_valid` of its valid-by-construction examples (and once)."""
        print(f"fuzz writes: {self.summary()}")
        short = [route for route in self.sent
                 if self.wrote[route] < max(1, math.ceil(share_of_valid * self.valid[route]))]
        assert not short, f"routes that seldom or never wrote: {short} — {self.summary()}"


# ----------------------------------------------------------------------------- the invariants of a write

SECRET_KEYS = re.compile(r"password|token|secret|session|key_hash|hash", re.IGNORECASE)
SECRET_VALUES = re.compile(r"^(argon2|pbkdf2_|md5\$|sha1\$|bcrypt|scrypt)|^[0-9a-f]{64}$")


def secrets_in(value: Any, path: str = "") -> list[str]:
    """Paths of keys or values in a change snapshot that look like a password hash, a token hash or session data."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            where = f"{path}.{key}" if path else str(key)
            redacted = isinstance(inner, str) and inner.startswith("<redacted")  # core.changelog's marker
            if SECRET_KEYS.search(str(key)) and inner not in (None, "") and not redacted:
                found.append(where)
            found.extend(secrets_in(inner, where))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(secrets_in(inner, f"{path}[{index}]"))
    elif isinstance(value, str) and SECRET_VALUES.search(value):
        found.append(path)
    return found


State = tuple[dict[tuple[str, Any], dict[str, Any]], int]


class Ledger:
    """The rows of the logged models and the last change record, to compare before and after a request.

    `derived` names, per model, the columns recomputed from other rows (a subtree's paths after a move, a
    file's cached status), which are not logged row by row.
    """

    def __init__(self, logged: Sequence[type[models.Model]], derived: dict[type[models.Model], Iterable[str]]):
        self.logged = list(logged)
        self.derived = {model: set(names) for model, names in derived.items()}

    def take(self) -> State:
        rows: dict[tuple[str, Any], dict[str, Any]] = {}
        for model in self.logged:
            skip = self.derived.get(model, set())
            for row in model._default_manager.values():
                rows[(model._meta.label_lower, row["id"])] = {k: v for k, v in row.items() if k not in skip}
        last = ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        return rows, last

    @staticmethod
    def written(before: State, after: State) -> list[tuple[str, Any]]:
        return [key for key, row in after[0].items() if before[0].get(key) != row]

    def check(self, before: State, response: Any, actor: Any, *, replay: Callable[[], Any] | None = None) -> None:
        """The invariants after one request (`replay` repeats it as a user outside the scope)."""
        after = self.take()
        records = list(ChangeRecord.objects.filter(pk__gt=before[1]))
        if not 200 <= response.status_code < 300:
            assert after == before, ("a refused request wrote", response.status_code, self.written(before, after))
            # The one record a refusal may leave: a uniqueness probe outside the writer's scope, logged on the
            # other file (`after.refused`, docs/security.md).
            stray = [str(r) for r in records if not (isinstance(r.after, dict) and "refused" in r.after)]
            assert not stray, ("a refused request logged", stray)
            return
        types = {ct.pk: ct.model_class()._meta.label_lower  # type: ignore[union-attr]
                 for ct in ContentType.objects.filter(pk__in={r.content_type_id for r in records})}
        logged = {(types[r.content_type_id], r.object_id) for r in records}
        unlogged = [key for key in self.written(before, after) if (key[0], str(key[1])) not in logged]
        assert not unlogged, ("rows written without a change record", unlogged)
        writes = [r for r in records if not (isinstance(r.after, dict) and "refused" in r.after)]
        assert {r.user_id for r in writes} <= {actor.pk}, "a change record names another user"
        leaks = [(str(r), where) for r in records for side in (r.before, r.after) for where in secrets_in(side)]
        assert not leaks, ("secret-looking values in the change log", leaks)
        if replay is not None:
            again = self.take()
            answer = replay()
            assert answer.status_code == 404, ("an out-of-scope user's same call", answer.status_code,
                                               answer.content[:300])
            assert self.take() == again, "an out-of-scope call wrote"
