"""Panels (core.panels) this app adds to lower apps' pages."""


def register() -> None:
    return None
