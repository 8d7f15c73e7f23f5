"""The one scoping function: roles give subtrees, no role gives nothing, writes are re-checked."""

from __future__ import annotations

import pytest

from accounts.models import RoleKind
from accounts.services import role_revoke
from core.errors import NotInScope
from core.scope import CHANGE, get_in_scope, restrict
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def _codes(user, action="view"):
    return set(restrict(Organization.objects.all(), user, action).values_list("code", flat=True))


def test_roles_give_exactly_their_subtrees(cast):
    assert _codes(cast.district_officer) == {"T-A", "T-A-1", "T-A-2", "T-A-1-a", "T-A-1-b"}
    assert _codes(cast.cell_secretary) == {"T-A-1-a"}
    assert _codes(cast.outsider) == {"T-B", "T-B-1"}
    assert "T" in _codes(cast.province_officer)


def test_no_role_no_data_and_anonymous_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert _codes(cast.member) == set()
    assert _codes(AnonymousUser()) == set()


def test_read_only_roles_cannot_change(cast):
    # A cell secretary may record member events but not restructure organizations.
    assert _codes(cast.cell_secretary, CHANGE) == set()
    assert "organizations.change" not in RoleKind.objects.get(code="cell-secretary").granted()


def test_missing_and_forbidden_look_the_same(cast):
    with pytest.raises(NotInScope) as forbidden:
        get_in_scope(Organization.objects.all(), cast.outsider, pk=cast.commune_a1.pk)
    with pytest.raises(NotInScope) as missing:
        get_in_scope(Organization.objects.all(), cast.outsider, pk=999_999)
    assert str(forbidden.value) == str(missing.value)


def test_revoked_role_removes_scope(cast):
    role = cast.outsider.roles.get()
    role_revoke(actor=cast.root_admin, role=role, reason="chuyển công tác")
    cast.outsider.__dict__.pop("_scope_cache", None)
    assert _codes(cast.outsider) == set()
