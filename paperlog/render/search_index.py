"""The data behind the static site's search: `search-index.js`, loaded by a script tag.

A `.js` file that assigns the data (rather than a `.json` fetched by script) is what
lets search work when the site is opened from `file://`. Each paper gives its page,
title, year, status, and one plain text of everything searchable (title,
authors, venue, topics, tags, notes with the Markdown punctuation taken out).

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
_PUNCT = str.maketrans(dict.fromkeys("#*_`>|~[]$\\", " "))


def plain_text(markdown: str) -> str:
    """Notes without the Markdown punctuation: what a reader would search for.

    Runs for every paper of a full site build, so each pass runs only when needed.
    """
    text = _LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = text.translate(_PUNCT)
    if "---" in text or "===" in text or ":--" in text:
        text = _RULE.sub(" ", text)
    return " ".join(text.split())


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
