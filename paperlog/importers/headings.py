"""What a heading says about the papers under it, before any paper is looked for.

A heading can be a date (`## 2023.6.18`, `## Week 12 (2023-03-20)`), a status group
(`## To read`, `## 已读`), a "References" section (papers cited, not read), a legend,
a plain name that groups papers without saying what about ("Papers", "论文笔记"), one of
a run of numbered paper headings (`## 1. InstDisc` ... `## 13. DINO`), a year among month
headings (`## 2018` after `## 2019-01`), a paper (`## [Title](.../paper.pdf)`, or a heading
a table of contents lists alike with such headings), or a topic. The walk in `classify.py`
asks these rules; `topic_name` is the topic a heading gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import unquote

from paperlog.importers.affixes import NUMBERING
from paperlog.importers.cues import STUDY_CUE
from paperlog.importers.dates import LooseDate, read_date
from paperlog.importers.head import Head
from paperlog.importers.links import generic, is_anchor
from paperlog.importers.markdown import Block, Section, inline_parts, strip_list_marker
from paperlog.importers.titles import title_like, words
from paperlog.model import Status
from paperlog.text import cjk_count, has_cjk

STATUS_HEADINGS: tuple[tuple[str, Status], ...] = (
    (r"to[- ]?reads?|pending|todo|to[- ]?do|queue|backlog|wish ?list|unread|not (?:yet )?read"
     r"|not (?:yet )?(?:found|downloaded)|(?:want|plan) to read"
     r"|待读|未读|待看|想读|计划|没找到|未找到|未下载|没下载", Status.TO_READ),
    (r"(?:currently )?reading|in progress|ongoing|在读|正在读|阅读中", Status.READING),
    (r"read|done|finished|completed|已读|读完|已完成", Status.READ),
    (r"dropped|abandoned|gave up|放弃", Status.DROPPED),
)


#: Words of a section name, not a title; `Log-Structured` is a title's word, not a "log".
NOT_PAPER_HEADING = re.compile(
    r"(?<![\w-])(?:my\s|(?:notes?|reading list|papers|paper list|weekly|daily|log|summary|overview|"
    r"resources|references|table of contents|contents|toc|legend|todo)(?![\w-]))",
    re.I,
)


#: `## My blog posts`, `## Podcasts I follow`: a section listing posts or podcasts, not papers.
LISTING_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bposts\b|博文|帖子", re.I), "blog"),
    (re.compile(r"\bpodcasts?\b|播客", re.I), "video"),
)


def listing_kind(heading: str) -> str | None:
    """The kind of resource a heading says its section lists (`blog`, `video`), if any."""
    return next((kind for pattern, kind in LISTING_HEADINGS if pattern.search(heading)), None)


REFERENCES_HEADING = re.compile(
    r"(?:references?|bibliography|related (?:work|papers|reading)|see also|further reading|"
    r"citations?|参考文献|参考|相关工作|相关论文|引用)"
)


#: Section names that group papers without saying what about: not topics.
GENERIC_SECTION = re.compile(
    r"(?:my |the )?(?:papers?|paper list|(?:a )?list of (?:the )?papers|papers? (?:i )?read|"
    r"reading(?: list)?|list|notes|"
    r"reading notes|paper notes|contents|table of contents|misc|others?|"
    r"paper reading(?: list| notes| log)?|论文|论文列表|论文笔记|笔记|其他|目录|"
    r"(?:论文)?阅读(?:列表|清单|笔记|记录)|论文阅读|论文清单)"
)


#: A section heading saying its entries are papers: `## List of papers`, `## Papers I've read`.
PAPERS_HEADING = re.compile(
    r"(?:my |the )?(?:(?:a )?list of (?:the )?papers|papers?(?: list)?|papers? i(?: ve| have)? read"
    r"|论文(?:列表|清单)?)"
)


LEGEND_HEADING = re.compile(
    r"(?:status |状态)?(?:legend|key|marks|symbols|notation|图例|说明|标记)(?:说明|解释)?\s*[:：]?"
)

_FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?)(?![\d])")


def date_inside(heading: str) -> LooseDate | None:
    """`Week 12 (2023-03-20)`, `Day 3 - 2023.3.22`: a short heading carrying a full date."""
    match = _FULL_DATE.search(heading)
    if match is None:
        return None
    around = (heading[: match.start()] + " " + heading[match.end():]).strip(" ()[]（）-–~:：,")
    if title_like(around, min_words=4):
        return None
    found = read_date(match.group(1))
    return LooseDate(found.date, found.precise, "") if found else None


def date_line(line: str) -> LooseDate | None:
    """A line that is only a date (a weekday may follow): `2019 Sep`, `<b>2022-05-29</b>`."""
    date = read_date(re.sub(r"<[^>]+>", " ", line))
    if date is None:
        return None
    rest = date.rest.strip(" ,，()（）")
    if rest and (len(words(rest)) > 1 or cjk_count(rest) > 4 or (words(rest) and not _WEEKDAY.match(rest))):
        return None
    return date


_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$", re.I)


_SINGLE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)、:]\s*(\S.*)$")


#: Section names of one paper's notes: numbered the same way, but parts, not papers.
_PART_OF_A_PAPER = re.compile(
    r"(?:abstract|introduction|intro|background|motivation|related work|method(?:s|ology)?|"
    r"approach|model|architecture|experiments?|results?|evaluation|analysis|ablations?|"
    r"discussion|conclusions?|summary|overview|limitations?|future work|appendix|"
    r"contributions?|training|inference|implementation|setup|datasets?|references?|"
    r"摘要|引言|背景|方法|实验|结果|结论|总结|讨论|贡献|相关工作)\b",
    re.I,
)


def names_a_paper(head: Head) -> bool:
    """A heading that names a paper by itself: a 《quoted》 title, a paper link, a venue, or
    nothing but a link to a PDF (`#### **[The Ubiquitous B-Tree](.../p121-comer.pdf)**`)."""
    if not head.title:
        return False
    if head.quoted or head.paper_links or (head.venue is not None and title_like(head.title, min_words=2)):
        return True
    return (
        len(head.links) == 1 and head.plain.strip() == head.links[0].text.strip()
        and not generic(head.title) and not NOT_PAPER_HEADING.search(head.title)
        and re.search(r"^https?://\S+\.pdf(?:[?#]\S*)?$", head.links[0].href.strip(), re.I) is not None
    )


#: The sections of one paper's notes: `### Abstract`, `### Method`, `### DOI`, `### 摘要`.
PAPER_PART = re.compile(
    r"(?:\d+(?:\.\d+)*\.?\s*)?(?:abstract|summary|tl;?dr|doi|links?|date|publication date|"
    r"authors?|venue|motivation|problem|contributions?|methods?|methodology|approach|"
    r"experiments?|results?|evaluation|limitations?|conclusions?|takeaways?|key ideas?|"
    r"tech(?:nical)? de(?:tails?|ail)|details|my thoughts|thoughts|comments|"
    r"摘要|总结|概述|方法|贡献|实验|结果|结论|思考|问题|动机|创新点|不足|启发)",
    re.I,
)


def outlines_a_paper(sec: Section, head: Head) -> bool:
    """A heading named like a paper (three words or more, not study notes) whose sub-headings
    are two or more of the parts of a paper's notes (`### Abstract`, `### Method`): the paper,
    every section under it its notes."""
    if not title_like(head.title, min_words=3) or NOT_PAPER_HEADING.search(head.title):
        return False
    if STUDY_CUE.search(head.title):  # "Lecture notes on ...", "Basics of ..."
        return False
    parts = 0
    for sub in sec.subsections:
        assert sub.heading is not None
        if PAPER_PART.fullmatch(topic_name(sub.heading.content).strip(" :：").lower()):
            parts += 1
    return parts >= 2


def numbered_runs(root: Section) -> dict[int, str]:
    """Heading lines of `## 1. Name`, `## 2. Name`, ...: three or more sibling headings
    numbered with one integer each, in order, holding no sub-headings and named like
    papers (`InstDisc`, `MoCo v1`), not like the parts of one paper (`2. Method`)."""
    found: dict[int, str] = {}
    for sec in sections(root):
        run: list[tuple[int, str]] = []
        last = 0
        for sub in sec.subsections:
            assert sub.heading is not None
            match = _SINGLE_NUMBER.match(sub.heading.content)
            if match is None:
                continue
            number, name = int(match.group(1)), match.group(2)
            if number <= last or sub.subsections or _PART_OF_A_PAPER.match(name.strip()):
                run = []
                last = number
                continue
            if not words(name) or has_cjk(name[:1]):
                continue
            last = number
            run.append((sub.heading.start, name))
        if len(run) >= 3:
            found.update(dict(run))
    return found


def anchor_slug(text: str) -> str:
    """The anchor GitHub gives a heading: its words lower-cased, punctuation dropped,
    spaces turned into hyphens (`Bigtable: A Distributed ...` -> `bigtable-a-distributed-...`)."""
    plain = inline_parts(text).plain.strip().lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def toc_groups(root: Section, lines: list[str]) -> list[list[Block]]:
    """The headings a table of contents lists alike: each group holds the headings
    that entries of one look (`[**Title**](#title)` in bold, or plain) point at, among
    headings of one level. A TOC sets papers apart from the topics they sit under that way."""
    entries = [
        text
        for sec in sections(root)
        for block in sec.blocks
        for item in _list_items(block)
        if _ANCHOR_LINK.search(text := strip_list_marker(lines[item.start])[0])
    ]
    if not entries:
        return []
    anchors: dict[str, Block] = {}
    seen: dict[str, int] = {}
    for sec in sections(root):
        if sec.heading is None:
            continue
        slug = anchor_slug(sec.heading.content)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.setdefault(f"{slug}-{count}" if count else slug, sec.heading)
    groups: dict[tuple[bool, int], list[Block]] = {}
    for text in entries:
        parts = inline_parts(text)
        if len(parts.links) != 1 or parts.plain.strip() != parts.links[0].text.strip():
            continue
        href = parts.links[0].href
        if not is_anchor(href):
            continue
        target = anchors.get(unquote(href.strip().lstrip("./").removeprefix("#")).lower())
        if target is not None:
            groups.setdefault((bool(parts.strong), target.level), []).append(target)
    return [group for group in groups.values() if len(group) >= 2]


#: A link to a place in the page: `](#title)`, `](./#title)`.
_ANCHOR_LINK = re.compile(r"\]\(\s*<?(?:\./)?#")


def _list_items(block: Block) -> Iterable[Block]:
    for child in block.children:
        if child.kind == "list_item":
            yield child
        if child.kind in {"list_item", "bullet_list", "ordered_list"}:
            yield from _list_items(child)


#: `## 2018`, `## 2017 and before`, `## 2016年`: a year alone, maybe with what came before it.
_YEAR_ALONE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|(?:and|or|&)\s+(?:before|earlier|older|prior)|以前|之前)?\s*(?:\(\d+\))?"
)


def year_sections(root: Section) -> dict[int, int]:
    """Heading lines of a year alone (`## 2018`) among sibling headings that are dates
    (`## 2019-01 (3)`, `## 2019-02`): a month log that lumps older reading into years. Alone,
    a year heading more often groups papers by when they came out, so it stays a topic."""
    found: dict[int, int] = {}
    for sec in sections(root):
        headings = [sub.heading for sub in sec.subsections if sub.heading is not None]
        if sum(1 for h in headings if read_date(h.content) is not None) < 2:
            continue
        for heading in headings:
            year = _YEAR_ALONE.fullmatch(heading.content.strip().strip("*_ "))
            if year is not None:
                found[heading.start] = int(year.group(1))
    return found


def sections(sec: Section) -> Iterable[Section]:
    yield sec
    for sub in sec.subsections:
        yield from sections(sub)


def has_headings(sec: Section) -> bool:
    return bool(sec.subsections)


def status_heading(text: str) -> Status | None:
    cleaned = re.sub(r"[^\w\s\-]", " ", text.lower()).strip()
    cleaned = re.sub(r"\s*(list|papers?|论文|列表)\s*$", "", cleaned).strip()
    # `Papers I Read`, `Papers I want to read`, `Papers I've read`: the papers, then their status.
    cleaned = re.sub(r"^(?:the )?papers? (?:that )?i(?: ve| have)? (?=\w)", "", cleaned).strip()
    for pattern, status in STATUS_HEADINGS:
        if re.fullmatch(rf"(?:{pattern})", cleaned):
            return status
    return None


_NUMBER_DASH = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\s*)?[-–—]\s*(?=\S)")


_LINKED = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|[*_`#]")
_EMOJI = re.compile(r"[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


#: `## Vision (12)`, `## 论文周报 (12篇)`, `## GANs [7 papers]`: a count kept by hand (a
#: number under 1,000, so that a year in brackets is no count).
_STATED_COUNT = re.compile(r"\s*[(（\[]\s*(\d{1,3})\s*(?:篇(?:论文|文章)?|papers?)?\s*[)）\]]\s*$", re.I)


def stated_count(text: str) -> int | None:
    """The number of papers a heading says its section holds (`## Vision (12)`), if it says."""
    match = _STATED_COUNT.search(_MARKUP.sub("", text))
    return int(match.group(1)) if match else None


def topic_name(text: str) -> str:
    """A heading as a topic: its words without markup, numbering, emoji or a count."""
    # `## [recommender system](https://.../tree/master/recsys)`: the link's text names the topic.
    name = _LINKED.sub(r"\1", text)
    name = _MARKUP.sub("", name)
    name = NUMBERING.sub("", name.strip(), count=1)
    # `1.1 - Survey`, `3.4- Image Caption`: the dash after a section number is numbering too.
    name = _NUMBER_DASH.sub("", name, count=1)
    name = _EMOJI.sub("", _STATED_COUNT.sub("", name))
    return " ".join(name.replace("/", "-").split())


#: `# 2/2`, `## 16/2`: a day and a month (or a month and a day), with no year.
_DAY_MONTH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")


def day_month_headings(root: Section) -> dict[int, tuple[int, int]]:
    """Heading lines (month, day) of a log dated `# 2/2` ... `# 24/2`: two or more sibling
    headings of two numbers alone. The order is day/month unless only month/day fits every
    heading (`# 2/16`); when both fit, the reading that changes month less often wins, as
    a daily log stays in one month for a while."""
    found: dict[int, tuple[int, int]] = {}
    for sec in sections(root):
        pairs = []
        for sub in sec.subsections:
            assert sub.heading is not None
            match = _DAY_MONTH.fullmatch(sub.heading.content.strip().strip("*_ "))
            if match is not None:
                pairs.append((sub.heading.start, int(match.group(1)), int(match.group(2))))
        if len(pairs) < 2:
            continue
        day_month = all(1 <= a <= 31 and 1 <= b <= 12 for _, a, b in pairs)
        month_day = all(1 <= a <= 12 and 1 <= b <= 31 for _, a, b in pairs)
        if day_month and month_day:
            day_month = len({b for _, _, b in pairs}) <= len({a for _, a, _ in pairs})
        if day_month or month_day:
            found.update({line: ((b, a) if day_month else (a, b)) for line, a, b in pairs})
    return found


_ANY_YEAR = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})(?![\d])")


def context_year(source: str, stated: object, text: str) -> tuple[int | None, str]:
    """The year of a log whose headings give only day and month, and where it was found:
    the front matter's date, else a year in the file's name (`2020/02.md`, `feb2020.md`),
    else the latest year the text names (the log cannot be older than what it cites)."""
    date = read_date(str(stated or "")) if stated else None
    if date is not None:
        return date.date.year, "the front matter's date"
    named = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source)
    if named:
        return int(named[-1]), "the file's name"
    years = [int(y) for y in _ANY_YEAR.findall(text) if int(y) <= dt.date.today().year]
    if years:
        return max(years), "the latest year the notebook names"
    return None, ""
