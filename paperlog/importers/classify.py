"""Decide what each part of a notebook is: a paper (and whose notes follow), or not.

The walk goes over the section tree from `markdown.parse`. Headings become topics,
read dates, status groups ("pending list"), or papers (a heading per paper); inside a
section, bullets, task-list items, table rows and paragraph first lines are weighed
as paper heads with the rules in `item_is_paper` / `paragraph_is_paper` (the heading
rules are in `headings.py`, the word cues in `cues.py`); a paragraph shaped like the paper
paragraphs beside it (`entry_shape`) is one more entry of their list. A paper owns
the lines under it (its sub-bullets, or everything up to the next head); lines that
no paper owns are the notebook's leftover, kept in a note of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from paperlog.ids import id_title, ids_from_url, is_id_title
from paperlog.importers.affixes import DURATION
from paperlog.importers.cues import (
    CHORE,
    CITATION_START,
    EVIDENCE,
    LEGEND_WORDS,
    PROSE,
    RESOURCE_PREFIX,
    STUDY_CUE,
    TALKS_OF_PAPERS,
    body_resource,
    book_like,
    entry_detail,
    entry_shape,
    in_own_repo,
    is_legend,
    named_kind,
    names_its_notes,
    only_links,
    overview,
    paper_entry_line,
)
from paperlog.importers.dates import LooseDate, read_date
from paperlog.importers.drafts import Context, Draft, Found
from paperlog.importers.head import Head, read_head
from paperlog.importers.headings import (
    GENERIC_SECTION,
    LEGEND_HEADING,
    NOT_PAPER_HEADING,
    REFERENCES_HEADING,
    date_inside,
    date_line,
    day_month_headings,
    has_headings,
    listing_kind,
    names_a_paper,
    numbered_runs,
    sections,
    status_heading,
    toc_groups,
    topic_name,
    year_sections,
)
from paperlog.importers.links import generic, is_anchor, is_notes_link, is_paper_link, resource_kind
from paperlog.importers.markdown import (
    Block,
    Link,
    Outline,
    Section,
    indent_of,
    strip_list_marker,
)
from paperlog.importers.titles import capital_ratio, title_like, words
from paperlog.model import Status
from paperlog.text import cjk_count, has_cjk, normalize_title

_LISTS = {"bullet_list", "ordered_list"}
_SUMMARY = re.compile(r"<summary>\s*([^<]{3,300}?)\s*</summary>", re.I)
_RECORD_WHY = "a dated record: date | title | link | notes"
#: `<li><details><summary><a href="...">Title</a>`: an HTML list entry opening with a link.
_HTML_ENTRY = re.compile(
    r"^\s*(?:<li>\s*)?(?:<details>\s*)?(?:<summary>\s*)?(?<=>)\s*<a\s+href=[\"']([^\"']+)[\"'][^>]*>"
    r"(.+?)</a>",
    re.I,
)


class Walker:
    """One pass over a notebook's outline; `walk()` returns what it found."""

    def __init__(self, outline: Outline, *, title: str = "") -> None:
        #: The notebook's title from its front matter: a heading repeating it is no topic.
        self.title = normalize_title(title)
        self.outline = outline
        self.lines = outline.lines
        self.ambiguities: list[str] = []
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
        self.timelog = _is_timelog(self.lines)
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

    def head_text(self, block: Block) -> tuple[str, int]:
        """A list item's first line without the bullet (joined with the next lines while a
        `[` is still open), and the line after it."""
        line, _ = strip_list_marker(self.lines[block.start])
        end = block.start + 1
        para = block.first_paragraph
        last = para.end if para else end
        while line.count("[") > line.count("]") and end < last and end - block.start < 4:
            line += " " + self.lines[end].strip()
            end += 1
        return line, end

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
        bare = _bare_address(inner)
        if bare is not None and not weak and _names_its_address(head, inner) and not (
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
        shapes = self.paper_shapes(blocks, ctx)
        taken: set[int] = set()
        for index, block in enumerate(blocks):
            kind = block.kind
            if index in taken:
                continue
            if kind == "paragraph":
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                for start, body_end in self.paragraph_groups(block):
                    if entry is not None and entry_detail(self.lines[start:body_end]):
                        # `*Authors.*` / `[[Paper](...)] [[Code](...)]` under an entry: its own.
                        entry.parts.append((start, body_end, 0))
                        continue
                    entry = None
                    result = self.paragraph_group(start, body_end, following, ctx, shapes)
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
            elif kind in _LISTS:
                sub = self.list_block(block, ctx)
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
            elif kind == "html_block" and (summary := self.summary_entry(blocks, index, ctx)):
                # `<details><summary>Title</summary>` over a paragraph holding its address.
                found.drafts.append(summary)
                taken.add(index + 1)
                current = None
            elif kind == "html_block" and (sub := self.html_list(block, ctx)).drafts:
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
                                         _dated_note(ctx)))
                elif kind in {"fence", "code_block"}:
                    found.others.append(("code", first, block.start, "a code block under no paper"))
                else:
                    found.others.append(("remark", first, block.start, "text under no paper"))
        return found

    def summary_entry(self, blocks: list[Block], index: int, ctx: Context) -> Draft | None:
        """`<details><summary>Title</summary>` then a paragraph of the paper's bare address:
        one paper, named by the summary (what follows the address is its remark)."""
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        match = _SUMMARY.search(self.text_of(block.start, block.end))
        if match is None or following is None or following.kind != "paragraph":
            return None
        address = read_head(self.lines[following.start].strip())
        if not _address_verdict(address) or not words(match.group(1)):
            return None
        head = read_head(f"[{match.group(1).strip()}](<{address.url_led}>)")
        named = "" if address.title == id_title(address.ids()) else address.title
        head.remark = " ".join(part for part in (named, address.remark) if part)
        line = next(n for n in range(block.start, block.end) if "<summary" in self.lines[n].lower())
        # The summary and the address are its head; `</details>` after them is layout.
        return Draft(head, line, following.end, ctx, "a <details> summary naming a paper, its address below")

    def paragraph_groups(self, block: Block) -> list[tuple[int, int]]:
        """A paragraph cut where a line at its own indent is followed by indented lines:
        the `Title` / `    notes...` pattern of plain-text logs; and cut at every line
        when each line names a paper of its own."""
        base = indent_of(self.lines[block.start])
        numbers = [n for n in range(block.start, block.end) if self.lines[n].strip()]
        if len(numbers) > 1 and all(
            indent_of(self.lines[n]) == base and paper_entry_line(self.lines[n]) for n in numbers
        ):
            # `❓ [Title A](...)` then `✅ [Title B](...)` on the next line: each its own paper.
            return [(n, n + 1) for n in numbers]
        starts = [block.start]
        for number in range(block.start + 1, block.end):
            line = self.lines[number]
            if line.strip() and indent_of(line) <= base:
                nxt = self.lines[number + 1] if number + 1 < block.end else ""
                prev = self.lines[number - 1]
                if (nxt.strip() and indent_of(nxt) > base) or indent_of(prev) > base:
                    starts.append(number)
        bounds = [*starts[1:], block.end]
        return list(zip(starts, bounds, strict=True))

    def paragraph_head(self, start: int, end: int) -> tuple[str, Head, int]:
        """A paragraph's head line (joined with the next while a `[` is still open), read,
        and the line after it."""
        cached = self.heads.get((start, end))
        if cached is not None:
            return cached
        raw = self.lines[start].strip()
        head_end = start + 1
        while raw.count("[") > raw.count("]") and head_end < min(end, start + 3):
            # `[A Title Wrapped\nOver Two Lines](...)`: the link's text goes on.
            raw = f"{raw} {self.lines[head_end].strip()}"
            head_end += 1
        if raw.count("[") != raw.count("]"):
            raw, head_end = self.lines[start].strip(), start + 1
        self.heads[(start, end)] = raw, read_head(raw), head_end
        return self.heads[(start, end)]

    def paragraph_body(self, head_end: int, end: int, following: Block | None) -> list[str]:
        body = [line.strip() for line in self.lines[head_end:end] if line.strip()]
        if not body and following is not None and following.kind in {"paragraph", "code_block"}:
            body = [self.lines[following.start].strip()]
        return body

    def paper_shapes(self, blocks: list[Block], ctx: Context) -> set[tuple[bool, bool, bool, bool]]:
        """The shapes (see `entry_shape`) of the paragraphs among `blocks` that name a paper by
        themselves: a paragraph of the same shape beside them is an entry of the same list."""
        paragraphs = [(i, b) for i, b in enumerate(blocks) if b.kind == "paragraph"]
        if len(paragraphs) < 2:
            return set()
        kept = list(self.ambiguities)
        shapes = set()
        for index, block in paragraphs:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            for start, end in self.paragraph_groups(block):
                _, head, head_end = self.paragraph_head(start, end)
                shape = entry_shape(head)
                if shape is not None and shape not in shapes and self.paragraph_is_paper(
                    head, self.paragraph_body(head_end, end, following), ctx
                ):
                    shapes.add(shape)
        self.ambiguities = kept  # the walk proper says what it finds ambiguous
        return shapes

    def paragraph_group(
        self, start: int, end: int, following: Block | None, ctx: Context,
        shapes: set[tuple[bool, bool, bool, bool]],
    ) -> Draft | LooseDate | Status | tuple[str, str, int, str] | None:
        raw = self.lines[start].strip()
        date = date_line(raw)
        if date is not None:
            return date
        if raw.lower() in {"[toc]", "[[toc]]", "{:toc}", "${toc}"}:
            return ("toc", raw, start, "a table-of-contents marker")
        if end == start + 1 and len(raw) <= 40 and following is not None and (
            following.kind in _LISTS and not "".join(self.lines[end:following.start]).strip()
        ):
            label = status_heading(raw)
            if label is not None:
                return label
        raw, head, head_end = self.paragraph_head(start, end)
        body = self.paragraph_body(head_end, end, following)
        if is_legend(head):
            self.read_legend(head.plain)
            return ("legend", raw, start, "explains the status marks")
        if head.anchor_only:
            return ("toc", raw, start, "links to places in this page (a table of contents)")
        verdict = self.paragraph_is_paper(head, body, ctx)
        if not verdict and entry_shape(head) in shapes and not head.resource and (
            title_like(head.title, min_words=2) and not PROSE.search(head.plain.strip())
            and not head.plain.strip().endswith((":", "："))
        ):
            # `__2017-03-18__: *Title* by ... :tada:` among paragraphs of that shape naming
            # papers: one more entry of the list, not a note of the entry above it.
            verdict = "a paragraph shaped like the paper entries beside it"
        if verdict:
            draft = Draft(head, start, head_end, ctx, verdict)
            if head_end < end:
                amount = min((indent_of(line) for line in self.lines[head_end:end] if line.strip()),
                             default=0)
                draft.parts.append((head_end, end, amount))
            return draft
        kind = head.resource or body_resource(body) or named_kind(head) or (
            "chore" if ctx.status else "study-note" if ctx.date else "intro" if not ctx.topics else "remark"
        )
        why = {
            "study-note": _dated_note(ctx),
            "chore": "a task, not a paper",
            "intro": "the notebook's introduction",
            "remark": "text under a topic that names no paper",
        }.get(kind, f"links to a {kind}, not a paper" if head.urls else f"a {kind}, not a paper")
        return (kind, raw, start, why)

    def paragraph_is_paper(self, head: Head, body: list[str], ctx: Context) -> str:
        if head.record:
            return _RECORD_WHY
        address = _address_verdict(head)
        if address is not None:
            return address
        if head.web_page:
            return ""
        if head.duration and not (head.read_phrase or head.set_off or head.paper_links):
            return ""  # `_2 hours_ Setting up the cluster`: a time log's task
        if head.read_phrase and head.title:
            return "a line saying it read the paper it names"
        if head.status_lead and not head.urls and not _title_cased(title=head.title):
            return ""
        if head.quoted:
            if book_like(head) and not any(EVIDENCE.search(line) for line in body[:3]):
                self.note("《titles》 in Chinese with no paper link or paper talk were read as books")
                return ""
            return "a 《quoted》 title"
        if head.set_off and (head.urls or head.year) and CITATION_START.match(head.plain):
            return "a reference-list entry (numbered, its title set off in bold or quotes)"
        if head.paper_links and head.title and not has_cjk(head.title[:1]) and not generic(head.title):
            # A link inside a sentence is a citation; a paper's own line is mostly its title.
            if len(words(head.remark)) <= 4 and cjk_count(head.remark) <= 12:
                return "names a paper with a paper link"
            return ""
        if ctx.listing or overview(head):
            return ""
        if names_its_notes(head, ctx.own_repos) and len(words(head.remark)) <= 4:
            return "names a paper and links the notes on it"
        if head.set_off and head.authors and not head.resource and title_like(head.title, min_words=1):
            # ` *A Theory of Communication* by C. Shannon - 🔘`: a title set off, then its authors.
            return "a title set off, followed by its authors"
        if head.resource or body_resource(body):
            return ""
        if head.labelled and head.urls and title_like(head.title, min_words=1):
            # `**Paper: [Relaxed Lasso](.../relaxo.pdf)** by ...`: the line says what it names.
            return "a line labelled as naming a paper"
        if TALKS_OF_PAPERS.search(head.plain):
            # "Started reading paper: ...", "Created slides on the paper": a diary line.
            return ""
        title = head.title
        plain = head.plain.strip()
        if plain.endswith((":", "：")) or cjk_count(head.remark) > 8 or STUDY_CUE.search(title):
            return ""
        if head.links and not any(link.href.strip() for link in head.links) and (
            title_like(title, min_words=3) and len(words(head.remark)) <= 2
        ):
            # `[Title]()` on a line of its own: a paper whose link is still to be filled in.
            return "a title whose link was left empty"
        if PROSE.search(plain) and not (head.set_off or head.year or head.venue):
            # The notebook's own sentences ("These are my notes ...", "Inspired by X.").
            return ""
        evidence = any(EVIDENCE.search(line) for line in body[:3])
        if (evidence and title_like(title, min_words=2)) or (
            evidence and len(words(title)) >= 2 and not has_cjk(title)
        ):
            return "a title line followed by notes that speak of a paper"
        if not title_like(title, min_words=3):
            return ""
        if len(words(title)) >= 4 and capital_ratio(title) >= 0.6 and (body or ctx.date or ctx.status) and (
            not self.timelog
        ):
            return "a title-cased line followed by notes"
        return ""

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

    # -- HTML lists -------------------------------------------------------------------------

    def html_list(self, block: Block, ctx: Context) -> Found:
        """An HTML list of papers: each `<li>` or `<details>` opening with a link is an entry
        (read like the bullet `[text](href)`); the body of its `<details>` is its notes."""
        found = Found()
        entries = []
        for number in range(block.start, block.end):
            match = _HTML_ENTRY.match(self.lines[number])
            if match:
                link = f"[{re.sub(r'<[^>]+>', '', match.group(2)).strip()}](<{match.group(1)}>)"
                entries.append((number, read_head(link), match.group(0)))
        among_papers = any(h.paper_links or h.titles_notes for _, h, _ in entries)
        for number, head, opening in entries:
            verdict = self.item_is_paper(head, ctx, among_papers)
            if not verdict:
                continue
            draft = Draft(head, number, number + 1, ctx, f"an HTML list entry that {verdict}")
            if "<details" in opening:
                end = next((n for n in range(number, block.end) if "</details>" in self.lines[n]),
                           number)
                if end > number:
                    draft.parts.append((number + 1, end + 1, indent_of(self.lines[number + 1])))
            found.drafts.append(draft)
        return found

    # -- lists -----------------------------------------------------------------------------

    def list_block(self, block: Block, ctx: Context) -> Found:
        found = Found()
        items = [item for item in block.children if item.kind == "list_item"]
        heads = []
        for item in items:
            text, end = self.head_text(item)
            heads.append((item, read_head(text), end))
        among_papers = any(h.paper_links or h.quoted for _, h, _ in heads)
        # `- Domingos, “A Few Useful Things ...”` then `- Chollet, “Xception”`: a list of citations.
        citations = sum(1 for _, h, _ in heads if h.cited) >= 2
        if sum(1 for _, h, _ in heads if _ORDER_PREFIX.match(h.title)) >= 3:
            # `“1-Deep Learning”`, `“2-ImageNet Classification ...”`: the owner's reading order
            # (or priority) glued to the titles of a list, not part of them.
            for _, head, _ in heads:
                prefix = _ORDER_PREFIX.match(head.title)
                if prefix:
                    head.remark = f"{prefix.group(0)} {head.remark}".strip()
                    head.title = head.title[prefix.end():]
        # `* Authors` / `* Submitted on ...` / `* https://arxiv.org/abs/...`: an address among
        # other facts is the link of what the list describes, not a paper of its own.
        addresses_only = all(h.url_led for _, h, _ in heads)
        previous: Draft | None = None
        for item, head, head_end in heads:
            raw = self.lines[item.start].strip()
            if is_legend(head):
                self.read_legend(head.plain)
                found.others.append(("legend", raw, item.start, "explains the status marks"))
                continue
            if head.anchor_only:
                why = "links to places in this page (a table of contents)"
                found.others.append(("toc", raw, item.start, why))
                continue
            below = self.labelled_links_below(item, head)
            if below:
                # `* Word2Vec` over `- [x] [pdf: NIPS 2013](...)`, `- [x] [code](...)`: the
                # bullet names the paper, the items under it are its links.
                _take_links_below(head, below)
                verdict = "a name whose sub-items are its links (pdf, notes, code)"
            elif head.url_led and not addresses_only and is_id_title(head.title, head.ids()):
                verdict = ""
            else:
                verdict = self.item_is_paper(head, ctx, among_papers)
            if not verdict and citations and head.cited and head.title and not generic(head.title):
                verdict = "a citation (names, then the title in quotes) among citations"
            if verdict:
                draft = Draft(head, item.start, head_end, ctx, verdict)
                _, column = strip_list_marker(self.lines[item.start])
                if head_end < item.end:
                    draft.parts.append((head_end, item.end, column))
                found.drafts.append(draft)
                previous = draft
                continue
            nested = [child for child in item.children if child.kind in _LISTS]
            if nested:
                label = head.title or head.plain
                inner_ctx = ctx
                if label and len(words(label)) + len(label) // 8 <= 8 and not has_cjk(label[:1]):
                    inner_ctx = replace(ctx, topics=(*ctx.topics, topic_name(label)))
                inner = Found()
                for child in nested:
                    inner.merge(self.list_block(child, inner_ctx))
                if inner.drafts:
                    found.others.append(("topic", raw, item.start, "a bullet grouping the papers under it"))
                    found.merge(inner)
                    previous = None
                    continue
            own_entry = _title_link(head) is not None and not _cited_in_prose(head)
            if (previous is not None and head.checkbox is None and not head.resource
                    and not own_entry and not head.duration):
                # A bullet under a paper's line is a note on it, unless it names a link of
                # its own (`[Cooking Recipes](...)`, `[X]()`): an entry, even if no paper.
                # (A time log's `- _2 hours_ ...` lines are entries of their own too.)
                column = indent_of(self.lines[previous.line])
                previous.parts.append((item.start, item.end, column))
                continue
            kind = head.resource or named_kind(head) or (ctx.listing if head.urls else None) or (
                "chore" if head.checkbox is not None or ctx.status or head.status_lead else "remark"
            )
            if kind == "chore":
                self.note("list items that name no paper title (topics, tasks) were kept as chores")
            if kind == "remark" and ctx.date:
                kind = "study-note"
            why = {
                "chore": "a task or topic, not a paper title",
                "remark": "a bullet that names no paper",
                "study-note": _dated_note(ctx),
            }.get(kind, f"links to a {kind}, not a paper" if head.urls else f"a {kind}, not a paper")
            found.others.append((kind, raw, item.start, why))
        return found

    def labelled_links_below(self, item: Block, head: Head) -> list[Head]:
        """The heads of an item's sub-items when every one is links under generic labels
        (`[pdf]`, `[reading-notes]`, `[code]`), one of them to a paper or a PDF, and the
        item itself is a bare name; none otherwise."""
        if head.urls or not head.title or generic(head.title) or CHORE.match(head.title):
            return []
        if len(words(head.title)) > 12 or cjk_count(head.title) > 20:
            return []
        below: list[Head] = []
        for child in item.children:
            if child.kind not in _LISTS:
                continue
            for sub in child.children:
                if sub.kind != "list_item":
                    continue
                sub_head = read_head(self.head_text(sub)[0])
                if not sub_head.links or not only_links(sub_head):
                    return []
                below.append(sub_head)
        if not any(h.paper_links or any(_is_pdf(u) for u in h.urls) for h in below):
            return []
        return below

    def item_is_paper(self, head: Head, ctx: Context, among_papers: bool) -> str:
        title = head.title
        if head.record:
            return _RECORD_WHY
        address = _address_verdict(head)
        if address is not None:
            return address
        if head.web_page:
            return ""  # `- [Five Habits Worth Keeping | A. Blogger](https://a-blogger.example/...)`
        if head.duration and not (head.read_phrase or head.set_off or head.paper_links):
            # `- _2 hours_ Trying to train the model on Colab`: a time log's task.
            return ""
        if head.read_phrase and title:
            # `- _1.5 hours_ Read the Pix2Vox paper`: the line says which paper it read.
            return "a line saying it read the paper it names"
        if head.status_lead and not head.urls and not _title_cased(title):
            # `**Done** Finish the solver port`: a work log's goal, ticked off in bold.
            return ""
        if head.quoted:
            if book_like(head):
                self.note("《titles》 in Chinese with no paper link or paper talk were read as books")
                return ""
            return "a 《quoted》 title"
        if head.paper_links and title and not generic(title):
            return "links to a paper"
        if ctx.listing or overview(head) or _cited_in_prose(head) or len(_NON_WORD.sub("", title)) < 2:
            # `- notes on it, after [Another Title]()`: a reference in a sentence; `[X]()`: a
            # placeholder.
            return ""
        notes = head.titles_notes or in_own_repo(head, ctx.own_repos)
        if names_its_notes(head, ctx.own_repos) or (notes and among_papers and not CHORE.match(title)):
            return "names a paper and links the notes on it"
        if head.set_off and (head.urls or head.year) and title_like(title, min_words=2):
            return "a reference-list entry (its title set off in bold or quotes)"
        if head.resource == "repo" and (head.venue or head.year) and title_like(title, min_words=3):
            # `[Learning Representations by Back-propagating Errors](github.com/...) (Nature 1986)`: a
            # paper known by its code, dated and placed like the papers around it.
            return "a title with a venue or year, linking to its code"
        if head.resource:
            return ""
        if head.set_off and head.authors and title_like(title, min_words=1):
            return "a title set off, followed by its authors"
        if head.short_name is not None and title_like(title, min_words=3) and not (
            CHORE.match(title) or PROSE.search(head.plain.strip())
        ):
            # `- **[UpdateNet]** Learning the Model Update ...`, `- **[]** Real-time tracking via
            # ...`: a log that opens every entry with a short name in bold brackets.
            return "a title after its short name in bold brackets"
        if head.labelled and head.urls and title_like(title, min_words=1):
            return "a line labelled as naming a paper"
        if TALKS_OF_PAPERS.search(head.plain):
            return ""
        real_links = [link for link in head.links if not is_anchor(link.href)]
        titled = title_like(title, min_words=2) or among_papers or head.year or head.venue
        if real_links and title and not has_cjk(title[:1]) and titled and not _names_a_site(head):
            return "a titled link"
        if among_papers and re.fullmatch(r"\[[^\]\[]+\]", head.plain.strip()) and title:
            return "a bracketed name among linked papers"
        if CHORE.match(title) or STUDY_CUE.search(title) or RESOURCE_PREFIX.match(head.plain):
            return ""
        if head.venue and head.year and not head.urls and title_like(title, min_words=2):
            # `- Neural Programmer-Interpreters, ICLR 2016`: a short title cited with its venue.
            return "a title with its venue and year"
        if self.timelog and not (head.checkbox is not None or head.marks or head.year or head.venue):
            # In a time log, a line names a paper when it says it read it or links it; the
            # rest are tasks ("Setting Up The Cluster"), however capitalised, and its header.
            return ""
        if title_like(title, min_words=3):
            if (head.checkbox is not None or head.marks or ctx.status or head.year or head.venue
                    or head.rating or ctx.linked_means_read):
                return "a title with a status, date, year or venue"
            if ctx.date and not PROSE.search(head.plain.strip()) and capital_ratio(title) >= 0.5:
                # Under a date, only the bullet's own words tell a title from a diary line
                # ("Rebuild my software on the cluster", "Get the analysis suite running"):
                # a title is not in the first person and capitalises most of its words.
                return "a title with a status, date, year or venue"
            if len(words(title)) >= 4 and capital_ratio(title) >= 0.6 and not has_cjk(head.remark):
                # A term glued to a sentence in another script (`Fréchet Inception Distance得分`)
                # is part of that sentence, not a title.
                self.note("title-cased bullets with no link were read as papers")
                return "a title-cased bullet"
        return ""

    # -- tables ----------------------------------------------------------------------------

    def table(self, block: Block, ctx: Context) -> Found:
        from paperlog.importers.tables import read_table

        return read_table(self, block, ctx)


