"""Venues and years as notebooks write them beside a title.

`VENUES` are the venues the importer knows by name; `VENUE_YEAR` (`CVPR 2021`, `NIPS'17`)
and `VENUE_TAG` (`[ICLR 2018]`, `(NeurIPS)`) find them in a line; `venue_stamp` reads a tag
or a table cell naming any venue with its year (`RAL 2023`, `Arxiv/2509`); `canonical_venue`
and `full_year` write them one way. `take_year_venue` and `take_trailing_venue` take them
off a title (`2024 - Title`, `Title [NIPS'19]`, `Title, ICLR Workshop 2016`) into its head.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlog.importers.titles import words

if TYPE_CHECKING:
    from paperlog.importers.head import Head

VENUES = (
    "NeurIPS", "NIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "AAAI", "IJCAI", "ACL", "EMNLP",
    "NAACL", "COLING", "EACL", "KDD", "WWW", "SIGIR", "CIKM", "WSDM", "ACM MM", "ACMMM", "MM",
    "TPAMI", "PAMI", "TIP", "JMLR", "TACL", "TMLR", "AISTATS", "UAI", "COLT", "CoRL", "RSS",
    "ICRA", "IROS", "MICCAI", "BMVC", "WACV", "ICASSP", "Interspeech", "SIGGRAPH Asia",
    "SIGGRAPH", "TOG", "3DV", "ICDE", "VLDB", "SIGMOD", "RecSys", "ISCA", "OSDI", "SOSP",
    "NSDI", "Nature", "Science", "PNAS", "arXiv",
)
_VENUE_ALT = "|".join(re.escape(v).replace(r"\ ", r"\s?") for v in VENUES)
#: A venue with a year (`CVPR 2021`, `NIPS'17`, `ICLR2018`).
VENUE_YEAR = re.compile(rf"(?<![A-Za-z])({_VENUE_ALT})\s*['’]?\s*((?:19|20)?\d{{2}})(?![\d])")
#: A bracketed venue tag, with or without a year (`[ICLR 2018]`, `(NeurIPS)`, `【CVPR】`).
VENUE_TAG = re.compile(
    rf"[\[(（【]\s*(?:({_VENUE_ALT})\s*['’]?\s*((?:19|20)?\d{{2}})?|((?:19|20)\d{{2}})\s*({_VENUE_ALT}))"
    rf"\s*(?:oral|spotlight|poster|best paper|workshop)?\s*[\])）】]",
    re.I,
)
#: `Nature 521 ...` after a citation's title: a known venue opening the rest.
VENUE_OPENING = re.compile(rf"\s*({_VENUE_ALT})(?![A-Za-z])")
_YEAR_PREFIX = re.compile(r"^\s*((?:19|20)\d{2})\s*[-–—:|,]\s+")
_YEAR_PAREN = re.compile(r"[(（\[【]\s*((?:19|20)\d{2})(?:[.\-/]\d{1,2}){0,2}\s*[)）\]】]")
#: `, arXiv` / `, ICLR` after a linked title: a venue named alone.
VENUE_ALONE = re.compile(rf"^\s*,\s*({_VENUE_ALT})\s*$")
#: `..., Intelligent Vehicles (IV), 2017` after a linked title: a year closing the remark.
CLOSING_YEAR = re.compile(r"(?:^|[,\s])((?:19|20)\d{2})\s*[)\]）】]?$")
_ANY_DIGIT_OR_BRACKET = re.compile(r"[\d\[(（【]")


def full_year(text: str | None) -> int | None:
    """`17` -> 2017, `98` -> 1998, `2021` -> 2021; None for nothing, or outside 1900-2100."""
    if not text:
        return None
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 50 else 1900
    return value if 1900 <= value <= 2100 else None


def canonical_venue(name: str, year: str | None = None) -> str:
    """A venue written as `VENUES` writes it (`neurips` -> `NeurIPS`): NIPS before 2018."""
    compact = re.sub(r"\s+", " ", name).strip()
    for venue in VENUES:
        if venue.lower().replace(" ", "") == compact.lower().replace(" ", ""):
            compact = venue
            break
    if compact in {"NIPS", "NeurIPS"}:
        full = full_year(year)
        return "NeurIPS" if full is None or full >= 2018 else "NIPS"
    return compact


#: `RAL 2023`, `CIDR'25`, `Neurips'25`, `Arxiv/2509`, `arXiv 2305`, `ICLR 2025 Oral`: a
#: venue, known or not, and when (a year, or the year and month of an arXiv listing).
_STAMP = re.compile(
    r"^\s*((?=[\w&.\-]*[A-Za-z])[A-Za-z0-9][\w&.\-]*(?:\s+[A-Za-z][\w&.\-]*){0,3}?)(?:"
    r"(?:\s*['’/]\s*|(?<=[A-Za-z])(?=\d))((?:19|20)\d{2}|\d{2})(?:[-./]?(?:0[1-9]|1[0-2]))?"
    r"|\s+((?:19|20)\d{2})(?:[-./]?(?:0[1-9]|1[0-2]))?|\s+(\d{2})(?:[-./]?(?:0[1-9]|1[0-2])))"
    r"(?:\s+(?:oral|spotlight|poster|highlight|workshop|talk|best paper\b.*))?\s*$",
    re.I,
)


def venue_stamp(text: str) -> tuple[str, int] | None:
    """A venue and its year written as a tag or a table cell: (`RAL`, 2023) from `RAL 2023`,
    (`arXiv`, 2025) from `Arxiv/2509`; None when `text` is anything else."""
    match = _STAMP.match(text)
    if match is None:
        return None
    written = match.group(2) or match.group(3) or match.group(4)
    year = full_year(written)
    if year is None:
        return None
    return canonical_venue(match.group(1), written), year


def take_year_venue(head: Head, text: str, *, anywhere: bool = False) -> str:
    """A year prefix (`2024 - `), venue tags and a year in brackets, then a venue with its year
    where it is glued to the text by punctuation (or `anywhere`): into `head`, out of `text`."""
    if not _ANY_DIGIT_OR_BRACKET.search(text):
        return text  # no year and no tag: the common case, kept cheap
    match = _YEAR_PREFIX.match(text)
    if match:
        head.year = head.year or int(match.group(1))
        text = text[match.end():]
    for match in list(VENUE_TAG.finditer(text)):
        venue = match.group(1) or match.group(4)
        year = match.group(2) or match.group(3)
        head.venue = head.venue or canonical_venue(venue, year)
        if year and head.year is None:
            head.year = full_year(year)
        text = text.replace(match.group(0), " ")
    match = _YEAR_PAREN.search(text)
    if match:
        head.year = head.year or int(match.group(1))
        text = text.replace(match.group(0), " ")
    for match in list(VENUE_YEAR.finditer(text)):
        before, after = text[: match.start()].strip(), text[match.end():].strip()
        glued = not before or not after or before.endswith(("-", ",", "|", "—", ".")) or after.startswith(
            ("-", ",", "|", "—", ".")
        )
        if glued or anywhere:
            head.venue = head.venue or canonical_venue(match.group(1), match.group(2))
            head.year = head.year or full_year(match.group(2))
            text = text[: match.start()] + " " + text[match.end():]
    return text


#: `Title, Neural Computation 2006`, `Title, ICLR Workshop 2016`, `Title, arXiv`: the last
#: comma-set part of a plain title naming where (and when) it appeared.
_TRAILING_VENUE = re.compile(
    r",\s*((?:[A-Z][\w&.\-]*|arXiv|\([A-Z]+\))(?:\s+(?:[A-Z][\w&.\-]*|\([A-Z]+\)|of|on|and|in)){0,4})"
    r",?\s*((?:19|20)\d{2})?$"
)


def take_trailing_venue(head: Head, title: str) -> str:
    """`Title, ICLR Workshop 2016`: the venue (and year) closing a title, into `head`."""
    match = _TRAILING_VENUE.search(title)
    if match is None or len(words(title[: match.start()])) < 3:
        return title
    venue, year = match.group(1), match.group(2)
    if year is None and venue.lower() != "arxiv":
        return title
    head.venue = head.venue or canonical_venue(venue, year)
    head.year = head.year or full_year(year)
    return title[: match.start()].rstrip()


#: A venue's full name standing alone: `2023 International Conference on Learning
#: Representations`, `Proceedings of the VLDB Endowment`, `IEEE Transactions on Image
#: Processing`: where a paper appeared, written on a line of its notes, not a paper.
VENUE_NAME = re.compile(
    r"(?:(?:19|20)\d{2}\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)\s+)?"
    r"(?:(?:annual|international|ieee|acm|ieee/cvf|joint|european|asian|north american)\s+)*"
    r"(?:(?:conference|symposium|workshop)\s+on|proceedings\s+of|transactions\s+on|journal\s+of)"
    r"(?:\s+[^\s:：]+){1,8}",
    re.I,
)

