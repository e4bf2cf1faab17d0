"""Library commands: init, add, list, search, show, edit, mark, tag, rm, restore, stats, reindex."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from paperlog.cli._common import (
    OutputFormat,
    console,
    err_console,
    get_library,
    print_csv,
    print_json,
    warn,
)
from paperlog.errors import InvalidValue, PaperFileError, PaperlogError

if TYPE_CHECKING:
    from paperlog.index import Filters, Hit
    from paperlog.library import Library
    from paperlog.model import Paper

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

# -- shared options ---------------------------------------------------------------------

StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        help="Only these statuses (to-read, reading, read, dropped); repeat or comma-separate.",
    ),
]
TopicOpt = Annotated[
    str | None,
    typer.Option(
        "--topic", "-t", help="Only this topic and the topics under it (Vision matches Vision/Optical flow)."
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", help="Only papers with this tag; repeat for several (all must match)."),
]
YearOpt = Annotated[
    str | None, typer.Option("--year", "-y", help="A year or a range: 2019, 2017..2020, 2019.., ..2015.")
]
VenueOpt = Annotated[
    str | None, typer.Option("--venue", help="Only venues containing this text (NeurIPS, CVPR...).")
]
NotesOpt = Annotated[
    bool | None,
    typer.Option(
        "--has-notes/--no-notes", help="Only papers with notes / without notes.", show_default=False
    ),
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table for people; json, csv or ids for scripts.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many papers.")]


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """`2019` -> (2019, 2019); `2017..2020`; `2019..`; `..2015`."""
    if not text:
        return None, None
    from paperlog.model import parse_year

    low, sep, high = text.partition("..")
    if not sep:
        year = parse_year(text)
        return year, year
    return (parse_year(low) if low else None), (parse_year(high) if high else None)


def build_filters(
    status: list[str] | None,
    topic: str | None,
    tag: list[str] | None,
    year: str | None,
    venue: str | None,
    has_notes: bool | None,
) -> Filters:
    from paperlog.index import Filters, parse_statuses

    year_from, year_to = parse_years(year)
    return Filters(
        status=parse_statuses(status or []),
        topic=topic,
        tags=tuple(tag or ()),
        year_from=year_from,
        year_to=year_to,
        venue=venue,
        has_notes=has_notes,
    )


def synced_library(ctx: typer.Context) -> Library:
    """The library with its index up to date; files that failed to load are warned about."""
    library = get_library(ctx)
    for message in library.index.errors():
        warn(message)
    return library


# -- output -----------------------------------------------------------------------------


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
        row: list[Any] = [
            paper.key,
            cell,
            str(paper.year or ""),
            Text(status, style=STATUS_STYLE.get(status, "")),
        ]
        if wide:
            row.append(", ".join(paper.topics))
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
    for start, end in hit.snippet.spans:
        text.stylize("bold yellow not dim", start, end)
    return text


# -- commands ---------------------------------------------------------------------------


def init(
    path: Annotated[
        Path, typer.Argument(help="The folder to make a library of (created if missing).")
    ] = Path("."),
    name: Annotated[
        str | None, typer.Option("--name", help="The library's name (default: the folder's name).")
    ] = None,
) -> None:
    """Create a paper library: paperlog.toml, papers/, and .paperlog/ in .gitignore.

    Example: paperlog init ~/papers --name "My reading"
    """
    from paperlog.library import Library

    library = Library.init(path, name=name)
    console().print(f"Created a paperlog library in [bold]{library.root}[/]")
    console().print('Next: [bold]paperlog add --title "..."[/] or [bold]paperlog import NOTES.md[/]')


def add(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="An arXiv id or URL, a DOI, a paper URL, or a title to look up "
            "(needs the network or the cache)."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The paper's title.")] = None,
    author: Annotated[
        list[str] | None, typer.Option("--author", "-a", help="An author; repeat in order.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year of publication.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="Journal or conference.")] = None,
    ident: Annotated[
        list[str] | None,
        typer.Option("--id", help="An identifier as kind:value (arxiv:1706.03762, doi:10.1/x); repeatable."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where to read it.")] = None,
    pdf: Annotated[str | None, typer.Option("--pdf", help="A PDF URL or a path.")] = None,
    status: Annotated[
        str, typer.Option("--status", "-s", help="to-read, reading, read or dropped.")
    ] = "to-read",
    read_on: Annotated[
        str | None,
        typer.Option("--read-on", help="When you read it (YYYY-MM-DD); default today for --status read."),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic", "-t", help="A topic, with / for hierarchy (Vision/Optical flow); repeatable."
        ),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeatable.")] = None,
    rating: Annotated[int | None, typer.Option("--rating", help="1 to 5.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A first line of notes.")] = None,
) -> None:
    """Add a paper: from fields you give, or looked up from an id, URL or title.

    Example: paperlog add --title "Attention Is All You Need" --author "Ashish Vaswani"
    --year 2017 --id arxiv:1706.03762 --topic NLP/Transformers

    Example: paperlog add 1706.03762 --status reading
    """
    from paperlog.ids import normalize_arxiv, normalize_doi
    from paperlog.model import Paper, Status, normalize_topic, parse_date, parse_rating

    library = get_library(ctx)
    if query:
        try:
            from paperlog.sources import resolve  # type: ignore[attr-defined,unused-ignore]
        except ImportError:  # the metadata sources are optional at this layer
            raise PaperlogError("looking papers up by id or title is not available in this build") from None
        paper = resolve(library, query)
    elif title:
        paper = Paper(title=title.strip())
    else:
        raise InvalidValue("paper", "", "an id, URL or title to look up, or --title")

    if title:
        paper.title = title.strip()
    if author:
        paper.authors = [a.strip() for a in author if a.strip()]
    if year is not None:
        from paperlog.model import parse_year

        paper.year = parse_year(year)
    if venue:
        paper.venue = venue
    for item in ident or []:
        kind, sep, value = item.partition(":")
        if not sep or not value.strip():
            raise InvalidValue("id", item, "kind:value, such as arxiv:1706.03762")
        kind = kind.strip().lower()
        value = value.strip()
        if kind == "arxiv":
            value = normalize_arxiv(value) or value
        elif kind == "doi":
            value = normalize_doi(value) or value
        paper.ids[kind] = value
    paper.url = url or paper.url
    paper.pdf = pdf or paper.pdf
    paper.status = Status.parse(status)
    if read_on:
        paper.read_on = parse_date(read_on, "read_on")
    elif paper.status is Status.READ:
        paper.read_on = dt.date.today()
    if topic:
        paper.topics = [normalize_topic(t) for t in topic]
    if tag:
        paper.tags = list(tag)
    if rating is not None:
        paper.rating = parse_rating(rating)
    if note:
        paper.notes = note.strip() + "\n"
    added = library.add(paper)
    path = library.relative(library.path_for(added.key))
    console().print(f"Added [bold]{added.title}[/] ({added.year or 'n.d.'}) as [bold]{added.key}[/]")
    console().print(f"[dim]{path}[/]")


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
    from rich.panel import Panel
    from rich.table import Table

    from paperlog.ids import canonical_url

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if paper.authors:
        grid.add_row("Authors", ", ".join(paper.authors))
    if paper.year or paper.venue:
        grid.add_row("Published", " ".join(str(x) for x in (paper.venue, paper.year) if x))
    if paper.status:
        grid.add_row("Status", f"[{STATUS_STYLE.get(paper.status.value, '')}]{paper.status.value}[/]")
    if paper.read_on:
        grid.add_row("Read on", paper.read_on.isoformat())
    if paper.rating:
        grid.add_row("Rating", "★" * paper.rating + "☆" * (5 - paper.rating))
    if paper.topics:
        grid.add_row("Topics", ", ".join(paper.topics))
    if paper.tags:
        grid.add_row("Tags", ", ".join(paper.tags))
    for kind, value in paper.ids.items():
        link = canonical_url(kind, value)
        grid.add_row(kind, f"{value}  [dim]{link}[/]" if link else value)
    if paper.url:
        grid.add_row("URL", paper.url)
    if paper.pdf:
        grid.add_row("PDF", paper.pdf)
    grid.add_row("File", library.relative(path))
    out = console()
    out.print(Panel(grid, title=f"[bold]{paper.title}[/]", title_align="left", expand=False))
    if paper.has_notes:
        out.print(Markdown(paper.notes))
    else:
        out.print("[dim]No notes yet. Write some with: paperlog edit " + paper.key + "[/]")


def edit(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper to edit (key, prefix, id or title).")],
) -> None:
    """Open a paper's file in your editor ($PAPERLOG_EDITOR, $VISUAL or $EDITOR), then check it.

    The file is only replaced when what you saved loads as a paper; otherwise you can edit
    again, and nothing you typed is lost.

    Example: EDITOR=nano paperlog edit 2017-vaswani
    """
    library = get_library(ctx)
    loaded = library.load(library.resolve(paper))
    editor = library.config.library.editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="paperlog-edit-") as folder:
        draft = Path(folder) / loaded.path.name
        draft.write_bytes(loaded.text.encode("utf-8"))  # bytes: CRLF stays CRLF
        while True:
            try:
                subprocess.run([*shlex.split(editor), str(draft)], check=True)
            except (OSError, subprocess.CalledProcessError) as error:
                raise PaperlogError(f"could not run the editor {editor!r}: {error}") from None
            text = draft.read_bytes().decode("utf-8")
            if text == loaded.text:
                console().print("No changes.")
                return
            try:
                library.write_text(loaded.paper.key, text, expected_hash=loaded.hash)
            except PaperFileError as error:
                err_console().print(f"[red]error:[/] {error}", highlight=False)
                if sys.stdin.isatty() and typer.confirm("Edit again?", default=True):
                    continue
                kept = library.state_dir / "rejected" / loaded.path.name
                from paperlog.library import atomic_write

                atomic_write(kept, text)
                shown, draft_kept = library.relative(loaded.path), library.relative(kept)
                message = f"{shown} was left unchanged; your edit is kept in {draft_kept}"
                raise PaperlogError(message) from None
            console().print(f"Saved {library.relative(loaded.path)}")
            return


def mark(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper (key, prefix, id or title).")],
    status: Annotated[str, typer.Argument(help="to-read, reading, read or dropped.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="The date (YYYY-MM-DD) you read it; default today when marking read."),
    ] = None,
) -> None:
    """Set a paper's status; marking it read records the date.

    Example: paperlog mark 2017-vaswani read --on 2024-03-02
    """
    from paperlog.model import Status, parse_date

    library = get_library(ctx)
    new_status = Status.parse(status)
    changes: dict[str, Any] = {"status": new_status}
    if on:
        changes["read_on"] = parse_date(on, "read_on")
    elif new_status is Status.READ:
        key = library.resolve(paper)
        if library.load(key).paper.read_on is None:
            changes["read_on"] = dt.date.today()
    key = library.resolve(paper)
    updated = library.update(key, changes)
    when = f" on {updated.read_on.isoformat()}" if new_status is Status.READ and updated.read_on else ""
    console().print(f"{updated.key}: [bold]{new_status.value}[/]{when}")


def tag(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper (key, prefix, id or title).")],
    tags: Annotated[list[str], typer.Argument(help="Tags to add (or remove, with --remove).")],
    remove: Annotated[bool, typer.Option("--remove", "-r", help="Remove these tags instead.")] = False,
) -> None:
    """Add tags to a paper, or remove them.

    Example: paperlog tag 2017-vaswani classic attention
    """
    library = get_library(ctx)
    key = library.resolve(paper)
    current = library.load(key).paper.tags
    if remove:
        wanted = [t for t in current if t not in set(tags)]
    else:
        wanted = current + [t for t in dict.fromkeys(tags) if t not in current]
    if wanted == current:
        console().print(f"{key}: tags unchanged ({', '.join(current) or 'none'})")
        return
    updated = library.update(key, {"tags": wanted or None})
    console().print(f"{key}: tags {', '.join(updated.tags) or 'none'}")


def rm(
    ctx: typer.Context,
    papers: Annotated[
        list[str], typer.Argument(help="Papers to move to the trash (key, prefix, id or title).")
    ],
) -> None:
    """Move papers to the trash (.paperlog/trash/); `paperlog restore` brings them back.

    Example: paperlog rm 2017-vaswani
    """
    library = get_library(ctx)
    keys = [library.resolve(ref) for ref in papers]  # resolve all before moving any
    for key in keys:
        library.trash(key)
        console().print(f"Moved {key} to the trash (paperlog restore {key})")


def restore(
    ctx: typer.Context,
    key: Annotated[
        str | None, typer.Argument(help="A key from the trash; leave out to list the trash.")
    ] = None,
) -> None:
    """Bring a paper back from the trash, or list what is in it.

    Example: paperlog restore 2017-vaswani-attention-is-all-you-need
    """
    library = get_library(ctx)
    if key is None:
        trashed = library.trashed()
        console().print("\n".join(trashed) if trashed else "The trash is empty.")
        return
    restored = library.restore(key)
    console().print(f"Restored {restored}")


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
    _print_stats(result, goals)


def _goal_rows(library: Library) -> list[dict[str, Any]]:
    try:
        from paperlog.goals import goal_progress  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    rows = []
    for progress in goal_progress(library):
        rows.append(
            {
                "name": progress.goal.name,
                "target": progress.goal.target,
                "done": progress.done,
            }
        )
    return rows


def _print_stats(result: Any, goals: list[dict[str, Any]]) -> None:
    from rich.columns import Columns
    from rich.table import Table

    out = console()
    out.print(f"[bold]{result.total}[/] papers, {result.with_notes} with notes")

    def counts(title: str, rows: dict[Any, int], limit: int = 12) -> Table:
        table = Table(
            title=title, title_justify="left", header_style="bold", show_header=False, pad_edge=False
        )
        table.add_column(overflow="fold")
        table.add_column(justify="right")
        items = list(rows.items())
        for name, count in items[:limit]:
            table.add_row(str(name), str(count))
        if len(items) > limit:
            table.add_row(f"[dim]{len(items) - limit} more[/]", "")
        return table

    out.print(
        Columns(
            [
                counts("By status", result.by_status),
                counts("By topic", result.by_topic),
                counts("Read per month", result.by_month_read),
            ],
            padding=(0, 4),
        )
    )
    for goal in goals:
        done, target = goal["done"], goal["target"]
        width = 30
        filled = min(width, round(width * done / target)) if target else width
        bar = "█" * filled + "░" * (width - filled)
        out.print(f"[bold]{goal['name']}[/]  {bar}  {done}/{target} ({100 * done // max(target, 1)}%)")


def reindex(ctx: typer.Context) -> None:
    """Rebuild the search index from the paper files (it is never the source of truth).

    Example: paperlog reindex
    """
    import time

    library = get_library(ctx)
    started = time.perf_counter()
    from paperlog.index import Index

    index = Index(library)
    report = index.rebuild()
    for error in report.errors:
        warn(str(error))
    console().print(
        f"Indexed {report.added} papers in {time.perf_counter() - started:.2f} s"
        + (f" ({len(report.errors)} files could not be read)" if report.errors else "")
    )


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(add)
    app.command("list")(list_papers)
    app.command()(search)
    app.command()(show)
    app.command()(edit)
    app.command()(mark)
    app.command()(tag)
    app.command()(rm)
    app.command()(restore)
    app.command()(stats)
    app.command()(reindex)
