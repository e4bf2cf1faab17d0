"""What notebooks write around a title that is not the title: brackets, durations, phrases.

A short name or an id in brackets before it (`**[UpdateNet]** Title`, `[arXiv:1710.10196]
Title`, `“[Top]Title”`), bracket groups after it (`Title[NIPS'19][Baidu]`), a time log's
duration before a task (`_1.5 hours_ Read ...`), "Read the X paper" around a name, and a
paper's address at the start of a line (`https://arxiv.org/pdf/2004.05150.pdf 著名 longformer`).
`head.py` calls these while it reads a line, and `clean_title` takes them all off a title
(with numbering, `Paper:` labels, dates and venue tags); what they take off goes to the
paper's fields or its remark (its notes), never away.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlog.ids import normalize_arxiv, normalize_doi
from paperlog.importers.dates import read_date
from paperlog.importers.links import MALFORMED, URL, generic, is_link_label, label_stamp
from paperlog.importers.markdown import Link
from paperlog.importers.titles import words
from paperlog.importers.venues import take_trailing_venue, take_year_venue, venue_stamp
from paperlog.text import CJK_CHARS, CJK_RUN, has_cjk

if TYPE_CHECKING:
    from paperlog.importers.head import Head

#: `[UpdateNet] `, `[] `, `[arXiv:1710.10196] `, `[Top]` glued to the title: a bracket group
#: opening a title (never a link: links are gone from the plain text by now).
_LEADING = re.compile(r"^\s*\[([^\[\]]{0,40})\]\s*(?=\S)")
_ARXIV_TAG = re.compile(r"^\s*(?:arxiv\s*[:：]?\s*)?(\d{4}\.\d{4,5}(?:v\d+)?)\s*$", re.I)
_DOI_TAG = re.compile(r"^\s*(?:doi\s*[:：]?\s*)(10\.\d{4,9}/\S+)\s*$", re.I)
_NAME_CHAR = re.compile(r"[^\W_]")
#: `[pdf] Title`: a link's label left without its link, not a short name.
_LINK_LABELS = frozenset({"link", "pdf", "paper", "code", "arxiv"})


def leading_bracket(title: str) -> tuple[str, str | None, dict[str, str]]:
    """`[SiamFC++] SiamFC++: Towards ...` -> the title without the bracket, the bracket as
    written when it held a short name (`[SiamFC++]`, or `[]` left blank; for the remark),
    and the ids it stated (`[arXiv:1710.10196]`); the title as given, None and no ids when
    no such bracket opens it. A number (`[12] Title`) is left to the numbering rules."""
    match = _LEADING.match(title)
    if match is None:
        return title, None, {}
    content = match.group(1).strip()
    rest = title[match.end():]
    arxiv = _ARXIV_TAG.match(content)
    if arxiv:
        ident = normalize_arxiv(arxiv.group(1))
        return rest, None, ({"arxiv": ident} if ident else {})
    doi = _DOI_TAG.match(content)
    if doi:
        ident = normalize_doi(doi.group(1))
        return rest, None, ({"doi": ident} if ident else {})
    if content and (content.isdigit() or not _NAME_CHAR.search(content) or len(content.split()) > 3
                    or content.lower() in _LINK_LABELS):
        return title, None, {}
    return rest, f"[{content}]", {}


#: `Title[SC'22][ByteDance]`, `Title [Baidu]`: bracket groups closing a title.
_TRAILING = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*$")


def trailing_brackets(title: str) -> tuple[str, list[str]]:
    """`LightSeq2: Accelerated Training ...[SC'22][ByteDance]` -> the title without the
    bracket groups that close it, and those groups, in order. A group stays when taking
    it would leave fewer than three words, or when it holds more than four words."""
    taken: list[str] = []
    while True:
        match = _TRAILING.search(title)
        if match is None or len(match.group(1).split()) > 4:
            break
        rest = title[: match.start()].rstrip()
        if len(re.findall(r"[A-Za-z]+", rest)) < 3:
            break
        taken.insert(0, match.group(0).strip())
        title = rest
    return title, taken


#: `_1.5 hours_ `, `2h `, `(30 min) `: the time a time log's entry took, before the task.
DURATION = re.compile(
    r"^\s*[(（]?\s*\d{1,3}(?:[.,]\d{1,2})?\s*(?:hours?|hrs?|h|minutes?|mins?)\b\s*[)）]?\s*(?=\S)",
    re.I,
)

#: "Read the X paper", `Read Pix2Vox paper`, `Read the paper "X"`: a line saying it read a
#: paper and naming it. Not "Read about X", "Read papers on X", "Read Smith's paper".
_READ_PHRASE = re.compile(
    r"^(?:read|reading|re-?read|finished reading)\s+(?:the\s+)?(?P<lead>papers?\s+)?"
    r"(?P<q>[\"“])?(?P<name>.+?)(?(q)[\"”]|)\s*[.]?\s*(?P<tail>\bpaper)?\s*[.!]?$",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(?:about|on|up|through|over|more|some|a few|several|many|all|my|his|her|their|our|"
    r"papers?|articles?|it|this|that|these|those|again|and|but|then)\b",
    re.I,
)


def read_phrase(text: str) -> str | None:
    """The name in "Read the Pix2Vox paper" / `Read the paper "Title."`: said outright, the
    word "paper" before or after it, or the name in quotes, or a title in title case of
    four words or more (`Read Occupancy Networks: Learning ...`). None for anything else."""
    match = _READ_PHRASE.match(text.strip())
    if match is None:
        return None
    name = match.group("name").strip().rstrip(".").strip()
    if not name or _NOT_A_NAME.match(name) or re.search(r"['’]s$", name) or has_cjk(name):
        return None
    if re.search(r"[.?!;]\s|[?;]$", name) or (match.group("lead") or "").strip().lower() == "papers":
        return None  # a sentence goes on after it: "Reading paper is on the list. Then ..."
    if match.group("q") or (match.group("tail") and not match.group("lead")):
        # A name is capitalised or has a digit (`Pix2Vox`, `3D car shape ...`): "Read the
        # guidance paper" names none.
        return name if re.search(r"[A-Z0-9]", name) else None
    return name if _title_cased(name) and re.match(r"[A-Z0-9]", name) else None


def _title_cased(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    content = [w for w in words if w.lower() not in {"a", "an", "the", "of", "for", "and", "in",
                                                      "on", "to", "with", "via", "from", "by"}]
    return len(words) >= 4 and bool(content) and (
        sum(1 for w in content if w[0].isupper()) / len(content) >= 0.6
    )


#: A paper's address opening a line of plain text: `https://arxiv.org/pdf/2004.05150.pdf ...`.
LEADING_URL = re.compile(r"^\s*<?((?:https?|file)://[^\s<>]+?)>?(?=\s|$)")
#: `file:///home/me/Downloads/2403.04931.pdf`: a local copy, named as arXiv names its PDFs.
_ARXIV_PDF_NAME = re.compile(r"/(\d{4}\.\d{4,5})(?:v\d+)?\.pdf$", re.I)


def local_pdf_ids(url: str) -> dict[str, str]:
    """The arXiv id in the name of a local PDF (`file:///.../2403.04931.pdf`), if it has one."""
    match = _ARXIV_PDF_NAME.search(url) if url.startswith("file:") else None
    return {"arxiv": match.group(1)} if match else {}


def describes(text: str) -> bool:
    """Is the text after a bare address a description rather than the paper's name? A
    sentence in another script (`著名 longformer`), or plain lower-case words with no
    capital, digit or dash (`survey`, `emergent ability`); `X-LoRA`, `orca-1`, `Towards
    LLMs as operating systems` name papers."""
    text = text.strip()
    if not text or has_cjk(text[:1]):
        return True
    latin = re.sub(r"[^\x00-\u024f]+.*$", "", text).strip()
    return bool(latin) and latin == latin.lower() and not re.search(r"[\d\-]", latin)


#: `12. `, `No. 3 `, `2.3.1 `, `3、`: a number before a title.
NUMBERING = re.compile(r"^\s*(?:No\.\s*)?\d{1,3}(?:\.\d{1,3})*[.)、:]?\s+(?=\S)")
#: `Paper: [Title](...)`, `<i>Title</i>: <a ...>Title</a>`, `题目：...`: a label before the title.
TITLE_LABEL = re.compile(r"^\s*[*_]*(?:paper|title|论文|题目|标题)[*_]*\s*[:：]\s*", re.I)


def take_label_stamp(head: Head, label: str) -> None:
    """`[pdf: NIPS 2013](...)`: the venue and year a generic link's label states."""
    stamp = label_stamp(label)
    if stamp is not None:
        head.venue = head.venue or stamp[0]
        head.year = head.year or stamp[1]


