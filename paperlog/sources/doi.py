"""doi.org content negotiation: CSL-JSON for any registered DOI, Crossref's or not.

`GET https://doi.org/{doi}` with `Accept: application/vnd.citationstyles.csl+json`
redirects to the registration agency (Crossref, DataCite, mEDRA...), which answers in
CSL-JSON. paperlog uses it for DOIs Crossref's REST API does not know (DataCite's:
Zenodo, figshare, many datasets and software). An unknown DOI gets doi.org's HTML
"DOI Not Found" page with status 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from paperlog.errors import SourceError
from paperlog.ids import normalize_doi
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title, year_of

SOURCE = "doi"
RESOLVER = "https://doi.org/"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def parse_csl(item: dict[str, Any]) -> Record:
    """One CSL-JSON item (any registration agency's)."""
    title = item.get("title")
    if isinstance(title, list):
        title = title[0] if title else ""
    authors = []
    for person in item.get("author") or []:
        if isinstance(person, dict):
            name = " ".join(str(person[k]) for k in ("given", "family") if person.get(k))
            name = name or str(person.get("literal") or "")
            if name.strip():
                authors.append(" ".join(name.split()))
    year = None
    for key in ("issued", "published-print", "published-online", "posted", "created"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        year = year_of(parts[0][0] if parts and parts[0] else None)
        if year:
            break
    doi = str(item.get("DOI") or "").lower()
    venue = item.get("container-title")
    if isinstance(venue, list):
        venue = venue[0] if venue else None
    return Record(
        source=SOURCE,
        title=clean_title(str(title or "")),
        authors=authors,
        year=year,
        venue=clean_text(str(venue)) if venue else None,
        ids={"doi": doi} if doi else {},
        url=f"https://doi.org/{doi}" if doi else (item.get("URL") or None),
        abstract=clean_text(item.get("abstract")),
        kind=item.get("type") or None,
    )


def lookup(fetcher: Fetcher, doi: str) -> Record:
    """The CSL-JSON record doi.org's registration agency gives for this DOI."""
    doi = normalize_doi(doi) or doi
    url = RESOLVER + quote(doi, safe="/")
    response = fetcher.get(SOURCE, doi, url, accept=CSL_JSON)
    data = response.json(SOURCE, doi)
    if not isinstance(data, dict) or not data.get("title"):
        raise SourceError(SOURCE, doi, "answer is not a CSL-JSON item")
    return parse_csl(data)