_NON_WORD = re.compile(r"[\W_]+")


def _title_link(head: Head) -> Link | None:
    """The link whose text holds the title: `[Title](...)`."""
    return next((link for link in head.links if head.title and head.title in link.text), None)


def _cited_in_prose(head: Head) -> bool:
    """`- 这是实现细节，见 [Title]()`, `- as I wrote in my [Cluster Log](...)`: the title's
    link comes after words of a sentence (three words, or four characters in Chinese), so
    the line cites it; a label such as `Paper:` or a year is not a sentence. (Asked only of
    links that do not lead to a paper: `- 前作是 [Title](arxiv)` introduces one.)"""
    link = _title_link(head)
    if link is None:
        return False
    before = head.plain[: head.plain.find(link.text)].strip()
    if not before or before.endswith((":", "：")):
        return False
    return len(words(before)) >= 3 or cjk_count(before) >= 4


def _names_a_site(head: Head) -> bool:
    """`[Cooking Recipes](https://example.org/recipes/)`: one or two plain words (no
    acronym, digit or inner capital) linking to a web page that is not a paper, a PDF or
    notes name a website, not a paper."""
    found = words(head.title)
    if not 1 <= len(found) <= 2 or re.search(r"\d", head.title) or head.year or head.venue:
        return False
    if not all(w == w.lower() or w == w.capitalize() for w in found):
        return False
    link = _title_link(head)
    href = link.href.strip() if link is not None else ""
    return href.startswith(("http://", "https://")) and resource_kind(href) is None and not (
        is_paper_link(href) or is_notes_link(href) or re.search(r"\.pdf(?:[?#]|$)", href, re.I)
    )


