"""Layer rules that review keeps missing, checked on every CI run.

1. Thin doors: views, API handlers, forms, page helpers (pages.py), admins, management commands and demo
   loaders never write with the ORM themselves — no `.save()`, `.delete()`, `.update()`, `.create()`,
   `bulk_create`, `bulk_update`, `get_or_create`, `update_or_create` — they call a service, which logs.
   (A dict is merged with `{**a, **b}` or `|=` there, so that `.update(` always means a write.)
2. One scope: outside core (and accounts, which keeps the roles) no module reads roles or role paths to
   decide what a user may see — no `granted_paths`, `Role.objects`, `RoleKind.objects`, `user.roles`,
   `own_roles`, `_scope_cache`, and no `is_superuser` test (use `core.scope.covers`, `restrict`, `holds`,
   `is_administrator`). Admin modules may test `is_superuser` (the admin site's own gate).
Tests, migrations and benchmarks are exempt.
"""

from __future__ import annotations

import ast
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "node_modules", "migrations", "tests", "bench", "scripts", "locale", "static", ".git"}
WRITE_METHODS = frozenset({
    "save", "delete", "update", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create",
})
DOOR_NAMES = frozenset({"views", "api", "forms", "pages", "admin", "demo", "demo_load"})
SCOPE_OWNERS = frozenset({"core", "accounts"})
SCOPE_PATTERNS = re.compile(
    r"\bgranted_paths\b|\bRole\.objects\b|\bRoleKind\.objects\b|\.roles\.|\bown_roles\b|_scope_cache"
    r"|\bis_superuser\b"
)


def is_door(relative: pathlib.PurePath) -> bool:
    """A module that must call services to write: views/api/forms/pages/admin/demo, or a command."""
    parts = relative.parts
    if "management" in parts and "commands" in parts:
        return True
    stem = relative.stem
    return stem in DOOR_NAMES or any(part in DOOR_NAMES for part in parts[1:-1])


def write_offences(source: str) -> list[tuple[int, str]]:
    """(line, call) for each ORM write call in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITE_METHODS:
            found.append((node.lineno, f".{node.func.attr}("))
    return sorted(found)


def scope_offences(source: str, *, admin: bool = False) -> list[tuple[int, str]]:
    """(line, text) for each place that reads roles or tests superusers itself."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0]
        for match in SCOPE_PATTERNS.finditer(code):
            if admin and match.group() == "is_superuser":
                continue
            found.append((number, match.group()))
    return found


def check_file(path: pathlib.Path, root: pathlib.Path = ROOT) -> list[str]:
    """The offences of one module, as "path:line: message" lines."""
    relative = path.relative_to(root)
    source = path.read_text(encoding="utf-8")
    offences = []
    if is_door(relative):
        offences += [f"{relative}:{n}: {call} — call a service to write" for n, call in write_offences(source)]
    if relative.parts[0] not in SCOPE_OWNERS:
        admin = relative.stem == "admin" or "admin" in relative.parts[1:-1]
        offences += [
            f"{relative}:{n}: {text} — ask core.scope (covers/restrict/holds/is_administrator)"
            for n, text in scope_offences(source, admin=admin)
        ]
    return offences


def modules(root: pathlib.Path = ROOT) -> list[pathlib.Path]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if len(relative.parts) < 2 or SKIP_DIRS.intersection(relative.parts) or relative.name.startswith("test"):
            continue
        found.append(path)
    return found


def main() -> int:
    offenders = [line for path in modules() for line in check_file(path)]
    for line in offenders:
        print(line)
    if offenders:
        print("Doors call services to write; scope comes only from core.scope.", file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
