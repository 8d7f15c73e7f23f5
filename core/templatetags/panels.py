"""`{% page_panels "person" person %}`: the sections other apps registered for this page (core.panels)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_panels(context: template.Context, page: str, obj: Any) -> SafeString:
    request = context.get("request")
    parts = []
    for panel in panels_for(page):
        extra = panel.context(request, obj)
        if extra is None:
            continue
        parts.append(render_to_string(panel.template, {"object": obj, **extra}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered (auto-escaped) template
