"""Citation keys in the Google Scholar / Better BibTeX style: `vaswani2017attention`.

First author's surname + year + first meaningful title word, folded to ASCII lower case.
A paper may pin its own key with a `citekey:` field in its front matter. When several
papers get the same key, the first (in file-name order) keeps it and the others get
`a`, `b`, ... appended, so a key does not change when unrelated papers are added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from string import ascii_lowercase

from paperlog.library import transliterate
from paperlog.model import Paper

__all__ = ["base_key", "citation_keys"]

_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "of", "on", "in", "at", "to", "for", "from", "with", "without", "by",
        "via", "and", "or", "but", "is", "are", "be", "as", "into", "onto", "over", "under",
        "towards", "toward", "about", "using", "do", "does", "can", "we", "you", "your", "our",
        "their", "its", "this", "that", "what", "when", "where", "which", "who", "why", "how",
        "not", "no",
    }
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", transliterate(text).lower())


def base_key(paper: Paper) -> str:
    """The key before de-duplication."""
    pinned = paper.extra.get("citekey")
    if isinstance(pinned, str) and re.fullmatch(r"[A-Za-z0-9_:.\-]+", pinned.strip()):
        return pinned.strip()
    surname = "".join(_words(paper.first_author_surname)) or "anon"
    year = str(paper.year) if paper.year else ""
    word = next((w for w in _words(paper.title) if w not in _FUNCTION_WORDS), "")
    return f"{surname}{year}{word}"


def _suffix(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = ascii_lowercase[rest] + out
    return out


def citation_keys(papers: Sequence[Paper]) -> dict[str, str]:
    """Paper key -> citation key, unique within `papers`."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for paper in sorted(papers, key=lambda p: p.key):
        base = base_key(paper)
        key, n = base, 0
        while key in taken:
            n += 1
            key = base + _suffix(n)
        taken.add(key)
        keys[paper.key] = key
    return keys
