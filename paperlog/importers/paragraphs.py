"""Paragraphs as paper entries: where a paragraph is cut into entries, and what each is.

`paragraph_groups` cuts a paragraph where a plain-text log starts an entry (`Title` over
indented notes, or a paper on every line); `paragraph_group` says what one group is: a paper
(by `verdicts.paragraph_is_paper`, or shaped like the paper paragraphs beside it, see
`paper_shapes`), a date or a status over what follows, a legend, or a note. The walk
(`classify.Walker`) hands these functions itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperlog.importers.cues import PROSE, body_resource, entry_shape, is_legend, named_kind, paper_entry_line
from paperlog.importers.dates import LooseDate
from paperlog.importers.drafts import Context, Draft
from paperlog.importers.head import Head, joined_head, read_head
from paperlog.importers.headings import date_line, status_heading
from paperlog.importers.lists import LISTS
from paperlog.importers.markdown import Block, indent_of
from paperlog.importers.titles import title_like
from paperlog.importers.verdicts import dated_note, paragraph_is_paper
from paperlog.model import Status

if TYPE_CHECKING:
    from paperlog.importers.classify import Walker


def paragraph_groups(lines: list[str], block: Block) -> list[tuple[int, int]]:
    """A paragraph cut where a line at its own indent is followed by indented lines:
    the `Title` / `    notes...` pattern of plain-text logs; and cut at every line
    when each line names a paper of its own."""
    base = indent_of(lines[block.start])
    numbers = [n for n in range(block.start, block.end) if lines[n].strip()]
    if len(numbers) > 1 and all(
        indent_of(lines[n]) == base and paper_entry_line(lines[n]) for n in numbers
    ):
        # `❓ [Title A](...)` then `✅ [Title B](...)` on the next line: each its own paper.
        return [(n, n + 1) for n in numbers]
    starts = [block.start]
    for number in range(block.start + 1, block.end):
        line = lines[number]
        if line.strip() and indent_of(line) <= base:
            nxt = lines[number + 1] if number + 1 < block.end else ""
            prev = lines[number - 1]
            if (nxt.strip() and indent_of(nxt) > base) or indent_of(prev) > base:
                starts.append(number)
    bounds = [*starts[1:], block.end]
    return list(zip(starts, bounds, strict=True))


def _paragraph_head(walker: Walker, start: int, end: int) -> tuple[str, Head, int]:
    """A paragraph's head line (joined with the lines its title is wrapped over), read,
    and the line after it."""
    cached = walker.heads.get((start, end))
    if cached is not None:
        return cached
    raw, head_end = joined_head(walker.lines[start].strip(), walker.lines, start + 1, end)
    walker.heads[(start, end)] = raw, read_head(raw), head_end
    return walker.heads[(start, end)]


def _paragraph_body(lines: list[str], head_end: int, end: int, following: Block | None) -> list[str]:
    body = [line.strip() for line in lines[head_end:end] if line.strip()]
    if not body and following is not None and following.kind in {"paragraph", "code_block"}:
        body = [lines[following.start].strip()]
    return body


def paper_shapes(walker: Walker, blocks: list[Block], ctx: Context) -> set[tuple[bool, bool, bool, bool]]:
    """The shapes (see `entry_shape`) of the paragraphs among `blocks` that name a paper by
    themselves: a paragraph of the same shape beside them is an entry of the same list."""
    paragraphs = [(i, b) for i, b in enumerate(blocks) if b.kind == "paragraph"]
    if len(paragraphs) < 2:
        return set()
    kept = list(walker.ambiguities)
    shapes = set()
    for index, block in paragraphs:
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        for start, end in paragraph_groups(walker.lines, block):
            _, head, head_end = _paragraph_head(walker, start, end)
            shape = entry_shape(head)
            if shape is not None and shape not in shapes and paragraph_is_paper(
                head, _paragraph_body(walker.lines, head_end, end, following), ctx,
                timelog=walker.timelog, note=walker.note,
            ):
                shapes.add(shape)
    walker.ambiguities = kept  # the walk proper says what it finds ambiguous
    return shapes


def paragraph_group(
    walker: Walker, start: int, end: int, following: Block | None, ctx: Context,
    shapes: set[tuple[bool, bool, bool, bool]],
) -> Draft | LooseDate | Status | tuple[str, str, int, str] | None:
    """What the lines `start` to `end` of a paragraph are: a paper's draft, a date or a
    status for what follows them, or another item (its kind, text, line and why)."""
    raw = walker.lines[start].strip()
    date = date_line(raw)
    if date is not None:
        return date
    if raw.lower() in {"[toc]", "[[toc]]", "{:toc}", "${toc}"}:
        return ("toc", raw, start, "a table-of-contents marker")
    if end == start + 1 and len(raw) <= 40 and following is not None and (
        following.kind in LISTS and not "".join(walker.lines[end:following.start]).strip()
    ):
        label = status_heading(raw)
        if label is not None:
            return label
    raw, head, head_end = _paragraph_head(walker, start, end)
    body = _paragraph_body(walker.lines, head_end, end, following)
    if is_legend(head):
        walker.read_legend(head.plain)
        return ("legend", raw, start, "explains the status marks")
    if head.anchor_only:
        return ("toc", raw, start, "links to places in this page (a table of contents)")
    verdict = paragraph_is_paper(head, body, ctx, timelog=walker.timelog, note=walker.note)
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
            amount = min((indent_of(line) for line in walker.lines[head_end:end] if line.strip()),
                         default=0)
            draft.parts.append((head_end, end, amount))
        return draft
    kind = head.resource or body_resource(body) or named_kind(head) or (
        "chore" if ctx.status else "study-note" if ctx.date else "intro" if not ctx.topics else "remark"
    )
    why = {
        "study-note": dated_note(ctx),
        "chore": "a task, not a paper",
        "intro": "the notebook's introduction",
        "remark": "text under a topic that names no paper",
    }.get(kind, f"links to a {kind}, not a paper" if head.urls else f"a {kind}, not a paper")
    return (kind, raw, start, why)
