"""What reading a notebook yields: papers, the other items, and what looked wrong.

These are plain typed values with no I/O: `classify.read_notebook` makes them,
`writer` puts them into a library, the CLI shows them (`Notebook.to_json` is the
documented `--format json` shape).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

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


class Work(Protocol):
    """What tells two works with one title apart (an imported record or a library paper)."""

    @property
    def ids(self) -> dict[str, str]: ...
    @property
    def year(self) -> int | None: ...
    @property
    def authors(self) -> list[str]: ...


#: Id kinds written one way for a work: two different values are two works. (A NeurIPS
#: paper has an old number and a hash; a CVF or ACL id has several spellings.)
UNIQUE_ID_KINDS = frozenset({"arxiv", "doi", "pmid", "isbn", "openreview"})


def conflict(one: Work, other: Work) -> str | None:
    """Why two entries with the same title are different works, or None when nothing says so.

    Ids of one kind that differ (two arXiv ids, two DOIs), years more than one apart (a
    preprint and its proceedings are a year apart at most), or another first author
    ("Deep learning" the survey and "Deep learning" the book) keep them apart.
    """
    for kind, value in one.ids.items():
        if kind not in UNIQUE_ID_KINDS:
            continue  # `neurips: 4824` and `neurips: c399862d...` name one paper
        theirs = other.ids.get(kind)
        if theirs is not None and theirs.lower() != value.lower():
            return f"a different {kind} id ({value} vs {theirs})"
    if one.year is not None and other.year is not None and abs(one.year - other.year) > 1:
        return f"a different year ({one.year} vs {other.year})"
    if one.authors and other.authors:
        mine, theirs_ = surname(one.authors[0]), surname(other.authors[0])
        if mine and theirs_ and mine != theirs_:
            return f"another first author ({one.authors[0]} vs {other.authors[0]})"
    return None


def surname(name: str) -> str:
    """`LeCun, Yann` and `Yann LeCun` both give `lecun` (lower case, letters only)."""
    name = name.strip()
    last = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    return re.sub(r"[\W_]+", "", last).lower()


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
