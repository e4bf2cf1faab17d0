"""Checking a library for what a careful reader would flag, each finding with file and line.

Without the network:

* `unreadable`: a paper file that does not load (broken YAML, no title...);
* `duplicate-id`: two papers with the same identifier (arXiv id, DOI...);
* `duplicate-title`: two papers with the same title once case and punctuation are set aside;
* `malformed-id` / `malformed-link`: an id that is not of its kind's form, a `url`/`pdf`
  that is not a link, a Markdown link in the notes that is broken (text and URL apart,
  not closed, empty);
* `missing-image`: a note shows a local image that is not there;
* `read-without-notes` (a warning): a paper marked read with no notes;
* `future-date` (a warning): a `read_on` or `added` date after today (a typo such as
  `2052` for `2025` would count toward reading goals for years).

With the sources (or only their cache, offline): `title-mismatch`, an arXiv id or DOI
that names a paper with another title than the one the user wrote (a link copied from
the wrong line), and `id-not-found`. A source that cannot be asked gives a warning, not
an error; offline, papers whose answer is not cached are counted as unverified.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from paperlog import frontmatter
from paperlog.errors import NotCached, PaperFileError, SourceError, SourceNotFound
from paperlog.ids import DOI, ids_from_url, looks_like_arxiv_id, looks_like_id_title
from paperlog.model import Paper, Status
from paperlog.text import has_cjk, normalize_title

if TYPE_CHECKING:
    from paperlog.library import Library
    from paperlog.sources.resolver import Resolver

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    path: str
    line: int | None
    message: str
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.kind}]"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "key": self.key,
        }


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    checked: int = 0
    verified: int = 0
    unverified: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "verified": self.verified,
            "unverified": self.unverified,
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass
class _Entry:
    """A loaded paper with where its parts are in the file."""

    paper: Paper
    path: Path
    shown: str
    key_lines: dict[str, int]
    body_line: int  # file line of the notes' first line
    body: str
    #: Every id the paper claims: (kind, normal value) -> the field that says it
    #: (`ids`, `url`, or `source`: the line an import took the paper from).
    claims: dict[tuple[str, str], str] = field(default_factory=dict)

    def line_of(self, field_name: str) -> int | None:
        return self.key_lines.get(field_name)


def check_library(
    library: Library, resolver: Resolver | None = None, *, today: dt.date | None = None
) -> Report:
    """Check every paper; with a `resolver`, also check each id names the paper's title."""
    today = today or dt.date.today()
    report = Report()
    entries = list(_load(library, report))
    report.checked = len(entries) + sum(1 for f in report.findings if f.kind == "unreadable")
    _duplicates(entries, report)
    for entry in entries:
        report.findings.extend(_check_ids(entry))
        report.findings.extend(_check_fields(entry, library.root))
        report.findings.extend(_check_link_ids(entry))
        report.findings.extend(_check_notes(entry, library))
        if entry.paper.status is Status.READ and not entry.paper.has_notes:
            report.findings.append(
                Finding(
                    "read-without-notes", "warning", entry.shown, entry.key_lines.get("status"),
                    "marked read, but has no notes", entry.paper.key,
                )
            )
        report.findings.extend(_check_dates(entry, today))
    if resolver is not None:
        _verify_titles(entries, resolver, report)
    report.findings.sort(key=lambda f: (f.path, f.line or 0, f.kind))
    return report


def _load(library: Library, report: Report) -> Iterator[_Entry]:
    for path in sorted(library.paper_files()):
        shown = library.relative(path)
        try:
            text = path.read_text("utf-8")
            paper = library.parse(text, path)
        except UnicodeDecodeError:
            report.findings.append(Finding("unreadable", "error", shown, None, "not UTF-8 text"))
            continue
        except PaperFileError as error:
            report.findings.append(Finding("unreadable", "error", shown, error.line, error.message))
            continue
        doc = frontmatter.split(text, shown)
        before = doc.head + doc.yaml + doc.fence
        entry = _Entry(paper, path, shown, frontmatter.key_lines(doc), before.count("\n") + 1, doc.body)
        entry.claims = _claims(paper)
        yield entry


