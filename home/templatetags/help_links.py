"""`{% help_url %}`: the help page of the screen being shown (the help index when it has none)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from home.help import slug_for

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context: Any) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    slug = slug_for(match.view_name) if match is not None else None
    return reverse("help:page", args=[slug]) if slug else reverse("help:index")
