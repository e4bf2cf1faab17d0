"""Semantic Scholar Graph API: a paper by DOI, arXiv id, ACL id, PMID or S2 id; title match.

`/graph/v1/paper/{id}` takes prefixed ids (`DOI:`, `ARXIV:`, `ACL:`, `PMID:`,
`CorpusId:`, or the 40-hex paper id); `/graph/v1/paper/search/match?query=` gives the
single best title match, or 404 `{"error": "Title match not found"}`. Its
`externalIds` are how paperlog learns a paper's DBLP key, DOI or arXiv id from another.
Without an API key the shared pool is small: one request a second (see `http.py`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from paperlog.errors import SourceError
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title

SOURCE = "semanticscholar"
API = "https://api.semanticscholar.org/graph/v1/paper/"
FIELDS = "title,authors,year,venue,journal,externalIds,url,abstract,publicationTypes,openAccessPdf"

#: How an `ids` kind is written as a Semantic Scholar paper id.
PREFIXES = {"doi": "DOI:", "arxiv": "ARXIV:", "acl": "ACL:", "pmid": "PMID:", "s2": ""}
_EXTERNAL = {"DOI": "doi", "ArXiv": "arxiv", "DBLP": "dblp", "PubMed": "pmid", "ACL": "acl"}
_PREPRINT_VENUES = {"arxiv", "arxiv.org", "corr", "biorxiv", "medrxiv", "ssrn"}


def parse_paper(data: dict[str, Any]) -> Record:
    ids: dict[str, str] = {}
    for key, value in (data.get("externalIds") or {}).items():
        kind = _EXTERNAL.get(key)
        if kind and value:
            ids[kind] = str(value).lower() if kind == "doi" else str(value)
    if data.get("paperId"):
        ids["s2"] = str(data["paperId"])
    types = data.get("publicationTypes") or []
    journal = (data.get("journal") or {}).get("name") if isinstance(data.get("journal"), dict) else None
    venue = clean_text(journal) if journal and "JournalArticle" in types else clean_text(data.get("venue"))
    if venue and venue.lower() in _PREPRINT_VENUES:
        venue = None
    access = data.get("openAccessPdf")
    pdf = access.get("url") if isinstance(access, dict) else None
    kind = None
    if "JournalArticle" in types:
        kind = "journal-article"
    elif "Conference" in types:
        kind = "proceedings-article"
    return Record(
        source=SOURCE,
        title=clean_title(data.get("title")),
        authors=[a["name"] for a in data.get("authors") or [] if isinstance(a, dict) and a.get("name")],
        year=data.get("year") if isinstance(data.get("year"), int) else None,
        venue=venue or None,
        ids=ids,
        url=data.get("url") or None,
        pdf=pdf or None,
        abstract=clean_text(data.get("abstract")),
        kind=kind,
    )


def lookup(fetcher: Fetcher, kind: str, value: str) -> Record:
    """The paper with this id (`kind` is an `ids` key: doi, arxiv, acl, pmid, s2)."""
    if kind not in PREFIXES:
        raise SourceError(SOURCE, f"{kind}:{value}", "Semantic Scholar cannot look this kind of id up")
    ident = f"{PREFIXES[kind]}{value}"
    response = fetcher.get(SOURCE, ident, API + quote(ident, safe=":/"), params={"fields": FIELDS})
    data = response.json(SOURCE, ident)
    if not isinstance(data, dict) or not data.get("title"):
        raise SourceError(SOURCE, ident, "answer is not a paper")
    return parse_paper(data)


def match_title(fetcher: Fetcher, title: str) -> list[Record]:
    """The best title match (a list of one), or `SourceNotFound`."""
    response = fetcher.get(SOURCE, title, API + "search/match", params={"query": title, "fields": FIELDS})
    data = response.json(SOURCE, title)
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError(SOURCE, title, "answer is not a list of papers")
    return [parse_paper(item) for item in items if isinstance(item, dict) and item.get("title")]


def parse_search(data: Any, ident: str = "") -> list[Record]:
    if not isinstance(data, dict) or "total" not in data:
        raise SourceError(SOURCE, ident, "answer is not a search result")
    items = data.get("data") or []
    return [parse_paper(item) for item in items if isinstance(item, dict) and item.get("title")]
