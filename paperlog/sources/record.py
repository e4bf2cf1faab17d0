"""What a metadata source says about one paper: a `Record`, the same shape for every source.

Each source module turns its own response format into `Record`s; `paperlog.sources.merge`
combines them and turns the result into a `Paper`. Title comparison (`title_similarity`)
lives here too, because every source and `check` uses it to decide whether two titles
name the same paper.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz

from paperlog.text import normalize_title

#: Two titles at or above this similarity (0-100) name the same paper.
MATCH_THRESHOLD = 92.0
#: Titles at or above this similarity are worth showing as candidates.
CANDIDATE_THRESHOLD = 60.0


@dataclass
class Record:
    """One source's answer for one paper. Empty values mean "this source does not say"."""

    source: str
    title: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    pdf: str | None = None
    abstract: str | None = None
    #: What kind of publication the source says this is: preprint, journal-article,
    #: proceedings-article, book, dataset, other...
    kind: str | None = None
    #: arXiv's free-text "journal reference", used as a venue only when nothing better says.
    journal_ref: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def label(self) -> str:
        """One line naming the record for a person: title (year, venue) and an id to paste."""
        bits = [str(self.year)] if self.year else []
        if self.venue:
            bits.append(self.venue)
        head = f"{self.title} ({', '.join(bits)})" if bits else self.title
        ident = next((f"{k}:{self.ids[k]}" for k in ("arxiv", "doi", "dblp", "s2") if k in self.ids), "")
        return f"{head} [{ident}]" if ident else head


def title_similarity(a: str, b: str) -> float:
    """0-100: how alike two titles are once case, accents and punctuation are set aside."""
    left, right = normalize_title(a), normalize_title(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 100.0
    return float(fuzz.ratio(left, right))


def same_title(a: str, b: str) -> bool:
    """Do two titles name the same paper? Alike above the threshold, or one is the other
    without its subtitle (`Vector Quotient Filters` / `Vector Quotient Filters: Overcoming...`).
    """
    if title_similarity(a, b) >= MATCH_THRESHOLD:
        return True
    short, long = sorted((a.strip(), b.strip()), key=len)
    head = re.split(r"\s*(?::|\s-\s|\s–\s|\s—\s)\s*", long, maxsplit=1)[0]
    return head != long and len(normalize_title(short).split()) >= 2 and (
        normalize_title(head) == normalize_title(short)
    )


def clean_text(text: str | None) -> str | None:
    """Collapse whitespace and drop markup (JATS tags in Crossref abstracts, HTML entities)."""
    if text is None:
        return None
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    text = " ".join(text.split())
    return text or None


def clean_title(text: str | None) -> str:
    """A title on one line, without a trailing full stop (DBLP ends every title with one)."""
    cleaned = clean_text(text) or ""
    if cleaned.endswith(".") and not cleaned.endswith(".."):
        cleaned = cleaned[:-1]
    return cleaned


def year_of(value: object) -> int | None:
    """A year from `2017`, `"2017"`, `"2017-06-12"` or `"2017-06-12T17:57:34Z"`."""
    if value is None or isinstance(value, bool):
        return None
    match = re.match(r"\s*(\d{4})", str(value))
    if not match:
        return None
    year = int(match.group(1))
    return year if 1000 <= year <= 2999 else None
