"""Lists of papers: Markdown bullet and numbered lists, HTML lists, `<details>` summaries.

`read_list` weighs each item's first line with `verdicts.item_is_paper`: a paper owns its
sub-items as notes, a bullet whose sub-items are only labelled links (`[pdf]`, `[code]`)
takes them as its links, and a bullet over papers gives them its name as a topic. The walk
(`classify.Walker`) hands these functions itself, as it does `tables.read_table`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlog.ids import id_title, is_id_title
from paperlog.importers.cues import CHORE, is_legend, named_kind, only_links
from paperlog.importers.drafts import Context, Draft, Found
from paperlog.importers.head import Head, joined_head, read_head
from paperlog.importers.headings import topic_name
from paperlog.importers.links import generic
from paperlog.importers.markdown import Block, indent_of, strip_list_marker
from paperlog.importers.titles import words
from paperlog.importers.verdicts import address_verdict, cited_in_prose, dated_note, item_is_paper, title_link
from paperlog.model import Status
from paperlog.text import cjk_count, has_cjk

if TYPE_CHECKING:
    from paperlog.importers.classify import Walker

#: The kinds of block that are Markdown lists.
LISTS = {"bullet_list", "ordered_list"}
_SUMMARY = re.compile(r"<summary>\s*([^<]{3,300}?)\s*</summary>", re.I)
#: `<li><details><summary><a href="...">Title</a>`: an HTML list entry opening with a link.
_HTML_ENTRY = re.compile(
    r"^\s*(?:<li>\s*)?(?:<details>\s*)?(?:<summary>\s*)?(?<=>)\s*<a\s+href=[\"']([^\"']+)[\"'][^>]*>"
    r"(.+?)</a>",
    re.I,
)
_ORDER_PREFIX = re.compile(r"^\d{1,2}-(?=[^\W\d_])")


def read_list(walker: Walker, block: Block, ctx: Context) -> Found:
    """The papers a list names, each owning the items under it, and what its other items
    are; a list nested under an item that names no paper is read the same way."""
    found = Found()
    items = [item for item in block.children if item.kind == "list_item"]
    heads = []
    for item in items:
        text, end = _item_text(walker.lines, item)
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
        raw = walker.lines[item.start].strip()
        if is_legend(head):
            walker.read_legend(head.plain)
            found.others.append(("legend", raw, item.start, "explains the status marks"))
            continue
        if head.anchor_only:
            why = "links to places in this page (a table of contents)"
            found.others.append(("toc", raw, item.start, why))
            continue
        below = _labelled_links_below(walker.lines, item, head)
        if below:
            # `* Word2Vec` over `- [x] [pdf: NIPS 2013](...)`, `- [x] [code](...)`: the
            # bullet names the paper, the items under it are its links.
            _take_links_below(head, below)
            verdict = "a name whose sub-items are its links (pdf, notes, code)"
        elif head.url_led and not addresses_only and is_id_title(head.title, head.ids()):
            verdict = ""
        else:
            verdict = item_is_paper(head, ctx, among_papers, timelog=walker.timelog, note=walker.note)
        if not verdict and citations and head.cited and head.title and not generic(head.title):
            verdict = "a citation (names, then the title in quotes) among citations"
        if verdict:
            draft = Draft(head, item.start, head_end, ctx, verdict)
            _, column = strip_list_marker(walker.lines[item.start])
            if head_end < item.end:
                draft.parts.append((head_end, item.end, column))
            found.drafts.append(draft)
            previous = draft
            continue
        nested = [child for child in item.children if child.kind in LISTS]
        if nested:
            label = head.title or head.plain
            inner_ctx = ctx
            if label and len(words(label)) + len(label) // 8 <= 8 and not has_cjk(label[:1]):
                inner_ctx = replace(ctx, topics=(*ctx.topics, topic_name(label)))
            inner = Found()
            for child in nested:
                inner.merge(read_list(walker, child, inner_ctx))
            if inner.drafts:
                found.others.append(("topic", raw, item.start, "a bullet grouping the papers under it"))
                found.merge(inner)
                previous = None
                continue
        own_entry = title_link(head) is not None and not cited_in_prose(head)
        if (previous is not None and head.checkbox is None and not head.resource
                and not own_entry and not head.duration):
            # A bullet under a paper's line is a note on it, unless it names a link of
            # its own (`[Cooking Recipes](...)`, `[X]()`): an entry, even if no paper.
            # (A time log's `- _2 hours_ ...` lines are entries of their own too.)
            column = indent_of(walker.lines[previous.line])
            previous.parts.append((item.start, item.end, column))
            continue
        kind = head.resource or named_kind(head) or (ctx.listing if head.urls else None) or (
            "chore" if head.checkbox is not None or ctx.status or head.status_lead else "remark"
        )
        if kind == "chore":
            walker.note("list items that name no paper title (topics, tasks) were kept as chores")
        if kind == "remark" and ctx.date:
            kind = "study-note"
        why = {
            "chore": "a task or topic, not a paper title",
            "remark": "a bullet that names no paper",
            "study-note": dated_note(ctx),
        }.get(kind, f"links to a {kind}, not a paper" if head.urls else f"a {kind}, not a paper")
        found.others.append((kind, raw, item.start, why))
    return found


def _labelled_links_below(lines: list[str], item: Block, head: Head) -> list[Head]:
    """The heads of an item's sub-items when every one is links under generic labels
    (`[pdf]`, `[reading-notes]`, `[code]`), one of them to a paper or a PDF, and the
    item itself is a bare name; none otherwise."""
    if head.urls or not head.title or generic(head.title) or CHORE.match(head.title):
        return []
    if len(words(head.title)) > 12 or cjk_count(head.title) > 20:
        return []
    below: list[Head] = []
    for child in item.children:
        if child.kind not in LISTS:
            continue
        for sub in child.children:
            if sub.kind != "list_item":
                continue
            sub_head = read_head(_item_text(lines, sub)[0])
            if not sub_head.links or not only_links(sub_head):
                return []
            below.append(sub_head)
    if not any(h.paper_links or any(_is_pdf(u) for u in h.urls) for h in below):
        return []
    return below


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


def _is_pdf(url: str) -> bool:
    return url.split("?")[0].lower().endswith(".pdf")


def _item_text(lines: list[str], block: Block) -> tuple[str, int]:
    """A list item's first line without the bullet (joined with the lines its title is
    wrapped over: `joined_head`), and the line after it."""
    line, _ = strip_list_marker(lines[block.start])
    para = block.first_paragraph
    return joined_head(line, lines, block.start + 1, para.end if para else block.start + 1)


def read_html_list(walker: Walker, block: Block, ctx: Context) -> Found:
    """An HTML list of papers: each `<li>` or `<details>` opening with a link is an entry
    (read like the bullet `[text](href)`); the body of its `<details>` is its notes."""
    found = Found()
    entries = []
    for number in range(block.start, block.end):
        match = _HTML_ENTRY.match(walker.lines[number])
        if match:
            link = f"[{re.sub(r'<[^>]+>', '', match.group(2)).strip()}](<{match.group(1)}>)"
            entries.append((number, read_head(link), match.group(0)))
    among_papers = any(h.paper_links or h.titles_notes for _, h, _ in entries)
    for number, head, opening in entries:
        verdict = item_is_paper(head, ctx, among_papers, timelog=walker.timelog, note=walker.note)
        if not verdict:
            continue
        draft = Draft(head, number, number + 1, ctx, f"an HTML list entry that {verdict}")
        if "<details" in opening:
            end = next((n for n in range(number, block.end) if "</details>" in walker.lines[n]),
                       number)
            if end > number:
                draft.parts.append((number + 1, end + 1, indent_of(walker.lines[number + 1])))
        found.drafts.append(draft)
    return found


def summary_entry(walker: Walker, blocks: list[Block], index: int, ctx: Context) -> Draft | None:
    """`<details><summary>Title</summary>` then a paragraph of the paper's bare address:
    one paper, named by the summary (what follows the address is its remark)."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    match = _SUMMARY.search(walker.text_of(block.start, block.end))
    if match is None or following is None or following.kind != "paragraph":
        return None
    address = read_head(walker.lines[following.start].strip())
    if not address_verdict(address) or not words(match.group(1)):
        return None
    head = read_head(f"[{match.group(1).strip()}](<{address.url_led}>)")
    named = "" if address.title == id_title(address.ids()) else address.title
    head.remark = " ".join(part for part in (named, address.remark) if part)
    line = next(n for n in range(block.start, block.end) if "<summary" in walker.lines[n].lower())
    # The summary and the address are its head; `</details>` after them is layout.
    return Draft(head, line, following.end, ctx, "a <details> summary naming a paper, its address below")
