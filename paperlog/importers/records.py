"""What reading a notebook yields: papers, the other items, and what looked wrong.

These are plain typed values with no I/O: `classify.read_notebook` makes them,
`writer` puts them into a library, the CLI shows them (`Notebook.to_json` is the
documented `--format json` shape).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from paperlog.model import Status


@dataclass
class ImportedPaper:
    """One paper found in a notebook, with its notes and where it was written."""

    title: str
    line: int
    status: Status = Status.TO_READ
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    links: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    topics: list[str] = field(default_factory=list)
    read_on: dt.date | None = None
    read_dates: list[dt.date] = field(default_factory=list)
    rating: int | None = None
    notes: str = ""
    insights: list[str] = field(default_factory=list)
    head: str = ""
    also_lines: list[int] = field(default_factory=list)
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "status": self.status.value,
            "ids": dict(self.ids),
            "url": self.url,
            "links": list(self.links),
            "year": self.year,
            "venue": self.venue,
            "topics": list(self.topics),
            "read_on": self.read_on.isoformat() if self.read_on else None,
            "rating": self.rating,
            "notes": self.notes,
            "line": self.line,
        }


@dataclass
class OtherItem:
    """Something in the notebook that is not a paper, and why the importer thinks so.

    `kind` is one of: topic, date, status-heading, title, intro, front-matter, html,
    toc, legend, study-note, chore, remark, blog, repo, gist, video, course, document, post,
    reference, resource, book, count, code.
    """

    kind: str
    text: str
    line: int
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line, "why": self.why}


@dataclass
class Notebook:
    """A whole notebook read: its papers, other items, doubts, faults and leftover text."""

    source: str
    text: str
    papers: list[ImportedPaper] = field(default_factory=list)
    other: list[OtherItem] = field(default_factory=list)
    ambiguities: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    leftover: str = ""
    #: The leftover with a `{{paper:N}}` placeholder where paper N was (for the notes file).
    outline: str = ""

    def status_counts(self) -> dict[str, int]:
        counts = Counter(paper.status.value for paper in self.papers)
        return {status.value: counts[status.value] for status in Status if counts[status.value]}

    def topic_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for paper in self.papers:
            for topic in paper.topics or ["(none)"]:
                counts[topic] += 1
        return dict(counts)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "papers": [paper.to_json() for paper in self.papers],
            "other": [item.to_json() for item in self.other],
            "ambiguities": list(self.ambiguities),
            "faults": list(self.faults),
            "leftover": self.leftover,
        }
