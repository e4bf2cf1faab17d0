"""Decide what each part of a notebook is: a paper (and whose notes follow), or not.

The walk goes over the section tree from `markdown.parse`. Headings become topics,
read dates, status groups ("pending list"), or papers (a heading per paper); inside a
section, bullets, task-list items, table rows and paragraph first lines are weighed
as paper heads with the rules in `verdicts.py` (the heading rules are in `headings.py`,
the word cues in `cues.py`); `lists.py`, `paragraphs.py` and `tables.py` read those blocks
for the walk. A paragraph shaped like the paper paragraphs beside it (`entry_shape`) is one
more entry of their list. A paper owns the lines under it (its sub-bullets, or everything
up to the next head); lines that no paper owns are the notebook's leftover, kept in a note
of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from paperlog.importers.cues import LEGEND_WORDS, entry_detail, paper_entry_line
from paperlog.importers.dates import LooseDate, read_date
from paperlog.importers.drafts import Context, Draft, Found
from paperlog.importers.head import Head, read_head
from paperlog.importers.headings import (
    GENERIC_SECTION,
    LEGEND_HEADING,
    NOT_PAPER_HEADING,
    PAPERS_HEADING,
    REFERENCES_HEADING,
    date_inside,
    date_line,
    day_month_headings,
    has_headings,
    listing_kind,
    names_a_paper,
    numbered_runs,
    outlines_a_paper,
    sections,
    stated_count,
    status_heading,
    toc_groups,
    topic_name,
    year_sections,
)
from paperlog.importers.links import generic
from paperlog.importers.lists import LISTS, read_html_list, read_list, summary_entry
from paperlog.importers.markdown import Block, Outline, Section, strip_list_marker
from paperlog.importers.paragraphs import paper_shapes, paragraph_group, paragraph_groups
from paperlog.importers.titles import capital_ratio, title_like, words
from paperlog.importers.verdicts import bare_address, dated_note, is_timelog, names_its_address
from paperlog.model import Status
from paperlog.text import has_cjk, normalize_title


class Walker:
    """One pass over a notebook's outline; `walk()` returns what it found."""

    def __init__(self, outline: Outline, *, title: str = "") -> None:
        #: The notebook's title from its front matter: a heading repeating it is no topic.
        self.title = normalize_title(title)
        self.outline = outline
        self.lines = outline.lines
        self.ambiguities: list[str] = []
        #: Headings whose count disagrees with their section: (line, stated, found).
        self.miscounts: list[tuple[int, int, int]] = []
        levels = outline.heading_levels
        # One `#` heading is the notebook's title; several are its top-level topics.
        self.title_level = 1 if levels.count(1) == 1 else 0
        self.legend: dict[str, Status] = {}
        self.numbered_papers = numbered_runs(outline.root)
        self.heads: dict[tuple[int, int], tuple[str, Head, int]] = {}
        self.year_sections = year_sections(outline.root)
        #: `# 16/2` headings of a log with no year: (month, day) by line, and the year the
        #: notebook's context gives them (set by `notebook.py`, which knows the file's name).
        self.day_months = day_month_headings(outline.root)
        self.log_year: int | None = None
        #: The log ticks the papers it read (`- [x]`) and leaves others without a box.
        self.ticked_log = False
        #: Most bullets open with the time spent (`- _1.5 hours_ ...`): a time log.
        self.timelog = is_timelog(self.lines)
        #: Headings that a table of contents lists alike with headings naming papers.
        self.toc_papers: set[int] = set()
        for group in toc_groups(outline.root, self.lines):
            if any(names_a_paper(read_head(heading.content)) for heading in group):
                self.toc_papers.update(heading.start for heading in group)
        # A legend section says what the marks mean wherever it stands, even after the papers.
        for sec in sections(outline.root):
            if _is_legend_section(sec):
                self.legend_lines(sec)

    # -- helpers -------------------------------------------------------------------

    def note(self, message: str) -> None:
        if message not in self.ambiguities:
            self.ambiguities.append(message)

    def text_of(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end])

    # -- sections --------------------------------------------------------------------

    def walk(self, ctx: Context) -> Found:
        return self.section(self.outline.root, ctx)

    def section(self, sec: Section, ctx: Context) -> Found:
        found = Found()
        heading = sec.heading
        if heading is None:
            found.merge(self.section_body(sec, ctx))
            return found
        content = heading.content.strip()
        line = heading.start
        date = read_date(content) or date_inside(content) or self.day_month(line)
        if date:
            topics = ctx.topics + ((topic_name(date.rest),) if date.rest and words(date.rest) else ())
            dated = replace(ctx, date=date, topics=topics, status=None)
            inner = self.section_body(sec, dated)
            if title_like(date.rest, min_words=4) and not inner.drafts and not has_headings(sec) and (
                # With nothing under it, only a title in title case names a paper; "No updates
                # due to illness" is a notice.
                sec.blocks or capital_ratio(date.rest) >= 0.6
            ):
                # `## 2023-05-01 Attention Is All You Need`: a paper read that day.
                dated = replace(ctx, date=date, status=None)
                found.drafts.append(
                    self.heading_paper(sec, read_head(date.rest), dated, "a dated heading naming a paper")
                )
                return found
            found.others.append(("date", content, line, "a dated section: its papers were read then"))
            found.merge(inner)
            return found
        if line in self.year_sections:
            # `## 2018` after `## 2019-01` ... `## 2019-12`: the papers were read that year.
            year = LooseDate(dt.date(self.year_sections[line], 1, 1), False, "", year_only=True)
            why = "a year among dated sections: its papers were read then"
            found.others.append(("date", content, line, why))
            found.merge(self.section_body(sec, replace(ctx, date=year, status=None)))
            return found
        if REFERENCES_HEADING.fullmatch(topic_name(content).lower()):
            # Papers listed under "References" / "Related work" are cited, not read.
            found.others.append(("references", content, line, "papers cited, kept as notes"))
            return found
        if _is_legend_section(sec):
            # `## Legend` then `- ✅ **Completed** → finished`: every line explains a mark.
            found.others.append(("legend", content, line, "a legend heading"))
            for number, text in self.legend_lines(sec):
                found.others.append(("legend", text, number, "explains the status marks"))
            return found
        status = status_heading(content)
        if status is not None:
            found.others.append(
                ("status-heading", content, line, f"groups papers by status ({status.value})")
            )
            found.merge(self.section_body(sec, replace(ctx, status=status)))
            return found
        head = read_head(content)
        if names_a_paper(head):
            found.drafts.append(self.heading_paper(sec, head, ctx, "a heading naming a paper"))
            return found
        if outlines_a_paper(sec, head):
            why = "a heading over the parts of a paper's notes (Abstract, Method, ...)"
            found.drafts.append(self.heading_paper(sec, head, ctx, why))
            return found
        if line in self.numbered_papers:
            # `## 5. MoCo v1` among `## 1. InstDisc` ... `## 13. DINO`: one heading per paper.
            inner = self.section_body(sec, ctx)
            if len(inner.drafts) == 1 and inner.drafts[0].line == sec.blocks[0].start:
                # Its first line names the paper in full, with the link: that is the title.
                draft = inner.drafts[0]
                draft.line, draft.parts = line, [(heading.end, sec.end, 0)]
                draft.head.remark = " ".join(filter(None, (topic_name(content), draft.head.remark)))
                return Found([draft], [o for o in inner.others if o[2] < line])
            named = read_head(self.numbered_papers[line])
            found.drafts.append(self.heading_paper(sec, named, ctx, "a numbered heading among papers"))
            return found
        is_title = heading.level == self.title_level or (
            bool(self.title) and normalize_title(content) == self.title
        )
        plain_name = GENERIC_SECTION.fullmatch(topic_name(content).lower()) is not None
        topic_ctx = ctx if is_title or plain_name else replace(
            ctx, topics=(*ctx.topics, topic_name(content))
        )
        spoken = " ".join(_NON_LETTERS.sub(" ", content.lower()).split())
        if not is_title and PAPERS_HEADING.fullmatch(spoken):
            # `## List of papers`: what the section lists are papers, whatever they link.
            topic_ctx = replace(topic_ctx, lists_papers=True)
        listed = listing_kind(content)
        if listed is not None:
            # `## My blog posts`: what the section lists is not papers, unless a link says so.
            topic_ctx = replace(topic_ctx, listing=listed)
        inner = self.section_body(sec, topic_ctx)
        weak = (
            # `### Universal Algorithmic Intelligence [AIXI]`: the bracket was part of the name.
            title_like(head.title, min_words=4 if not head.trailing else 3)
            and not NOT_PAPER_HEADING.search(head.title)
            and not plain_name
            # "If it helped, don't forget to star the repo!": a call to the reader.
            and not head.title.rstrip(" *_").endswith(("!", "！"))
        )
        if line in self.toc_papers and head.title and not inner.drafts and not plain_name and not (
            has_headings(sec) or NOT_PAPER_HEADING.search(head.title)
        ):
            # `- [**The Ubiquitous B-Tree**](#the-ubiquitous-b-tree)` beside TOC entries of that
            # look that point at headings naming papers: this heading names one too.
            found.drafts.append(
                self.heading_paper(sec, head, ctx, "a heading its table of contents lists with papers")
            )
            return found
        bare = bare_address(inner)
        if bare is not None and not weak and names_its_address(head, inner) and not (
            plain_name or has_headings(sec) or NOT_PAPER_HEADING.search(head.title)
        ):
            # `### Online Meta-Learning` over `* https://arxiv.org/abs/1902.08438`: a short title,
            # capitalised as titles are, over one paper's address alone.
            weak = True
        if weak and bare is not None:
            # `### Sparse Networks Trained From Scratch` over `https://arxiv.org/abs/1907.04840`:
            # the heading names the paper at that address.
            head = read_head(f"{content} {bare.head.url_led}")
            inner = Found()
        if weak and not inner.drafts and not _lists_entries(sec, self.lines):
            found.drafts.append(
                self.heading_paper(sec, head, ctx, "a heading that reads as a title, with notes")
            )
            self.note(
                "headings without a paper link were read as papers when they read like titles "
                "and hold no other papers"
            )
            return found
        if is_title:
            found.others.append(("title", content, line, "the notebook's own title"))
        else:
            found.others.append(("topic", content, line, "a topic heading: its papers get this topic"))
            stated = stated_count(content)
            if stated is not None and inner.drafts:
                # `## Detection (12)`: the count is of the papers right under it, or of all
                # those in its sub-sections too; a fault only when it is neither.
                first_sub = sec.subsections[0].start if sec.subsections else sec.end
                direct = sum(1 for draft in inner.drafts if draft.line < first_sub)
                if stated not in (direct, len(inner.drafts)):
                    self.miscounts.append((line, stated, len(inner.drafts)))
        found.merge(inner)
        return found

    def day_month(self, line: int) -> LooseDate | None:
        """The date of a `# 16/2` heading: in the log's year, or with no year known."""
        if line not in self.day_months:
            return None
        month, day = self.day_months[line]
        try:
            # A leap year stands in for an unknown one, so that `# 29/2` is still a day.
            return LooseDate(dt.date(self.log_year or 2000, month, day), True, "",
                             no_year=self.log_year is None)
        except ValueError:
            return None

    def section_body(self, sec: Section, ctx: Context) -> Found:
        found = self.blocks(sec.blocks, ctx)
        for sub in sec.subsections:
            found.merge(self.section(sub, ctx))
        return found

    def heading_paper(self, sec: Section, head: Head, ctx: Context, why: str) -> Draft:
        assert sec.heading is not None
        draft = Draft(head, sec.heading.start, sec.heading.end, ctx, why)
        if sec.heading.end < sec.end:
            draft.parts.append((sec.heading.end, sec.end, 0))
        return draft

    # -- blocks in a section ---------------------------------------------------------------

    def blocks(self, blocks: list[Block], ctx: Context) -> Found:
        found = Found()
        current: Draft | None = None
        entry: Draft | None = None
        shapes = paper_shapes(self, blocks, ctx)
        taken: set[int] = set()
        for index, block in enumerate(blocks):
            kind = block.kind
            if index in taken:
                continue
            if kind == "paragraph":
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                for start, body_end in paragraph_groups(self.lines, block):
                    if entry is not None and entry_detail(self.lines[start:body_end]):
                        # `*Authors.*` / `[[Paper](...)] [[Code](...)]` under an entry: its own.
                        entry.parts.append((start, body_end, 0))
                        continue
                    entry = None
                    result = paragraph_group(self, start, body_end, following, ctx, shapes)
                    if isinstance(result, Draft):
                        # A reference-list entry is one line; what follows is about the list.
                        reference = result.why.startswith("a reference-list")
                        current = None if reference else result
                        entry = result if reference else None
                        found.drafts.append(result)
                    elif isinstance(result, LooseDate):
                        ctx = replace(ctx, date=result, status=None)
                        current = None
                        found.others.append(("date", self.lines[start].strip(), start,
                                             "a date line: the papers after it were read then"))
                    elif isinstance(result, Status):
                        # `没找到` ("not found") or `To read:` on a line of its own over a list.
                        ctx = replace(ctx, status=result)
                        current = None
                        found.others.append(("status-heading", self.lines[start].strip(), start,
                                             f"groups the papers after it by status ({result.value})"))
                    elif current is not None and not (
                        # `[Another Title](...) ✅` names an entry of its own, even one that
                        # is not a paper: it is never the notes of the paper above it.
                        body_end == start + 1 and paper_entry_line(self.lines[start])
                    ):
                        current.parts.append((start, body_end, 0))
                    elif result is not None:
                        found.others.append(result)
            elif kind in LISTS:
                sub = read_list(self, block, ctx)
                if current is not None and not sub.drafts:
                    current.parts.append((block.start, block.end, 0))
                    continue
                found.merge(sub)
                current = None
            elif kind == "table":
                sub = self.table(block, ctx)
                if current is not None and not sub.drafts:
                    current.parts.append((block.start, block.end, 0))
                    continue
                found.merge(sub)
                current = None
            elif kind == "hr":
                current = None
            elif kind == "html_block" and date_line(self.lines[block.start]) is not None:
                # `<summary><b>2022-05-29</b></summary>` on a line of its own: a date marker.
                ctx = replace(ctx, date=date_line(self.lines[block.start]), status=None)
                current = None
                found.others.append(("date", self.lines[block.start].strip(), block.start,
                                     "a date line: the papers after it were read then"))
            elif kind == "html_block" and (summary := summary_entry(self, blocks, index, ctx)):
                # `<details><summary>Title</summary>` over a paragraph holding its address.
                found.drafts.append(summary)
                taken.add(index + 1)
                current = None
            elif kind == "html_block" and (sub := read_html_list(self, block, ctx)).drafts:
                # `<li><details><summary><a href=...>Title</a></summary> notes </details></li>`
                found.merge(sub)
                current = None
            elif current is not None:
                current.parts.append((block.start, block.end, 0))
            else:
                first = self.lines[block.start].strip() if block.start < len(self.lines) else ""
                if kind == "html_block":
                    why = "inline HTML (a script, style or layout)"
                    found.others.append(("html", first, block.start, why))
                elif kind in {"fence", "code_block"} and ctx.date:
                    found.others.append(("study-note", first, block.start,
                                         dated_note(ctx)))
                elif kind in {"fence", "code_block"}:
                    found.others.append(("code", first, block.start, "a code block under no paper"))
                else:
                    found.others.append(("remark", first, block.start, "text under no paper"))
        return found

    def legend_lines(self, sec: Section) -> list[tuple[int, str]]:
        """The lines of a legend section, each read for the marks it explains; under a
        legend heading `- ⏳ 待读` (a mark, then its meaning) needs no `=`."""
        assert sec.heading is not None
        explained = []
        for number in range(sec.heading.end, sec.end):
            text = self.lines[number].strip()
            if words(text) or has_cjk(text):
                plain = read_head(strip_list_marker(text)[0]).plain
                if not self.read_legend(plain):
                    bare = re.match(r"^([^\w\s]+|:\w+:)\s+(\S.*)$", plain.strip())
                    if bare:
                        self.read_legend(f"{bare.group(1)} = {bare.group(2)}")
                explained.append((number, text))
        return explained

    def read_legend(self, text: str) -> bool:
        """Learn the marks `text` explains (`✔️ = read, ❓ = to read`); did it explain any?"""
        text = re.sub(r"\*\*|__", "", text)
        learned = False
        for match in re.finditer(r"(\S+)\s*(?:=|:|：|→|⇒|->|表示|means)\s*([^,，;；=→]+)", text):
            mark, meaning = match.group(1).replace("\ufe0f", ""), match.group(2)
            for pattern, status in LEGEND_WORDS:
                if re.search(pattern, meaning, re.I):
                    self.legend[mark] = status
                    learned = True
                    break
        return learned

    # -- tables ----------------------------------------------------------------------------

    def table(self, block: Block, ctx: Context) -> Found:
        from paperlog.importers.tables import read_table

        return read_table(self, block, ctx)


def _lists_entries(sec: Section, lines: list[str]) -> bool:
    """Does the section (or one under it) hold a list of two or more linked entries, each
    item opening with a link of its own? Such a heading groups them (repositories, sites),
    even when none is a paper; it names no paper."""
    for block in (block for part in sections(sec) for block in part.blocks):
        if block.kind not in LISTS:
            continue
        items = [item for item in block.children if item.kind == "list_item"]
        linked = sum(1 for item in items if (match := _LINK_IN.search(lines[item.start]))
                     and not generic(match.group(1)))
        if linked >= 2 and 2 * linked >= len(items):
            return True
    return False


#: `- [splatnet: SPLATNet: Sparse Lattice ...](https://github.com/...)`: an item opening
#: with a named link (a bare address is a fact about something, not an entry).
_LINK_IN = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?\[([^\]]*[A-Za-z][^\]]*)\]\(\s*<?https?://")


def _is_legend_section(sec: Section) -> bool:
    return (
        sec.heading is not None
        and LEGEND_HEADING.fullmatch(topic_name(sec.heading.content).lower()) is not None
        and not sec.subsections
    )


_NON_LETTERS = re.compile(r"[^\w\s]+|_")
