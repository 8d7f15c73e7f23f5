"""Input types and error shapes every app's API shares: bounded at the edge, so nothing a client sends can reach
the database as an impossible value (ids beyond bigint, NUL in text, dates no record can have)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1  # the largest bigint: larger ids cannot exist and would overflow SQLite
MAX_OFFSET = 10**9
MAX_LIMIT = 500
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2999, 12, 31)


def storable(value: str) -> str:
    """Refuse text the database cannot store: NUL (PostgreSQL) and lone surrogates (not UTF-8)."""
    if "\x00" in value:
        raise PydanticCustomError("text_nul", "Text cannot contain the NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError("text_encoding", "Text contains characters that are not valid Unicode.") from exc
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# The bounds are declared in the OpenAPI document too (pydantic does not emit them for dates).
Day = Annotated[dt.date, Field(ge=EARLIEST_DAY, le=LATEST_DAY, json_schema_extra={
    "formatMinimum": EARLIEST_DAY.isoformat(), "formatMaximum": LATEST_DAY.isoformat(),
    "description": f"A date from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}."})]
Text = Annotated[str, AfterValidator(storable), Field(max_length=10_000)]
ShortText = Annotated[str, AfterValidator(storable), Field(max_length=1_000)]
Issuer = Annotated[str, AfterValidator(storable), Field(max_length=255)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


# ----------------------------------------------------------------------------- shared pieces


class PatchIn(Schema):
    """A partial update: the body must be a JSON object; a list, a string, a number or null is refused (422)
    instead of being read as "no field sent"."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        if not isinstance(getattr(value, "_obj", value), dict):  # ninja wraps the input in a DjangoGetter
            raise PydanticCustomError("object_type", "The request body must be a JSON object.")
        return value


class ErrorOut(Schema):
    """A refused request: the message in the request's language and the input at fault."""

    detail: str
    field: str | None = None


class ValidationErrorOut(ErrorOut):
    """Input that does not fit the schema; `errors` lists every problem with its location."""

    errors: list[dict[str, Any]] = []


# ----------------------------------------------------------------------------- the field of a refusal, as sent

#: Service names of nested objects that the request body calls otherwise (a file's copied admission, a letter's
#: arriving history): the service's `admission_decision_number` is the body's `admitted.decision.number`.
SERVICE_PREFIXES: dict[str, tuple[str, ...]] = {
    "admission_decision": ("admitted.decision", "arriving.decision"),
    "recognition_decision": ("admitted.recognition_decision", "arriving.recognition_decision"),
}
#: The date an event happened on, when the body has no `occurred_on`: the decision's date, else its own date.
_EVENT_DATE = "occurred_on"


def _walk(body: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(body, dict) or part not in body:
            return None
        body = body[part]
    return body


def _find(field: str, body: dict[str, Any]) -> str | None:
    """The dotted path in `body` of a service's field name: itself, `<object>_<field>` of a nested object,
    `<name>_id` for an object sent by id, an alias of SERVICE_PREFIXES, or the same name inside a nested object."""
    if field in body:
        return field
    if f"{field}_id" in body:
        return f"{field}_id"
    for key, value in body.items():
        if isinstance(value, dict) and field.startswith(f"{key}_"):
            inner = _find(field[len(key) + 1:], value)
            if inner is not None:
                return f"{key}.{inner}"
    for prefix, paths in SERVICE_PREFIXES.items():
        if field.startswith(f"{prefix}_"):
            for path in paths:
                target = _walk(body, path)
                if isinstance(target, dict):
                    inner = _find(field[len(prefix) + 1:], target)
                    if inner is not None:
                        return f"{path}.{inner}"
    for key, value in body.items():
        if isinstance(value, dict):
            inner = _find(field, value)
            if inner is not None:
                return f"{key}.{inner}"
    for key, value in body.items():  # a field of a nested object sent without it (`residence.since`)
        if isinstance(value, dict) and field.startswith(f"{key}_"):
            return f"{key}.{field[len(key) + 1:]}"
    return None


def json_path(field: str | None, body: Any) -> str | None:
    """The JSON path, in the request body as sent, of the input a service's refusal names (`decision.number` for
    `decision_number`; an event refused on its date names the date the body carries). Dotted names are already
    paths; a name found nowhere in the body is left as the schema's name."""
    if not field or "." in field or not isinstance(body, dict):
        return field
    found = _find(field, body)
    if found is not None:
        return found
    if field == _EVENT_DATE:
        if isinstance(body.get("decision"), dict):
            return "decision.date"
        dates = [key for key, value in body.items() if key.endswith("_on") and isinstance(value, str)]
        return dates[0] if len(dates) == 1 else None
    return field
