"""What the walk over a notebook produces: drafts of papers, and the context they sit in.

`Context` is what the headings above a block say (topics, a status group, a date);
a `Draft` is a paper while its lines are being collected; `Found` gathers drafts and
the items that are not papers. The walk makes them (`classify.py`, with `lists.py`,
`paragraphs.py` and `tables.py`); `notebook.py` turns drafts into records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paperlog.importers.dates import LooseDate
from paperlog.importers.head import Head
from paperlog.model import Status


@dataclass(frozen=True)
class Context:
    """What the headings above a block say about the papers in it."""

    topics: tuple[str, ...] = ()
    status: Status | None = None
    date: LooseDate | None = None
    linked_means_read: bool = False
    #: The owners (`github.com/me`) of the repositories holding the notebook's own notes.
    own_repos: frozenset[str] = frozenset()
    #: What a heading says its section lists when that is not papers (the owner's blog
    #: posts, podcasts): the kind its links are, unless they lead to a paper.
    listing: str | None = None
    #: The heading says its section lists papers (`## List of papers`): a title linking to
    #: the owner's write-up on it (a gist, a blog post) names a paper there.
    lists_papers: bool = False


@dataclass
class Draft:
    """A paper while the walk collects its lines: head range, note ranges, cell notes."""

    head: Head
    line: int
    head_end: int
    ctx: Context
    why: str
    parts: list[tuple[int, int, int]] = field(default_factory=list)
    cell_notes: list[str] = field(default_factory=list)
    #: Authors and tags a single-paper file's front matter states.
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Found:
    """Papers and other items found in part of a notebook (kind, text, line, why)."""

    drafts: list[Draft] = field(default_factory=list)
    others: list[tuple[str, str, int, str]] = field(default_factory=list)

    def merge(self, other: Found) -> None:
        self.drafts.extend(other.drafts)
        self.others.extend(other.others)
