"""Options and filters shared by the commands that list papers (list, search, export...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from paperlog.cli._common import OutputFormat, get_library, warn

if TYPE_CHECKING:
    from paperlog.index import Filters
    from paperlog.library import Library

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
    str | None,
    typer.Option("--year", "-y", help="A year or a range: 2019, 2017..2020 (or 2017-2020), 2019.., ..2015."),
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


def build_filters(
    status: list[str] | None,
    topic: str | None,
    tag: list[str] | None,
    year: str | None,
    venue: str | None,
    has_notes: bool | None,
) -> Filters:
    from paperlog.index import Filters, parse_statuses
    from paperlog.model import parse_year_range

    year_from, year_to = parse_year_range(year or "")
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
