"""DBLP: computer-science venues. Publication search (`/search/publ/api?format=json`) and
records as BibTeX (`/rec/{key}.bib`).

DBLP names venues the way researchers write them (`NeurIPS`, `CVPR`, `ACL`), which is why
paperlog asks it for the venue of a paper the other sources only know as a preprint.
Titles end with a full stop, and homonymous authors carry a number (`Xiaopeng Zhang 0009`);
both are removed. `CoRR` entries are arXiv preprints and give no venue.
"""

from __future__ import annotations

import re
from typing import Any

from paperlog.errors import SourceError
from paperlog.ids import normalize_doi
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title, year_of

SOURCE = "dblp"
API = "https://dblp.org/search/publ/api"
REC = "https://dblp.org/rec/"
_PREPRINT_VENUES = {"corr", "arxiv"}


def _author(name: str) -> str:
    return re.sub(r"\s+\d{4}$", "", " ".join(name.split()))


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_hit(info: dict[str, Any]) -> Record:
    authors_field = info.get("authors") or {}
    people = _listed(authors_field.get("author")) if isinstance(authors_field, dict) else []
    authors = [_author(p.get("text", "") if isinstance(p, dict) else str(p)) for p in people]
    venue = ", ".join(str(v) for v in _listed(info.get("venue"))) or None
    if venue and venue.lower() in _PREPRINT_VENUES:
        venue = None
    key = str(info.get("key") or "")
    ids = {"dblp": key} if key else {}
    doi = normalize_doi(str(info.get("doi") or ""))
    if doi:
        ids["doi"] = doi
    kind_text = str(info.get("type") or "")
    kind = (
        "proceedings-article"
        if kind_text.startswith("Conference")
        else "journal-article"
        if kind_text.startswith("Journal")
        else "preprint"
        if kind_text.startswith("Informal")
        else None
    )
    return Record(
        source=SOURCE,
        title=clean_title(info.get("title")),
        authors=[a for a in authors if a],
        year=year_of(info.get("year")),
        venue=clean_text(venue),
        ids=ids,
        url=f"{REC}{key}" if key else None,
        kind=kind,
    )


def parse_search(data: Any, ident: str = "") -> list[Record]:
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("hits"), dict):
        raise SourceError(SOURCE, ident, "answer is not a DBLP search result")
    hits = _listed(result["hits"].get("hit"))
    return [parse_hit(h["info"]) for h in hits if isinstance(h, dict) and isinstance(h.get("info"), dict)]


def search(fetcher: Fetcher, title: str, limit: int = 5) -> list[Record]:
    params: dict[str, str | int] = {"q": title, "format": "json", "h": limit}
    response = fetcher.get(SOURCE, title, API, params=params)
    return parse_search(response.json(SOURCE, title), title)


def parse_bibtex(text: str, ident: str = "") -> Record:
    """A DBLP `.bib` record: one entry, braces and LaTeX line breaks undone."""
    import bibtexparser

    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    if not library.entries:
        raise SourceError(SOURCE, ident, "answer holds no BibTeX entry")
    entry = library.entries[0]
    fields = {
        f.key.lower(): " ".join(str(f.value).replace("{", "").replace("}", "").split()) for f in entry.fields
    }
    key = entry.key.removeprefix("DBLP:")
    ids = {"dblp": key}
    doi = normalize_doi(fields.get("doi", ""))
    if doi:
        ids["doi"] = doi
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("series")
    if venue and venue.lower() in _PREPRINT_VENUES:
        venue = None
    return Record(
        source=SOURCE,
        title=clean_title(fields.get("title")),
        authors=[_author(a) for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()],
        year=year_of(fields.get("year")),
        venue=venue or None,
        ids=ids,
        url=f"{REC}{key}",
        kind={"inproceedings": "proceedings-article", "article": "journal-article"}.get(
            entry.entry_type.lower(), entry.entry_type.lower()
        ),
    )


def lookup(fetcher: Fetcher, key: str) -> Record:
    """The record with this DBLP key (`conf/nips/VaswaniSPUJGKP17`), from its BibTeX."""
    response = fetcher.get(SOURCE, key, f"{REC}{key}.bib")
    return parse_bibtex(response.text, key)
