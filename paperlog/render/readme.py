"""The library as a reading list in Markdown: `paperlog render readme`.

Papers are grouped by topic (or year, month read, status), each on one line with its
year, its linked title and its status, and counted per section and in total, so the
counts can never drift from the files. What is still to read is listed at the end as a
task list. Reading goals show as progress bars: an SVG written next to the README and
referenced by a relative path, which GitHub renders.

The text comes from the `readme.md.j2` template (overridable from the library's
`templates/` folder); this module only prepares what the template shows.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from paperlog.goals import GoalProgress, load_goals, progress_of
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.render.output import write_generated
from paperlog.render.plots import goals_svg
from paperlog.render.templating import environment, paper_url
from paperlog.text import has_cjk

__all__ = ["Entry", "GroupBy", "ReadingList", "Section", "build_reading_list", "render_readme",
           "write_readme"]

UNSORTED = "Unsorted"
UNDATED = "Undated"
NOT_READ = "Not read yet"
_STATUS_ORDER = ("reading", "to-read", "read", "dropped", "unset")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class GroupBy(StrEnum):
    topic = "topic"
    year = "year"
    month = "month"
    status = "status"


@dataclass(frozen=True)
class Entry:
    """One paper as a line of the list."""

    paper: Paper
    url: str | None
    notes_path: str | None  # relative to the output file; None when the paper has no notes
    excerpt: tuple[str, ...] = ()


@dataclass
class Section:
    title: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass
class ReadingList:
    """Everything the README template shows."""

    name: str
    total: int
    by_status: dict[str, int]
    group_by: GroupBy
    sections: list[Section]
    pending: list[Entry]
    goals: list[GoalProgress]
    goals_image: str | None  # relative path of the goals SVG, when there are goals


def excerpt(notes: str, lines: int, *, width: int = 200) -> tuple[str, ...]:
    """The first `lines` prose paragraphs (or list items) of the notes, one line each.

    Notes are often hard-wrapped, so a paragraph's lines are joined before counting;
    headings, code, tables, math blocks, images and raw HTML are skipped, and a long
    paragraph is cut at `width` characters.
    """
    if lines <= 0:
        return ()
    out: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current and len(out) < lines:
            text = current[0]
            for line in current[1:]:  # Chinese lines are joined without a space
                text += line if has_cjk(text[-1]) and has_cjk(line[0]) else " " + line
            text = text.replace("<", "&lt;")  # raw HTML would be read as HTML
            out.append(text if len(text) <= width else text[: width - 1].rstrip() + "…")
        current.clear()

    for raw in notes.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or not line or line.startswith(("|", "$$", "<", "![", "---", "[toc]", "#")):
            flush()
            continue
        item = re.match(r"^([-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*)", line)
        if item:  # a list item or quote starts a new piece
            flush()
            line = line[item.end() :].strip()
        if line:
            current.append(line)
        if len(out) >= lines:
            break
    flush()
    return tuple(out[:lines])


class _Anchors:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, `-1` for repeats."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading: str) -> str:
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        n = self.seen.get(slug, 0)
        self.seen[slug] = n + 1
        return slug if n == 0 else f"{slug}-{n}"


def _sort_key(entry: Entry) -> tuple[int, str]:
    return (-(entry.paper.year or 0), entry.paper.title.casefold())


def _group(entries: Sequence[Entry], by: GroupBy) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        paper = entry.paper
        if by is GroupBy.topic:
            names = paper.topics or [UNSORTED]
        elif by is GroupBy.year:
            names = [str(paper.year) if paper.year else UNDATED]
        elif by is GroupBy.month:
            names = [paper.read_on.strftime("%Y-%m") if paper.read_on else NOT_READ]
        else:
            names = [paper.status.value if paper.status else "unset"]
        for name in names:
            groups.setdefault(name, []).append(entry)
    if by is GroupBy.topic:
        names = sorted(groups, key=lambda n: (n == UNSORTED, n.casefold()))
    elif by is GroupBy.status:
        names = [s for s in _STATUS_ORDER if s in groups]
    else:  # years and months: newest first, the undated last
        names = sorted((n for n in groups if n[:1].isdigit()), reverse=True)
        names += [n for n in groups if not n[:1].isdigit()]
    result = []
    for name in names:
        members = groups[name]
        if by is GroupBy.month:
            members.sort(key=lambda e: (e.paper.read_on or dt.date.min, e.paper.key), reverse=True)
        else:
            members.sort(key=_sort_key)
        result.append((name, members))
    return result


def _heading(name: str, by: GroupBy) -> str:
    if by is GroupBy.topic:
        return name.replace("/", " / ")
    if by is GroupBy.month and re.fullmatch(r"\d{4}-\d{2}", name):
        return f"{_MONTHS[int(name[5:]) - 1]} {name[:4]}"
    if by is GroupBy.status:
        return {"to-read": "To read", "reading": "Reading", "read": "Read", "dropped": "Dropped",
                "unset": "No status"}.get(name, name)
    return name


def build_reading_list(
    library: Library,
    papers: Iterable[Paper],
    *,
    output: Path,
    by: GroupBy = GroupBy.topic,
    notes_lines: int = 0,
    goals_image: str | None = None,
) -> ReadingList:
    """Prepare the README for `papers`, with links relative to the file `output`."""
    papers = list(papers)
    base = output.resolve().parent
    entries = []
    for paper in papers:
        notes_path = None
        if paper.has_notes:
            notes_path = Path(os.path.relpath(library.path_for(paper.key), base)).as_posix()
        entries.append(Entry(paper, paper_url(paper), notes_path, excerpt(paper.notes, notes_lines)))
    anchors = _Anchors()
    sections = []
    for name, members in _group(entries, by):
        heading = _heading(name, by)
        sections.append(Section(heading, anchors(f"{heading} ({len(members)})"), members))
    pending = sorted(
        (e for e in entries if e.paper.status in (Status.TO_READ, Status.READING)),
        key=lambda e: (e.paper.status is not Status.READING, e.paper.added or dt.date.min, e.paper.key),
    )
    by_status: dict[str, int] = {}
    for paper in papers:
        status = paper.status.value if paper.status else "unset"
        by_status[status] = by_status.get(status, 0) + 1
    goals = progress_of(load_goals(library), papers)
    return ReadingList(
        name=library.config.library.name,
        total=len(papers),
        by_status=by_status,
        group_by=by,
        sections=sections,
        pending=pending,
        goals=goals,
        goals_image=goals_image if goals else None,
    )


@dataclass(frozen=True)
class RenderedReadme:
    text: str
    goals_svg: str | None  # the SVG to write at `goals_path`, when there are goals
    goals_path: Path | None


def render_readme(
    library: Library,
    output: Path,
    *,
    papers: Iterable[Paper] | None = None,
    by: GroupBy = GroupBy.topic,
    notes_lines: int = 0,
) -> RenderedReadme:
    """The README text (with its markers) and the goals SVG that goes beside it."""
    env = environment(library.root)
    svg_path = output.with_name(f"{output.stem}.goals.svg")
    all_papers = list(papers if papers is not None else library.index.papers(sort="key"))
    reading_list = build_reading_list(
        library, all_papers, output=output, by=by, notes_lines=notes_lines,
        goals_image=svg_path.name,
    )
    text = env.get_template("readme.md.j2").render(list=reading_list)
    svg = goals_svg(env, reading_list.goals) if reading_list.goals else None
    return RenderedReadme(text, svg, svg_path if svg else None)


def write_readme(
    library: Library,
    output: Path,
    *,
    by: GroupBy = GroupBy.topic,
    notes_lines: int = 0,
    force: bool = False,
) -> list[Path]:
    """Render and write the README (and its goals SVG); return the files that changed."""
    from paperlog.library import atomic_write

    rendered = render_readme(library, output, by=by, notes_lines=notes_lines)
    changed = []
    if write_generated(output, rendered.text, force=force):
        changed.append(output)
    if rendered.goals_svg is not None and rendered.goals_path is not None:
        old = rendered.goals_path.read_text("utf-8") if rendered.goals_path.exists() else None
        if old != rendered.goals_svg:
            atomic_write(rendered.goals_path, rendered.goals_svg)
            changed.append(rendered.goals_path)
    return changed
