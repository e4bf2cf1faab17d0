"""Read a whole notebook: walk it, make paper records, merge repeats, find data faults.

`read_notebook(text, source)` is the importer's pure core: text in, `Notebook` out, no
files touched. It calls the structure walk (`classify.Walker`), turns each draft into an
`ImportedPaper` (status, dates, year, venue, ids, notes, insights), merges a paper that
appears twice, reports faults (one id under two titles, malformed links, a stated count
that disagrees, gaps in numbering), and keeps every line no paper owns as leftover.
"""

from __future__ import annotations

import gc
import re
from dataclasses import replace

from paperlog.config import LibrarySettings
from paperlog.ids import is_id_title
from paperlog.importers.classify import Walker
from paperlog.importers.cues import in_own_repo, only_links, own_repositories
from paperlog.importers.drafts import Context, Draft
from paperlog.importers.head import read_head
from paperlog.importers.headings import context_year
from paperlog.importers.markdown import Block, Outline, Section, dedent
from paperlog.importers.posts import (
    NOTES_PREFIX,
    apply_front_matter,
    parse_with_toml_front_matter,
    read_front_matter,
    single_paper,
)
from paperlog.importers.records import ImportedPaper, Notebook, OtherItem, conflict
from paperlog.importers.venues import VENUE_YEAR, VENUES, canonical_venue, full_year
from paperlog.importers.verdicts import WRITE_UP_WHY
from paperlog.model import Status
from paperlog.text import normalize_title

DEFAULT_INSIGHT_MARKERS = LibrarySettings.insight_markers
_RANK = {Status.TO_READ: 0, Status.DROPPED: 1, Status.READING: 2, Status.READ: 3}
_BULLET = re.compile(r"^\s*(?:(?:[*+-]|\d{1,9}[.)])\s+)?")
PLACEHOLDER = "{{{{paper:{}}}}}"
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})(?:[.\-/]\d{1,2})?\s*(?:年)?\s*(?:的)?\s*([A-Za-z]{3,})?")
_COUNT = re.compile(
    r"(?:total\s*(?:count)?|papers?\s+(?:read|count)|count|总数|总计|共计)\s*[:：=]?\s*(\d{1,5})\b",
    re.I,
)
_CONVENTION_LINK = re.compile(r"link|链接|超链接", re.I)
_CONVENTION_TODO = re.compile(r"todo|to[- ]read|unread|not (?:yet )?read|未读|待读|没读|还没", re.I)


def read_notebook(
    text: str, source: str, *, insight_markers: tuple[str, ...] = DEFAULT_INSIGHT_MARKERS
) -> Notebook:
    """Everything a careful reader finds in a notebook's text (LF line ends)."""
    # Reading a big notebook makes hundreds of thousands of small objects that never form
    # cycles; the cyclic collector would scan them again and again (15% of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_notebook(text, source, insight_markers)
    finally:
        if enabled:
            gc.enable()


#: A zero-width space before a line's indent (`\u200b\t`), as some editors write an indented
#: paragraph: Markdown would see text at column 0, the writer meant the indent.
_INVISIBLE_INDENT = re.compile(r"^[\u200b\ufeff]+(?=[ \t])", re.M)


