"""Text for search: tokens for the index and queries, Chinese included, and snippets.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation, so a run of Chinese
characters would be one giant token and a two-character word inside it could not be
found (and `trigram` needs three characters). Before text reaches FTS5, every run of CJK
characters is rewritten as its overlapping bigrams plus its last character alone:

    注意力机制  ->  注意 意力 力机 机制 制

A query is rewritten the same way: a CJK word of two or more characters becomes the
phrase of its bigrams (adjacent tokens, so `注意力` matches only where the three
characters stand together), and a single character becomes a prefix query (`力*`).
Latin text is left to FTS5 (porter stemming, diacritics removed).

Snippets are cut from the original text in Python, so they show what the user wrote,
not the bigrams.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

_CJK_CHARS = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
)
# Character classes over these ranges take `re` 5-15 ms each to compile, which every
# command would pay at start-up: one pattern finds CJK characters (a run is found where
# its first character is), and the query's word pattern is compiled when first needed.
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_CJK_CHAR = CJK_RUN
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


@functools.cache
def _word() -> re.Pattern[str]:
    return re.compile(rf"[{_CJK_CHARS}]+|[^\W_{_CJK_CHARS}]+(?:['’][^\W_{_CJK_CHARS}]+)*\*?")


def _cjk_count(text: str) -> int:
    return sum(map(len, CJK_RUN.findall(text)))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " " + run[-1]


def index_text(text: str) -> str:
    """Text as it goes into the FTS5 index: CJK runs turned into bigrams."""
    if not text or not _CJK_CHAR.search(text):
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


def normalize_title(title: str) -> str:
    """A title reduced for comparison: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(rf"[{_CJK_CHARS}]|[^\W_]+", folded.lower())
    return " ".join(words)


@dataclass(frozen=True)
class Snippet:
    """A piece of text around the first match, with the matched spans to highlight."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


_MARKUP = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, bullets
    (re.compile(r"(\*\*|__|\*|`+|~~)(?=\S)|(?<=\S)(\*\*|__|\*|`+|~~)"), ""),  # emphasis, code
    (re.compile(r"<[^>\n]{1,200}>"), " "),  # inline HTML tags
    (re.compile(r"\$\$"), " "),  # display-math fences (the TeX inside stays searchable text)
]


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
    if _CJK_CHAR.match(ch):  # FTS5 folds Latin-script diacritics only (not が -> か)
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


def plain_text(markdown: str) -> str:
    """Markdown with its markup taken out, for snippets: what a reader sees, roughly."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown


@functools.lru_cache(maxsize=128)
def _term_matcher(terms: tuple[str, ...]) -> re.Pattern[str]:
    patterns = []
    for term in sorted({fold_accents(t) for t in terms}, key=len, reverse=True):  # as FTS5 does
        if has_cjk(term):
            patterns.append(re.escape(term))
        else:
            stem = term if len(term) <= 4 else term[: max(4, len(term) - 2)]
            patterns.append(rf"(?<![^\W_{_CJK_CHARS}]){re.escape(stem)}[^\W_{_CJK_CHARS}]*")
    return re.compile("|".join(patterns), re.I)


def snippet(text: str, terms: tuple[str, ...], width: int = 160) -> Snippet | None:
    """The window of `text` around the first query term, with every term marked.

    Latin terms match at the start of a word and may run on (so `transform` marks
    `Transformers`, as stemming found it); CJK terms match anywhere. CJK characters
    count double towards `width`, as they take two columns on a terminal. Only the text
    near the match is stripped of its Markdown markup: notes can be long, and this runs
    for every hit on a page.
    """
    if not text or not terms:
        return None
    matcher = _term_matcher(tuple(terms))
    first = matcher.search(text) or matcher.search(fold_accents(text))  # `godel` finds Gödel
    if first is None:
        return None
    low = max(0, first.start() - 2 * width)
    text = plain_text(text[low : first.end() + 2 * width])
    first = matcher.search(fold_accents(text))
    if first is None:  # the match was inside markup (a link's URL, say)
        return None
    if has_cjk(text):  # wide characters: fewer of them fit
        around = text[max(0, first.start() - width) : first.start() + width]
        width = max(20, round(width * len(around) / (len(around) + _cjk_count(around))))
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    if start > 0:  # do not cut a word in half
        space = text.find(" ", start, first.start())
        if space != -1 and not has_cjk(text[start : first.start()]):
            start = space + 1
    if end < len(text) and text[end - 1].isalnum() and not has_cjk(text[end - 1]):
        space = text.rfind(" ", first.end(), end)
        if space != -1:
            end = space
    window = " ".join(text[start:end].split())
    prefix = "… " if start > 0 or low > 0 else ""
    suffix = " …" if end < len(text) else ""
    shown = prefix + window + suffix
    spans = tuple((m.start(), m.end()) for m in matcher.finditer(fold_accents(shown)))
    return Snippet(shown, spans)
