"""Texts shipped with the app: the user guide (F1) and the getting-started steps."""

from __future__ import annotations

from importlib import resources


def help_text(name: str) -> str:
    """The Markdown text ``name`` (``guide`` or ``getting_started``)."""
    return resources.files(__name__).joinpath(f"{name}.md").read_text("utf-8")