def _read_notebook(text: str, source: str, insight_markers: tuple[str, ...]) -> Notebook:
    if "\u200b" in text or "\ufeff" in text:
        text = _INVISIBLE_INDENT.sub("", text)
    outline = parse_with_toml_front_matter(text)
    lines = outline.lines
    fm_end = outline.front_matter.end if outline.front_matter else 0
    fm = read_front_matter(lines, fm_end) if fm_end else {}
    fm_title = fm.get("title")
    walker = Walker(outline, title=str(fm_title or ""))
    if walker.day_months:
        walker.log_year, where = context_year(source, fm.get("date"), text)
        walker.note(
            f"headings giving only a day and a month were dated in {walker.log_year}, "
            f"the year {where} gives" if walker.log_year else
            "headings giving only a day and a month are dated sections with no read date: "
            "the notebook names no year"
        )
    preamble_end = min(
        (b.start for b in _all_blocks(outline.root) if b.kind in {"bullet_list", "ordered_list", "table"}),
        default=len(lines),
    )
    convention = linked_means_read("\n".join(lines[fm_end:preamble_end]))
    if convention:
        walker.note("the preamble says linked entries are read and plain ones are not: statuses follow it")
    found = walker.walk(Context(linked_means_read=convention, own_repos=own_repositories(lines)))
    drafts = found.drafts
    if not drafts:
        single = single_paper(outline, walker)
        if single is not None:
            drafts = [single]
            found.others = [o for o in found.others if o[2] < single.line or o[0] in {"title"}]
    elif len(drafts) == 1 and fm_title and normalize_title(drafts[0].head.title) == normalize_title(
        NOTES_PREFIX.sub("", str(fm_title))
    ):
        # A post about one paper: its front matter describes that paper.
        apply_front_matter(drafts[0], fm)

    notebook = Notebook(source=source, text=text)
    records = _Records(notebook.faults)
    # A dated log that ticks the papers it read (`- [x] Title`) beside papers with no box: the
    # ticks, not the dates, say what was read.
    walker.ticked_log = any(d.head.checkbox and d.ctx.date for d in drafts) and not any(
        d.head.checkbox is False for d in drafts
    )
    if _publication_months(drafts):
        # `#### 2015-11` over arXiv papers of 2015-11: the month they came out, not read.
        for draft in drafts:
            if draft.ctx.date is not None and not draft.ctx.date.precise:
                draft.head.year = draft.head.year or draft.ctx.date.date.year
                draft.ctx = replace(draft.ctx, date=None)
        found.others = [
            (kind, text_, line, "a month its papers came out (their arXiv ids say so)" if kind == "date"
             else why) for kind, text_, line, why in found.others
        ]
        walker.note("month headings that match the arXiv ids of the papers under them were read "
                    "as the months the papers came out, not as reading dates")
    placed = [records.add(_paper_from(d, lines, insight_markers, walker)) for d in drafts]
    slot_of_draft = [slot for slot, _ in placed]
    notebook.papers = records.papers

    owned: set[int] = set()
    for draft, (_, repeated) in zip(drafts, placed, strict=True):
        owned.update(range(draft.line, draft.head_end))
        if repeated:  # the same notes again: they stay where they were written, in the notes file
            continue
        for start, end, _ in draft.parts:
            owned.update(range(start, end))
    others = [OtherItem(kind, text_, line + 1, why) for kind, text_, line, why in found.others
              if line not in owned or kind in {"date", "topic", "status-heading"}]
    if outline.front_matter is not None:
        others.insert(0, OtherItem("front-matter", str(fm_title or "")[:200], 1,
                                   "the post's own metadata (Jekyll/Hugo front matter)"))
    notebook.other = sorted(others, key=lambda item: item.line)

    _report_faults(notebook, drafts, lines, owned, outline)
    for line, stated, held in walker.miscounts:
        notebook.faults.append(f"line {line + 1}: the heading states a count of {stated} but its "
                               f"section holds {held} papers")
    if any(_RELATIVE_IMAGE.search(paper.notes) for paper in notebook.papers):
        walker.note(
            "images with relative paths (such as pic/figure.png) were kept as written: they point "
            "next to the notebook, so copy that folder beside papers/ to see them"
        )
    if any(item.kind == "study-note" for item in notebook.other):
        walker.note("text under a date that names no paper was kept as study notes of that date")
    notebook.ambiguities = walker.ambiguities
    notebook.leftover, notebook.outline = _leftover(lines, owned, drafts, slot_of_draft, fm_end)
    return notebook


_RELATIVE_IMAGE = re.compile(r"!\[[^\]]*\]\((?![a-z]+:|/|#)|<img\s[^>]*src=[\"'](?![a-z]+:|/)", re.I)


