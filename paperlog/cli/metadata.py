"""Metadata commands: enrich (fill papers in from the sources) and check (find faults)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from paperlog.cli._common import console, err_console, get_library, print_json
from paperlog.errors import InvalidValue

if TYPE_CHECKING:
    from paperlog.enrich import Outcome


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


_STYLE = {
    "updated": "green",
    "would-update": "green",
    "unchanged": "dim",
    "complete": "dim",
    "skipped": "yellow",
    "failed": "red",
}


def _shown(value: Any, name: str) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, list):
        more = f" … ({len(value)})" if len(value) > 4 else ""
        return ", ".join(str(v) for v in value[:4]) + more
    if isinstance(value, dict):
        return ", ".join(f"{k}:{v}" for k, v in value.items())
    text = " ".join(str(value).split())
    if name == "abstract" and len(text) > 70:
        return f"{text[:67]}… ({len(text)} characters)"
    return text


def _print_outcome(outcome: Outcome, show_diff: bool) -> None:
    from rich.markup import escape

    out = console()
    style = _STYLE[outcome.status]
    head = f"[{style}]{outcome.status:>12}[/] {escape(outcome.key)}"
    said = []
    if outcome.changes and not show_diff:
        said.append(", ".join(c.field for c in outcome.changes))
    if outcome.message:
        said.append(escape(outcome.message))
    if said:
        head += ": " + "; ".join(said)
    out.print(head, markup=True, highlight=False, soft_wrap=True)
    if show_diff:
        for change in outcome.changes:
            if change.old is None:
                out.print(f"{'':>13}[green]+ {change.field}:[/] {escape(_shown(change.new, change.field))}",
                          markup=True, highlight=False, soft_wrap=True)
            else:
                out.print(f"{'':>13}[red]- {change.field}:[/] {escape(_shown(change.old, change.field))}",
                          markup=True, highlight=False, soft_wrap=True)
                out.print(f"{'':>13}[green]+ {change.field}:[/] {escape(_shown(change.new, change.field))}",
                          markup=True, highlight=False, soft_wrap=True)


def enrich(
    ctx: typer.Context,
    papers: Annotated[
        list[str] | None,
        typer.Argument(help="Papers to fill in: keys, ids or file paths.", show_default=False),
    ] = None,
    all_papers: Annotated[bool, typer.Option("--all", help="Every paper in the library.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would change; write nothing.")
    ] = False,
    overwrite: Annotated[
        list[str] | None,
        typer.Option(
            "--overwrite",
            help="Replace this field even if you filled it (title, authors, year, venue, ids, url, "
            "pdf, abstract); repeatable.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Look complete papers up again too.")
    ] = False,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, or json (one object per paper).")
    ] = CheckFormat.text,
) -> None:
    """Fill in empty fields (authors, year, venue, ids, abstract, links) from the metadata sources.

    The sources are arXiv, Crossref, doi.org, Semantic Scholar, OpenAlex and DBLP. What you
    wrote is kept unless you name it with --overwrite. Ctrl-C stops between papers; running
    again goes on where it stopped.

    Example: paperlog enrich --all --dry-run

    Example: paperlog enrich 2017-vaswani-attention-is-all-you-need --overwrite venue
    """
    from paperlog.enrich import Enricher
    from paperlog.sources import fetcher_for
    from paperlog.sources.resolver import Resolver

    library = get_library(ctx)
    if all_papers == bool(papers):
        raise InvalidValue("papers", " ".join(papers or []), "paper keys or ids, or --all (not both)")
    keys = library.index.keys() if all_papers else [library.resolve(ref) for ref in papers or []]
    fetcher = fetcher_for(library)
    enricher = Enricher(
        library,
        Resolver(fetcher, library.config.sources.order),
        overwrite=overwrite or [],
        dry_run=dry_run,
        force=force,
    )
    counts: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    text = output is CheckFormat.text
    progress = _progress() if text and len(keys) > 1 else None
    done = 0
    try:
        task = progress.add_task("Enriching", total=len(keys)) if progress else None
        if progress:
            progress.start()
        for outcome in enricher.run(keys):
            done += 1
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if text:
                if outcome.status not in {"complete", "unchanged"} or len(keys) == 1:
                    if progress:
                        progress.stop()
                    _print_outcome(outcome, show_diff=dry_run or len(keys) == 1)
                    if progress:
                        progress.start()
                if progress and task is not None:
                    progress.update(task, advance=1, description=outcome.key[:40])
            else:
                results.append(outcome.to_json())
    except KeyboardInterrupt:
        if progress:
            progress.stop()
        err_console().print(
            f"stopped after {done} of {len(keys)} papers; every paper is either done or untouched. "
            "Run the same command again to go on (answers so far are cached).",
            highlight=False,
        )
        raise typer.Exit(130) from None
    finally:
        if progress:
            progress.stop()
        fetcher.client.close()
    if not text:
        print_json(results)
    else:
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        stats = fetcher.stats
        err_console().print(
            f"{_count(len(keys), 'paper')}: {summary or 'nothing to do'} "
            f"({stats.requests} requests, {stats.cache_hits} from the cache)",
            highlight=False,
        )
    if counts.get("failed"):
        raise typer.Exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description:<40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console(),
        transient=True,
    )


def check(
    ctx: typer.Context,
    output: Annotated[CheckFormat, typer.Option("--format", "-f", help="text or json.")] = CheckFormat.text,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify/--no-verify",
            help="Check that each arXiv id / DOI names the paper's title (uses the cache; "
            "with --offline, only the cache).",
        ),
    ] = True,
) -> None:
    """Find faults in the library: wrong ids, duplicates, broken links, missing images.

    It reports ids that name another paper than the title you wrote, duplicate papers,
    malformed ids and links, images the notes link to that are missing, and papers marked
    read with no notes. Each finding names the file and line. Exit status 1 when there are
    errors.

    Example: paperlog check

    Example: paperlog --offline check --format json
    """
    from paperlog.check import check_library

    library = get_library(ctx)
    resolver = None
    fetcher = None
    if verify:
        from paperlog.sources import fetcher_for
        from paperlog.sources.resolver import Resolver

        fetcher = fetcher_for(library)
        resolver = Resolver(fetcher, library.config.sources.order)
    try:
        report = check_library(library, resolver)
    finally:
        if fetcher is not None:
            fetcher.client.close()
    if output is CheckFormat.json:
        print_json(report.to_json())
    else:
        from rich.markup import escape

        out = console()
        for finding in report.findings:
            colour = "red" if finding.severity == "error" else "yellow"
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            out.print(
                f"{escape(where)}: [{colour}]{finding.severity}[/]: {escape(finding.message)} "
                f"[dim]({finding.kind})[/]",
                markup=True, highlight=False, soft_wrap=True,
            )
        note = f", {_count(report.unverified, 'id')} not verified" if report.unverified else ""
        err_console().print(
            f"{_count(report.checked, 'paper')} checked: {_count(report.errors, 'error')}, "
            f"{_count(report.warnings, 'warning')}{note}",
            highlight=False,
        )
    if report.errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("enrich")(enrich)
    app.command("check")(check)