def _is_pdf(url: str) -> bool:
    return url.split("?")[0].lower().endswith(".pdf")


def _take_links_below(head: Head, below: list[Head]) -> None:
    """A named bullet takes its sub-items' links, the venue and year their labels state
    (`pdf: NIPS 2013`), and their status: the ticks of the paper link's item, else all of
    them; with no box, a link labelled as notes says it was read."""
    for sub in below:
        head.urls += [url for url in sub.urls if url not in head.urls]
        head.venue = head.venue or sub.venue
        head.year = head.year or sub.year
        head.marks += sub.marks
    boxes = [sub.checkbox for sub in below if sub.checkbox is not None]
    paper_box = next((sub.checkbox for sub in below if sub.checkbox is not None and (
        sub.paper_links or any(_is_pdf(u) for u in sub.urls))), None)
    if head.checkbox is None and boxes:
        head.checkbox = paper_box if paper_box is not None else all(boxes)
    elif head.checkbox is None and not head.marks and any(
        _NOTES_LABEL.search(link.text) for sub in below for link in sub.links
    ):
        head.marks.append(Status.READ)


_NOTES_LABEL = re.compile(r"notes?\b|笔记", re.I)


_ORDER_PREFIX = re.compile(r"^\d{1,2}-(?=[^\W\d_])")
_TIMED_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+[*_]{0,2}")
_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+\S")


