"""Reading commands: list, search, show, stats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from paperlog.cli._common import OutputFormat, console, get_library, print_csv, print_json
from paperlog.cli.filters import (
    FormatOpt,
    LimitOpt,
    NotesOpt,
    StatusOpt,
    TagOpt,
    TopicOpt,
    VenueOpt,
    YearOpt,
    build_filters,
    synced_library,
)
from paperlog.errors import InvalidValue

if TYPE_CHECKING:
    from paperlog.index import Hit
    from paperlog.library import Library
    from paperlog.model import Paper

NO_PAPERS_YET = (
    "No papers yet. Add one with `paperlog add --title TITLE` (or an arXiv id, DOI or URL), "
    "or bring in the notes you keep with `paperlog import NOTES.md`."
)

STATUS_STYLE = {"read": "green", "reading": "yellow", "to-read": "cyan", "dropped": "dim"}


CSV_COLUMNS = [
    "key",
    "title",
    "authors",
    "year",
    "venue",
    "status",
    "read_on",
    "topics",
    "tags",
    "rating",
    "ids",
    "url",
]


def _authors_short(paper: Paper) -> str:
    if not paper.authors:
        return ""
    if len(paper.authors) == 1:
        return paper.authors[0]
    return f"{paper.first_author_surname or paper.authors[0]} et al."


def print_papers(hits: list[Hit], total: int, fmt: OutputFormat, *, title: str | None = None) -> None:
    if fmt is OutputFormat.ids:
        sys.stdout.write("".join(f"{hit.paper.key}\n" for hit in hits))
        return
    if fmt is OutputFormat.json:
        records = []
        for hit in hits:
            record = hit.paper.to_json()
            if hit.score is not None:
                record["score"] = round(hit.score, 4)
            if hit.snippet is not None:
                record["snippet"] = hit.snippet.text
            records.append(record)
        print_json(records)
        return
    if fmt is OutputFormat.csv:
        print_csv([hit.paper.to_json() for hit in hits], CSV_COLUMNS)
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not hits:
        out.print("No papers match." if total == 0 else "No papers on this page.")
        return
    table = Table(title=title, show_lines=False, header_style="bold", expand=True, pad_edge=False)
    wide = out.width >= 110
    narrow = out.width < 70  # keep the titles readable; scripts use --format ids for keys
    if not narrow:
        table.add_column("Key", style="dim", no_wrap=True, overflow="ellipsis", max_width=26 if wide else 18)
    table.add_column("Paper", ratio=6, overflow="fold", min_width=24)
    table.add_column("Year", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    if wide:
        table.add_column("Topics", ratio=2, overflow="fold")
    table.add_column("Read", no_wrap=True)
    for hit in hits:
        paper = hit.paper
        cell = Text(paper.title, style="bold")
        byline = _authors_short(paper)
        if byline:
            cell.append(f"\n{byline}", style="italic")
        if hit.snippet is not None and hit.snippet.text != paper.title:
            cell.append("\n")
            cell.append_text(_snippet_text(hit))
        status = paper.status.value if paper.status else ""
        row: list[Any] = [] if narrow else [Text(paper.key)]  # Text: a key may hold [brackets]
        row += [cell, str(paper.year or ""), Text(status, style=STATUS_STYLE.get(status, ""))]
        if wide:
            row.append(Text(", ".join(paper.topics)))
        row.append(paper.read_on.isoformat() if paper.read_on else "")
        table.add_row(*row)
    out.print(table)
    shown = len(hits)
    noun = "paper" if total == 1 else "papers"
    out.print(f"[dim]{shown} of {total} {noun}[/]" if shown < total else f"[dim]{total} {noun}[/]")


def _snippet_text(hit: Hit) -> Any:
    from rich.text import Text

    assert hit.snippet is not None
    text = Text(hit.snippet.text, style="dim")
    for start, end in hit.snippet.math:  # TeX without its `$` fences: set apart in italics
        text.stylize("italic", start, end)
    for start, end in hit.snippet.spans:
        text.stylize("bold yellow not dim", start, end)
    return text


def list_papers(
    ctx: typer.Context,
    status: StatusOpt = None,
    topic: TopicOpt = None,
    tag: TagOpt = None,
    year: YearOpt = None,
    venue: VenueOpt = None,
    has_notes: NotesOpt = None,
    sort: Annotated[str, typer.Option("--sort", help="added, read, year, title or rating.")] = "added",
    limit: LimitOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """List the papers, newest added first, filtered.

    Example: paperlog list --status to-read --topic Vision --year 2019..
    """
    library = synced_library(ctx)
    filters = build_filters(status, topic, tag, year, venue, has_notes)
    results = library.index.search("", filters, sort=sort, limit=limit)
    unfiltered = not any((status, topic, tag, year, venue)) and has_notes is None
    if results.total == 0 and unfiltered and fmt is OutputFormat.table:
        console().print(NO_PAPERS_YET, soft_wrap=True)
        return
    print_papers(results.hits, results.total, fmt)


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(help='Words to find (all must match); "a phrase"; prefix*. Chinese works too.'),
    ],
    status: StatusOpt = None,
    topic: TopicOpt = None,
    tag: TagOpt = None,
    year: YearOpt = None,
    venue: VenueOpt = None,
    has_notes: NotesOpt = None,
    sort: Annotated[
        str, typer.Option("--sort", help="rank (best match first), added, read, year, title or rating.")
    ] = "rank",
    limit: LimitOpt = 20,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Search titles, authors, venues, topics, tags and notes; best matches first.

    Example: paperlog search attention --status read

    Example: paperlog search 注意力 --topic NLP
    """
    library = synced_library(ctx)
    filters = build_filters(status, topic, tag, year, venue, has_notes)
    width = 200 if fmt is not OutputFormat.table else max(60, min(120, console().width - 60))
    results = library.index.search(" ".join(query), filters, sort=sort, limit=limit, snippet_width=width)
    print_papers(results.hits, results.total, fmt)


