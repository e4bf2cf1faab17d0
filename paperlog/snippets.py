"""Snippets: the words around the first match of a search, as a reader would see them.

The notes near the match are made `readable`: Markdown's markup goes, each block
(heading, list item, paragraph, table row) is set off by `SEPARATOR` while the lines of
one paragraph read as one sentence, formulas lose their `$` fences (their spans are kept
so that the web app can typeset them), and a long display formula or a code block
without a match shrinks to `[formula]` or `[code]`. A window of `width` columns is then
cut around the first match, never through a word or a formula.

Terms are matched the way FTS5 found them: Latin words by their start (so `transform`
marks `Transformers`), accents folded (`godel` marks `Gödel`), CJK anywhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from paperlog.text import CJK_CHARS, CJK_RUN, cjk_count, fold_accents, has_cjk

__all__ = ["SEPARATOR", "Snippet", "plain_text", "readable", "snippet"]


@dataclass(frozen=True)
class Snippet:
    """A piece of text around the first match, with the matched spans to highlight.

    `math` holds the spans of `text` that are TeX (a formula without its `$` fences),
    for a view that can typeset them.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    math: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


#: Between two blocks of the notes (headings, list items, paragraphs, table rows).
SEPARATOR = " · "
#: What a formula or a code block that does not hold a match shrinks to.
FORMULA, CODE = "[formula]", "[code]"
#: A display formula this short is shown (typeset in the web app) rather than elided.
SHORT_FORMULA = 40

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")  # images: keep the alt text
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # links: keep the text
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+|~~)(?=\S)|(?<=\S)(\*\*|__|\*|`+|~~)")  # and inline code
_EMPHASIS_MARK = re.compile(r"[*_`~]")
_HTML_TAG = re.compile(r"<[^>\n]{1,200}>")
# `$$...$$` inside a paragraph, or `$...$` as Pandoc reads it (no space inside the fences,
# no digit after the closing one, so that "costs $5 and $10" stays text).
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?=[^\s$])((?:\\.|[^$\\])+?)(?<=\S)\$(?![\d$])")
_BLOCK = re.compile(
    r"(?P<fence>```|~~~)|(?P<display>\$\$)|(?P<rule>(?:[-*_][ \t]*){3,}$)|(?P<heading>#{1,6}(?:[ \t]+|$))"
    r"|(?P<item>(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))|(?P<quote>>[ \t]?)|(?P<row>\|)"
)
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


class _Readable:
    """Markdown turned into one line of readable text, block by block (see `readable`)."""

    def __init__(self, matcher: re.Pattern[str] | None, cjk: bool) -> None:
        self.matcher = matcher
        self.cjk = cjk
        self.parts: list[str] = []
        self.size = 0
        self.math: list[tuple[int, int]] = []
        self.elided: list[tuple[int, int]] = []
        self.paragraph: list[str] = []

    def _add(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)

    def _block(self) -> None:
        if self.parts and self.parts[-1] != SEPARATOR:
            self._add(SEPARATOR)

    def flush(self) -> None:
        """End the paragraph being read: its lines read as one sentence."""
        if not self.paragraph:
            return
        lines, self.paragraph = self.paragraph, []
        if self.cjk and len(lines) > 1:  # Chinese wrapped over lines has no space to keep
            joined = lines[0]
            for line in lines[1:]:
                joined += line if _wide(joined[-1:]) and _wide(line[:1]) else " " + line
            lines = [joined]
        text = " ".join(" ".join(lines).split())
        if not text:
            return
        self._block()
        if "$" not in text:
            self._add(_strip_inline(text))
            return
        last = 0
        for match in _MATH.finditer(text):
            self._add(_strip_inline(text[last : match.start()]))
            self.formula(match.group(1) or match.group(2))
            last = match.end()
        self._add(_strip_inline(text[last:]))

    def formula(self, tex: str) -> None:
        tex = " ".join(tex.split())
        if tex:
            self.math.append((self.size, self.size + len(tex)))
            self._add(tex)

    def elide(self, placeholder: str) -> None:
        self._block()
        self.elided.append((self.size, self.size + len(placeholder)))
        self._add(placeholder)
        self._block()

    def holds_match(self, text: str) -> bool:
        return self.matcher is not None and self.matcher.search(fold_accents(text)) is not None

    def display(self, tex: str) -> None:
        """A `$$` block: shown when short or when it holds a match, else `[formula]`."""
        self.flush()
        tex = " ".join(tex.split())
        if not tex:
            return
        if len(tex) <= SHORT_FORMULA or self.holds_match(tex):
            self._block()
            self.formula(tex)
            self._block()
        else:
            self.elide(FORMULA)

    def code(self, lines: list[str]) -> None:
        """A fenced code block: its text when it holds a match, else `[code]`."""
        self.flush()
        text = " ".join(" ".join(lines).split())
        if not text:
            return
        if self.holds_match(text):
            self._block()
            self._add(text)
            self._block()
        else:
            self.elide(CODE)

    def text(self) -> str:
        self.flush()
        while self.parts and self.parts[-1] == SEPARATOR:
            self.parts.pop()
        return "".join(self.parts)