def _all_blocks(section: Section) -> list[Block]:
    found = list(section.blocks)
    for sub in section.subsections:
        found.extend(_all_blocks(sub))
    return found


_LINK_LINE = re.compile(
    r"^\s*(?:[*+-]\s+)?(?:\*\*)?(?:paper|link|pdf|arxiv|url|doi|论文|链接|地址|原文)(?:\*\*)?\s*[:：]\s*(.+)$",
    re.I,
)


def _link_line_urls(body: str) -> list[str]:
    """The URL of a `Paper: <url>` / `Link: [arXiv](url)` line near the top of the notes."""
    for line in [line for line in body.split("\n") if line.strip()][:6]:
        match = _LINK_LINE.match(line)
        if match is None and "](" not in line and "://" not in line:
            continue  # no link on the line: not worth reading it as a head
        head = read_head(match.group(1) if match else line.strip())
        if not match and not (head.links and only_links(head)):
            continue
        urls = head.paper_links or [u for u in head.urls if u]
        if urls:
            return urls
    return []


def _publication_months(drafts: list[Draft]) -> bool:
    """Do the month headings date the papers' arXiv ids (`#### 2015-11` over `1511.06279`)?
    Ten papers or more under months, and four in five of them submitted in that month."""
    dated = [
        (d.ctx.date.date, arxiv) for d in drafts
        if d.ctx.date is not None and not d.ctx.date.precise and d.head.date is None
        and (arxiv := d.head.ids().get("arxiv")) and _NEW_ARXIV.match(arxiv)
    ]
    same = sum(1 for date, arxiv in dated if arxiv[:4] == f"{date.year % 100:02d}{date.month:02d}")
    return len(dated) >= 10 and 5 * same >= 4 * len(dated)


_NEW_ARXIV = re.compile(r"\d{4}\.\d{4,5}")


def _paper_from(draft: Draft, lines: list[str], markers: tuple[str, ...], walker: Walker) -> ImportedPaper:
    head = draft.head
    body = note_lines(lines, draft.parts)
    pieces = [piece for piece in (head.remark, *draft.cell_notes, body) if piece.strip()]
    notes = "\n\n".join(pieces)
    ctx = draft.ctx
    if head.date is not None:
        ctx = replace(ctx, date=head.date, status=None)
    status = head.status
    if status is None:
        if ctx.status is not None:
            status = ctx.status
        elif ctx.date is not None and not walker.ticked_log:
            status = Status.READ
        elif ctx.date is not None and body.strip():
            walker.note("in a dated log that ticks the papers it read, a paper with no box was "
                        "taken as read when it has notes, to-read when it has none")
            status = Status.READ
        elif ctx.date is not None:
            status = Status.TO_READ
        elif ctx.linked_means_read:
            status = Status.READ if head.urls else Status.TO_READ
        elif (head.titles_notes or head.links_notes or in_own_repo(head, ctx.own_repos)
              or draft.why == WRITE_UP_WHY):
            # Its name, or a `[note]` link beside it, leads to the owner's notes on it: read,
            # whatever is written here.
            status = Status.READ
        else:
            status = Status.READ if body.strip() else Status.TO_READ
            walker.note(
                "papers with no status mark were taken as read when they have notes, "
                "to-read when they have none"
            )
    tags = list(draft.tags)
    if head.queried and status is Status.TO_READ and ctx.date is not None:
        # `__2017-04-12__: [Title](...) :question:` in a dated log: read that day, with
        # questions left; the mark is kept as a tag.
        status = Status.READ
        tags.append("question")
    year, venue = head.year, head.venue
    first_line = next((line for line in notes.split("\n") if line.strip()), "")
    if first_line and (year is None or venue is None):
        stated_year, stated_venue = leading_year(_BULLET.sub("", first_line))
        year = year or stated_year
        venue = venue or stated_venue
    first_note = _BULLET.sub("", next((line for line in body.split("\n") if line.strip()), "")).strip()
    opening = VENUE_YEAR.match(first_note)
    if opening and re.match(r"\s*(?:$|[,，、;；(（])", first_note[opening.end():]) and (
        year is None or venue is None
    ):
        # `- ICCV 2019` / `- CVPR 2019、已开源` as the first note: where and when it appeared.
        venue = venue or canonical_venue(opening.group(1), opening.group(2))
        year = year or full_year(opening.group(2))
    if not head.urls:
        head.urls = _link_line_urls(body)
    # `url` is the paper itself: a paper link, or a PDF; a forum or blog link stays in `links`.
    candidates = [head.title_href] if head.title_href else head.paper_links or [
        u for u in head.urls
        if u.startswith(("http://", "https://")) and u.split("?")[0].lower().endswith(".pdf")
    ]
    url = candidates[0] if candidates else None
    # A paper listed under a date but still to read was found then, not read then.
    read_on = ctx.date.date if ctx.date and ctx.date.known and status is not Status.TO_READ else None
    if ctx.date is not None and ctx.date.year_only:
        walker.note("papers under a year among month-dated sections were taken as read, with no read date")
    elif ctx.date is not None and not ctx.date.precise:
        walker.note("dates that give only a month were read as the 1st of that month")
    return ImportedPaper(
        title=head.title,
        line=draft.line + 1,
        authors=list(draft.authors or head.authors),
        tags=tags,
        status=status,
        ids=head.ids(),
        url=url,
        links=[u for u in head.urls if u],
        year=year,
        venue=venue,
        topics=["/".join(ctx.topics)] if ctx.topics else [],
        read_on=read_on,
        read_dates=[read_on] if read_on else [],
        rating=head.rating,
        notes=notes,
        insights=_insights(notes, markers),
        head="\n".join(lines[draft.line : draft.head_end]).strip(),
        why=draft.why,
    )