def show(
    ctx: typer.Context,
    paper: Annotated[
        str, typer.Argument(help="The paper: its key, a key prefix, an id (arxiv:1706.03762) or a title.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="pretty, json, or raw (the file as it is).")
    ] = "pretty",
) -> None:
    """Show one paper: its fields and its notes.

    Example: paperlog show 2017-vaswani
    """
    library = get_library(ctx)
    loaded = library.load(library.resolve(paper))
    if fmt == "raw":
        sys.stdout.write(loaded.text)
        return
    if fmt == "json":
        data = loaded.paper.to_json()
        data["path"] = library.relative(loaded.path)
        print_json(data)
        return
    if fmt != "pretty":
        raise InvalidValue("format", fmt, "pretty, json or raw")
    _print_paper(library, loaded.paper, loaded.path)


def _print_paper(library: Library, paper: Paper, path: Path) -> None:
    from rich.markdown import Markdown
    from rich.markup import escape as e  # the user's values are text, not markup
    from rich.panel import Panel
    from rich.table import Table

    from paperlog.ids import canonical_url

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if paper.authors:
        grid.add_row("Authors", e(", ".join(paper.authors)))
    if paper.year or paper.venue:
        grid.add_row("Published", e(" ".join(str(x) for x in (paper.venue, paper.year) if x)))
    if paper.status:
        grid.add_row("Status", f"[{STATUS_STYLE.get(paper.status.value, '')}]{paper.status.value}[/]")
    if paper.read_on:
        grid.add_row("Read on", paper.read_on.isoformat())
    if paper.rating:
        grid.add_row("Rating", "★" * paper.rating + "☆" * (5 - paper.rating))
    if paper.topics:
        grid.add_row("Topics", e(", ".join(paper.topics)))
    if paper.tags:
        grid.add_row("Tags", e(", ".join(paper.tags)))
    for kind, value in paper.ids.items():
        link = canonical_url(kind, value)
        grid.add_row(e(kind), f"{e(value)}  [dim]{e(link)}[/]" if link else e(value))
    if paper.url:
        grid.add_row("URL", e(paper.url))
    if paper.pdf:
        grid.add_row("PDF", e(paper.pdf))
    grid.add_row("File", e(library.relative(path)))
    out = console()
    out.print(Panel(grid, title=f"[bold]{e(paper.title)}[/]", title_align="left", expand=False))
    if paper.has_notes:
        out.print(Markdown(paper.notes))
    else:
        out.print("[dim]No notes yet. Write some with: paperlog edit " + e(paper.key) + "[/]", soft_wrap=True)


def stats(
    ctx: typer.Context,
    topic: TopicOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Count papers by status, topic and month read; show reading goals.

    Example: paperlog stats --topic Vision
    """
    from paperlog.index import Filters

    library = synced_library(ctx)
    result = library.index.stats(Filters(topic=topic))
    goals = _goal_rows(library)
    if fmt == "json":
        print_json(
            {
                "total": result.total,
                "with_notes": result.with_notes,
                "by_status": result.by_status,
                "by_topic": result.by_topic,
                "by_month_read": result.by_month_read,
                "by_year": {str(k): v for k, v in result.by_year.items()},
                "by_tag": result.by_tag,
                "goals": goals,
            }
        )
        return
    if fmt != "table":
        raise InvalidValue("format", fmt, "table or json")
    _print_stats(result, goals, topic)


def _goal_rows(library: Library) -> list[dict[str, Any]]:
    from paperlog.goals import goal_progress

    rows = []
    for progress in goal_progress(library):
        goal = progress.goal
        since = f"since {goal.since.isoformat()}" if goal.since else ""
        until = f"until {goal.until.isoformat()}" if goal.until else ""
        window = " ".join(part for part in (since, until) if part)
        rows.append({"name": goal.name, "target": goal.target, "done": progress.done, "window": window})
    return rows


def _print_stats(result: Any, goals: list[dict[str, Any]], topic: str | None = None) -> None:
    from rich.markup import escape

    out = console()
    if result.total == 0:  # three empty tables said nothing
        out.print(
            NO_PAPERS_YET if topic is None else f"No papers under the topic {escape(topic)}.", soft_wrap=True
        )
    else:
        out.print(f"[bold]{result.total}[/] papers, {result.with_notes} with notes")
        _print_counts(result)
    for goal in goals:
        done, target = goal["done"], goal["target"]
        width = 30
        filled = min(width, round(width * done / target)) if target else width
        bar = "█" * filled + "░" * (width - filled)
        window = f"  [dim]{goal['window']}[/]" if goal["window"] else ""
        percent = 100 * done // max(target, 1)
        out.print(f"[bold]{escape(goal['name'])}[/]  {bar}  {done}/{target} ({percent}%){window}")


def _print_counts(result: Any) -> None:
    from rich.columns import Columns
    from rich.markup import escape
    from rich.table import Table

    def counts(title: str, rows: dict[Any, int], limit: int = 12) -> Table:
        table = Table(
            title=title, title_justify="left", header_style="bold", show_header=False, pad_edge=False
        )
        table.add_column(overflow="fold")
        table.add_column(justify="right")
        items = list(rows.items())
        for name, count in items[:limit]:
            table.add_row(escape(str(name)), str(count))
        if len(items) > limit:
            table.add_row(f"[dim]{len(items) - limit} more[/]", "")
        return table

    console().print(
        Columns(
            [
                counts("Status", result.by_status),
                counts("Topic", result.by_topic),
                counts("Month read", result.by_month_read),
            ],
            padding=(0, 4),
        )
    )


def register(app: typer.Typer) -> None:
    app.command("list")(list_papers)
    app.command()(search)
    app.command()(show)
    app.command()(stats)
