"""Token recall: how much of a notebook's text made it into the library.

Tokens are Latin words (runs of letters, compared case-insensitively) and single CJK
characters; digits and punctuation are not counted. Recall counts with multiplicity: a
word written five times in the source must appear five times in what was written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from paperlog.text import CJK_CHARS

_TOKEN = re.compile(f"[A-Za-z]+|[{CJK_CHARS}]")


def tokens(text: str) -> Counter[str]:
    """The tokens of `text` with their counts."""
    return Counter(token.lower() for token in _TOKEN.findall(text))


@dataclass(frozen=True)
class Recall:
    """`found` of the source's `total` tokens appear in the written text; `missing` the rest."""

    found: int
    total: int
    missing: Counter[str]

    @property
    def ratio(self) -> float:
        return 1.0 if self.total == 0 else self.found / self.total

    def __str__(self) -> str:
        return f"{self.ratio:.2%} ({self.found}/{self.total} tokens)"


def token_recall(source: str, written: Iterable[str]) -> Recall:
    """Recall of `source`'s tokens in the concatenation of `written` texts."""
    wanted = tokens(source)
    have: Counter[str] = Counter()
    for text in written:
        have.update(tokens(text))
    missing = Counter({t: n - have[t] for t, n in wanted.items() if have[t] < n})
    total = sum(wanted.values())
    return Recall(total - sum(missing.values()), total, missing)
