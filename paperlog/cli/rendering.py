"""Commands that give the library back in other shapes: render, goal, site, export.

Each command parses its options, calls one function of `paperlog.render`,
`paperlog.goals` or `paperlog.export`, and reports what it wrote.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from paperlog.cli._common import console, print_json, warn
from paperlog.cli.filters import (
    NotesOpt,
    StatusOpt,
    TagOpt,
    TopicOpt,
    VenueOpt,
    YearOpt,
    build_filters,
    synced_library,
)

render_app = typer.Typer(
    help="Generate Markdown from the library: a README reading list, a reading log.",
    no_args_is_help=True,
)
goal_app = typer.Typer(help="Reading goals (\"101 papers\") and the progress towards them.",
                       no_args_is_help=True)
site_app = typer.Typer(help="A static HTML site of the library, ready for GitHub Pages.",
                       no_args_is_help=True)


class GroupByChoice(StrEnum):
    topic = "topic"
    year = "year"
    month = "month"
    status = "status"


class PeriodChoice(StrEnum):
    week = "week"
    month = "month"


class ExportFormat(StrEnum):
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


NotesLinesOpt = Annotated[
    int, typer.Option("--notes", min=0, help="Show the first N lines of each paper's notes.")
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Replace the whole file even if it has no paperlog markers."),
]


def _say(text: str) -> None:
    console().print(text, soft_wrap=True, markup=False, highlight=False)


def _report(paths: list[Path], what: str) -> None:
    if paths:
        for path in paths:
            _say(f"Wrote {path}")
    else:
        _say(f"{what} is up to date")


@render_app.command("readme")
def render_readme(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")] = Path(
        "README.md"
    ),
    by: Annotated[GroupByChoice, typer.Option("--by", help="Group papers by this.")] = GroupByChoice.topic,
    notes: NotesLinesOpt = 0,
    force: ForceOpt = False,
) -> None:
    """Write the library as a reading list (README.md), with true counts and goals.

    Only the part between <!-- paperlog:begin --> and <!-- paperlog:end --> is
    rewritten: your own text around the markers is kept. A relative --output is taken
    from the library folder. Goals are drawn in README.goals.svg beside the file.

    Example: paperlog render readme --by topic --notes 2
    """
    from paperlog.render.readme import GroupBy, write_readme

    library = synced_library(ctx)
    path = output if output.is_absolute() else library.root / output
    changed = write_readme(library, path, by=GroupBy(by.value), notes_lines=notes, force=force)
    _report(changed, str(path))


@render_app.command("log")
def render_log(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    period: Annotated[PeriodChoice, typer.Option("--period", help="One section per week or month.")] = (
        PeriodChoice.week
    ),
    notes: NotesLinesOpt = 0,
    force: ForceOpt = False,
) -> None:
    """A dated reading log, newest first, with what is still to read on top.

    Without --output the log is printed. With it, only the part between the paperlog
    markers is rewritten (a relative path is taken from the library folder).

    Example: paperlog render log --period month -o LOG.md
    """
    from paperlog.render.log import LogPeriod, render_log, write_log

    library = synced_library(ctx)
    if output is None:
        typer.echo(render_log(library, period=LogPeriod(period.value), notes_lines=notes), nl=False)
        return
    path = output if output.is_absolute() else library.root / output
    changed = write_log(library, path, period=LogPeriod(period.value), notes_lines=notes, force=force)
    _report([path] if changed else [], str(path))


# -- goals ------------------------------------------------------------------------------


@goal_app.command("add")
def goal_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="What to call the goal, e.g. \"101 papers\".")],
    target: Annotated[int, typer.Option("--target", min=1, help="How many papers to read.")],
    since: Annotated[
        str | None, typer.Option("--since", help="Count papers read on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Count papers read on or before this day.")
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", "-t", help="Only papers under this topic; repeatable.")
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace a goal of the same name.")] = False,
) -> None:
    """Add a reading goal to paperlog.toml (your comments and layout are kept).

    Progress counts papers with status read whose read_on falls in the window.

    Example: paperlog goal add "101 papers" --target 101 --since 2025-01-01
    """
    from paperlog.goals import ReadingGoal, add_goal
    from paperlog.model import normalize_topic, parse_date

    library = synced_library(ctx)
    goal = ReadingGoal(
        name=name.strip(),
        target=target,
        since=parse_date(since, "--since") if since else None,
        until=parse_date(until, "--until") if until else None,
        topics=tuple(normalize_topic(t) for t in topic or ()),
    )
    add_goal(library, goal, replace=replace)
    _say(f"Added goal {goal.name!r}: {goal.target} papers"
                    + (f", {goal.window()}" if goal.window() else ""))


@goal_app.command("list")
def goal_list(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show every goal and how far along it is.

    Example: paperlog goal list
    """
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    from paperlog.goals import goal_progress

    progress = goal_progress(synced_library(ctx))
    if json_output:
        print_json([item.to_json() for item in progress])
        return
    if not progress:
        _say("No goals yet; add one with: paperlog goal add \"101 papers\" --target 101")
        return
    table = Table(box=None, pad_edge=False)
    for column in ("goal", "progress", "", "window", "topics"):
        table.add_column(column)
    for item in progress:
        table.add_row(
            item.goal.name,
            ProgressBar(total=item.target, completed=min(item.done, item.target), width=24),
            f"{item.done}/{item.target} ({item.percent}%)",
            item.goal.window(),
            ", ".join(item.goal.topics),
        )
    console().print(table)


