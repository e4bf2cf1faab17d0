"""YAML front matter: split it from the notes, read it fast, and edit one field in place.

Reading uses libyaml (PyYAML's C loader) with YAML 1.2 booleans, because the index reads
every file. Editing never re-dumps the whole block: `set_fields` finds the lines that hold
one top-level key (with ruamel.yaml's round-trip parser, which knows where each key
starts) and replaces only those lines. Comments, quoting, key order, blank lines and the
notes body stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from paperlog.errors import PaperFileError

DELETE = object()
"""Pass as a value to `set_fields` to remove a key."""

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loading with YAML 1.2 booleans: `status: no` stays the text "no"."""


# Two departures from YAML's implicit types, both so that what the user typed survives:
# only true/false are booleans (YAML 1.2), and numbers with a point or an exponent stay
# text, because in paper metadata they are identifiers: `arxiv: 2010.11920` as a float
# would lose its last zero.
_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _timestamp_or_text(loader: Any, node: Any) -> Any:
    """`read_on: 2024-13-45` looks like a date but is none: keep the text for the field check."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass(frozen=True)
class Document:
    """A paper file cut in three: the front matter's YAML, and the notes after it.

    `head` is everything up to and including the opening `---` line, `yaml` the text
    between the fences, `fence` the closing `---` line; `head + yaml + fence + body` is
    the file, to the byte. `yaml_line` is the 1-based line number of the YAML's first line.
    """

    head: str
    yaml: str
    fence: str
    body: str

    @property
    def yaml_line(self) -> int:
        return self.head.count("\n") + 1

    def text(self) -> str:
        return self.head + self.yaml + self.fence + self.body


def split(text: str, path: Path | str = "<text>") -> Document:
    """Cut a paper file into its front matter and notes; raise if it has no front matter."""
    opening = _OPEN.match(text)
    if not opening:
        raise PaperFileError(path, "no front matter: the file must start with a '---' line", line=1)
    close = _CLOSE.search(text, opening.end())
    if not close:
        line = text.count("\n") + 1
        raise PaperFileError(path, "front matter is not closed by a '---' line", line=line)
    return Document(
        head=text[: opening.end()],
        yaml=text[opening.end() : close.start()],
        fence=text[close.start() : close.end()],
        body=text[close.end() :],
    )


def load(doc: Document, path: Path | str = "<text>") -> dict[str, Any]:
    """The front matter as plain Python values; raise `PaperFileError` with the line."""
    loader = _Loader(doc.yaml)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        if isinstance(data, dict):
            _ids_as_written(node, data)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.index >= len(doc.yaml.rstrip()):
            mark = error.context_mark  # "unexpected end": where the unclosed thing began
        last = doc.yaml.rstrip().count("\n")  # an error at the very end is on the last line
        line = doc.yaml_line + min(mark.line, last) if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise PaperFileError(path, f"invalid YAML in front matter: {problem}", line=line) from None
    except yaml.YAMLError as error:
        raise PaperFileError(path, f"invalid YAML in front matter: {error}") from None
    finally:
        loader.dispose()
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PaperFileError(path, "front matter must be a mapping of fields", line=doc.yaml_line)
    return {str(k): v for k, v in data.items()}


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _ids_as_written(node: Any, data: dict[Any, Any]) -> None:
    """Identifiers are text: unquoted `arxiv: 1905.10450` must not become the float 1905.1045."""
    ids = data.get("ids")
    if not isinstance(ids, dict):
        return
    for key_node, value_node in node.value:
        if key_node.value == "ids" and isinstance(value_node, yaml.MappingNode):
            for id_key, id_value in value_node.value:
                number = isinstance(id_value, yaml.ScalarNode) and id_value.tag in _NUMBER_TAGS
                if number and id_key.value in ids:
                    ids[id_key.value] = id_value.value


def key_lines(doc: Document) -> dict[str, int]:
    """The 1-based file line of each top-level key: for error messages, so found lazily.
    A key written twice is found where it was written last, as the YAML loader keeps that one."""
    lines: dict[str, int] = {}
    for index, line in enumerate(doc.yaml.splitlines()):
        match = re.match(r"^([^\s#'\"\-][^:]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s|$)", line)
        if match:
            lines[match.group(1).strip("'\"")] = doc.yaml_line + index
    return lines


# -- writing -----------------------------------------------------------------------


def _yaml_rt() -> Any:
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.allow_unicode = True
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def dump_fields(fields: Mapping[str, Any]) -> str:
    """Front matter for a new file, in block style with short lists kept on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = CommentedMap()
    for key, value in fields.items():
        data[key] = _styled(value, CommentedMap, CommentedSeq)
    out = io.StringIO()
    _yaml_rt().dump(data, out)
    return out.getvalue()


def render(fields: Mapping[str, Any], body: str) -> str:
    """A whole new paper file: fenced front matter, a blank line, the notes."""
    notes = body if not body or body.startswith("\n") else "\n" + body
    if notes and not notes.endswith("\n"):
        notes += "\n"
    return f"---\n{dump_fields(fields)}---\n{notes}"


