"""Permissions come from the installed apps; role kinds get them by family, not by a hand-kept list.

Each app declares what can be done with its data in its AppConfig:

    class CommitteesConfig(AppConfig):
        name = "committees"
        permissions = {"view": READ, "change": RECORDS}

which makes the permissions "committees.view" (family READ) and "committees.change" (family RECORDS);
an app with scoped models (`scope_path_lookup`) that declares nothing gets exactly these two (DEFAULT).
A role kind (accounts.RoleKind) lists the families it gets (`families`, "*" for all) besides any
permission named one by one (`permissions`); so a new app is visible, the day it is installed, to every
role kind that holds its families — the viewer sees "committees.view", the cell secretary may change
committee records — without editing a list or a role kind.

Families:
- READ: see the app's data (every role kind that sees anything has it);
- RECORDS: keep the day-to-day records of members and what concerns them (files, events, training...);
- STRUCTURE: restructure the organization tree;
- ACCOUNTS: grant and revoke roles, create users;
- INSPECTION: the inspection committee's own work (cases, findings), kept apart from RECORDS.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import AppConfig, apps
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

READ = "read"
RECORDS = "records"
STRUCTURE = "structure"
ACCOUNTS = "accounts"
INSPECTION = "inspection"
ALL = "*"

FAMILIES = {
    READ: _("see the data"),
    RECORDS: _("keep member records"),
    STRUCTURE: _("restructure organizations"),
    ACCOUNTS: _("manage users and roles"),
    INSPECTION: _("inspection work"),
}


@dataclass(frozen=True)
class Permission:
    code: str  # "<app>.<action>"
    app: str
    action: str
    family: str


# An app with scoped data (a model with `scope_path_lookup`) that declares nothing gets these.
DEFAULT = {"view": READ, "change": RECORDS}


def _declared(config: AppConfig) -> dict[str, str]:
    declared = getattr(config, "permissions", None)
    if isinstance(declared, dict):
        return declared
    if any(hasattr(model, "scope_path_lookup") for model in config.get_models()):
        return DEFAULT
    return {}


@functools.cache
def declared_permissions() -> tuple[Permission, ...]:
    """Every permission the installed apps declare (AppConfig.permissions: action -> family), sorted.

    An app with scoped models that declares nothing gets DEFAULT (seen by READ, kept by RECORDS).
    """
    found: list[Permission] = []
    for config in apps.get_app_configs():
        declared = _declared(config)
        for action, family in declared.items():
            if family not in FAMILIES:
                raise ValueError(f"{config.label}: unknown permission family {family!r} for {action!r}.")
            found.append(Permission(f"{config.label}.{action}", config.label, action, family))
    return tuple(sorted(found, key=lambda p: p.code))


def permissions_of(families: Iterable[str]) -> frozenset[str]:
    """The permission codes that the families give ("*" gives every declared permission)."""
    wanted = set(families)
    return frozenset(p.code for p in declared_permissions() if ALL in wanted or p.family in wanted)


@receiver(setting_changed)
def _installed_apps_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "INSTALLED_APPS":
        declared_permissions.cache_clear()


def is_declared(code: str) -> bool:
    return any(p.code == code for p in declared_permissions())