def _wide(char: str) -> bool:
    """A CJK character or CJK punctuation (`、`, `，`): two columns wide, no spaces around."""
    return "\u3000" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\uffef"


def _strip_inline(text: str) -> str:
    # Each pass only when its marks are there: this runs for every paragraph of a snippet.
    if "](" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    if _EMPHASIS_MARK.search(text):
        text = _EMPHASIS.sub("", text)
    if "<" in text:
        text = " ".join(_HTML_TAG.sub(" ", text).split())
    return text


def readable(
    markdown: str, matcher: re.Pattern[str] | None = None
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Markdown as one line of what a reader sees, for snippets: (text, math, elided).

    Blocks (a heading, a list item, a paragraph, a table row, a formula) are joined by
    `SEPARATOR`; the lines of one paragraph by a space. Inline markup goes, keeping the
    words (link texts, image alt texts); formulas lose their `$` fences and their spans
    are listed in `math`. A display formula longer than `SHORT_FORMULA` or a code block
    becomes `[formula]` or `[code]` (listed in `elided`) unless `matcher` finds a term in it.
    """
    out = _Readable(matcher, has_cjk(markdown))
    lines = markdown.split("\n")
    quoted = False
    number = 0
    while number < len(lines):
        line = lines[number].strip()
        number += 1
        if not line:
            out.flush()
            quoted = False
            continue
        block = _BLOCK.match(line)
        kind = block.lastgroup if block else None
        if kind is None:
            if quoted:  # a line without `>` after a quote ends it (no lazy continuation)
                out.flush()
                quoted = False
            out.paragraph.append(line)
            continue
        assert block is not None
        rest = line[block.end() :]
        if kind == "fence":
            fence, body = block.group(0), []
            while number < len(lines) and not lines[number].lstrip().startswith(fence):
                body.append(lines[number])
                number += 1
            number += 1
            out.code(body)
        elif kind == "display":
            close = rest.find("$$")
            if close != -1:  # `$$ ... $$` on one line
                out.display(rest[:close])
                if rest[close + 2 :].strip():
                    out.paragraph.append(rest[close + 2 :].strip())
                continue
            body = [rest]
            while number < len(lines):
                inner = lines[number]
                number += 1
                close = inner.find("$$")
                if close != -1:
                    body.append(inner[:close])
                    break
                body.append(inner)
            out.display(" ".join(body))
        elif kind == "quote":
            if not quoted or not rest:
                out.flush()
            quoted = True
            if rest:
                out.paragraph.append(rest)
        elif kind == "row":
            out.flush()
            if not _TABLE_RULE.match(line):
                out.paragraph.append(" | ".join(cell.strip() for cell in line.strip("|").split("|")))
                out.flush()
        elif kind == "heading":
            out.flush()
            out.paragraph.append(rest.rstrip("#").strip())
            out.flush()
        elif kind == "item":
            out.flush()
            out.paragraph.append(rest)
        else:  # a thematic break
            out.flush()
    text = out.text()
    return text, out.math, out.elided


def plain_text(markdown: str) -> str:
    """Markdown as one line of what a reader sees: blocks joined by `SEPARATOR`."""
    return readable(markdown)[0]


@functools.lru_cache(maxsize=128)
def _term_matcher(terms: tuple[str, ...]) -> re.Pattern[str]:
    patterns = []
    for term in sorted({fold_accents(t) for t in terms}, key=len, reverse=True):  # as FTS5 does
        if has_cjk(term):
            patterns.append(re.escape(term))
        else:
            stem = term if len(term) <= 4 else term[: max(4, len(term) - 2)]
            patterns.append(rf"(?<![^\W_{CJK_CHARS}]){re.escape(stem)}[^\W_{CJK_CHARS}]*")
    return re.compile("|".join(patterns), re.I)


def snippet(text: str, terms: tuple[str, ...], width: int = 160) -> Snippet | None:
    """The window of `text` around the first query term, with every term marked.

    Latin terms match at the start of a word and may run on (so `transform` marks
    `Transformers`, as stemming found it); CJK terms match anywhere. CJK characters
    count double towards `width`, as they take two columns on a terminal. Only the text
    near the match is made `readable`: notes can be long, and this runs for every hit on
    a page. The window never cuts a word or a formula in half, unless the formula that
    holds the match is wider than the window.
    """
    if not text or not terms:
        return None
    matcher = _term_matcher(tuple(terms))
    first = matcher.search(text) or matcher.search(fold_accents(text))  # `godel` finds Gödel
    if first is None:
        return None
    low = _block_start(text, max(0, first.start() - 2 * width))
    high = first.end() + 2 * width
    region = text[low:high]
    plain, math, elided = readable(region, matcher)
    fold = fold_accents if not region.isascii() else str  # the separator is never ASCII
    first = next((m for m in matcher.finditer(fold(plain)) if not _within(m.start(), elided)), None)
    if first is None:  # the match was inside markup (a link's URL, say)
        return None
    if has_cjk(plain):  # wide characters: fewer of them fit
        around = plain[max(0, first.start() - width) : first.start() + width]
        width = max(20, round(width * len(around) / (len(around) + cjk_count(around))))
    start = max(0, first.start() - width // 3)
    end = min(len(plain), start + width)
    start = max(0, min(start, end - width))
    start, end = _cut(plain, math, first.start(), first.end(), start, end, width)
    for a, b in elided:  # nor a `[formula]` at the edges: it says nothing there
        if a <= start < b or (start <= a and plain[start:a].strip(" ·|") == ""):
            start = b
        if a < end <= b or (b <= end and plain[b:end].strip(" ·|") == ""):
            end = a
    window = plain[start:end]
    stripped = window.lstrip(" ·|")  # no separator at the edges, nor a table row's bar
    start += len(window) - len(stripped)
    window = stripped.rstrip(" ·|")
    end = start + len(window)
    prefix = "… " if start > 0 or low > 0 else ""
    suffix = " …" if end < len(plain) or high < len(text) else ""
    shown = prefix + window + suffix
    shift = len(prefix) - start
    hidden = [(a + shift, b + shift) for a, b in elided if start <= a and b <= end]
    spans = tuple(
        (m.start(), m.end()) for m in matcher.finditer(fold(shown)) if not _within(m.start(), hidden)
    )
    formulas = tuple((a + shift, b + shift) for a, b in math if start <= a and b <= end)
    return Snippet(shown, spans, formulas)


def _block_start(text: str, low: int) -> int:
    """Where to start reading `text` to reach `low`: a line start, outside a code or `$$` block."""
    if low == 0:
        return 0
    fences = text.count("\n```", 0, low) + text.count("\n~~~", 0, low) + text.startswith(("```", "~~~"))
    if fences % 2:
        low = max(text.rfind("\n```", 0, low), text.rfind("\n~~~", 0, low)) + 1
    elif text.count("$$", 0, low) % 2:
        low = text.rfind("$$", 0, low)
    return text.rfind("\n", 0, low) + 1


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def _cut(
    plain: str, math: list[tuple[int, int]], at: int, to: int, start: int, end: int, width: int
) -> tuple[int, int]:
    """The window [start, end) moved so as not to cut a word or a formula in half.

    A formula holding the match [at, to) is taken in whole if it is at most half as wide
    again as `width`, and cut through only if it is wider. A formula across the start is taken in if the match
    stays in the first half of the window, else left out; one across the end is left out.
    """
    holding = next(((a, b) for a, b in math if a <= at < b), None)
    if holding is not None and holding[1] - holding[0] <= width * 3 // 2:
        a, b = holding
        span = max(width, b - a)  # typeset, a formula takes far less room than its TeX
        start = min(start, a)
        end = max(min(len(plain), start + span), b)
        start = max(start, end - span)
        at, to = a, b
    while start > 0:
        inside = next(((a, b) for a, b in math if a < start < b), None)
        if inside is not None and inside[1] <= at:
            if at - inside[0] <= width // 2 and to - inside[0] <= width:
                start = inside[0]
                end = min(len(plain), max(start + width, to))
            else:
                start = inside[1]
        elif _inside_word(plain, start):  # also through the formula with the match
            space = plain.find(" ", start, at)
            if space == -1:
                break
            start = space + 1
        else:
            break
    while end < len(plain):
        inside = next(((a, b) for a, b in math if a < end < b), None)
        if inside is not None and inside[0] >= to:
            end = inside[0]
        elif _inside_word(plain, end):
            space = plain.rfind(" ", to, end)
            if space == -1:
                break
            end = space
        else:
            break
    return start, end


def _inside_word(text: str, at: int) -> bool:
    """Whether `at` falls inside a word (`[idea]`, `x_1`): CJK text has no spaces to cut at."""
    pair = text[at - 1 : at + 1]
    return len(pair) == 2 and not pair[0].isspace() and not pair[1].isspace() and not CJK_RUN.search(pair)
