"""Markdown tables of papers: a title column, and status, venue, year, date, notes columns.

The header names each column's role (`_column_role`, English and Chinese headers); every
row whose title cell holds a title or a paper link becomes a paper, and so does a bare
name in a name column beside a year or venue column (`| 年份 | 名字 | 学习记录 |`); cells of
unknown columns go to its notes as `Header: value`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlog.importers.dates import read_date
from paperlog.importers.drafts import Context, Draft, Found
from paperlog.importers.head import read_head
from paperlog.importers.headings import status_heading, topic_name
from paperlog.importers.markdown import Block
from paperlog.importers.titles import title_like, words
from paperlog.importers.venues import VENUE_YEAR, canonical_venue, full_year, venue_stamp
from paperlog.model import Status
from paperlog.text import has_cjk

if TYPE_CHECKING:
    from paperlog.importers.classify import Walker


def read_table(walker: Walker, block: Block, ctx: Context) -> Found:
    """One paper per row with a title; the other columns fill its fields and notes."""
    found = Found()
    rows = block.children
    if len(rows) < 2:
        return found
    roles = [_column_role(cell) for cell in rows[0].cells]
    if "title" not in roles:
        roles[0] = "title"
    parsed = []
    for row in rows[1:]:
        cells = dict(zip(roles, row.cells, strict=False))
        # `1) Title  A long description...`: the title ends where a wide gap opens.
        title_cell, _, description = cells.get("title", "").partition("  ")
        head = read_head(title_cell)
        for role in ("link", "source"):
            if cells.get(role):
                # Links in their own column are the paper's links, never its title; a
                # "Source" cell (`[arXiv:2603.15031](...)`, "Local PDF") stays in the notes too.
                links = read_head(cells[role])
                head.urls += [url for url in links.urls if url not in head.urls]
                head.malformed += links.malformed
        parsed.append((row, cells, head, description))
    # In a table that is mostly papers, a short name with a link is a paper too.
    mostly_papers = 2 * sum(bool(h.paper_links or h.quoted) for _, _, h, _ in parsed) >= len(parsed)
    # A title column headed "Paper" / "论文标题" says what its cells are: a name there is a
    # paper even when the name links to the owner's write-up on a blog.
    title_header = next((h for r, h in zip(roles, rows[0].cells, strict=False) if r == "title"), "")
    papers_column = re.search(r"paper|论文", title_header, re.I) is not None
    # `| 年份 | 名字 | 学习记录 |`, `| Benchmark Name | Year | ...`: a column of names beside a
    # year or venue column lists works, each row that fills one of them a work.
    works = bool(_NAME_HEADER.search(title_header)) and bool({"year", "venue"} & set(roles))
    for row, cells, head, description in parsed:
        status_cell = cells.get("status", "")
        if status_cell:
            status = _status_cell(status_cell, walker.legend)
            if status is not None:
                head.marks.insert(0, status)
        # In a table of papers, a row whose only link is its code is a paper too when its
        # name reads as a title or a year dates it like the rows around it.
        dated = head.year is not None or _YEAR.search(cells.get("year", "")) is not None
        code = mostly_papers and head.resource == "repo"
        if any(_NOT_YET.fullmatch(cells.get(role, "").strip()) for role in ("notes", "status")):
            # `未更`, "not yet" where the notes would be: the paper is still to be read.
            head.marks.insert(0, Status.TO_READ)
        verdict = ""
        if head.quoted or head.paper_links:
            verdict = "a table row naming a paper"
        elif title_like(head.title, min_words=2) and (not head.resource or code):
            verdict = "a table row with a title"
        elif mostly_papers and head.title and head.urls and (not head.resource or (code and dated)):
            verdict = "a named row with a link, in a table of papers"
        elif papers_column and _names_a_paper(head.title) and any(
            head.title in link.text for link in head.links
        ):
            verdict = "a name in a column of papers"
        elif works and _names_a_paper(head.title) and not head.resource and (
            cells.get("year", "").strip() or cells.get("venue", "").strip()
        ):
            verdict = "a name with its year or venue, in the name column of a table of works"
        if not verdict:
            why = "a table row naming no paper"
            found.others.append(("remark", " | ".join(row.cells), row.start, why))
            continue
        row_ctx = ctx
        if cells.get("topic"):
            row_ctx = replace(ctx, topics=(*ctx.topics, topic_name(cells["topic"])))
        if cells.get("date"):
            date = read_date(cells["date"])
            if date:
                row_ctx = replace(row_ctx, date=date)
        if cells.get("year") and head.year is None:
            match = _YEAR.search(cells["year"])
            head.year = int(match.group(0)) if match else None
        if cells.get("venue") and head.venue is None:
            stated = VENUE_YEAR.search(cells["venue"])
            stamp = venue_stamp(cells["venue"])
            if stated:
                head.venue = canonical_venue(stated.group(1), stated.group(2))
                head.year = head.year or full_year(stated.group(2))
            elif stamp is not None:
                # `CIDR'25`, `Arxiv/2509`: a venue the importer does not know, and its year.
                head.venue, year = stamp
                head.year = head.year or year
            else:
                head.venue = canonical_venue(cells["venue"].strip()) or None
        if cells.get("rating") and head.rating is None:
            stars = sum(cells["rating"].count(s) for s in ("⭐", "★", ":star:"))
            digit = re.search(r"[1-5]", cells["rating"])
            head.rating = stars if 1 <= stars <= 5 else (int(digit.group(0)) if digit else None)
        draft = Draft(head, row.start, row.end, row_ctx, verdict)
        if description.strip():
            draft.cell_notes.append(description.strip())
        for role, header, cell in zip(roles, rows[0].cells, row.cells, strict=False):
            if role in {"notes", "other", "added", "source"} and cell.strip():
                note = cell.strip() if role == "notes" else f"{header.strip()}: {cell.strip()}"
                draft.cell_notes.append(note)
        found.drafts.append(draft)
    return found


_YEAR = re.compile(r"(?:19|20)\d{2}")
_NAME_HEADER = re.compile(r"name|title|paper|名字|名称|题目|标题|论文", re.I)
#: A cell saying the notes are not written yet: `未更` ("not updated yet"), `TODO`.
_NOT_YET = re.compile(r"未更新?|待更新?|未读|待读|not yet|todo|tbd", re.I)


def _names_a_paper(cell: str) -> bool:
    """A cell that could be a paper's name: Latin words, not a bare address or a sentence
    in another script."""
    text = cell.strip()
    return bool(words(text)) and not has_cjk(text[:1]) and not re.match(r"https?://", text)


def _column_role(header: str) -> str:
    text = header.strip().lower()
    table = (
        ("title", r"title|paper|name|论文|题目|标题|文章|名字|名称"),
        ("link", r"link|url|pdf|arxiv|链接|地址"),
        ("source", r"^(?:source|来源|出处)$"),
        ("status", r"status|state|read\?|^read$|done|状态|进度|是否|^(?:阅读|已读|读过)$"),
        ("year", r"year|年份|年"),
        ("venue", r"venue|conference|journal|会议|期刊|发表"),
        # When a paper was put on the list is not when it was read: a note, not `read_on`.
        ("added", r"added|收录|收藏|加入"),
        ("date", r"date|read on|日期|时间"),
        ("rating", r"rating|score|stars?|评分|推荐|星"),
        ("topic", r"topic|category|area|field|分类|方向|领域|主题"),
        ("notes", r"notes?|comments?|summary|remarks?|ideas?|takeaways?|备注|笔记|总结|想法|摘要|记录"),
    )
    for role, pattern in table:
        if re.search(pattern, text):
            return role
    return "other"


def _status_cell(text: str, legend: dict[str, Status]) -> Status | None:
    plain = text.replace("\ufe0f", "").strip()
    for mark, status in legend.items():
        if mark in plain:
            return status
    head = read_head(plain)
    if head.marks:
        return head.marks[0]
    return status_heading(plain) or (Status.READ if plain.lower() in {"yes", "y", "是", "√"} else None) or (
        Status.TO_READ if plain.lower() in {"no", "n", "否"} else None
    )