def _place(entry: _Entry, where: str) -> str:
    """How a message names the field an id came from."""
    if where != "source":
        return f"its {where}"
    source = entry.paper.extra.get("source")
    if isinstance(source, dict) and source.get("file"):
        at = f"{source['file']}:{source['line']}" if source.get("line") else str(source["file"])
        return f"the line it was imported from ({at})"
    return "the line it was imported from"


def source_text(paper: Paper) -> str:
    """The original line an importer took the paper from (`source: {text: ...}`), if any."""
    source = paper.extra.get("source")
    if isinstance(source, dict) and isinstance(source.get("text"), str):
        return str(source["text"])
    return ""


def _claims(paper: Paper) -> dict[tuple[str, str], str]:
    claims: dict[tuple[str, str], str] = {}
    for kind, value in paper.ids.items():
        claims.setdefault((kind, _normal_id(kind, value)), "ids")
    for name, text in (("url", paper.url or ""), ("source", source_text(paper))):
        for url in re.findall(r"https?://[^\s)\]>'\"]+", text):
            for kind, value in ids_from_url(url).items():
                claims.setdefault((kind, _normal_id(kind, value)), name)
    return claims


def _check_dates(entry: _Entry, today: dt.date) -> Iterator[Finding]:
    for name in ("read_on", "added"):
        date = getattr(entry.paper, name)
        if date is not None and date > today:
            yield Finding(
                "future-date", "warning", entry.shown, entry.line_of(name),
                f"{name} {date.isoformat()} is after today", entry.paper.key,
            )


# -- duplicates ----------------------------------------------------------------------------


def _duplicates(entries: list[_Entry], report: Report) -> None:
    by_id: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    by_title: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        for claim in entry.claims:
            by_id[claim].append(entry)
        title = normalize_title(entry.paper.title)
        if title:
            by_title[title].append(entry)
    reported: set[frozenset[str]] = set()
    for (kind, value), group in by_id.items():
        if len(group) < 2:
            continue
        reported.add(frozenset(e.shown for e in group))
        for entry in group:
            others = ", ".join(e.shown for e in group if e is not entry)
            where = entry.claims[(kind, value)]
            if where == "ids":
                message = f"same {kind} id {value} as {others}"
            else:
                message = f"{_place(entry, where)} links to {kind} {value}, as does {others}"
            report.findings.append(
                Finding("duplicate-id", "error", entry.shown, entry.line_of(where), message, entry.paper.key)
            )
    for group in by_title.values():
        if len(group) < 2 or frozenset(e.shown for e in group) in reported:
            continue
        for entry in group:
            others = ", ".join(e.shown for e in group if e is not entry)
            report.findings.append(
                Finding(
                    "duplicate-title", "error", entry.shown, entry.line_of("title"),
                    f"same title as {others}", entry.paper.key,
                )
            )


def _normal_id(kind: str, value: str) -> str:
    value = value.strip()
    if kind == "arxiv":
        return re.sub(r"v\d+$", "", re.sub(r"^arxiv:", "", value, flags=re.I))
    return value.lower() if kind == "doi" else value


# -- identifiers and links ------------------------------------------------------------------


def _check_ids(entry: _Entry) -> Iterator[Finding]:
    line = entry.key_lines.get("ids")
    for kind, value in entry.paper.ids.items():
        problem = None
        if kind == "arxiv" and not _valid_arxiv(value):
            problem = "is not an arXiv id (such as 1706.03762 or hep-th/9901001)"
        elif kind == "doi" and not DOI.fullmatch(value.strip()):
            problem = "is not a DOI (such as 10.1145/3503161.3547915)"
        if problem:
            message = f"ids.{kind} {value!r} {problem}"
            yield Finding("malformed-id", "error", entry.shown, line, message, entry.paper.key)


