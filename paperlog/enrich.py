"""Filling in what a paper's front matter lacks, from the metadata sources.

`Enricher.run(keys)` yields one `Outcome` per paper, in order, and writes each paper as
soon as its metadata is in (through `Library.update`: only the fields that change are
touched, and a file edited meanwhile is not overwritten). Stopping between two papers
(Ctrl-C in the CLI) leaves every paper either done or untouched; a second run skips
papers that are complete and finds the others' answers in the cache.

What the user wrote is never replaced, except for the fields named in `overwrite`. A
paper whose identifier turns out to name another paper (its title is not the title the
source gives) is skipped with a message: that is for `paperlog check` to report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from paperlog.errors import AmbiguousMatch, PaperlogError, SourceError
from paperlog.ids import ids_from_url, is_id_title, venue_from_url
from paperlog.library import Library, Loaded
from paperlog.model import Paper
from paperlog.sources.merge import merge
from paperlog.sources.record import Record, same_title
from paperlog.sources.resolver import RESOLVABLE, Resolver, normalized_ids
from paperlog.text import normalize_title

#: The fields enrich fills, in the order a diff shows them.
FIELDS = ("title", "authors", "year", "venue", "ids", "url", "pdf", "abstract")
#: What a paper needs to count as complete (a second run skips it).
COMPLETE = ("authors", "year", "venue", "ids", "url", "abstract")

Status = Literal["updated", "would-update", "unchanged", "complete", "skipped", "failed"]


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class Outcome:
    """What happened to one paper."""

    key: str
    title: str
    status: Status
    changes: list[Change] = field(default_factory=list)
    message: str = ""
    sources: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "sources": self.sources,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in self.changes],
        }


def current(paper: Paper, name: str) -> Any:
    """A paper's value for one enrich field (`abstract` lives in `extra`). A title that is
    only the paper's id (`arXiv:2004.05150`, as the importer writes for a bare address)
    stands in for a missing one."""
    if name == "abstract":
        return paper.extra.get("abstract") or None
    if name == "title" and is_id_title(paper.title, _linked_ids(paper)):
        return None
    value = getattr(paper, name)
    return value if value not in ("", [], {}) else None


def is_complete(paper: Paper) -> bool:
    return all(current(paper, name) for name in COMPLETE) and any(k in paper.ids for k in ("arxiv", "doi"))


def plan(paper: Paper, record: Record, overwrite: Iterable[str] = ()) -> list[Change]:
    """The changes that fill `paper`'s empty fields from `record` (and replace `overwrite`)."""
    overwrite = set(overwrite)
    proposed: dict[str, Any] = {
        "title": record.title or None,
        "authors": list(record.authors) or None,
        "year": record.year,
        "venue": record.venue,
        "url": record.url,
        "pdf": record.pdf,
        "abstract": record.abstract,
    }
    changes = []
    for name in FIELDS:
        old = current(paper, name)
        if name == "ids":
            ids = dict(record.ids) if "ids" in overwrite else {}
            merged = {**paper.ids, **ids}
            for kind, value in record.ids.items():
                merged.setdefault(kind, value)
            if merged != paper.ids:
                changes.append(Change("ids", dict(paper.ids) or None, merged))
            continue
        new = proposed[name]
        if new is None or new == old:
            continue
        if (old is None and (name != "title" or current(paper, "title") is None)) or name in overwrite:
            changes.append(Change(name, old, new))
    return changes


class Enricher:
    """Fills papers of one library from the sources; see the module docstring."""

    def __init__(
        self,
        library: Library,
        resolver: Resolver,
        *,
        overwrite: Sequence[str] = (),
        dry_run: bool = False,
        force: bool = False,
    ) -> None:
        unknown = set(overwrite) - set(FIELDS)
        if unknown:
            from paperlog.errors import InvalidValue

            raise InvalidValue("--overwrite", ", ".join(sorted(unknown)), "one of " + ", ".join(FIELDS))
        self.library = library
        self.resolver = resolver
        self.overwrite = tuple(overwrite)
        self.dry_run = dry_run
        self.force = force

    def run(self, keys: Sequence[str]) -> Iterator[Outcome]:
        """Enrich these papers one after the other, yielding what happened to each."""
        # One batched arXiv request for many papers instead of one request (and 3 s) each.
        wanted = []
        for key in keys:
            try:
                paper = self.library.load(key).paper
            except PaperlogError:
                continue  # reported below, when its turn comes
            if self.force or not is_complete(paper):
                wanted.append(_linked_ids(paper).get("arxiv"))
        self.resolver.prefetch_arxiv(ident for ident in wanted if ident)
        for key in keys:
            try:
                # Read again now: the user may have edited it since the run began.
                loaded = self.library.load(key)
            except PaperlogError as error:
                yield Outcome(key, "", "failed", message=str(error))
                continue
            yield self.enrich(loaded)

    def enrich(self, loaded: Loaded) -> Outcome:
        paper = loaded.paper
        outcome = Outcome(paper.key, paper.title, "complete")
        if not self.force and is_complete(paper):
            return outcome
        self.resolver.warnings.clear()
        try:
            records = self._records(paper)
        except AmbiguousMatch as error:
            outcome.status, outcome.message = "skipped", str(error)
            return outcome
        except SourceError as error:
            outcome.status, outcome.message = "failed", str(error)
            return outcome
        if not records:
            outcome.status = "skipped"
            outcome.message = "no identifier any source can look up, and no title"
            return outcome
        primary = records[0]
        if current(paper, "title") is not None and not same_title(paper.title, primary.title):
            outcome.status = "skipped"
            outcome.message = (
                f"its id names another paper at {primary.source}: {primary.title!r} "
                "(run `paperlog check`)"
            )
            return outcome
        record = merge(records)
        if not record.venue and paper.url:  # a proceedings link names its venue and year
            venue, year = venue_from_url(paper.url)
            if venue:
                record.venue, record.year = venue, year or record.year
        outcome.sources = record.source
        outcome.changes = plan(paper, record, self.overwrite)
        retitled = normalize_title(paper.title) != normalize_title(record.title)
        if retitled and "title" not in self.overwrite and current(paper, "title") is not None:
            spelt = f"{primary.source} spells the title {record.title!r}"
            outcome.message = f"{spelt} (--overwrite title takes it)"
        if not outcome.changes:
            outcome.status = "unchanged"
            return outcome
        if self.dry_run:
            outcome.status = "would-update"
            return outcome
        try:
            self.library.update(
                paper.key, {c.field: c.new for c in outcome.changes}, expected_hash=loaded.hash
            )
        except PaperlogError as error:
            outcome.status, outcome.message = "failed", str(error)
            return outcome
        outcome.status = "updated"
        return outcome

    def _records(self, paper: Paper) -> list[Record]:
        ids = {k: v for k, v in _linked_ids(paper).items() if k in RESOLVABLE}
        if ids:
            return self.resolver.by_ids(ids)
        return self.resolver.by_title(paper.title)


def _linked_ids(paper: Paper) -> dict[str, str]:
    """The paper's ids, with those its `url` names added (the user's `ids` win)."""
    linked = {**ids_from_url(paper.url), **paper.ids} if paper.url else dict(paper.ids)
    return normalized_ids(linked)