_EMPTY_LABEL = re.compile(r"\[\s*(?:link|pdf|paper|code|arxiv)?\s*\]", re.I)
_CJK_PARENS = re.compile(rf"[(（][^()（）]*[{CJK_CHARS}][^()（）]*[)）]")
_BRACKETED = re.compile(r"\[([^\[\]]+)\]")
_LATIN_START = re.compile(r"[A-Za-z0-9\"'“]")
_GLUED_YEAR = re.compile(r"(?:19|20)\d{2}$")
_EMPTY_BRACKETS = re.compile(r"\s*\([\s,;|]*\)|\s*\[[\s,;|]*\]")
_SPACES = re.compile(r"\s+")
_AKA = re.compile(r"\s+(?:aka|a\.k\.a\.)\s+(\S+(?:\s+\S+)?)$", re.I)


def clean_title(head: Head, title: str, links: list[Link] | tuple[Link, ...]) -> str:
    """The title alone: a date, link labels and addresses, venue tags and years, short names,
    numbering, labels, bracket groups and remarks in another script are taken off it; what
    they say fills `head`'s fields (date, venue, year, short name, ids) or goes to its remark."""
    if title[:1].isdigit():
        stated = read_date(title)
        if stated is not None and stated.precise and stated.rest:
            head.date = stated
            title = stated.rest
        elif stated is not None and stated.rest and len(words(stated.rest)) >= 2:
            # `_2016.09_ Title`: a month before a title dates the paper (the list is kept in
            # the order the papers came out), not the reading of it.
            head.year = head.year or stated.date.year
            title = stated.rest
    for link in links:
        if generic(link.text) and link.text:
            take_label_stamp(head, link.text)
            title = title.replace(link.text, " ")
        elif link.text and is_link_label(link, head.plain):
            title = re.sub(rf"\[[^\[\]]*{re.escape(link.text)}[^\[\]]*\]", " ", title)
    for url in head.urls:
        title = title.replace(url, " ")
    title = MALFORMED.sub(" ", title)
    title = URL.sub(" ", title)
    title = take_year_venue(head, title)
    title, short_name, stated_ids = leading_bracket(title)
    if short_name is not None:
        # `**[UpdateNet]** Title`, `“[Top]Title”`: a short name or a tag before the title.
        head.short_name = short_name
        if short_name != "[]":
            head.remark = (short_name + " " + head.remark).strip()
    head.stated_ids.update(stated_ids)
    title = _EMPTY_LABEL.sub(" ", title)
    # Parentheses holding another script are a remark, not part of the title.
    for match in list(_CJK_PARENS.finditer(title)):
        head.remark = (head.remark + " " + match.group(0)).strip()
        title = title.replace(match.group(0), " ")
    title = NUMBERING.sub("", title.strip(), count=1)
    title = TITLE_LABEL.sub("", title, count=1)
    bracketed = _BRACKETED.fullmatch(title.strip())
    if bracketed:  # `* [NAO]`: a name in brackets that never got its link
        title = bracketed.group(1)
    title = take_year_venue(head, title)
    first = CJK_RUN.search(title)
    if first and _LATIN_START.match(title.strip()):
        cut = first.start()
        glued_year = _GLUED_YEAR.search(title[:cut])
        if glued_year:
            cut = glued_year.start()
        head.remark = (title[cut:].strip() + " " + head.remark).strip()
        title = title[:cut]
    title = _SPACES.sub(" ", _EMPTY_BRACKETS.sub(" ", title)).strip()
    title = take_trailing_venue(head, title)
    title, groups = trailing_brackets(title)
    head.trailing += groups
    for group in groups:
        # `Title[SC'22][ByteDance]`: a venue and year, known or not (`[NDSS'18]`), or an
        # affiliation (kept in the notes).
        stamp = venue_stamp(group.strip(" []【】")) if head.venue is None else None
        if stamp is not None:
            head.venue, head.year = stamp[0], head.year or stamp[1]
            continue
        left = take_year_venue(head, group).strip()
        if left:
            head.remark = (head.remark + " " + left).strip()
    title = title.strip(" -–—|:,;*_~`，；：、").strip()
    if title.endswith(".") and not title.endswith((" al.", "etc.", "...")):
        title = title[:-1].rstrip()
    while title.endswith("(") or (title.endswith(")") and title.count(")") > title.count("(")):
        title = title[:-1].rstrip()
    title = title.lstrip(")] ")
    aka = _AKA.search(title)
    if aka and len(title[: aka.start()].split()) >= 3:
        head.remark = (title[aka.start():].strip() + " " + head.remark).strip()
        title = title[: aka.start()]
    suffix = _NOTES_SUFFIX.search(title)
    if suffix and suffix.start() > 0:
        # `Title 论文笔记`, `Title (notes)`: what the link leads to, not part of the name.
        head.remark = (suffix.group(0).strip() + " " + head.remark).strip()
        title = title[: suffix.start()]
    return _unpaired_quotes(title.strip())


