"""Text for search: tokens for the index and queries, Chinese included, and accent folding.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation, so a run of Chinese
characters would be one giant token and a two-character word inside it could not be
found (and `trigram` needs three characters). Before text reaches FTS5, every run of CJK
characters is rewritten as its overlapping bigrams plus its last character alone:

    注意力机制  ->  注意 意力 力机 机制 制

A query is rewritten the same way: a CJK word of two or more characters becomes the
phrase of its bigrams (adjacent tokens, so `注意力` matches only where the three
characters stand together), and a single character becomes a prefix query (`力*`).
Latin text is left to FTS5 (porter stemming, diacritics removed).

Snippets (`paperlog.snippets`) are cut from the original text in Python, so they show
what the user wrote, not the bigrams.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

CJK_CHARS = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
)
# Character classes over these ranges take `re` 5-15 ms each to compile, which every
# command would pay at start-up: one pattern finds CJK characters (a run is found where
# its first character is), and the query's word pattern is compiled when first needed.
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


@functools.cache
def _word() -> re.Pattern[str]:
    return re.compile(rf"[{CJK_CHARS}]+|[^\W_{CJK_CHARS}]+(?:['’][^\W_{CJK_CHARS}]+)*\*?")


def cjk_count(text: str) -> int:
    return sum(map(len, CJK_RUN.findall(text)))


def has_cjk(text: str) -> bool:
    return bool(CJK_RUN.search(text))


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " " + run[-1]


def index_text(text: str) -> str:
    """Text as it goes into the FTS5 index: CJK runs turned into bigrams."""
    if not text or not CJK_RUN.search(text):
        return text
    return CJK_RUN.sub(lambda m: f" {_bigrams(m.group(0))} ", text)


@dataclass(frozen=True)
class Query:
    """A parsed search query: the FTS5 MATCH expression and the words to highlight."""

    match: str
    terms: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.match)


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """Turn what the user typed into an FTS5 expression. Every word must match (AND).

    `"a phrase"` matches words together; a trailing `*` matches a prefix; `prefix_last`
    (search as you type) treats the last word as a prefix.
    """
    clauses: list[str] = []
    terms: list[str] = []
    parts = list(_QUERY_PART.finditer(text))
    for number, part in enumerate(parts):
        phrase, word = part.group(1), part.group(2)
        last = number == len(parts) - 1
        if phrase is not None:
            tokens = _word().findall(phrase)
            if tokens:
                clauses.append(_phrase(tokens))
                terms.extend(t.rstrip("*") for t in tokens)
            continue
        for token in _word().findall(word):
            prefix = token.endswith("*") or (prefix_last and last and not has_cjk(token))
            token = token.rstrip("*")
            if not token:
                continue
            terms.append(token)
            if has_cjk(token):
                clauses.append(_cjk_clause(token))
            else:
                clauses.append(f'"{token}"' + ("*" if prefix else ""))
    return Query(" AND ".join(clauses), tuple(terms))


def _cjk_clause(run: str) -> str:
    if len(run) == 1:
        return f'"{run}"*'
    return '"' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"'


def _phrase(tokens: list[str]) -> str:
    pieces: list[str] = []
    for token in tokens:
        token = token.rstrip("*")
        pieces.append(index_text(token).strip() if has_cjk(token) else token)
    return '"' + " ".join(pieces).replace('"', "") + '"'


@functools.cache
def _title_word() -> re.Pattern[str]:
    return re.compile(rf"[{CJK_CHARS}]|[^\W_]+")


def normalize_title(title: str) -> str:
    """A title reduced for comparison: case, accents, punctuation and spacing ignored."""
    folded = title
    if not title.isascii():
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", title) if not unicodedata.combining(ch))
    words = _title_word().findall(folded.lower())
    return " ".join(words)


def fold_accents(text: str) -> str:
    """`Gödel` -> `Godel`, one character for one, so that match positions fit the original."""
    if text.isascii():
        return text
    return text.translate(_FOLDED)


class _FoldTable(dict[int, str]):
    """Code point -> folded character, filled in as `str.translate` meets new characters
    (a per-character Python loop made snippets of Chinese notes cost ~1 ms each)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def _fold_char(ch: str) -> str:
    if CJK_RUN.match(ch):  # FTS5 folds Latin-script diacritics only (not が -> か)
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch
