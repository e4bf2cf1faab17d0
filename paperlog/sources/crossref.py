"""Crossref: works by DOI (`/works/{doi}`) and bibliographic title search (`/works?query.bibliographic=`).

Requests carry the polite-pool `mailto` from `config.sources.mailto` when one is set.
A DOI Crossref does not know answers 404 with a plain-text body; DataCite DOIs (Zenodo,
figshare...) are among those, and `paperlog.sources.doi` asks doi.org for them instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from paperlog.errors import SourceError
from paperlog.ids import normalize_doi
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title, year_of

SOURCE = "crossref"
API = "https://api.crossref.org/works"


def parse_work(item: dict[str, Any]) -> Record:
    """A Crossref work (the `message` of `/works/{doi}`, or one search item)."""
    doi = str(item.get("DOI") or "").lower()
    title = clean_title(_first(item.get("title")))
    subtitle = clean_title(_first(item.get("subtitle")))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    authors = []
    for person in item.get("author") or []:
        if not isinstance(person, dict):
            continue
        name = " ".join(str(person[k]) for k in ("given", "family") if person.get(k)) or person.get("name")
        if name:
            authors.append(clean_text(str(name)) or "")
    year = None
    for key in ("issued", "published", "published-print", "published-online", "posted", "created"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        year = year_of(parts[0][0] if parts and parts[0] else None)
        if year:
            break
    return Record(
        source=SOURCE,
        title=title,
        authors=[a for a in authors if a],
        year=year,
        venue=clean_text(_first(item.get("container-title"))),
        ids={"doi": doi} if doi else {},
        url=f"https://doi.org/{doi}" if doi else None,
        abstract=clean_text(item.get("abstract")),
        kind=item.get("type") or None,
    )


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def _params(fetcher: Fetcher, **params: str | int) -> dict[str, str | int]:
    if fetcher.mailto:
        params["mailto"] = fetcher.mailto
    return params


def lookup(fetcher: Fetcher, doi: str) -> Record:
    """The work with this DOI; `SourceNotFound` when Crossref does not have it."""
    doi = normalize_doi(doi) or doi
    response = fetcher.get(SOURCE, doi, f"{API}/{quote(doi, safe='')}", params=_params(fetcher))
    data = response.json(SOURCE, doi)
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("message-type") != "work":
        raise SourceError(SOURCE, doi, "answer is not a Crossref work")
    return parse_work(message)


def parse_work_list(data: Any, ident: str = "") -> list[Record]:
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise SourceError(SOURCE, ident, "answer is not a Crossref work list")
    return [parse_work(item) for item in items if isinstance(item, dict) and item.get("title")]


def search_title(fetcher: Fetcher, title: str, limit: int = 5) -> list[Record]:
    """Works whose bibliographic data best match `title`, best first."""
    params: dict[str, str | int] = {"query.bibliographic": title, "rows": limit}
    response = fetcher.get(SOURCE, title, API, params=_params(fetcher, **params))
    return parse_work_list(response.json(SOURCE, title), title)