def _styled(value: Any, cmap: Any, cseq: Any) -> Any:
    """Lists of short scalars go on one line (`tags: [a, b]`); the rest in block style."""
    if isinstance(value, Mapping):
        out = cmap()
        for k, v in value.items():
            out[k] = _styled(v, cmap, cseq)
        if all(not isinstance(v, Mapping | list) for v in value.values()) and len(value) <= 4:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list | tuple):
        seq = cseq(_styled(v, cmap, cseq) for v in value)
        if all(isinstance(v, str | int | float) for v in value) and sum(len(str(v)) for v in value) <= 60:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def set_fields(
    text: str,
    changes: Mapping[str, Any],
    path: Path | str = "<text>",
    *,
    order: Sequence[str] = (),
) -> str:
    """Return `text` with the given top-level keys set (or removed, with `DELETE`).

    Only the lines of the keys that change are rewritten. A key keeps its place; a new key
    goes after the last present key that comes before it in `order` (the end of the front
    matter if none does). A list written in flow style (`[a, b]`) stays in flow style.
    """
    doc = split(text, path)
    load(doc, path)  # refuse to edit a file whose YAML is broken
    newline = "\r\n" if "\r\n" in doc.yaml else "\n"
    lines = doc.yaml.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    spans = _key_spans(lines)
    flow = _flow_keys(doc.yaml)

    for key, value in changes.items():
        if key in spans:
            start, end = spans[key]
            if value is DELETE:
                replacement: list[str] = []
            else:
                replacement = _dump_one(key, value, flow=key in flow, newline=newline)
                trailing = _trailing_comment(lines[start]) if end - start == 1 else ""
                if trailing and len(replacement) == 1:
                    replacement[0] = replacement[0].rstrip("\r\n") + trailing + newline
            delta = len(replacement) - (end - start)
            lines[start:end] = replacement
            spans = {
                k: ((s + delta, e + delta) if s >= end else (s, e)) for k, (s, e) in spans.items() if k != key
            }
            if replacement:  # the key keeps its place for keys inserted after it
                spans[key] = (start, start + len(replacement))
        elif value is not DELETE:
            insert_at = _insertion_point(key, spans, lines, order)
            new = _dump_one(key, value, flow=None, newline=newline)
            lines[insert_at:insert_at] = new
            grow = len(new)
            spans = {k: ((s + grow, e + grow) if s >= insert_at else (s, e)) for k, (s, e) in spans.items()}
            spans[key] = (insert_at, insert_at + len(new))
    return doc.head + "".join(lines) + doc.fence + doc.body


def _key_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """For each top-level key, the [start, end) line range of the key and its value.

    A value ends where the next top-level key starts, less trailing blank and comment
    lines, which belong to what follows.
    """
    starts: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        if not line.strip() or line[0] in " \t#-":
            continue
        match = re.match(r"^('[^']*'|\"[^\"]*\"|[^:#]+?)\s*:(?:\s|$)", line)
        if match:
            starts.append((match.group(1).strip("'\""), index))
    spans: dict[str, tuple[int, int]] = {}
    for number, (key, start) in enumerate(starts):
        end = starts[number + 1][1] if number + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans[key] = (start, end)
    return spans


def _flow_keys(source: str) -> set[str]:
    """Top-level keys whose value is a flow collection (`[a, b]` or `{k: v}`)."""
    keys = set()
    for line in source.splitlines():
        match = re.match(r"^('[^']*'|\"[^\"]*\"|[^\s:#][^:#]*?)\s*:\s*[\[{]", line)
        if match:
            keys.add(match.group(1).strip("'\""))
    return keys


def _trailing_comment(line: str) -> str:
    """The `  # comment` at the end of a one-line `key: value`, if it has one."""
    body = line.rstrip("\r\n")
    in_single = in_double = False
    for index, char in enumerate(body):
        if char == "'" and not in_double:
            in_single = not in_single
        elif char == '"' and not in_single:
            in_double = not in_double
        elif char == "#" and not in_single and not in_double and index and body[index - 1] in " \t":
            start = index
            while start > 0 and body[start - 1] in " \t":
                start -= 1
            return body[start:]
    return ""


def _insertion_point(
    key: str, spans: Mapping[str, tuple[int, int]], lines: list[str], order: Sequence[str]
) -> int:
    if key in order:
        before = [k for k in order[: order.index(key)] if k in spans]
        if before:
            return max(spans[k][1] for k in before)
        after = [k for k in order[order.index(key) + 1 :] if k in spans]
        if after:
            return min(spans[k][0] for k in after)
    return _end_of_content(lines)


def _end_of_content(lines: list[str]) -> int:
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


def _dump_one(key: str, value: Any, *, flow: bool | None, newline: str) -> list[str]:
    """`flow`: the style the old value had (True/False), or None for a new key."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    styled = _styled(value, CommentedMap, CommentedSeq)
    if isinstance(styled, CommentedSeq | CommentedMap) and flow is not None:
        if flow:
            styled.fa.set_flow_style()
        else:
            styled.fa.set_block_style()
    data = CommentedMap()
    data[key] = styled
    out = io.StringIO()
    _yaml_rt().dump(data, out)
    dumped = out.getvalue().splitlines(keepends=False)
    return [line + newline for line in dumped]
