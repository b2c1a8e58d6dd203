"""Texts shipped with the app: the user guide (F1) and the getting-started steps, in
English (``name.md``) and Spanish (``name.es.md``)."""

from __future__ import annotations

from importlib import resources


def help_text(name: str, language: str = "en") -> str:
    """The Markdown text ``name`` (``guide`` or ``getting_started``) in ``language``
    ("en" or "es"; English when there is no page in that language)."""
    folder = resources.files(__name__)
    page = folder.joinpath(f"{name}.{language}.md")
    return (page if page.is_file() else folder.joinpath(f"{name}.md")).read_text("utf-8")