def _is_timelog(lines: list[str]) -> bool:
    """Do five bullets or more, and half of all, open with a duration (`- _2 hours_ ...`)?"""
    items = timed = 0
    for line in lines:
        if _ITEM.match(line):
            items += 1
            opening = _TIMED_ITEM.match(line)
            rest = line[opening.end():] if opening else ""
            timed += bool(DURATION.match(rest.replace("_", " ").replace("*", " ")))
    return timed >= 5 and 2 * timed >= items


def _bare_address(inner: Found) -> Draft | None:
    """The first of the papers found under a heading when every one is a paper's address
    alone (its title only its id): the heading is then that paper's name, the addresses
    its links."""
    if not inner.drafts or not all(
        d.head.url_led and is_id_title(d.head.title, d.head.ids()) for d in inner.drafts
    ):
        return None
    return inner.drafts[0]


def _names_its_address(head: Head, inner: Found) -> bool:
    """A heading in title case (two words or more) over the addresses of one paper only."""
    papers = {tuple(sorted(d.head.ids().items())) for d in inner.drafts}
    return len(papers) == 1 and title_like(head.title, min_words=2) and capital_ratio(head.title) >= 0.6


def _lists_entries(sec: Section, lines: list[str]) -> bool:
    """Does the section (or one under it) hold a list of two or more linked entries, each
    item opening with a link of its own? Such a heading groups them (repositories, sites),
    even when none is a paper; it names no paper."""
    for block in (block for part in sections(sec) for block in part.blocks):
        if block.kind not in _LISTS:
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