@goal_app.command("rm")
def goal_rm(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The goal's name.")],
) -> None:
    """Remove a reading goal from paperlog.toml.

    Example: paperlog goal rm "101 papers"
    """
    from paperlog.goals import remove_goal

    removed = remove_goal(synced_library(ctx), name)
    _say(f"Removed goal {removed.name!r}")


# -- site -------------------------------------------------------------------------------


@site_app.command("build")
def site_build(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Argument(help="The folder to build into (default: _site in the library)."),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Rewrite every page, not only changed ones.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1,
                     help="Processes rendering papers in a large build (default: one per CPU)."),
    ] = None,
) -> None:
    """Build a static HTML site of the library, deployable to GitHub Pages as is.

    Pages for the home, every topic, year, status and paper; notes rendered with math
    (KaTeX shipped with the site); search that works offline, even from file://.
    Rebuilds rewrite only the pages whose content changed.

    Example: paperlog site build _site && open _site/index.html
    """
    from paperlog.render.site import build_site

    library = synced_library(ctx)
    out = output if output is not None else library.root / "_site"
    report = build_site(library, out, full=full, workers=jobs)
    for missing in report.missing_images[:10]:
        warn(f"image not found, left as written: {missing}")
    if len(report.missing_images) > 10:
        warn(f"... and {len(report.missing_images) - 10} more images not found")
    _say(
        f"Built {out}: {report.written} files written, {report.unchanged} unchanged, "
        f"{report.removed} removed in {report.seconds:.2f}s"
    )


# -- export -----------------------------------------------------------------------------


def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Argument(help="bibtex, csl-json or ris.")],
    status: StatusOpt = None,
    topic: TopicOpt = None,
    tag: TagOpt = None,
    year: YearOpt = None,
    venue: VenueOpt = None,
    has_notes: NotesOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Export papers as BibTeX, CSL-JSON (Zotero, Pandoc) or RIS, with stable citation keys.

    Example: paperlog export bibtex --topic NLP --status read -o refs.bib
    """
    from paperlog.export import export_papers
    from paperlog.library import atomic_write

    library = synced_library(ctx)
    filters = build_filters(status, topic, tag, year, venue, has_notes)
    papers = list(library.index.papers(filters, sort="key"))
    text = export_papers(papers, format.value)
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text)
        _say(f"Wrote {len(papers)} papers to {output}")


def register(app: typer.Typer) -> None:
    """Add the render, goal, site and export commands to the app."""
    app.add_typer(render_app, name="render")
    app.add_typer(goal_app, name="goal")
    app.add_typer(site_app, name="site")
    app.command("export")(export)
