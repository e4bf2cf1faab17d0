"""A dated reading log, newest first: `paperlog render log`.

What is still to read comes first, as a task list; then one section per week (or month)
with the papers read in it, each with the day it was read. A paper counts as read on its
`read_on` date; papers marked read without a date are listed at the end. Text comes from
the `log.md.j2` template, overridable from the library's `templates/` folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.render.output import write_generated
from paperlog.render.readme import excerpt
from paperlog.render.templating import environment, paper_url

__all__ = ["LogPeriod", "Period", "ReadingLog", "build_log", "render_log", "write_log"]


# Spelled out rather than strftime("%B"), which follows the machine's locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class LogPeriod(StrEnum):
    week = "week"
    month = "month"


@dataclass(frozen=True)
class LogEntry:
    paper: Paper
    url: str | None
    excerpt: tuple[str, ...] = ()


@dataclass
class Period:
    """One week (Monday to Sunday) or one month of reading."""

    start: dt.date
    end: dt.date
    title: str
    entries: list[LogEntry] = field(default_factory=list)


@dataclass
class ReadingLog:
    name: str
    period: LogPeriod
    pending: list[LogEntry]
    periods: list[Period]
    undated: list[LogEntry]

    @property
    def dropped_total(self) -> int:
        return sum(1 for p in self.periods for e in p.entries if e.paper.status is Status.DROPPED)

    @property
    def read_total(self) -> int:
        return sum(len(p.entries) for p in self.periods) + len(self.undated) - self.dropped_total

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day a paper was read (or dropped), if any was dated."""
        days = [e.paper.read_on for p in self.periods for e in p.entries if e.paper.read_on]
        return (min(days), max(days)) if days else None


def _period_of(day: dt.date, period: LogPeriod) -> tuple[dt.date, dt.date, str]:
    if period is LogPeriod.week:
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=6)
        iso = start.isocalendar()
        first, last = f"{_MONTHS[start.month - 1][:3]} {start.day}", f"{_MONTHS[end.month - 1][:3]} {end.day}"
        return start, end, f"Week {iso.week} of {iso.year} ({first} – {last})"
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end, f"{_MONTHS[start.month - 1]} {start.year}"


def build_log(
    library: Library,
    papers: Iterable[Paper],
    *,
    period: LogPeriod = LogPeriod.week,
    notes_lines: int = 0,
) -> ReadingLog:
    periods: dict[dt.date, Period] = {}
    pending, undated = [], []
    for paper in papers:
        entry = LogEntry(paper, paper_url(paper), excerpt(paper.notes, notes_lines))
        if paper.status in (Status.TO_READ, Status.READING):
            pending.append(entry)
        elif paper.read_on is not None and paper.status in (Status.READ, Status.DROPPED, None):
            start, end, title = _period_of(paper.read_on, period)
            periods.setdefault(start, Period(start, end, title)).entries.append(entry)
        elif paper.status is Status.READ:
            undated.append(entry)
    for item in periods.values():
        item.entries.sort(key=lambda e: (e.paper.read_on or dt.date.min, e.paper.key), reverse=True)
    pending.sort(key=lambda e: (e.paper.status is not Status.READING, e.paper.added or dt.date.min,
                                e.paper.key))
    undated.sort(key=lambda e: e.paper.title.casefold())
    return ReadingLog(
        name=library.config.library.name,
        period=period,
        pending=pending,
        periods=[periods[k] for k in sorted(periods, reverse=True)],
        undated=undated,
    )


def render_log(
    library: Library,
    *,
    papers: Iterable[Paper] | None = None,
    period: LogPeriod = LogPeriod.week,
    notes_lines: int = 0,
) -> str:
    papers = papers if papers is not None else library.index.papers(sort="key")
    log = build_log(library, papers, period=period, notes_lines=notes_lines)
    return environment(library.root).get_template("log.md.j2").render(log=log)


def write_log(
    library: Library,
    output: Path,
    *,
    period: LogPeriod = LogPeriod.week,
    notes_lines: int = 0,
    force: bool = False,
) -> bool:
    """Render the log into `output` (between markers); False when nothing changed."""
    return write_generated(output, render_log(library, period=period, notes_lines=notes_lines),
                           force=force)
