"""Finding a paper's records: by its identifiers, or by its title. The order is in docs/metadata.md.

By identifier, the primary record comes from the service the id belongs to (arXiv for
arXiv ids; Crossref, then doi.org, then OpenAlex for DOIs; Semantic Scholar for ACL,
PubMed and S2 ids; DBLP for DBLP keys). Then, for what the primary lacks: Semantic
Scholar (venue, DBLP key, other ids), DBLP (the venue as researchers write it), OpenAlex
(an abstract). Failures of those secondary sources are kept in `warnings` and do not
stop the paper.

By title, the sources are searched in the configured order until one gives a title
above the match threshold; several different papers above it (or none above it but some
close) raise `AmbiguousMatch` with candidates to choose from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from paperlog.errors import AmbiguousMatch, SourceError, SourceNotFound
from paperlog.ids import normalize_arxiv, normalize_doi
from paperlog.sources import arxiv, crossref, dblp, doi, openalex, semanticscholar
from paperlog.sources.http import Fetcher
from paperlog.sources.record import (
    CANDIDATE_THRESHOLD,
    MATCH_THRESHOLD,
    Record,
    same_title,
    title_similarity,
)
from paperlog.text import normalize_title

DEFAULT_ORDER = ("arxiv", "crossref", "doi", "semanticscholar", "openalex", "dblp")
#: Kinds of id some source can look up.
RESOLVABLE = ("arxiv", "doi", "s2", "acl", "pmid", "dblp")
#: Matches within this many points of the best one are as good as the best.
AMBIGUITY_MARGIN = 3.0
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)

Search = Callable[[Fetcher, str], list[Record]]
_SEARCHES: dict[str, Search] = {
    "arxiv": arxiv.search_title,
    "crossref": crossref.search_title,
    "semanticscholar": semanticscholar.match_title,
    "openalex": openalex.search_title,
    "dblp": dblp.search,
}


def normalized_ids(ids: dict[str, str]) -> dict[str, str]:
    """`ids` in normal form (no arXiv version), an arXiv DOI (10.48550/arXiv.X) as its arXiv id."""
    out = dict(ids)
    match = _ARXIV_DOI.match(out.get("doi", ""))
    if match:
        out.setdefault("arxiv", match.group(1))
        del out["doi"]
    if "arxiv" in out:
        out["arxiv"] = normalize_arxiv(out["arxiv"]) or out["arxiv"]
    if "doi" in out:
        out["doi"] = normalize_doi(out["doi"]) or out["doi"]
    return out


class Resolver:
    """Looks papers up through one `Fetcher`, using the sources named in `order`."""

    def __init__(self, fetcher: Fetcher, order: Iterable[str] = DEFAULT_ORDER) -> None:
        self.fetcher = fetcher
        self.order = tuple(order)
        self.warnings: list[SourceError] = []
        self._arxiv: dict[str, Record] = {}
        self._arxiv_asked: set[str] = set()

    def enabled(self, source: str) -> bool:
        return source in self.order

    # -- by identifier -----------------------------------------------------------------

    def prefetch_arxiv(self, arxiv_ids: Iterable[str]) -> None:
        """Ask arXiv for many ids in a few batched requests; later lookups use the answers.

        A failed batch is not fatal: the ids in it are looked up one by one later.
        """
        wanted = [i for i in dict.fromkeys(arxiv_ids) if i not in self._arxiv_asked]
        if not wanted or not self.enabled("arxiv"):
            return
        try:
            self._arxiv.update(arxiv.fetch(self.fetcher, wanted))
        except SourceError as error:
            self.warnings.append(error)
            return
        self._arxiv_asked.update(wanted)

    def _arxiv_lookup(self, arxiv_id: str) -> Record:
        if arxiv_id in self._arxiv:
            return self._arxiv[arxiv_id]
        if arxiv_id in self._arxiv_asked:
            raise SourceNotFound("arxiv", arxiv_id, "not found")
        record = arxiv.lookup(self.fetcher, arxiv_id)
        self._arxiv[arxiv_id] = record
        return record

    def primary(self, ids: dict[str, str]) -> Record | None:
        """The record of the service the paper's own id belongs to; None with no such id.

        Raises `SourceNotFound` when that service says the id does not exist, and
        `SourceError` when it cannot be asked.
        """
        ids = normalized_ids(ids)
        if "arxiv" in ids and self.enabled("arxiv"):
            try:
                return self._arxiv_lookup(ids["arxiv"])
            except SourceNotFound:
                raise
            except SourceError as error:
                if "doi" not in ids:
                    raise
                self.warnings.append(error)
        if "doi" in ids and any(self.enabled(s) for s in ("crossref", "doi", "openalex")):
            return self._doi_lookup(ids["doi"])
        for kind in ("s2", "acl", "pmid", "arxiv"):
            if kind in ids and self.enabled("semanticscholar"):
                return semanticscholar.lookup(self.fetcher, kind, ids[kind])
        if "dblp" in ids and self.enabled("dblp"):
            return dblp.lookup(self.fetcher, ids["dblp"])
        return None

    def _doi_lookup(self, value: str) -> Record:
        """Crossref, then doi.org (DataCite and other agencies), then OpenAlex."""
        missing: SourceError | None = None
        errors: list[SourceError] = []
        steps: list[tuple[str, Callable[[Fetcher, str], Record]]] = [
            ("crossref", crossref.lookup),
            ("doi", doi.lookup),
            ("openalex", openalex.lookup),
        ]
        for source, lookup in steps:
            if not self.enabled(source):
                continue
            try:
                return lookup(self.fetcher, value)
            except SourceNotFound as error:
                missing = missing or error
            except SourceError as error:
                errors.append(error)
        if errors:
            raise errors[0]
        if missing is not None and not errors:
            raise SourceNotFound("doi", value, "no registration agency knows this DOI")
        raise SourceError("doi", value, "no source is enabled for DOIs")

    def by_ids(self, ids: dict[str, str]) -> list[Record]:
        """The primary record and what the secondary sources add; [] with no resolvable id."""
        primary = self.primary(ids)
        if primary is None:
            return []
        return [primary, *self.secondary(primary, normalized_ids({**ids, **primary.ids}))]

    def secondary(self, primary: Record, ids: dict[str, str]) -> list[Record]:
        found: list[Record] = []

        def attempt(call: Callable[[], Record | None]) -> Record | None:
            try:
                record = call()
            except SourceError as error:
                self.warnings.append(error)
                return None
            if record is not None and same_title(primary.title, record.title):
                found.append(record)
                return record
            return None

        s2 = None
        if primary.source != "semanticscholar" and self.enabled("semanticscholar"):
            kind = "doi" if "doi" in ids else "arxiv" if "arxiv" in ids else None
            if kind:
                s2 = attempt(lambda: semanticscholar.lookup(self.fetcher, kind, ids[kind]))
        venue_known = bool(s2 and s2.venue) or (primary.source != "arxiv" and bool(primary.venue))
        conference = bool(s2 and s2.ids.get("dblp", "").startswith("conf/"))
        if self.enabled("dblp") and (conference or not venue_known):
            attempt(lambda: _best(primary, dblp.search(self.fetcher, primary.title)))
        if (
            self.enabled("openalex")
            and "doi" in ids
            and not primary.abstract
            and not any(r.abstract for r in found)
        ):
            attempt(lambda: openalex.lookup(self.fetcher, ids["doi"]))
        return found

    # -- by title ----------------------------------------------------------------------

    def by_title(self, title: str) -> list[Record]:
        """Records of the one paper with this title; `AmbiguousMatch` or `SourceNotFound` else."""
        scored: list[tuple[float, Record]] = []
        errors: list[SourceError] = []
        searched: list[str] = []
        for source in self.order:
            search = _SEARCHES.get(source)
            if search is None:
                continue
            searched.append(source)
            try:
                results = search(self.fetcher, title)
            except SourceNotFound:
                continue
            except SourceError as error:
                errors.append(error)
                continue
            scored += [(title_similarity(title, r.title), r) for r in results]
            if any(score >= MATCH_THRESHOLD for score, _ in scored):
                break
        if not scored and errors and len(errors) == len(searched):
            raise errors[0]
        scored.sort(key=lambda pair: -pair[0])
        matches = [(s, r) for s, r in scored if s >= MATCH_THRESHOLD]
        if not matches:
            close = [r for s, r in scored if s >= CANDIDATE_THRESHOLD]
            if close:
                raise AmbiguousMatch(
                    "title", title, "no paper has exactly this title; closest:", _labels(close)
                )
            raise SourceNotFound("title", title, f"no paper with this title ({', '.join(searched)})")
        clusters = _clusters([r for _, r in matches])
        best = matches[0][0]
        # A paper that matches clearly better than the others is the one meant.
        contenders = [c for c in clusters if title_similarity(title, c[0].title) >= best - AMBIGUITY_MARGIN]
        if len(contenders) > 1:
            message = f"{len(contenders)} different papers have this title:"
            raise AmbiguousMatch("title", title, message, _labels([c[0] for c in contenders]))
        cluster = contenders[0]
        ids: dict[str, str] = {}
        for record in cluster:
            for kind, value in record.ids.items():
                ids.setdefault(kind, value)
        try:
            records = self.by_ids({k: v for k, v in ids.items() if k in RESOLVABLE})
        except SourceError as error:  # the search hit itself is still a good record
            self.warnings.append(error)
            records = []
        if not records or not same_title(title, records[0].title):
            return cluster  # (a paper renamed between its preprint and its publication)
        seen = {r.source for r in records}
        return records + [r for r in cluster if r.source not in seen]

    def records(self, ids: dict[str, str], title: str | None = None) -> list[Record]:
        """By identifier when the paper has a resolvable one, else by title."""
        if any(kind in ids for kind in RESOLVABLE):
            return self.by_ids(ids)
        if title:
            return self.by_title(title)
        return []


def _best(primary: Record, records: list[Record]) -> Record | None:
    """The search hit that is this paper, preferring one that names a venue."""
    same = [r for r in records if same_title(primary.title, r.title)]
    return next((r for r in same if r.venue), same[0] if same else None)


def _surname(record: Record) -> str:
    if not record.authors:
        return ""
    name = unicodedata.normalize("NFKD", record.authors[0]).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z]+", name.lower().split(",")[0] if "," in name else name.lower())
    return words[-1] if words else ""


def _clusters(records: list[Record]) -> list[list[Record]]:
    """Records grouped by paper: same normalised title and first author (or a shared id)."""
    clusters: list[list[Record]] = []
    for record in records:
        for cluster in clusters:
            head = cluster[0]
            shared_id = any(record.ids.get(k) == v for k, v in head.ids.items())
            same_title = normalize_title(head.title) == normalize_title(record.title)
            surnames = {_surname(head), _surname(record)}
            if shared_id or (same_title and (len(surnames) == 1 or "" in surnames)):
                cluster.append(record)
                break
        else:
            clusters.append([record])
    return clusters


def _labels(records: list[Record], limit: int = 5) -> list[str]:
    labels: list[str] = []
    for record in records:
        label = record.label()
        if label not in labels:
            labels.append(label)
    return labels[:limit]
