"""Metadata sources: arXiv, Crossref, doi.org, Semantic Scholar, OpenAlex and DBLP.

`resolve(library, query)` turns what a user pasted (an arXiv id or URL, a DOI, a paper's
link, or a title) into a `Paper` with its metadata filled in and no key yet; `add` then
writes it. Each service has its own module; `http` holds the client, cache and limits,
`resolver` the order in which they are asked, `merge` how their answers are combined.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlog.errors import DuplicatePaper, SourceError
from paperlog.ids import Identifier, ids_from_url, parse_identifier, venue_from_url

if TYPE_CHECKING:
    import httpx

    from paperlog.library import Library
    from paperlog.model import Paper
    from paperlog.sources.http import Fetcher

#: Id kinds paperlog can read in a link but no recorded service answers for.
UNREADABLE = {
    "openreview": "OpenReview",
    "pmlr": "PMLR",
    "cvf": "the CVF open-access site",
    "neurips": "the NeurIPS proceedings site",
}


def fetcher_for(library: Library, client: httpx.Client | None = None) -> Fetcher:
    """A `Fetcher` set up from the library's `[sources]` settings and its cache folder."""
    from paperlog.sources.http import Fetcher

    settings = library.config.sources
    return Fetcher(
        client,
        cache_dir=library.state_dir / "cache",
        cache_days=settings.cache_days,
        offline=settings.offline,
        mailto=settings.mailto,
        timeout=settings.timeout,
    )


def resolve(
    library: Library,
    query: str,
    *,
    client: httpx.Client | None = None,
    fetcher: Fetcher | None = None,
) -> Paper:
    """The paper `query` names, its metadata filled in from the sources; no key yet.

    Raises `DuplicatePaper` (before any request) when the library already has a paper
    with the id `query` names, `SourceNotFound` when no source knows it, `AmbiguousMatch`
    (with `.candidates`) for a title that names several papers or none exactly, and
    `SourceError` (naming the source and the id) when a source fails.
    """
    from paperlog.sources.merge import merge, to_paper
    from paperlog.sources.resolver import RESOLVABLE, Resolver

    ident = parse_identifier(query)
    prefixed = re.match(r"^\s*(dblp|s2|acl|pmid|openreview|pmlr):\s*(\S+)\s*$", query, re.I)
    if prefixed:  # `dblp:conf/nips/VaswaniSPUJGKP17`, as the candidates of a title search show
        ident = Identifier(prefixed.group(1).lower(), prefixed.group(2))
    ids: dict[str, str] = {}
    title: str | None = None
    link: str | None = None
    if ident.kind == "title":
        title = " ".join(ident.value.split())
    elif ident.kind == "url":
        link = query.strip()
    else:
        ids[ident.kind] = ident.value
    if query.strip().lower().startswith(("http://", "https://")):
        link = query.strip()
        ids.update({k: v for k, v in ids_from_url(link).items() if k not in ids})

    for kind, value in ids.items():
        keys = library.index.lookup(f"{kind}:{value}")
        if keys:
            raise DuplicatePaper(keys[0], f"same {kind} id {value}")

    if not title and not any(kind in ids for kind in RESOLVABLE):
        if ids:
            kind, value = next(iter(ids.items()))
            where = UNREADABLE.get(kind, kind)
            raise SourceError(
                kind, value, f"paperlog cannot read {where}; add it by its title (paperlog add \"TITLE\")"
            )
        raise SourceError("url", query.strip(), "no paper identifier in this link; add it by its title")

    resolver = Resolver(fetcher or fetcher_for(library, client), library.config.sources.order)
    records = resolver.records(ids, title)
    paper = to_paper(merge(records))
    for kind, value in ids.items():
        paper.ids.setdefault(kind, value)
    if link:
        if ident.kind not in {"arxiv", "doi"}:  # a proceedings page says more than a DOI link
            paper.url = link
        if not paper.venue:
            venue, year = venue_from_url(link)
            paper.venue = venue
            paper.year = paper.year or year
    return paper


__all__ = ["fetcher_for", "resolve"]
