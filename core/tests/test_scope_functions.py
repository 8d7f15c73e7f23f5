"""core.scope's questions every app asks: covers, restrict (with a permission and a path), holds; roles over
one person; permissions that come from the installed apps by family; the upgrade of existing role kinds."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings

from accounts import reference
from accounts.models import RoleKind
from accounts.services import role_grant, user_create
from core.errors import NotInScope
from core.permissions import ACCOUNTS, READ, RECORDS, STRUCTURE, declared_permissions
from core.scope import CHANGE, covers, get_in_scope, holds, require_covers, restrict
from core.testing import Cast
from members.models import MemberEvent, Person
from members.tests import factories as f
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def _codes(queryset) -> set[str]:  # type: ignore[no-untyped-def]
    return set(queryset.values_list("code", flat=True))


def test_covers_answers_for_one_organization_and_one_permission(cast: Cast) -> None:
    assert covers(cast.district_officer, cast.cell_a1a, "members.change")
    assert covers(cast.district_officer, cast.commune_a1, "organizations.change")
    assert not covers(cast.district_officer, cast.commune_b1, "members.view")
    assert covers(cast.cell_secretary, cast.cell_a1a, "members.change")
    assert not covers(cast.cell_secretary, cast.cell_a1a, "organizations.change")
    assert not covers(cast.cell_secretary, cast.commune_a1, "members.view")  # not the parent
    assert not covers(cast.member, cast.cell_a1a, "members.view")
    assert covers(cast.root_admin, cast.commune_b1, "anything.change")
    with pytest.raises(NotInScope):
        require_covers(cast.cell_secretary, cast.cell_a1b, "members.change")


def test_restrict_takes_another_apps_permission_through_a_path(cast: Cast) -> None:
    organizations = Organization.objects.all()
    # "Where may the cell secretary change member files?" asked of the organizations.
    assert _codes(restrict(organizations, cast.cell_secretary, "members.change", via="path")) == {"T-A-1-a"}
    assert _codes(restrict(organizations, cast.cell_secretary, "organizations.change")) == set()
    # The old form (an action of the queried model's app) still works.
    assert _codes(restrict(organizations, cast.cell_secretary, CHANGE)) == set()
    assert _codes(restrict(organizations, cast.outsider, "view")) == {"T-B", "T-B-1"}
    assert holds(cast.cell_secretary, "members.change") and not holds(cast.cell_secretary, "organizations.change")
    assert not holds(cast.member, "members.view") and holds(cast.root_admin, "members.change")


def test_a_role_over_one_person_reaches_that_file_and_nothing_else(cast: Cast) -> None:
    own = f.member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Mình")
    other = f.member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Khác")
    user = user_create(actor=cast.root_admin, username="minh", password="minh-pass-123", full_name="Minh")
    own_file = RoleKind.objects.get(code="own-file")
    with pytest.raises(NotInScope):  # granted only by who manages roles over the person's cell
        role_grant(actor=cast.outsider, user=user, kind=own_file, person=own)
    role = role_grant(actor=cast.district_officer, user=user, kind=own_file, person=own)
    assert (role.person, role.organization) == (own, cast.cell_a1a)
    assert list(restrict(Person.objects.all(), user, "members.view")) == [own]
    assert set(restrict(MemberEvent.objects.all(), user, "members.view")) == set(MemberEvent.objects.filter(person=own))
    assert get_in_scope(Person.objects.all(), user, "members.view", pk=own.pk) == own
    with pytest.raises(NotInScope):
        get_in_scope(Person.objects.all(), user, "members.view", pk=other.pk)
    assert not covers(user, cast.cell_a1a, "members.view")  # the person, not their cell
    assert _codes(restrict(Organization.objects.all(), user, "organizations.view")) == set()
    assert restrict(Person.objects.all(), user, "members.change").count() == 0  # read only
    assert holds(user, "members.view") and not holds(user, "members.change")


def test_role_kinds_get_permissions_from_the_installed_apps_by_family(cast: Cast) -> None:
    codes = {p.code for p in declared_permissions()}
    assert {"organizations.view", "organizations.change", "members.view", "members.change"} <= codes
    viewer, inspection = RoleKind.objects.get(code="viewer"), RoleKind.objects.get(code="inspection")
    secretary = RoleKind.objects.get(code="cell-secretary")
    assert "newapp.view" not in viewer.granted()
    from django.test import override_settings

    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "core.tests.newapp.apps.NewAppConfig"]):
        assert apps.is_installed("core.tests.newapp")
        # A new app is visible to the kinds that should see it, with no list edited anywhere.
        assert "newapp.view" in viewer.granted() and "newapp.view" in secretary.granted()
        assert "newapp.change" in inspection.granted() and "newapp.change" not in secretary.granted()
    assert "newapp.view" not in viewer.granted()


def test_families_give_each_kind_what_its_hand_kept_list_gave() -> None:
    for code, _name, _en, families in reference.ROLE_KINDS:
        if code in reference.OLD_PERMISSIONS:
            assert reference.old_permissions_of(families) == set(reference.OLD_PERMISSIONS[code]), code
    assert reference.old_permissions_of([READ, RECORDS, STRUCTURE, ACCOUNTS]) == set(
        reference.OLD_PERMISSIONS["organization-board"])


def test_upgrade_keeps_administrator_edits(db: None) -> None:
    old = reference.OLD_PERMISSIONS
    RoleKind.objects.all().delete()
    RoleKind.objects.create(code="viewer", name="Xem", permissions=[*old["viewer"], "members.change"])
    narrowed = [p for p in old["cell-secretary"] if p != "accounts.view"]
    RoleKind.objects.create(code="cell-secretary", name="Bí thư", permissions=narrowed)
    RoleKind.objects.create(code="custom", name="Riêng", permissions=["members.view"])
    reference.upgrade_to_families(apps)
    viewer = RoleKind.objects.get(code="viewer")
    assert viewer.families == [READ] and viewer.permissions == ["members.change"]  # the addition is kept
    secretary = RoleKind.objects.get(code="cell-secretary")
    assert secretary.families == [] and secretary.permissions == narrowed  # narrowed: left exactly as edited
    assert RoleKind.objects.get(code="custom").permissions == ["members.view"]
    assert RoleKind.objects.get(code="administrator").granted() >= {"members.change", "accounts.change"}  # added
    assert RoleKind.objects.filter(code="own-file").exists()
