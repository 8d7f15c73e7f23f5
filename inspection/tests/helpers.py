"""Shared set-up of the inspection tests: an inspection committee user, members, decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import RoleKind, User
from accounts.services import role_grant, user_create
from core.decisions import Decision
from core.testing import Cast
from organizations.models import Organization

D = dt.date


def inspector(cast: Cast, organization: Organization, username: str = "inspector") -> User:
    """A user with the inspection committee's role kind (families read + inspection) over `organization`."""
    user = user_create(actor=cast.root_admin, username=username, password=f"{username}-pass-123", full_name=username)
    role_grant(actor=cast.root_admin, user=user, kind=RoleKind.objects.get(code="inspection"),
               organization=organization)
    return user


def decision(on: dt.date, number: str = "12-QĐ/UBKTHU") -> Decision:
    return Decision(number, on, "Ủy ban Kiểm tra Huyện ủy")


def discipline_args(cast: Cast, **kwargs: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"actor": cast.root_admin, "organization": cast.district_a, "body": "inspection_committee",
                            "grounds": "Vi phạm những điều đảng viên không được làm."}
    args.update(kwargs)
    return args
