"""Library commands: init, add, list, show, edit, mark, tag, rm, restore, search, stats, reindex."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
