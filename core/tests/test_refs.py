"""core.refs: an API reference names a record by id or by code; what names nothing is a 404 (NotInScope)."""

from __future__ import annotations

import uuid

import pytest

from core.errors import NotInScope
from core.refs import id_or_code, id_or_uuid


def test_digits_are_an_id_and_anything_else_a_code():
    assert id_or_code(" 42 ") == {"pk": 42}
    assert id_or_code(42) == {"pk": 42}
    assert id_or_code("BK-NR") == {"code": "BK-NR"}
    assert id_or_code("1" * 19) == {"code": "1" * 19}  # longer than a bigint: a code
    assert id_or_code("¹") == {"code": "¹"}  # a digit to str.isdigit, not to int() (found by schemathesis)


@pytest.mark.parametrize("ref", ["", "   ", "x" * 65, "BK\x00NR"])
def test_what_names_nothing_is_not_found(ref):
    with pytest.raises(NotInScope):
        id_or_code(ref)


def test_a_member_file_is_named_by_id_or_exchange_uuid():
    code = uuid.uuid4()
    assert id_or_uuid(str(code)) == {"code": code}
    assert id_or_uuid("7") == {"pk": 7}
    with pytest.raises(NotInScope):
        id_or_uuid("not-a-uuid")
    with pytest.raises(NotInScope):
        id_or_uuid("¹")
