"""CSL-JSON, the item format of citeproc: what Zotero imports and Pandoc cites from.

Items follow the CSL 1.0.1 input-data schema (the tests validate against it):
`paper-conference`, `article-journal`, or `article` for preprints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from paperlog.export.citekeys import citation_keys
from paperlog.export.kinds import Kind, kind_of, split_name
from paperlog.model import Paper

__all__ = ["csl_item", "to_csl_json"]

_TYPES = {
    Kind.conference: "paper-conference",
    Kind.journal: "article-journal",
    Kind.preprint: "article",
    Kind.other: "article",
}


def _name(name: str) -> dict[str, str]:
    family, given = split_name(name)
    if not given:
        return {"literal": family}
    return {"family": family, "given": given}


def csl_item(paper: Paper, key: str) -> dict[str, Any]:
    kind = kind_of(paper)
    item: dict[str, Any] = {"id": key, "type": _TYPES[kind], "title": paper.title}
    if paper.authors:
        item["author"] = [_name(a) for a in paper.authors]
    if paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    if paper.venue and kind in (Kind.conference, Kind.journal):
        item["container-title"] = paper.venue
    if "arxiv" in paper.ids and kind is Kind.preprint:
        item["number"] = f"arXiv:{paper.ids['arxiv']}"
        item["publisher"] = "arXiv"
    if "doi" in paper.ids:
        item["DOI"] = paper.ids["doi"]
    if "pmid" in paper.ids:
        item["PMID"] = paper.ids["pmid"]
    if "isbn" in paper.ids:
        item["ISBN"] = paper.ids["isbn"]
    url = paper.url or (f"https://arxiv.org/abs/{paper.ids['arxiv']}" if "arxiv" in paper.ids else None)
    if url:
        item["URL"] = url
    keywords = [*paper.topics, *paper.tags]
    if keywords:
        item["keyword"] = ", ".join(dict.fromkeys(keywords))
    abstract = paper.extra.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        item["abstract"] = abstract.strip()
    return item


def to_csl_json(papers: Sequence[Paper]) -> str:
    keys = citation_keys(papers)
    items = [csl_item(p, keys[p.key]) for p in sorted(papers, key=lambda p: keys[p.key])]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
