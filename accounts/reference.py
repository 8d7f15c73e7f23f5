"""Reference data: the kinds of role and the permission families each gets. Loaded by migrations; editable in admin.

A kind names permission *families* (core.permissions), never apps: its permissions are those the installed
apps declare in these families, so a new app reaches the kinds that should see it without editing this list.
"""

from __future__ import annotations

from typing import Any

from core.permissions import ACCOUNTS, ALL, INSPECTION, READ, RECORDS, STRUCTURE

# (code, Vietnamese name, English name, families)
ROLE_KINDS = [
    ("administrator", "Quản trị hệ thống", "System administrator", [ALL]),
    ("organization-board", "Cán bộ Ban Tổ chức", "Organization board officer", [READ, RECORDS, STRUCTURE, ACCOUNTS]),
    ("committee-office", "Văn phòng cấp ủy", "Committee office", [READ, RECORDS]),
    ("cell-secretary", "Bí thư chi bộ", "Cell secretary", [READ, RECORDS]),
    ("inspection", "Ủy ban Kiểm tra", "Inspection committee", [READ, INSPECTION]),
    ("viewer", "Xem số liệu", "Read-only viewer", [READ]),
    # A role over one person (Role.person): a member sees their own file.
    ("own-file", "Đảng viên (hồ sơ của mình)", "Member (own file)", [READ]),
]

# What each kind held when permissions were a hand-kept list over these three apps (before families).
_OLD_APPS = ["organizations", "members", "accounts"]
_OLD_VIEW = [f"{app}.view" for app in _OLD_APPS]
_OLD_CHANGE = [f"{app}.change" for app in _OLD_APPS]
OLD_PERMISSIONS = {
    "administrator": _OLD_VIEW + _OLD_CHANGE,
    "organization-board": _OLD_VIEW + _OLD_CHANGE,
    "committee-office": [*_OLD_VIEW, "members.change"],
    "cell-secretary": [*_OLD_VIEW, "members.change"],
    "inspection": _OLD_VIEW,
    "viewer": _OLD_VIEW,
}
# The families gave the same three-app permissions as the old lists (checked by a test).
OLD_APP_FAMILY = {"organizations": {"view": READ, "change": STRUCTURE},
                  "members": {"view": READ, "change": RECORDS},
                  "accounts": {"view": READ, "change": ACCOUNTS}}


def old_permissions_of(families: list[str]) -> set[str]:
    """The permissions the families gave over the three original apps (as the migration saw them)."""
    return {
        f"{app}.{action}"
        for app, actions in OLD_APP_FAMILY.items()
        for action, family in actions.items()
        if ALL in families or family in families
    }


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing role kinds (with their families); never overwrite what an administrator has edited."""
    model = apps.get_model("accounts", "RoleKind")
    fields = {f.name for f in model._meta.get_fields()}
    for code, name, name_en, families in ROLE_KINDS:
        if "families" in fields:
            defaults = {"name": name, "name_en": name_en, "families": families, "permissions": []}
        else:  # the first migration, before kinds had families
            if code not in OLD_PERMISSIONS:
                continue
            defaults = {"name": name, "name_en": name_en, "permissions": OLD_PERMISSIONS[code]}
        model.objects.get_or_create(code=code, defaults=defaults)


def upgrade_to_families(apps: Any, schema_editor: Any = None) -> None:
    """Give the existing kinds their families, keeping every administrator edit.

    For a kind of this list whose stored permissions still include everything its families gave over the
    three original apps, the families are set and the stored list keeps only what an administrator added
    beyond them (e.g. "members.change" given to a viewer): the kind then also reaches every new app of its
    families. A kind an administrator narrowed (a permission of its families removed) is left exactly as
    it was, with no families — it does not gain new apps silently; an administrator gives it families
    in the admin when wanted. Kinds created by administrators are left alone. Missing kinds are added.
    """
    model = apps.get_model("accounts", "RoleKind")
    for code, _name, _name_en, families in ROLE_KINDS:
        kind = model.objects.filter(code=code).first()
        if kind is None or kind.families:
            continue
        stored = set(kind.permissions or [])
        default = old_permissions_of(families)
        if not default <= stored:
            continue
        kind.families = families
        kind.permissions = sorted(stored - default)
        kind.save(update_fields=["families", "permissions"])
    load(apps, schema_editor)
