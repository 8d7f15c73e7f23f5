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
