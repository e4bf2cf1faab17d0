"""The structure of a Markdown notebook: sections, lists, paragraphs, with their lines.

markdown-it parses the text into a syntax tree (markdown-it-pyrs, its Rust build, when
installed; markdown-it-py's token stream otherwise); this module folds it into a small
tree (`Block`) and groups the top-level blocks under their headings (`Section`). Every
node knows the source lines it spans (0-based, end exclusive), so the importer can hand
the user's own text to the paper it belongs to, byte for byte, instead of re-rendering
it. Inline content (a heading's or a bullet's first line) is read with `inline_parts`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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


def parse(text: str, *, backend: str | None = None) -> Outline:
    """Parse `text` (LF line ends) into its outline.

    `backend` is "rs" (markdown-it-pyrs, the Rust build of the same parser: about twenty
    times faster, used when installed) or "py" (markdown-it-py). Both give the same tree;
    a test holds them to it on every test notebook.
    """
    lines = text.split("\n")
    if backend is None:
        backend = "rs" if _rust_parser() is not None else "py"
    top, front = blocks_of_rs(text, lines) if backend == "rs" else blocks_of(text)
    return _outline(lines, top, front)


@lru_cache(maxsize=1)
def _rust_parser() -> Any:
    try:
        from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    except ImportError:  # pragma: no cover - the package is a dependency; this is a fallback
        return None
    return RustMarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter"])


_RS_KINDS = {"bullet_list", "ordered_list", "list_item", "blockquote", "paragraph", "heading", "lheading",
             "code_block", "fence", "html_block", "hr", "table", "front_matter"}


_RS_CONTAINERS = {"bullet_list", "ordered_list", "list_item", "blockquote"}


def blocks_of_rs(text: str, lines: list[str]) -> tuple[list[Block], Block | None]:
    """`blocks_of`, from markdown-it-pyrs's syntax tree (its source maps are byte offsets)."""
    data = text.encode("utf-8")
    starts = [0]
    starts.extend(m.end() for m in re.finditer(b"\n", data))

    def span(node: Any) -> tuple[int, int]:
        begin, end = node.srcmap or (0, 0)
        first = bisect_right(starts, begin) - 1
        return first, max(first + 1, bisect_right(starts, max(begin, end - 1)))

    def convert(node: Any) -> Block | None:
        name = "heading" if node.name == "lheading" else node.name  # setext: `Title` / `===`
        if name not in _RS_KINDS:
            return None
        start, end = span(node)
        block = Block(name, start, end)
        if name == "heading":
            block.level = int(node.meta.get("level", 1))
            if node.name == "lheading":
                block.content = "\n".join(lines[start : end - 1]).strip()
            else:
                block.content = strip_heading_marker(lines[start])
        elif name == "table":
            for part in node.children:
                for row in part.children:
                    if row.name != "trow":
                        continue
                    row_start, row_end = span(row)
                    cells = [data[c.srcmap[0]:c.srcmap[1]].decode("utf-8").strip() if c.srcmap else ""
                             for c in row.children]
                    block.children.append(Block("row", row_start, row_end, cells=cells))
            return block
        if name not in _RS_CONTAINERS:
            return block  # a leaf block: its inline children are read per line when needed
        children = node.children
        if name == "list_item" and children and children[0].name not in _RS_KINDS:
            # A tight list item holds its first paragraph's inline nodes directly.
            run = 0
            while run < len(children) and children[run].name not in _RS_KINDS:
                run += 1
            first, _ = span(children[0])
            _, last = span(children[run - 1])
            block.children.append(Block("paragraph", first, last))
            children = children[run:]
        for child in children:
            converted = convert(child)
            if converted is not None:
                block.children.append(converted)
        return block

    tree = _rust_parser().tree(text)
    top: list[Block] = []
    front: Block | None = None
    for node in tree.children:
        block = convert(node)
        if block is None:
            continue
        if block.kind == "front_matter":
            front = block
        else:
            top.append(block)
    return top, front


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


def _trim(block: Block, lines: list[str]) -> None:
    """End every block at its last non-blank line (the two parsers differ on blank tails)."""
    while block.end - 1 > block.start and block.end - 1 < len(lines) and not lines[block.end - 1].strip():
        block.end -= 1
    for child in block.children:
        _trim(child, lines)