_NOTES_SUFFIX = re.compile(
    r"\s*(?:[(（\[【]\s*(?:(?:my |reading |paper )?notes?|笔记|论文笔记|读书笔记|阅读笔记)\s*[)）\]】]"
    r"|(?:论文笔记|读书笔记|阅读笔记|学习笔记|笔记))$",
    re.I,
)
#: Each quote mark and the marks that pair with it (`„` closes with `“` in German).
_OPENS = {"“": "”", "„": "“”", "«": "»", "‹": "›", "「": "」", "『": "』", '"': '"'}
_CLOSES = {"”": "“„", "»": "«", "›": "‹", "」": "「", "』": "『", '"': '"'}


def _unpaired_quotes(title: str) -> str:
    """`“Ask Me Anything: ...` (the closing quote left outside the bold): a quote mark that
    opens or closes nothing in the title is not part of it."""
    first = title[:1]
    if (first in _CLOSES and first not in _OPENS) or (
        first in _OPENS and not any(mark in title[1:] for mark in _OPENS[first])
    ):
        title = title[1:].lstrip()
    last = title[-1:]
    if (last in _OPENS and last not in _CLOSES) or (
        last in _CLOSES and not any(mark in title[:-1] for mark in _CLOSES[last])
    ):
        title = title[:-1].rstrip()
    return title
