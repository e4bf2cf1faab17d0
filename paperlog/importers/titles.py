"""Whether text reads like a paper's title: its words, and how many are capitalised.

`title_like` tells a title (`Attention Is All You Need`) from a sentence or a label, and
`capital_ratio` says how much of a line is in title case; every rule that weighs a line
counts its words with `words`.
"""

from __future__ import annotations

import re

from paperlog.text import has_cjk

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
STOP_WORDS = {"a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "via", "by",
              "from", "at", "as", "is", "are", "be", "into", "over", "under", "without", "vs"}


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def title_like(text: str, *, min_words: int = 3) -> bool:
    """Does `text` read like a paper title (Latin script, a few words, not a sentence)?"""
    text = text.strip()
    if not text or len(text) > 300 or has_cjk(text):
        return False
    if not re.match(r"[A-Za-z0-9\"'“(]", text) or text[-1] in ":：;；,，。":
        return False
    found = words(text)
    if len(found) < min_words or len(found) > 40:
        return False
    if len(found) >= 4:
        return True
    content = [w for w in found if w.lower() not in STOP_WORDS]
    capital = [w for w in content if w[0].isupper() or any(c.isupper() for c in w[1:])]
    return len(capital) * 2 >= len(content) and len(content) >= 2


def capital_ratio(text: str) -> float:
    content = [w for w in words(text) if w.lower() not in STOP_WORDS]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper() or w[0].isdigit()) / len(content)
