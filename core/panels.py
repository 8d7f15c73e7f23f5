"""Extension point: sections that other apps add to a page of a lower app without the lower app importing them.

A page (members' person page, an organization's page) renders `{% page_panels "person" person %}`
(core/templatetags/panels.py); each app registers, from its AppConfig.ready, the panels it contributes:

    register_panel("person", template="committees/_person_panel.html", context=person_seats, order=50)

`context(request, obj)` returns the template's context, or None to show nothing (e.g. nothing to say, or
nothing the user may see). Panels render in `order`, then in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PanelContext = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    page: str
    template: str
    context: PanelContext
    order: int = 100


_panels: dict[str, list[Panel]] = {}


def register_panel(page: str, *, template: str, context: PanelContext, order: int = 100) -> None:
    """Add a panel to `page` (once per template: registering again replaces it)."""
    panels = [p for p in _panels.get(page, []) if p.template != template]
    panels.append(Panel(page, template, context, order))
    _panels[page] = sorted(panels, key=lambda p: p.order)


def panels_for(page: str) -> list[Panel]:
    return list(_panels.get(page, []))
