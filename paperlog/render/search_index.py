"""The data behind the static site's search: `search-index.js`, loaded by a script tag.

A `.js` file that assigns the data (rather than a `.json` fetched by script) is what
lets search work when the site is opened from `file://`. Each paper gives its page,
title, year, status, and one plain text of everything searchable (title,
authors, venue, topics, tags, notes with the Markdown punctuation taken out), from which
the page also cuts its snippets: so the notes' blocks (headings, list items, paragraphs,
table rows) are set apart by " · ", as in `paperlog.snippets`, while a paragraph wrapped
over lines reads as one sentence.

The browser side (`static/site/search.js`) matches the way the index does
(`paperlog.text`): Latin words match at the start of a word; a run of Chinese (or other
CJK) characters is cut into overlapping bigrams, every one of which must occur, so
`注意力` finds `注意力机制` without any word segmentation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from paperlog.model import Paper

__all__ = ["plain_text", "search_entry", "search_index_js"]

MAX_NOTES = 20_000  # characters of notes per paper: enough to find it, small enough to load

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # images and links: keep the words, drop the URL
_TAG = re.compile(r"<[^>]{0,200}>")
_RULE = re.compile(r"[-=:]{3,}")
_PUNCT = str.maketrans(dict.fromkeys("#*_`>|~[]{}$\\", " "))
# A line break that starts a block: blank lines, a list item's marker, a heading, a table
# row or a quote. (A break inside a paragraph is a space, as in the rendered page.)
_BLOCK_BREAK = re.compile(
    r"\n(?:[ \t]*\n)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|\n(?:[ \t]*\n)+|\n(?=[ \t]*[#|>])"
)
_HEADING_LINE = re.compile(r"(\n[ \t]{0,3}#{1,6}[ \t][^\n]*)\n")  # what follows is a new block
# Blocks are first set apart by a NUL: str.translate and str.split are several times
# faster on ASCII text, and most notes are ASCII until " · " goes in.
_MARK = "\0"
_REPEATED_MARK = re.compile(r"\0(?: \0)+")
# TeX's spacing and font commands: noise in a snippet, and not what anyone searches for.
_TEX_LAYOUT = re.compile(
    r"\\(?:[,;:!> ]|(?:left|right|[bB]igg?[lr]?|q?quad|operatorname|math(?:rm|bf|it|sf|tt|cal|bb|frak)"
    r"|text(?:rm|bf|it)?|displaystyle)(?![A-Za-z]))"
)


def plain_text(markdown: str) -> str:
    """Notes without the Markdown punctuation: what a reader would search for, and the
    page's snippets show. Blocks are set apart by " · ".

    Runs for every paper of a full site build, so each pass runs only when needed.
    """
    text = _LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "\\" in text:
        text = _TEX_LAYOUT.sub("", text)
    text = "\n" + text.strip().replace(_MARK, "")
    if "#" in text:
        text = _HEADING_LINE.sub("\\1\n\n", text)
    text = _BLOCK_BREAK.sub(" \0 ", text).translate(_PUNCT)
    if "---" in text or "===" in text or ":--" in text:
        text = _RULE.sub(" ", text)
    text = " ".join(text.split())
    if "\0 \0" in text:  # a table's rule row, a heading's underline
        text = _REPEATED_MARK.sub(_MARK, text)
    return text.strip(" \0").replace(_MARK, "·")


def search_entry(paper: Paper, page: str) -> str:
    """One paper's entry in the search index, as JSON (the builder caches it per paper)."""
    fields = [paper.title, " ".join(paper.authors), paper.venue or "", " ".join(paper.topics),
              " ".join(paper.tags), plain_text(paper.notes[:MAX_NOTES])]
    entry = {
        "u": page,
        "t": paper.title,
        "y": paper.year,
        "s": paper.status.value if paper.status else None,
        "a": ", ".join(paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else ""),
        "x": " ".join(f for f in fields if f),
    }
    # `</` is harmless in a .js file loaded by src, but keep the data inert anyway.
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def search_index_js(entries: Sequence[str]) -> str:
    """search-index.js from the entries of `search_entry`."""
    return 'window.PAPERLOG_SEARCH = {"version":1,"papers":[' + ",\n".join(entries) + "]};\n"
