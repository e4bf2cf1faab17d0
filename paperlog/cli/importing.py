"""`paperlog import`: read hand-kept Markdown notebooks, preview them, write them in."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paperlog.cli._common import console, escape, get_library, print_jsonl

if TYPE_CHECKING:
    from rich.table import Table

    from paperlog.importers import Outcome
    from paperlog.importers.records import Notebook


class ImportFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="import")(import_command)


def import_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Markdown notebooks, or folders: every *.md file in them.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would be imported; write nothing.")
    ] = False,
    output: Annotated[
        ImportFormat,
        typer.Option("--format", "-f", help="table: a preview; json: one object per file (JSON Lines)."),
    ] = ImportFormat.table,
) -> None:
    """Import the reading notebooks you already keep: every paper becomes a record with its notes.

    Topic lists, dated logs, pending lists, task lists, tables, one-heading-per-paper
    posts and single-paper note files are understood; text that belongs to no paper is
    kept in notes/<file>.md. Every file is checked before anything is written.

    Example: paperlog import ~/notes/papers.md --dry-run
    """
    from paperlog.errors import LibraryNotFound
    from paperlog.importers import import_paths, read_paths
    from paperlog.importers.writer import Outcome

    outcomes: list[Outcome]
    try:
        library = get_library(ctx)
    except LibraryNotFound:
        if not dry_run:
            raise
        outcomes = [Outcome(notebook) for _, notebook in read_paths(paths)]
    else:
        outcomes = import_paths(library, paths, dry_run=dry_run)
    if output is ImportFormat.json:
        for outcome in outcomes:
            print_jsonl(outcome.notebook.to_json())
        return
    for outcome in outcomes:
        _preview(outcome, dry_run=dry_run)


def _preview(outcome: Outcome, *, dry_run: bool) -> None:
    from rich.table import Table

    notebook = outcome.notebook
    out = console()
    statuses = ", ".join(f"{n} {s}" for s, n in notebook.status_counts().items()) or "none"
    out.print(
        f"[bold]{escape(str(notebook.source))}[/]: {len(notebook.papers)} papers ({statuses})", soft_wrap=True
    )

    out.print(papers_table(notebook, out.width))
    if out.width < _WIDE and any(paper.venue or paper.ids for paper in notebook.papers):
        out.print("[dim]venues and ids: on a terminal of 100 columns or more, or with --format json[/]",
                  soft_wrap=True)

    counts = Table(title="Counts", title_justify="left")
    counts.add_column("status / topic")
    counts.add_column("papers", justify="right")
    for status, number in notebook.status_counts().items():
        counts.add_row(status, str(number))
    for topic, number in notebook.topic_counts().items():
        counts.add_row(f"topic: {topic}", str(number))
    out.print(counts)

    if notebook.other:
        other = Table(title="Not papers", title_justify="left")
        other.add_column("line", no_wrap=True, justify="right")
        other.add_column("kind", no_wrap=True)
        other.add_column("text", ratio=1, overflow="fold")
        other.add_column("why", ratio=1, overflow="fold")
        for item in notebook.other:
            other.add_row(str(item.line), item.kind, item.text[:80], item.why)
        out.print(other)
    _bullets("Decisions the importer made", notebook.ambiguities, "yellow")
    _bullets("Faults in the notebook", notebook.faults, "red")
    _summary(outcome, notebook, dry_run=dry_run)


#: From this many columns on, the papers table also shows venues and ids.
_WIDE = 100


def papers_table(notebook: Notebook, width: int) -> Table:
    """The papers of one notebook, one line a paper where the terminal allows.

    Short fields never break inside a word: a topic too long is cut with `…`, the title
    alone wraps. Columns no paper fills are left out, and on a terminal narrower than
    `_WIDE` so are venues and ids (the JSON output has them all).
    """
    from rich.table import Table

    wide = width >= _WIDE
    rows = notebook.papers
    show_year = any(p.year for p in rows)
    show_venue = wide and any(p.venue for p in rows)
    show_topic = any(p.topics for p in rows)
    show_read_on = any(p.read_on for p in rows)
    show_ids = wide and any(p.ids for p in rows)
    table = Table(title="Papers", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("line", no_wrap=True, justify="right")
    table.add_column("status", no_wrap=True, min_width=7)
    table.add_column("title", ratio=3, min_width=20, overflow="fold")
    if show_year:
        table.add_column("year", no_wrap=True)
    if show_venue:
        table.add_column("venue", no_wrap=True, overflow="ellipsis", max_width=16)
    if show_topic:
        table.add_column("topic", ratio=1, no_wrap=True, overflow="ellipsis", min_width=8,
                         max_width=24 if wide else 16)
    if show_read_on:
        table.add_column("read on", no_wrap=True, min_width=10)
    if show_ids:
        table.add_column("ids", ratio=1, no_wrap=True, overflow="ellipsis", max_width=24)
    for paper in rows:
        cells = [str(paper.line), paper.status.value, paper.title]
        if show_year:
            cells.append(str(paper.year or ""))
        if show_venue:
            cells.append(paper.venue or "")
        if show_topic:
            cells.append(", ".join(paper.topics))
        if show_read_on:
            cells.append(paper.read_on.isoformat() if paper.read_on else "")
        if show_ids:
            cells.append(" ".join(f"{k}:{v}" for k, v in paper.ids.items()))
        table.add_row(*cells)
    return table


def _bullets(title: str, lines: list[str], colour: str) -> None:
    if not lines:
        return
    out = console()
    out.print(f"[bold {colour}]{title}:[/]")
    for line in lines:
        out.print(f"  - {line}", markup=False, soft_wrap=True)


def _summary(outcome: Outcome, notebook: Notebook, *, dry_run: bool) -> None:
    out = console()
    recall = f"; token recall {outcome.recall}" if outcome.recall else ""
    if dry_run:
        out.print(f"[dim]dry run: nothing written{recall}[/]", soft_wrap=True)
        return
    note = f"; other text in {outcome.note_file}" if outcome.note_file else ""
    if outcome.note_kept:
        note += " (edited by hand since the last import: left as it is)"
    out.print(
        f"added {len(outcome.added)}, updated {len(outcome.updated)}, "
        f"unchanged {len(outcome.unchanged)}{note}{recall}",
        soft_wrap=True,
    )
