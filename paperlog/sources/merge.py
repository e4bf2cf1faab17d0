"""Merging what several sources say about one paper into one record, and into a `Paper`.

The rules (also in docs/metadata.md):

* The first record is the primary one: the source the paper's own id points at (arXiv for
  an arXiv id, Crossref or doi.org for a DOI). Its title and authors win.
* Any other record whose title is not the primary's (`same_title`: similarity below
  `MATCH_THRESHOLD`, and not the same title less its subtitle) is dropped: a wrong id in
  one database must not leak in.
* The venue comes from the first source in `VENUE_ORDER` that names one (preprint servers
  never count); the year goes with it (the year of publication at that venue). With no
  venue, the primary's year stands, and arXiv's journal reference is the venue of last
  resort.
* Identifiers are the union (the first source to give a kind wins); the abstract is the
  first in `ABSTRACT_ORDER`; the PDF is the first open one.
"""

from __future__ import annotations

from paperlog.model import Paper
from paperlog.sources.record import Record, same_title

VENUE_ORDER = ("dblp", "semanticscholar", "crossref", "doi", "openalex")
ABSTRACT_ORDER = ("arxiv", "semanticscholar", "crossref", "doi", "openalex")
PDF_ORDER = ("arxiv", "semanticscholar", "openalex")


def agrees(primary: Record, other: Record) -> bool:
    return same_title(primary.title, other.title)


def merge(records: list[Record]) -> Record:
    """One record from several (see the module docstring); `records[0]` is the primary."""
    if not records:
        raise ValueError("nothing to merge")
    primary = records[0]
    same = [primary, *(r for r in records[1:] if agrees(primary, r))]
    by_source: dict[str, Record] = {}
    for record in same:
        by_source.setdefault(record.source, record)

    venue_record = next(
        (by_source[s] for s in VENUE_ORDER if s in by_source and by_source[s].venue), None
    )
    ids: dict[str, str] = {}
    for record in same:
        for id_kind, value in record.ids.items():
            ids.setdefault(id_kind, value)
    abstract = next(
        (by_source[s].abstract for s in ABSTRACT_ORDER if s in by_source and by_source[s].abstract),
        None,
    )
    pdf = next((by_source[s].pdf for s in PDF_ORDER if s in by_source and by_source[s].pdf), None)
    authors = next((r.authors for r in same if r.authors), [])
    venue: str | None
    kind: str | None
    if venue_record is not None:
        venue, year, kind = venue_record.venue, venue_record.year or primary.year, venue_record.kind
    else:
        venue, year, kind = primary.journal_ref, primary.year, primary.kind
    return Record(
        source="+".join(r.source for r in same),
        title=primary.title,
        authors=list(authors),
        year=year,
        venue=venue,
        ids=ids,
        url=primary.url or next((r.url for r in same if r.url), None),
        pdf=pdf,
        abstract=abstract,
        kind=kind,
        journal_ref=primary.journal_ref,
    )


def to_paper(record: Record) -> Paper:
    """A new `Paper` (no key yet) from a merged record; the abstract goes in `extra`."""
    extra = {"abstract": record.abstract} if record.abstract else {}
    return Paper(
        title=record.title,
        authors=list(record.authors),
        year=record.year,
        venue=record.venue,
        ids=dict(record.ids),
        url=record.url,
        pdf=record.pdf,
        extra=extra,
    )
