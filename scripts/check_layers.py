"""Layer rules that review keeps missing, checked on every CI run.

1. Thin doors: views, API handlers, forms, page helpers (pages.py), admins, management commands and demo
   loaders never write with the ORM themselves — no `.save()`, `.delete()`, `.update()`, `.create()`,
   `bulk_create`, `bulk_update`, `get_or_create`, `update_or_create` — they call a service, which logs.
   (A dict is merged with `{**a, **b}` or `|=` there, so that `.update(` always means a write.)
2. One scope: outside core (and accounts, which keeps the roles) no module reads roles or role paths to
   decide what a user may see — no `granted_paths`, `Role.objects`, `RoleKind.objects`, `user.roles`,
   `own_roles`, `_scope_cache`, and no `is_superuser` test (use `core.scope.covers`, `restrict`, `holds`,
   `is_administrator`). Admin modules may test `is_superuser` (the admin site's own gate); demo loaders may fetch a
   role kind by code (`RoleKind.objects`) to grant the demo users their roles.
3. No upward import: the project's apps form layers in the order of INSTALLED_APPS (dangvu/settings.py: core,
   organizations, rules, members, …, reports, ingest, restructuring). A module may import its own app and the
   apps before it, never one after it — at the top, inside a function or under TYPE_CHECKING alike, and
   `importlib.import_module("app.module")` with a literal name too. A lower app reaches a higher one only
   through an extension point in core (figures, panels, events, …) that the higher app registers with.
   accounts is listed first only so that its commands replace django.contrib.auth's; it shares core's layer
   (core.scope reads its roles, accounts writes through core's services).
Tests, migrations, test helpers (core/testing*.py) and benchmarks are exempt.
"""

from __future__ import annotations

import ast
import functools
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
SAME_LAYER = {"accounts": "core"}
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


def scope_offences(source: str, *, admin: bool = False, demo: bool = False) -> list[tuple[int, str]]:
    """(line, text) for each place that reads roles or tests superusers itself."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0]
        for match in SCOPE_PATTERNS.finditer(code):
            if (admin and match.group() == "is_superuser") or (demo and match.group() == "RoleKind.objects"):
                continue
            found.append((number, match.group()))
    return found


@functools.cache
def declared_layers(root: pathlib.Path = ROOT) -> dict[str, int]:
    """Each project app's layer: its position in INSTALLED_APPS (read from the settings' source, not imported)."""
    tree = ast.parse((root / "dangvu" / "settings.py").read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "INSTALLED_APPS" for t in node.targets):
            elements = getattr(node.value, "elts", [])
            names = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    apps = [name for name in names if "." not in name and (root / name / "apps.py").exists()]
    layers = {name: index for index, name in enumerate(a for a in apps if a not in SAME_LAYER)}
    return {**layers, **{app: layers[lower] for app, lower in SAME_LAYER.items() if app in apps}}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every absolute import anywhere in the source, and import_module("literal")."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def upward_offences(source: str, app: str, layers: dict[str, int]) -> list[tuple[int, str]]:
    """(line, module) for each import of an app in a later layer than `app`."""
    if app not in layers:
        return []
    return [(line, module) for line, module in imported_modules(source)
            if layers.get(module.split(".")[0], -1) > layers[app]]


def check_file(path: pathlib.Path, root: pathlib.Path = ROOT, layers: dict[str, int] | None = None) -> list[str]:
    """The offences of one module, as "path:line: message" lines (layers: the project's, unless given)."""
    relative = path.relative_to(root)
    source = path.read_text(encoding="utf-8")
    offences = [
        f"{relative}:{n}: imports {module} — {module.split('.')[0]} comes after {relative.parts[0]} in "
        "INSTALLED_APPS; register through an extension point in core instead"
        for n, module in upward_offences(source, relative.parts[0], declared_layers() if layers is None else layers)
    ]
    if is_door(relative):
        offences += [f"{relative}:{n}: {call} — call a service to write" for n, call in write_offences(source)]
    if relative.parts[0] not in SCOPE_OWNERS:
        admin = relative.stem == "admin" or "admin" in relative.parts[1:-1]
        offences += [
            f"{relative}:{n}: {text} — ask core.scope (covers/restrict/holds/is_administrator)"
            for n, text in scope_offences(source, admin=admin, demo=relative.stem == "demo")
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
        print("Doors call services to write; scope comes only from core.scope; no app imports a later one.",
              file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
