"""Import one module by name from every installed app (an app's `figures`, `demo`, `reference`, ...).

The one loop behind every "each app may contribute a module" extension point: figures discovery
(core.figures), the demo loader (core demo_load) and the reference data of the tests (core.testing).
An app without the module is skipped; an import error inside the module is raised, never hidden.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from django.apps import apps


def import_from_apps(name: str) -> list[ModuleType]:
    """The `<app>.<name>` module of every installed app that has one, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        qualified = f"{app.name}.{name}"
        try:
            found.append(importlib.import_module(qualified))
        except ModuleNotFoundError as exc:
            if exc.name != qualified:
                raise
    return found
