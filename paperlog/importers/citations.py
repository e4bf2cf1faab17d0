"""A citation written out in a notebook: `Authors. "Title." Venue 521.7553 (2015): 436-444.`

`split_citation` tells the authors before a set-off title (bold or in quotes) from what
follows it; `author_names` reads `LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton.` as
names, and `by_authors` the names after a title (`... by A. Author, B. Author et al.`);
`CITATION_YEAR` finds the year standing alone in the rest; `close_gaps` and
`trim_ends` tidy what is left of a line once parts were taken out of it, keeping the
brackets that pair up.
`head.py` uses them when it reads a paper's line.
"""

from __future__ import annotations

import re

from paperlog.importers.titles import STOP_WORDS
from paperlog.text import has_cjk

_OPENING_QUOTE = re.compile(r"\s*[\"“]\s*$")
_CLOSING_QUOTE = re.compile(r"^\s*[.,]?\s*[\"”]")
_ENTRY_LEAD = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s*")
_ET_AL = re.compile(r",?\s*(?:et\.? al\.?|and others)\s*$", re.I)
_PARTICLES = {
    "van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "y",
}
#: A year standing alone in a citation: `(2015)`, `systems. 2012.`, `2013 IEEE International
#: Conference on ...`; not a volume (`521.7553`), pages or an arXiv number (`arXiv:2001.08361`).
CITATION_YEAR = re.compile(r"(?<![\w.:/\-])((?:19|20)\d{2})(?![\w]|[.\-/]\d)")


def split_citation(before: str, after: str) -> tuple[list[str], str] | None:
    """A citation around a set-off title: the authors written before it, and what follows
    its closing quote; None unless the text before the title is a list of names."""
    names = _ENTRY_LEAD.sub("", _OPENING_QUOTE.sub("", before), count=1).strip()
    if not names or not (names.endswith(".") or "," in names):
        return None
    authors = author_names(names)
    if authors is None:
        return None
    return authors, _CLOSING_QUOTE.sub("", after, count=1)


def author_names(text: str) -> list[str] | None:
    """`LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton.` -> the three names, the first as
    written (`LeCun, Yann`); `Szegedy, Christian, et al.` -> one; None if `text` is not names."""
    text = _ET_AL.sub("", text.strip().rstrip(".").strip()).strip()
    if not text or len(text) > 400 or has_cjk(text) or any(c.isdigit() for c in text):
        return None
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", text) if p.strip()]
    for part in parts:
        tokens = part.split()
        if len(tokens) > 5 or not all(
            t[:1].isupper() or t.lower() in _PARTICLES or t[:1] in "-'’" for t in tokens
        ) or not any(c.isalpha() for c in part):
            return None
    if len(parts) >= 2 and " " not in parts[0] and (
        len(parts) == 2 or all(" " in p for p in parts[2:])
    ):
        # `Hinton, Geoffrey E., Simon Osindero, ...`: the first author is written surname first.
        parts = [f"{parts[0]}, {parts[1]}", *parts[2:]]
    return parts


_OPENERS, _CLOSERS = "([（【", ")]）】"
_GAP_AFTER_OPENER = re.compile(r"([(\[（【])[\s,;|]+")
_GAP_BEFORE_CLOSER = re.compile(r"[\s,;|]+([)\]）】])")
_REPEATED_COMMA = re.compile(r"(?:\s*,){2,}")


def close_gaps(text: str) -> str:
    """`[ , , review slides]` -> `[review slides]`: the commas and spaces left inside brackets
    and between them when the links in them were taken out; empty brackets go too."""
    text = _REPEATED_COMMA.sub(",", text)
    text = _GAP_BEFORE_CLOSER.sub(r"\1", _GAP_AFTER_OPENER.sub(r"\1", text))
    return re.sub(r"\(\s*\)|\[\s*\]|（\s*）|【\s*】", " ", text)


def trim_ends(text: str) -> str:
    """`text` without the punctuation left at its ends when parts were taken out of it; a
    bracket stays when it closes or opens one inside (`(Three Giants' Survey)`)."""
    while True:
        before = text
        text = text.strip(" -–—|:,;.*_")
        if text[:1] in _CLOSERS:
            text = text[1:]
        if text[-1:] in _OPENERS:
            text = text[:-1]
        for opener, closer in zip(_OPENERS, _CLOSERS, strict=True):
            if text.startswith(opener) and text.count(closer) < text.count(opener):
                text = text[1:]
            if text.endswith(closer) and text.count(opener) < text.count(closer):
                text = text[:-1]
        if text == before:
            return text


#: `... by A. Author, B. Author and C. Author et al.` closing the text after a title.
BY_NAMES = re.compile(
    r"(?:^|(?<=[\s:;,(\-–—]))by\s+(?:by\s+)?([^()\[\]<>:;|]+?)[\s\-–—|.,;:]*(?::[a-z0-9_+\-]+:?\s*)*$"
)
_BY_ET_AL = re.compile(r"\s*,?\s*(?:et\.?\s*al\.?|etc\.?)\s*$", re.I)
_NAME_PART = re.compile(r"[^\W\d_][\w.'’\-]*")
_NOT_A_NAME = STOP_WORDS | {"team", "group", "lab", "my", "our", "his", "her", "their", "me", "us",
                            "way", "hand", "far", "default", "example", "design", "itself", "myself"}


def by_authors(text: str) -> tuple[list[str], str] | None:
    """`... by A. Author, B. Author and C. Author et al.` closing `text`: the names, and the
    text before `by`; None unless every part after `by` is a name."""
    match = BY_NAMES.search(text)
    if match is None:
        return None
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b)\s*", _BY_ET_AL.sub("", match.group(1))):
        name = part.strip(" .")
        if not name:
            continue
        tokens = name.split()
        if not 1 <= len(tokens) <= 6 or not tokens[0][0].isupper() or any(
            not _NAME_PART.fullmatch(t) or t.lower() in _NOT_A_NAME for t in tokens
        ):
            return None
        names.append(name)
    if not names:
        return None
    return names, text[: match.start()]
