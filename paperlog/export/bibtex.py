"""BibTeX: `@inproceedings{vaswani2017attention, ...}`, one entry per paper.

Text is UTF-8 (biber, bibtexparser, Pandoc and Zotero read it); the characters BibTeX
treats specially (`& % $ # _ { } ~ ^ \\`) are escaped, and title words with capitals
inside them (`BERT`, `ImageNet`) are braced so that styles do not lower-case them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from paperlog.export.citekeys import citation_keys
from paperlog.export.kinds import Kind, kind_of, split_name
from paperlog.model import Paper

__all__ = ["bibtex_entry", "to_bibtex"]

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")


def escape(text: str) -> str:
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], " ".join(text.split()))


def _protect_title(title: str) -> str:
    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if any(c.isupper() for c in token[1:]):
            return "{" + token + "}"
        return token

    return re.sub(r"[A-Za-z0-9]+", word, escape(title))


def _author(name: str) -> str:
    family, given = split_name(name)
    if not given:
        return "{" + escape(family) + "}"  # one word, or a name written as one unit (张三)
    return f"{escape(family)}, {escape(given)}"


def bibtex_entry(paper: Paper, key: str) -> str:
    kind = kind_of(paper)
    fields: list[tuple[str, str]] = []
    if paper.authors:
        fields.append(("author", " and ".join(_author(a) for a in paper.authors)))
    fields.append(("title", _protect_title(paper.title)))
    if kind is Kind.conference:
        entry_type = "inproceedings"
        fields.append(("booktitle", escape(paper.venue or "")))
    elif kind is Kind.journal:
        entry_type = "article"
        fields.append(("journal", escape(paper.venue or "")))
    else:
        entry_type = "misc"
    if paper.year:
        fields.append(("year", str(paper.year)))
    if "arxiv" in paper.ids:
        fields += [("eprint", escape(paper.ids["arxiv"])), ("archiveprefix", "arXiv")]
    if "doi" in paper.ids:
        fields.append(("doi", escape(paper.ids["doi"])))
    if paper.url:
        fields.append(("url", escape(paper.url)))
    elif "arxiv" in paper.ids:
        fields.append(("url", escape(f"https://arxiv.org/abs/{paper.ids['arxiv']}")))
    keywords = [*paper.topics, *paper.tags]
    if keywords:
        fields.append(("keywords", escape(", ".join(dict.fromkeys(keywords)))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def to_bibtex(papers: Sequence[Paper]) -> str:
    keys = citation_keys(papers)
    return "\n".join(bibtex_entry(p, keys[p.key]) for p in sorted(papers, key=lambda p: keys[p.key]))
