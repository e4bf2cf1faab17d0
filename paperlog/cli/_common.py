"""What every command shares: the library it works on, consoles, output formats.

Commands raise `PaperlogError`s; `paperlog.cli.main` turns them into `error: ...` on
stderr and an exit code. Nothing here is imported by the core.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from paperlog.library import Library


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ids = "ids"


class State:
    """Options given before the command (`paperlog --library PATH list`)."""

    def __init__(self, library_path: Path | None, offline: bool = False) -> None:
        self.library_path = library_path
        self.offline = offline
        self._library: Library | None = None

    def library(self) -> Library:
        if self._library is None:
            from paperlog.library import Library

            overrides = {"sources": {"offline": True}} if self.offline else None
            self._library = Library.find(path=self.library_path, overrides=overrides)
        return self._library


def get_library(ctx: typer.Context) -> Library:
    """The library this command works on: --library, $PAPERLOG_LIBRARY, or found above cwd."""
    state = ctx.find_root().obj
    if not isinstance(state, State):
        state = State(None)
        ctx.find_root().obj = state
    return state.library()


_console: Console | None = None
_err_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False, soft_wrap=False)
    return _console


def err_console() -> Console:
    global _err_console
    if _err_console is None:
        from rich.console import Console

        # Messages on stderr are one line each, whatever the width: a line broken at 80
        # columns no longer greps, and an editor's or CI's log wraps lines by itself.
        _err_console = Console(stderr=True, highlight=False, soft_wrap=True)
    return _err_console


def escape(text: str) -> str:
    """`text` made safe to put in Rich markup: titles, tags and keys may hold [brackets]."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def warn(message: str) -> None:
    """`warning: <message>` on stderr; the message is plain text, never markup."""
    err_console().print(
        f"[yellow]warning:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_jsonl(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in columns})
    sys.stdout.write(out.getvalue())


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}:{v}" for k, v in value.items())
    return value
