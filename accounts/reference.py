"""Reference data: the kinds of role and what each may do. Loaded by a migration; editable in admin."""

from __future__ import annotations

from typing import Any

_ALL_APPS = ["organizations", "members", "accounts"]
_VIEW_ALL = [f"{app}.view" for app in _ALL_APPS]
_CHANGE_ALL = [f"{app}.change" for app in _ALL_APPS]

# (code, Vietnamese name, English name, permissions)
ROLE_KINDS = [
    ("administrator", "Quản trị hệ thống", "System administrator", _VIEW_ALL + _CHANGE_ALL),
    ("organization-board", "Cán bộ Ban Tổ chức", "Organization board officer", _VIEW_ALL + _CHANGE_ALL),
    ("committee-office", "Văn phòng cấp ủy", "Committee office", [*_VIEW_ALL, "members.change"]),
    ("cell-secretary", "Bí thư chi bộ", "Cell secretary", [*_VIEW_ALL, "members.change"]),
    ("inspection", "Ủy ban Kiểm tra", "Inspection committee", _VIEW_ALL),
    ("viewer", "Xem số liệu", "Read-only viewer", _VIEW_ALL),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing role kinds; never overwrite what an administrator has edited."""
    model = apps.get_model("accounts", "RoleKind")
    for code, name, name_en, permissions in ROLE_KINDS:
        model.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "permissions": permissions})