def _valid_arxiv(value: str) -> bool:
    """An arXiv id; new-style ids from 2015 on (YYMM >= 1501) have five digits after the dot."""
    if not looks_like_arxiv_id(value):
        return False
    match = re.match(r"^(?:arxiv:)?(\d{2})(\d{2})\.(\d+)", value.strip(), re.I)
    return not match or int(match.group(1)) < 15 or len(match.group(3)) == 5


def _bad_url(value: str) -> str | None:
    """Why `value` is not a usable web link, or None when it is one."""
    if any(ch.isspace() for ch in value.strip()):
        return "contains spaces"
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"}:
        return "does not start with http:// or https://"
    if not parts.netloc or "." not in parts.netloc:
        return "has no host"
    return None


def _check_link_ids(entry: _Entry) -> Iterator[Finding]:
    """A `url` that names another id of the same kind than `ids` does."""
    for (kind, value), where in entry.claims.items():
        if where != "url" or kind not in entry.paper.ids:
            continue
        mine = _normal_id(kind, entry.paper.ids[kind])
        if mine != value:
            yield Finding(
                "malformed-link", "error", entry.shown, entry.line_of("url"),
                f"url names {kind} {value} but ids.{kind} is {mine}", entry.paper.key,
            )


def _check_fields(entry: _Entry, root: Path) -> Iterator[Finding]:
    for name in ("url", "pdf"):
        value = getattr(entry.paper, name)
        if not value:
            continue
        if name == "pdf" and not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
            if _missing_local(value, entry.path, root):
                yield Finding(
                    "malformed-link", "error", entry.shown, entry.key_lines.get(name),
                    f"pdf {value!r} is neither a link nor a file that exists", entry.paper.key,
                )
            continue
        reason = _bad_url(value)
        if reason:
            yield Finding(
                "malformed-link", "error", entry.shown, entry.key_lines.get(name),
                f"{name} {value!r} {reason}", entry.paper.key,
            )


_FENCE = re.compile(r"^\s*(```|~~~)")
_SEPARATED = re.compile(r"\[([^\]\n]*)\][ \t]+\(?(https?://\S+)")
_LINK_OPEN = re.compile(r"(!?)\[([^\]\n]*)\]\(")
_HTML_IMG = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.I)


def _check_notes(entry: _Entry, library: Library) -> Iterator[Finding]:
    """Broken links in the notes, and in the line an import took the paper from."""
    lines = [(entry.body_line + offset, line) for offset, line in enumerate(entry.body.split("\n"))]
    original = source_text(entry.paper)
    if original and entry.line_of("source"):
        lines.insert(0, (entry.line_of("source") or 0, original))
        unbalanced = original.count("(") != original.count(")")
        if "://" in original and unbalanced and not _SEPARATED.search(original):
            yield Finding(
                "malformed-link", "error", entry.shown, entry.line_of("source"),
                f"{_place(entry, 'source')} has unbalanced parentheses around its link",
                entry.paper.key,
            )
    in_fence = False
    for number, line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in _SEPARATED.finditer(line):
            yield Finding(
                "malformed-link", "error", entry.shown, number,
                f"link text [{match.group(1)}] and its URL are apart: {match.group(2)}", entry.paper.key,
            )
        for image, text, target, closed in _markdown_links(line):
            if target.startswith(("{{", "{%")):
                continue  # a site generator's template expression, not a link
            if not closed:
                yield Finding(
                    "malformed-link", "error", entry.shown, number,
                    f"link [{text}]({target} is not closed with ')'", entry.paper.key,
                )
            elif not target:
                yield Finding(
                    "malformed-link", "warning", entry.shown, number,
                    f"link [{text}]() has no URL", entry.paper.key,
                )
            elif image:
                missing = _missing_local(target, entry.path, library.root)
                if missing:
                    yield Finding(
                        "missing-image", "error", entry.shown, number,
                        f"image {target} does not exist", entry.paper.key,
                    )
        for src in _HTML_IMG.findall(line):
            if _missing_local(src, entry.path, library.root):
                message = f"image {src} does not exist"
                yield Finding("missing-image", "error", entry.shown, number, message, entry.paper.key)


