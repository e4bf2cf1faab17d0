"""The structure of a Markdown notebook: sections, lists, paragraphs, with their lines.

markdown-it-py parses the text into a token stream; this module folds it into a small
tree (`Block`) and groups the top-level blocks under their headings (`Section`). Every
node knows the source lines it spans (0-based, end exclusive), so the importer can hand
the user's own text to the paper it belongs to, byte for byte, instead of re-rendering
it. Inline content (a heading's or a bullet's first line) is read with `inline_parts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_CONTAINERS = {
    "bullet_list_open": "bullet_list",
    "ordered_list_open": "ordered_list",
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
    "table_open": "table",
    "tr_open": "row",
    "paragraph_open": "paragraph",
    "heading_open": "heading",
}
_SKIPPED = {"thead_open", "tbody_open", "th_open", "td_open"}


@dataclass
class Block:
    """One block of the notebook and the lines `[start, end)` it covers."""

    kind: str
    start: int
    end: int
    level: int = 0
    content: str = ""
    markup: str = ""
    info: str = ""
    children: list[Block] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)

    @property
    def first_paragraph(self) -> Block | None:
        if self.children and self.children[0].kind == "paragraph":
            return self.children[0]
        return None


@dataclass
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    heading: Block | None
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0


@dataclass
class Outline:
    """A parsed notebook: its lines, its optional front matter, and its section tree."""

    lines: list[str]
    root: Section
    front_matter: Block | None
    heading_levels: list[int]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The block parser: structure only. Inline content is read on demand, line by line,
    because a notebook's notes are kept as written and never need their inline tokens."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.use(front_matter_plugin).disable(["inline", "text_join", "reference"])


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"])
    md.normalizeLink = str  # type: ignore[method-assign,assignment]  # keep hrefs as written
    return md


def parse(text: str) -> Outline:
    """Parse `text` (LF line ends) into its outline."""
    top, front = blocks_of(text)
    return _outline(text.split("\n"), top, front)


def blocks_of(text: str) -> tuple[list[Block], Block | None]:
    """The top-level blocks of `text` (a tree), and its front matter block if any."""
    tokens = parser().parse(text)
    top: list[Block] = []
    stack: list[Block] = []
    front: Block | None = None
    for token in tokens:
        if token.nesting == 1:
            if token.type in _SKIPPED:
                continue
            kind = _CONTAINERS.get(token.type, token.type.removesuffix("_open"))
            start, end = token.map if token.map else (0, 0)
            block = Block(kind, start, end, markup=token.markup, info=token.info)
            if kind == "heading":
                block.level = int(token.tag[1:])
            (stack[-1].children if stack else top).append(block)
            stack.append(block)
        elif token.nesting == -1:
            if token.type.replace("_close", "_open") in _SKIPPED:
                continue
            if stack:
                stack.pop()
        elif token.type == "inline":
            if stack:
                parent = stack[-1]
                if parent.kind == "row":
                    parent.cells.append(token.content)
                elif not parent.content:
                    parent.content = token.content
        else:
            start, end = token.map if token.map else (0, 0)
            block = Block(token.type, start, end, content=token.content, markup=token.markup,
                          info=token.info)
            if token.type == "front_matter":
                front = block
                continue
            (stack[-1].children if stack else top).append(block)
    for block in top:
        _fix_table_rows(block)
    return top, front


def _outline(lines: list[str], top: list[Block], front: Block | None) -> Outline:
    root = Section(None, 0, len(lines))
    levels: list[int] = []
    open_sections = [root]
    for block in top:
        if block.kind == "heading":
            levels.append(block.level)
            while open_sections[-1].heading and open_sections[-1].level >= block.level:
                closed = open_sections.pop()
                closed.end = block.start
            section = Section(block, block.start, len(lines))
            open_sections[-1].subsections.append(section)
            open_sections.append(section)
        else:
            open_sections[-1].blocks.append(block)
    return Outline(lines, root, front, levels)


def _fix_table_rows(block: Block) -> None:
    """Table rows come with the table as parent; keep only rows (header first)."""
    if block.kind == "table":
        block.children = [child for child in block.children if child.kind == "row"]
    for child in block.children:
        _fix_table_rows(child)


# -- inline content ---------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link in a line: its text, its target, and where its text sits in the plain text."""

    text: str
    href: str
    begin: int
    end: int


_INLINE_SYNTAX = re.compile(r"[\[\]<>`*_~&\\!]")


@dataclass(frozen=True)
class Inline:
    """The plain text of a line (markup dropped, link texts kept) and its links."""

    plain: str
    links: tuple[Link, ...]
    images: tuple[str, ...]


def inline_parts(source: str) -> Inline:
    """Read one line of inline Markdown: the words a reader sees, and the links."""
    if not _INLINE_SYNTAX.search(source):
        return Inline(source, (), ())
    tokens = inline_parser().parseInline(source)
    children = tokens[0].children or [] if tokens else []
    out: list[str] = []
    links: list[Link] = []
    images: list[str] = []
    href: str | None = None
    link_start = 0
    for token in children:
        kind = token.type
        if kind in {"text", "code_inline"}:
            out.append(token.content)
        elif kind in {"softbreak", "hardbreak"}:
            out.append(" ")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            link_start = len("".join(out))
        elif kind == "link_close":
            plain = "".join(out)
            links.append(Link(plain[link_start:], href or "", link_start, len(plain)))
            href = None
        elif kind == "image":
            images.append(str(token.attrs.get("src", "")))
        elif kind == "html_inline":
            continue
    return Inline("".join(out), tuple(links), tuple(images))


_MARKER = re.compile(r"^(\s*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)")


def strip_list_marker(line: str) -> tuple[str, int]:
    """A list item's first line without its bullet, and the column where its text starts."""
    match = _MARKER.match(line)
    if not match:
        return line.strip(), len(line) - len(line.lstrip())
    return line[match.end():].rstrip(), match.end()


def strip_heading_marker(line: str) -> str:
    return re.sub(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$", "", line).strip()


def indent_of(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def dedent(lines: list[str], amount: int) -> list[str]:
    """Remove up to `amount` leading spaces from each line (lazy lines keep what they have)."""
    out = []
    for line in lines:
        if amount <= 0:
            out.append(line)
            continue
        expanded = line.expandtabs(4) if line.startswith("\t") or line.startswith(" \t") else line
        cut = min(amount, len(expanded) - len(expanded.lstrip(" ")))
        out.append(expanded[cut:])
    return out
