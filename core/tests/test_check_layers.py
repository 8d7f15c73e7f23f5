"""scripts/check_layers.py catches a door that writes with the ORM and a module that computes scope itself."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_layers", ROOT / "scripts" / "check_layers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _plant(root: pathlib.Path, relative: str, source: str) -> pathlib.Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_a_planted_update_in_a_views_module_is_caught(tmp_path: pathlib.Path) -> None:
    checker = _checker()
    source = "def close(qs):\n    people = qs.filter(a=1)\n    people.update(b=2)\n"
    views = _plant(tmp_path, "members/views.py", source)
    offences = checker.check_file(views, tmp_path)
    assert offences == ["members/views.py:3: .update( — call a service to write"]
    for door in ("members/api.py", "members/forms.py", "members/pages.py", "members/admin.py", "members/demo.py",
                 "members/management/commands/fix.py", "committees/views/lists.py"):
        path = _plant(tmp_path, door, "def f(obj, qs):\n    obj.delete()\n    qs.bulk_update([], ['a'])\n")
        assert len(checker.check_file(path, tmp_path)) == 2, door
    services = _plant(tmp_path, "members/services.py", "def f(qs):\n    qs.update(b=2)\n")
    assert checker.check_file(services, tmp_path) == []  # services write


def test_scope_computed_outside_core_is_caught(tmp_path: pathlib.Path) -> None:
    checker = _checker()
    source = ("from core.scope import granted_paths\n"
              "def mine(user):\n"
              "    if user.is_superuser:\n"
              "        return True\n"
              "    return [r for r in Role.objects.filter(user=user)]\n")
    offences = checker.check_file(_plant(tmp_path, "members/queries.py", source), tmp_path)
    assert [line.split(":")[1] for line in offences] == ["1", "3", "5"]
    assert checker.check_file(_plant(tmp_path, "core/scope.py", source), tmp_path) == []
    admin = _plant(tmp_path, "rules/admin.py", "def has(request):\n    return request.user.is_superuser\n")
    assert checker.check_file(admin, tmp_path) == []  # the admin site's own gate


def test_the_project_passes() -> None:
    checker = _checker()
    assert [line for path in checker.modules(ROOT) for line in checker.check_file(path, ROOT)] == []


def test_the_layers_are_installed_apps_in_order() -> None:
    layers = _checker().declared_layers(ROOT)
    assert layers["core"] == layers["accounts"] == 0  # accounts is listed first only for its commands
    order = ["core", "organizations", "rules", "members", "committees", "reports", "ingest", "restructuring"]
    assert [layers[app] for app in order] == sorted(layers[app] for app in order)
    assert len(set(layers.values())) == len(layers) - 1


def test_a_planted_upward_import_is_caught_wherever_it_hides(tmp_path: pathlib.Path) -> None:
    checker = _checker()
    layers = checker.declared_layers(ROOT)
    source = ("from __future__ import annotations\n"
              "import importlib\n"
              "from typing import TYPE_CHECKING\n"
              "from core.errors import DomainError\n"
              "from organizations.models import Organization\n"
              "if TYPE_CHECKING:\n"
              "    from members.models import Person\n"
              "def figures():\n"
              "    from reports.figures import compute\n"
              "    import ingest.values\n"
              "    return importlib.import_module('restructuring.services')\n")
    planted = _plant(tmp_path, "members/services/exits.py", source)
    assert [line.split(" — ")[0] for line in checker.check_file(planted, tmp_path, layers)] == [
        "members/services/exits.py:9: imports reports.figures",
        "members/services/exits.py:10: imports ingest.values",
        "members/services/exits.py:11: imports restructuring.services",
    ]
    # The same module one layer up is allowed every import but the last; core may import none of the apps.
    assert len(checker.check_file(_plant(tmp_path, "reports/x.py", source), tmp_path, layers)) == 2
    assert len(checker.check_file(_plant(tmp_path, "core/x.py", source), tmp_path, layers)) == 5
