"""arXiv: look papers up by id (several per request) or search titles, and read its feed.

The API answers with an Atom feed. Two generations of that feed are in use and both are
read here: the older one (double-quoted XML declaration, namespaces declared on each
element, a `rel="self"` link, local-time `<updated>`) and the current one (namespaces on
`<feed>`, https links, different element order). Errors come back as a feed with one
entry titled "Error" whose id is under `/api/errors`, with HTTP 400.

Identifiers are parsed by `paperlog.ids` (new `1706.03762` and old `hep-th/9901001`
styles, with or without a version); records carry the unversioned id.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from paperlog.errors import SourceError, SourceNotFound
from paperlog.ids import split_arxiv
from paperlog.sources.http import Fetcher
from paperlog.sources.record import Record, clean_text, clean_title, year_of

SOURCE = "arxiv"
API = "https://export.arxiv.org/api/query"
#: Ids per `id_list` request; arXiv pages at up to 2000 results, we stay well below.
BATCH = 100

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def parse_feed(body: bytes, ident: str = "") -> list[Record]:
    """Every paper in an arXiv Atom feed; an error feed or broken XML raises `SourceError`."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise SourceError(SOURCE, ident, f"answer is not valid XML ({error})") from None
    if root.tag != f"{ATOM}feed":
        raise SourceError(SOURCE, ident, f"answer is not an Atom feed (root <{root.tag}>)")
    records = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = _text(entry, f"{ATOM}id") or ""
        if "/api/errors" in entry_id:
            reason = _text(entry, f"{ATOM}summary") or "arXiv reported an error"
            raise SourceError(SOURCE, ident, reason)
        records.append(_parse_entry(entry, ident))
    return records


def _parse_entry(entry: ET.Element, ident: str) -> Record:
    entry_id = _text(entry, f"{ATOM}id") or ""
    found = split_arxiv(entry_id)
    if found is None:
        raise SourceError(SOURCE, ident, f"entry has no arXiv id ({entry_id!r})")
    arxiv_id = found[0]
    ids = {"arxiv": arxiv_id}
    doi = _text(entry, f"{ARXIV}doi")
    if doi:
        ids["doi"] = doi.split()[0].lower()  # a few entries list several DOIs
    authors = [
        name
        for author in entry.findall(f"{ATOM}author")
        if (name := clean_text(_text(author, f"{ATOM}name")))
    ]
    return Record(
        source=SOURCE,
        title=clean_title(_text(entry, f"{ATOM}title")),
        authors=authors,
        year=year_of(_text(entry, f"{ATOM}published")),
        ids=ids,
        url=f"https://arxiv.org/abs/{arxiv_id}",
        pdf=f"https://arxiv.org/pdf/{arxiv_id}",
        abstract=clean_text(_text(entry, f"{ATOM}summary")),
        kind="preprint",
        journal_ref=clean_text(_text(entry, f"{ARXIV}journal_ref")),
    )


def _text(element: ET.Element, tag: str) -> str | None:
    found = element.find(tag)
    return found.text if found is not None and found.text is not None else None


def _query(fetcher: Fetcher, ident: str, params: dict[str, str | int]) -> list[Record]:
    response = fetcher.get(SOURCE, ident, API, params=params, ok=(200, 400))
    records = parse_feed(response.content, ident)
    if response.status != 200:  # a 400 whose feed held no error entry
        raise SourceError(SOURCE, ident, f"HTTP {response.status}")
    return records


def fetch(fetcher: Fetcher, arxiv_ids: Iterable[str]) -> dict[str, Record]:
    """Records for many ids, `BATCH` per request; ids arXiv does not know are left out.

    Keys are the unversioned ids as given (normalised). A malformed id in a batch makes
    arXiv refuse the whole request, so ids that do not parse are dropped before asking.
    """
    wanted: list[str] = []
    for text in arxiv_ids:
        found = split_arxiv(text)
        if found and found[0] not in wanted:
            wanted.append(found[0])
    results: dict[str, Record] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        shown = batch[0] if len(batch) == 1 else f"{batch[0]} (+{len(batch) - 1} more)"
        params: dict[str, str | int] = {"id_list": ",".join(batch), "max_results": len(batch)}
        for record in _query(fetcher, shown, params):
            results[record.ids["arxiv"]] = record
    return results


def lookup(fetcher: Fetcher, arxiv_id: str) -> Record:
    """The record for one id; `SourceNotFound` when arXiv has no such paper."""
    found = split_arxiv(arxiv_id)
    if found is None:
        raise SourceError(SOURCE, arxiv_id, "not an arXiv identifier")
    record = fetch(fetcher, [found[0]]).get(found[0])
    if record is None:
        raise SourceNotFound(SOURCE, found[0], "not found")
    return record


def search_title(fetcher: Fetcher, title: str, limit: int = 5) -> list[Record]:
    """Papers whose title matches `title` (arXiv's `ti:` field search, best first)."""
    words = " ".join(title.replace('"', " ").split())
    params: dict[str, str | int] = {"search_query": f'ti:"{words}"', "max_results": limit}
    return _query(fetcher, title, params)