def _insights(notes: str, markers: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    if not any(marker in notes for marker in markers):
        return found
    for line in notes.split("\n"):
        text = _BULLET.sub("", line).strip()
        for marker in markers:
            if text.startswith(marker):
                found.append(text[len(marker):].strip())
                break
    return found


class _Records:
    """The papers found so far, indexed by normalised title and by id for merging repeats."""

    def __init__(self, faults: list[str]) -> None:
        self.papers: list[ImportedPaper] = []
        #: Every record under one normalised title: the same title can name different works.
        self.by_title: dict[str, list[int]] = {}
        self.by_id: dict[tuple[str, str], int] = {}
        self.faults = faults

    def add(self, paper: ImportedPaper) -> tuple[int, bool]:
        """Put `paper` in, merged into an earlier record of the same paper: its slot, and
        whether its notes were already there (a repeat, whose text the record does not take)."""
        from rapidfuzz import fuzz

        norm = normalize_title(paper.title)
        namesakes = self.by_title.get(norm, [])
        for same in namesakes:
            if conflict(self.papers[same], paper) is None:
                return same, self._merge(same, paper)
        if namesakes:
            other = self.papers[namesakes[0]]
            self.faults.append(
                f"line {paper.line}: {paper.title!r} has the same title as line {other.line} but "
                f"{conflict(paper, other)}: kept as two papers"
            )
        for kind, value in list(paper.ids.items()):
            slot = self.by_id.get((kind, value))
            if slot is None:
                continue
            other = self.papers[slot]
            if fuzz.token_set_ratio(normalize_title(other.title), norm) >= 90 or (
                # `arXiv:1907.12412` stands in for the title of the paper with that id.
                is_id_title(paper.title, paper.ids) or is_id_title(other.title, other.ids)
            ):
                if is_id_title(other.title, other.ids) and not is_id_title(paper.title, paper.ids):
                    other.title = paper.title  # (a repeat under this title still meets it by id)
                return slot, self._merge(slot, paper)
            self.faults.append(
                f"line {paper.line}: {paper.title!r} has the same {kind} id {value} as line "
                f"{other.line} {other.title!r} (kept on the first only)"
            )
            del paper.ids[kind]
            if paper.url and kind in _ids_of(paper.url):
                paper.url = None
        self.papers.append(paper)
        slot = len(self.papers) - 1
        self.by_title.setdefault(norm, []).append(slot)
        self._index_ids(slot)
        return slot, False

    def _merge(self, slot: int, paper: ImportedPaper) -> bool:
        repeated = _merge(self.papers[slot], paper)
        self._index_ids(slot)
        return repeated

    def _index_ids(self, slot: int) -> None:
        for kind, value in self.papers[slot].ids.items():
            self.by_id.setdefault((kind, value), slot)


def _ids_of(url: str) -> dict[str, str]:
    from paperlog.ids import ids_from_url

    return ids_from_url(url)


def _merge(into: ImportedPaper, other: ImportedPaper) -> bool:
    """Fold `other` into `into`; True when `other` has notes that `into` already holds."""
    repeated = bool(other.notes.strip()) and other.notes.strip() in into.notes
    if other.notes.strip() and not repeated:
        into.notes = (into.notes.rstrip() + "\n\n" + other.notes.strip()).strip()
    into.read_dates = sorted(set(into.read_dates) | set(other.read_dates))
    into.read_on = into.read_dates[0] if into.read_dates else into.read_on
    for topic in other.topics:
        if topic not in into.topics:
            into.topics.append(topic)
    for link in other.links:
        if link not in into.links:
            into.links.append(link)
    for kind, value in other.ids.items():
        into.ids.setdefault(kind, value)
    if _RANK[other.status] > _RANK[into.status]:
        into.status = other.status
    into.authors = into.authors or list(other.authors)
    into.url = into.url or other.url
    into.year = into.year or other.year
    into.venue = into.venue or other.venue
    into.rating = max(filter(None, (into.rating, other.rating)), default=None)
    into.insights += [i for i in other.insights if i not in into.insights]
    into.also_lines.append(other.line)
    into.head = into.head + "\n" + other.head
    return repeated


def _report_faults(notebook: Notebook, drafts: list[Draft], lines: list[str], owned: set[int],
                   outline: object) -> None:
    from paperlog.importers.markdown import Outline

    assert isinstance(outline, Outline)
    faults = notebook.faults
    for draft in drafts:
        number = draft.line + 1
        for bad in draft.head.malformed:
            what = "link with no target" if bad.endswith("]()") else "malformed link"
            faults.append(f"line {number}: {what} {bad!r}")
        raw = "\n".join(lines[draft.line : draft.head_end])
        # Numbering such as `1)` or `| 9)` opens nothing.
        without_urls = re.sub(r"^\s*(?:\|\s*)?(?:[*+-]\s+)?(?:#+\s*)?(?:\d{1,4}[.)]\s*)?", "", raw)
        for link in draft.head.links:
            without_urls = without_urls.replace(f"]({link.href})", "]")
        if without_urls.count("(") != without_urls.count(")"):
            faults.append(f"line {number}: unbalanced parentheses in {raw.strip()[:120]!r}")
    html: set[int] = set()
    for block in outline.root.blocks:
        if block.kind == "html_block":
            html.update(range(block.start, block.end))
    fm_end = outline.front_matter.end if outline.front_matter else 0
    free = "\n".join("" if i in owned or i in html or i < fm_end else line for i, line in enumerate(lines))
    stated = count_statements(free)
    titled = title_count(outline)
    if titled is not None and notebook.papers and titled[0] not in owned:
        stated.append(titled)
    for line, number in stated:
        if number != len(notebook.papers):
            faults.append(
                f"line {line + 1}: the notebook states a count of {number} but holds "
                f"{len(notebook.papers)} papers"
            )
    numbers = []
    for draft in drafts:
        match = re.match(r"^\s*#{1,6}\s*(\d{1,4})[.)]\s", lines[draft.line])
        if match:
            numbers.append(int(match.group(1)))
    if len(numbers) >= 5:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            shown = ", ".join(str(n) for n in missing[:10])
            faults.append(
                f"entries are numbered up to {max(numbers)} but {len(set(numbers))} are present "
                f"(missing: {shown})"
            )


def _leftover(lines: list[str], owned: set[int], drafts: list[Draft], slots: list[int],
              fm_end: int) -> tuple[str, str]:
    """The lines no paper owns: as plain text, and with placeholders where papers were."""
    heads = {draft.line: slot for draft, slot in zip(drafts, slots, strict=True)}
    plain: list[str] = []
    marked: list[str] = []
    for number, line in enumerate(lines):
        if fm_end and number < fm_end:
            if number == 0:
                fence = "```toml" if line.strip() == "+++" else "```yaml"
                plain.append(fence)
                marked.append(fence)
            elif number == fm_end - 1:
                plain.append("```")
                marked.append("```")
            else:
                plain.append(line)
                marked.append(line)
            continue
        if number in heads:
            marked.append(PLACEHOLDER.format(heads[number]))
        if number in owned:
            continue
        plain.append(line)
        marked.append(line)
    return _squeeze(plain), _squeeze(marked)


def _squeeze(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line.rstrip())
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + ("\n" if out else "")


def note_lines(lines: list[str], parts: list[tuple[int, int, int]]) -> str:
    """The notes of a paper: its line ranges, each dedented, as one Markdown text."""
    chunks: list[str] = []
    for start, end, amount in sorted(parts):
        chunk = dedent(lines[start:end], amount)
        while chunk and not chunk[-1].strip():
            chunk.pop()
        while chunk and not chunk[0].strip():
            chunk.pop(0)
        if chunk:
            chunks.append("\n".join(line.rstrip() for line in chunk))
    return "\n".join(chunks)


def leading_year(line: str) -> tuple[int | None, str | None]:
    """`2015 ICLR, ...` / `2017年的文章` at the start of a paper's first note line."""
    match = _LEADING_YEAR.match(line)
    if not match:
        return None, None
    venue = match.group(2)
    known = {v.lower(): v for v in VENUES}
    return int(match.group(1)), (canonical_venue(known[venue.lower()], match.group(1))
                                 if venue and venue.lower() in known else None)


def count_statements(text: str) -> list[tuple[int, int]]:
    """(line, number) for each "Total count: 20" a notebook states about itself."""
    found = []
    for number, line in enumerate(text.split("\n")):
        for match in _COUNT.finditer(line):
            found.append((number, int(match.group(1))))
    return found


#: `# **#PaperADay** - 13`, `# Papers read (42)`: a number closing the notebook's title.
_TITLE_COUNT = re.compile(r"\S\s*(?:\s[-–—:|]\s*|[(（]\s*)(\d{1,4})\s*[)）]?$")


def title_count(outline: Outline) -> tuple[int, int] | None:
    """(line, number) when the notebook's title (its one `#` heading) ends with a number,
    as hand-kept counts of a challenge or a list are written; a year is no count."""
    titles = [sec.heading for sec in outline.root.subsections
              if sec.heading is not None and sec.heading.level == 1]
    if len(titles) != 1 or outline.heading_levels.count(1) != 1:
        return None
    text = re.sub(r"[*_`#]", "", titles[0].content).strip()
    match = _TITLE_COUNT.search(text)
    if match is None or re.fullmatch(r"(?:19|20)\d{2}", match.group(1)):
        return None
    return titles[0].start, int(match.group(1))


def linked_means_read(text: str) -> bool:
    """Does the preamble say that linked entries are read (have notes) and plain ones are not?"""
    # Hard-wrapped prose puts one sentence over several lines: join them, then read sentences.
    sentences = (
        sentence
        for paragraph in re.split(r"\n\s*\n", text)
        for sentence in re.split(r"(?<=[.!?。！？])\s+", " ".join(paragraph.split("\n")))
    )
    return any(_CONVENTION_LINK.search(s) and _CONVENTION_TODO.search(s) for s in sentences)


__all__ = ["PLACEHOLDER", "read_notebook"]