def _markdown_links(line: str) -> Iterator[tuple[bool, str, str, bool]]:
    """(is image, text, target, closed) for each `[text](target)` on a line.

    Parentheses inside the target nest (`.../Foo_(bar))`); a `"title"` after the target
    is allowed; a target that runs into a space or the end of the line is not closed.
    """
    for match in _LINK_OPEN.finditer(line):
        start = match.end()
        depth, index = 0, start
        if index < len(line) and line[index] == "<":  # <a target with spaces>
            end = line.find(">", index)
            if end != -1 and end + 1 < len(line) and line[end + 1] == ")":
                yield bool(match.group(1)), match.group(2), line[index + 1 : end], True
                continue
        while index < len(line):
            char = line[index]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char.isspace():
                rest = line[index:].lstrip()
                if rest[:1] in {'"', "'"} and rest.find(")", 1) != -1:
                    break  # a link title follows
                break
            index += 1
        target = line[start:index]
        closed = index < len(line) and (
            line[index] == ")" or line[index:].lstrip()[:1] in {'"', "'"}
        )
        yield bool(match.group(1)), match.group(2), target, closed


def _missing_local(target: str, paper_path: Path, root: Path) -> bool:
    target = target.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("//", "#", "{")):
        return False  # a URL, a data: URI, an anchor, a template expression
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return False
    candidates = [paper_path.parent / path, root / path.lstrip("/")]
    return not any(candidate.exists() for candidate in candidates)


# -- titles against the sources -------------------------------------------------------------


def titles_conflict(user_title: str, source_title: str) -> bool:
    """Does the title the user wrote name another paper than the source's title?

    A typo, a missing subtitle or an acronym prefix (`MoCo: ...`) is not a conflict;
    a title in another script (a Chinese title for an English paper) cannot be compared.
    """
    from paperlog.sources.record import same_title

    if has_cjk(user_title) != has_cjk(source_title):
        return False
    if looks_like_id_title(user_title):
        return False  # `arXiv:2004.05150`: an id standing in for a title not fetched yet
    if same_title(user_title, source_title):
        return False
    stripped = re.sub(r"^\s*[\w\-*+]{1,20}\s*:\s*", "", user_title)
    if stripped != user_title and same_title(stripped, source_title):
        return False
    return fuzz.token_set_ratio(normalize_title(user_title), normalize_title(source_title)) < 80


def _verify_titles(entries: list[_Entry], resolver: Resolver, report: Report) -> None:
    checkable: list[tuple[_Entry, str, str, str]] = []
    for entry in entries:
        if any(f.kind == "malformed-id" and f.path == entry.shown for f in report.findings):
            continue
        claims = [(k, v, w) for (k, v), w in entry.claims.items() if k in {"arxiv", "doi"}]
        claims.sort(key=lambda c: (c[2] != "ids", c[0] != "arxiv"))  # the paper's own ids first
        if claims:
            checkable.append((entry, *claims[0]))
    resolver.prefetch_arxiv(value for _, kind, value, _ in checkable if kind == "arxiv")
    for entry, kind, value, where in checkable:
        line = entry.line_of(where)
        said = f"{kind} {value}"
        if where != "ids":
            said = f"{_place(entry, where)} links to {said}, which"
        try:
            record = resolver.primary({kind: value})
        except NotCached:
            report.unverified += 1
            continue
        except SourceNotFound as error:
            message = f"{said}: {error.source} has no such paper"
            found = Finding("id-not-found", "error", entry.shown, line, message, entry.paper.key)
            report.findings.append(found)
            continue
        except SourceError as error:
            report.unverified += 1
            message = f"could not check {kind} {value}: {error}"
            found = Finding("unverified", "warning", entry.shown, line, message, entry.paper.key)
            report.findings.append(found)
            continue
        if record is None:
            continue
        report.verified += 1
        if titles_conflict(entry.paper.title, record.title):
            report.findings.append(
                Finding(
                    "title-mismatch", "error", entry.shown, line,
                    f"{said} is {record.title!r} at {record.source}, not {entry.paper.title!r}",
                    entry.paper.key,
                )
            )