def _outline(lines: list[str], top: list[Block], front: Block | None) -> Outline:
    for block in top:
        _trim(block, lines)
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
    #: The texts set in bold (`**Title**`), which lists often use for the title.
    strong: tuple[str, ...] = ()
    #: The texts set in italics (`*Title* by Author`), with where each begins in `plain`.
    emphasis: tuple[tuple[int, str], ...] = ()


def inline_parts(source: str) -> Inline:
    """Read one line of inline Markdown: the words a reader sees, and the links."""
    if not _INLINE_SYNTAX.search(source):
        return Inline(source, (), ())
    if _rust_parser() is not None:
        return inline_parts_rs(source)
    return inline_parts_py(source)


#: Put before a line parsed alone so that no block rule (list, heading, code) can apply.
#: A punctuation mark, so that emphasis right after it opens as it would at a line start.
_GUARD = "§"


def inline_parts_rs(source: str) -> Inline:
    """`inline_parts` from markdown-it-pyrs's tree of the line parsed as a paragraph."""
    tree = _rust_parser().tree(_GUARD + source)
    out: list[str] = []
    links: list[Link] = []
    images: list[str] = []
    strong: list[str] = []
    emphasis: list[tuple[int, str]] = []

    def walk(node: Any) -> None:
        name = node.name
        if name in {"text", "text_special"}:
            out.append(node.meta.get("content", ""))
        elif name in {"softbreak", "hardbreak"}:
            out.append(" ")
        elif name in {"link", "autolink"}:
            start = sum(len(piece) for piece in out)
            for child in node.children:
                walk(child)
            plain = "".join(out)
            links.append(Link(plain[start:], str(node.meta.get("url", "")), start, len(plain)))
        elif name == "image":
            images.append(str(node.meta.get("url", "")))
        elif name == "strong":
            start = sum(len(piece) for piece in out)
            for child in node.children:
                walk(child)
            strong.append("".join(out)[start:])
        elif name == "em":
            start = sum(len(piece) for piece in out)
            for child in node.children:
                walk(child)
            emphasis.append((start, "".join(out)[start:]))
        elif name != "html_inline":
            for child in node.children:
                walk(child)

    for child in tree.children:
        walk(child)
    plain = "".join(out)
    shift = 1 if plain.startswith(_GUARD) else 0
    plain = plain[shift:]
    links = [Link(k.text, k.href, max(k.begin - shift, 0), k.end - shift) for k in links]
    return Inline(plain, tuple(links), tuple(images), tuple(t.removeprefix(_GUARD) for t in strong),
                  tuple((max(begin - shift, 0), text.removeprefix(_GUARD)) for begin, text in emphasis))


def inline_parts_py(source: str) -> Inline:
    """`inline_parts` from markdown-it-py's inline token stream."""
    tokens = inline_parser().parseInline(source)
    children = tokens[0].children or [] if tokens else []
    out: list[str] = []
    links: list[Link] = []
    images: list[str] = []
    href: str | None = None
    link_start = 0
    strong: list[str] = []
    strong_start: list[int] = []
    emphasis: list[tuple[int, str]] = []
    em_start: list[int] = []
    for token in children:
        kind = token.type
        if kind == "strong_open":
            strong_start.append(len("".join(out)))
        elif kind == "strong_close" and strong_start:
            strong.append("".join(out)[strong_start.pop():])
        elif kind == "em_open":
            em_start.append(len("".join(out)))
        elif kind == "em_close" and em_start:
            begin = em_start.pop()
            emphasis.append((begin, "".join(out)[begin:]))
        elif kind in {"text", "code_inline"}:
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
    return Inline("".join(out), tuple(links), tuple(images), tuple(strong), tuple(emphasis))


_MARKER = re.compile(r"^(\s*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)")


def strip_list_marker(line: str) -> tuple[str, int]:
    """A list item's first line without its bullet, and the column where its text starts."""
    match = _MARKER.match(line)
    if not match:
        return line.strip(), len(line) - len(line.lstrip())
    return line[match.end():].rstrip(), match.end()


def strip_heading_marker(line: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}(?=\s|$)", "", line).strip()
    return re.sub(r"(?:^|\s+)#+\s*$", "", text).strip()


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
