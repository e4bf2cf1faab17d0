"""OpenAlex: works by DOI (`/works/https://doi.org/{doi}`) and title search (`filter=title.search:`).

OpenAlex has abstracts (as an inverted index, rebuilt here) where Crossref often has
none, and open-access PDF links. A DOI it does not know answers 404 with an HTML body.
"""

from __future__ import annotations

from typing import Any

from paperlog.errors import SourceError
from paperlog.ids import ids_from_url
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title, year_of

SOURCE = "openalex"
API = "https://api.openalex.org/works"


def abstract_from_index(index: Any) -> str | None:
    """Rebuild an abstract from OpenAlex's `abstract_inverted_index` (word -> positions)."""
    if not isinstance(index, dict) or not index:
        return None
    placed: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else []:
            if isinstance(position, int):
                placed[position] = str(word)
    return clean_text(" ".join(placed[i] for i in sorted(placed)))


def parse_work(data: dict[str, Any]) -> Record:
    ids: dict[str, str] = {}
    doi = str(data.get("doi") or "")
    if doi:
        ids["doi"] = doi.removeprefix("https://doi.org/").lower()
    venue = None
    primary = data.get("primary_location") or {}
    source = primary.get("source") if isinstance(primary, dict) else None
    if isinstance(source, dict) and source.get("type") != "repository":
        venue = clean_text(source.get("display_name"))
    for location in data.get("locations") or []:
        if isinstance(location, dict) and location.get("landing_page_url"):
            found = ids_from_url(str(location["landing_page_url"]))
            if "arxiv" in found:
                ids.setdefault("arxiv", found["arxiv"])
    best = data.get("best_oa_location") or {}
    pdf = best.get("pdf_url") if isinstance(best, dict) else None
    authors = [
        str(a["author"]["display_name"])
        for a in data.get("authorships") or []
        if isinstance(a, dict) and isinstance(a.get("author"), dict) and a["author"].get("display_name")
    ]
    return Record(
        source=SOURCE,
        title=clean_title(data.get("title") or data.get("display_name")),
        authors=authors,
        year=year_of(data.get("publication_year")),
        venue=venue,
        ids=ids,
        url=f"https://doi.org/{ids['doi']}" if "doi" in ids else None,
        pdf=pdf or None,
        abstract=abstract_from_index(data.get("abstract_inverted_index")),
        kind=data.get("type") or None,
    )


def _params(fetcher: Fetcher, **params: str | int) -> dict[str, str | int]:
    if fetcher.mailto:
        params["mailto"] = fetcher.mailto
    return params


def lookup(fetcher: Fetcher, doi: str) -> Record:
    response = fetcher.get(SOURCE, doi, f"{API}/https://doi.org/{doi}", params=_params(fetcher))
    data = response.json(SOURCE, doi)
    if not isinstance(data, dict) or not (data.get("title") or data.get("display_name")):
        raise SourceError(SOURCE, doi, "answer is not an OpenAlex work")
    return parse_work(data)


def parse_results(data: Any, ident: str = "") -> list[Record]:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise SourceError(SOURCE, ident, "answer is not a list of works")
    return [
        parse_work(w) for w in results if isinstance(w, dict) and (w.get("title") or w.get("display_name"))
    ]


def search_title(fetcher: Fetcher, title: str, limit: int = 5) -> list[Record]:
    # A comma separates filters in OpenAlex's filter syntax, so it cannot stay in the title.
    words = " ".join(title.replace(",", " ").split())
    params = _params(fetcher, filter=f"title.search:{words}", **{"per-page": limit})
    response = fetcher.get(SOURCE, title, API, params=params)
    return parse_results(response.json(SOURCE, title), title)