def _address_verdict(head: Head) -> str | None:
    """A line opening with a paper's bare address (`https://arxiv.org/pdf/2004.05150.pdf
    著名 longformer`): a paper when the address names it by an id or is a PDF (its title is
    the name after it, or the id); not a paper when it leads to a page of a paper site that
    is no paper (`https://2023.aclweb.org/program/best_papers/`). None: not such a line."""
    if not head.url_led or not (is_paper_link(head.url_led) or head.url_led.startswith("file:")):
        return None
    if head.title and (ids_from_url(head.url_led) or _PDF.search(head.url_led)):
        return "a paper's address on a line of its own"
    return ""


_PDF = re.compile(r"\.pdf(?:[?#].*)?$", re.I)


def _title_cased(title: str) -> bool:
    """A title in title case: three words or more, nearly all of them capitalised."""
    return title_like(title, min_words=3) and capital_ratio(title) >= 0.8


def _is_legend_section(sec: Section) -> bool:
    return (
        sec.heading is not None
        and LEGEND_HEADING.fullmatch(topic_name(sec.heading.content).lower()) is not None
        and not sec.subsections
    )


def _dated_note(ctx: Context) -> str:
    if ctx.date is None:
        return "study notes with no paper named"
    date = ctx.date.date
    # `--02-16`: ISO 8601's way of writing a day with no year.
    when = (str(date.year) if ctx.date.year_only else f"--{date:%m-%d}" if ctx.date.no_year
            else date.isoformat())
    return f"study notes of {when} with no paper named (kept under that date)"
