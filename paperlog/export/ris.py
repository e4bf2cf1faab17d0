"""RIS, the tagged format every reference manager imports (EndNote, Zotero, Mendeley).

One record per paper, `TY  - ` to `ER  - `, CRLF-free UTF-8 lines; the citation key goes
in `ID` so that a round trip keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from paperlog.export.citekeys import citation_keys
from paperlog.export.kinds import Kind, kind_of, split_name
from paperlog.model import Paper

__all__ = ["ris_record", "to_ris"]

_TYPES = {Kind.conference: "CPAPER", Kind.journal: "JOUR", Kind.preprint: "PREPRINT",
          Kind.other: "GEN"}


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris_record(paper: Paper, key: str) -> str:
    kind = kind_of(paper)
    lines = [_line("TY", _TYPES[kind]), _line("ID", key), _line("TI", paper.title)]
    for author in paper.authors:
        family, given = split_name(author)
        lines.append(_line("AU", f"{family}, {given}" if given else family))
    if paper.year:
        lines.append(_line("PY", str(paper.year)))
    if paper.venue and kind in (Kind.conference, Kind.journal):
        lines.append(_line("T2", paper.venue))
    if "doi" in paper.ids:
        lines.append(_line("DO", paper.ids["doi"]))
    if "arxiv" in paper.ids:
        lines.append(_line("AN", f"arXiv:{paper.ids['arxiv']}"))
    url = paper.url or (f"https://arxiv.org/abs/{paper.ids['arxiv']}" if "arxiv" in paper.ids else None)
    if url:
        lines.append(_line("UR", url))
    for keyword in dict.fromkeys([*paper.topics, *paper.tags]):
        lines.append(_line("KW", keyword))
    abstract = paper.extra.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        lines.append(_line("AB", abstract))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def to_ris(papers: Sequence[Paper]) -> str:
    keys = citation_keys(papers)
    return "\n".join(ris_record(p, keys[p.key]) for p in sorted(papers, key=lambda p: keys[p.key]))
