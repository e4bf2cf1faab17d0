"""Papers out to citation formats: BibTeX, CSL-JSON (Zotero, Pandoc, citeproc) and RIS.

Every format uses the same citation keys (`citekeys.py`: `vaswani2017attention`, stable
for a given set of papers, `a`/`b` suffixes on clashes) and the same guess of what kind
of publication a paper is (`kind_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from paperlog.errors import InvalidValue
from paperlog.model import Paper

__all__ = ["FORMATS", "export_papers"]


def _bibtex(papers: Sequence[Paper]) -> str:
    from paperlog.export.bibtex import to_bibtex

    return to_bibtex(papers)


def _csl(papers: Sequence[Paper]) -> str:
    from paperlog.export.csl_json import to_csl_json

    return to_csl_json(papers)


def _ris(papers: Sequence[Paper]) -> str:
    from paperlog.export.ris import to_ris

    return to_ris(papers)


FORMATS: dict[str, Callable[[Sequence[Paper]], str]] = {
    "bibtex": _bibtex,
    "csl-json": _csl,
    "ris": _ris,
}


def export_papers(papers: Sequence[Paper], format: str) -> str:
    """`papers` in `format` (one of `FORMATS`), as text ready to write to a file."""
    try:
        return FORMATS[format](papers)
    except KeyError:
        raise InvalidValue("format", format, "one of " + ", ".join(FORMATS)) from None
