"""Importers: bring papers kept elsewhere into a library.

`read_paths` reads hand-kept Markdown notebooks (files, or folders of them) into
`Notebook` records without touching anything; `import_paths` also writes them into a
library. Every file is read and checked before the first write, so a bad file stops
the whole import with nothing written.

    markdown.py    the notebook's structure (markdown-it token stream -> sections, blocks)
    head.py        one paper line taken apart: the Head record, its title, remark, authors
    links.py       what a link leads to: a paper, notes, a repository document, a resource;
                   link texts that name no paper (pdf, code, pdf: NIPS 2013)
    venues.py      venues and years: known venues, tags and stamps ([NIPS'19], RAL 2023)
    marks.py       status marks and words (✅, :question:, [TODO], **Done**), stars, a rating
    titles.py      words, and whether text reads like a title (title_like, capital_ratio)
    citations.py   a citation written out: its authors, its year, the rest kept whole;
                   the names after "by" closing a line
    affixes.py     what surrounds a title: short names and ids in brackets, bracket groups
                   after it, a time log's duration, "Read the X paper", a bare address;
                   clean_title takes them (and numbering, labels, venue tags) off a title
    dates.py       dates as notebooks write them (2023.6.18, 2018-04, 2019 Sep)
    classify.py    the walk over sections and blocks: which is a paper, a topic, a date, a note
    verdicts.py    whether a list item's or a paragraph's line names a paper, and why
    lists.py       Markdown and HTML lists of papers, <details> summaries
    paragraphs.py  paragraphs cut into entries, each a paper, a date, a status or a note
    headings.py    what a heading says: a date, a status group, references, a topic
    cues.py        the words and marks that tell a line's kind (chores, prose, legends)
    drafts.py      what the walk produces: Context, Draft, Found
    tables.py      Markdown tables of papers (status / venue / notes columns)
    notebook.py    a whole notebook: records, merged repeats, faults, leftover text
    records.py     what a reading yields (ImportedPaper, OtherItem, Notebook), and when two
                   entries with one title are two works
    posts.py       blog posts: front matter (YAML, TOML), a post about one paper
    decode.py      bytes -> text (UTF-8, UTF-16, GBK...), or a one-line refusal
    writer.py      records -> the library (add / merge), notes/<stem>.md, token recall
    recall.py      token recall of the written library against the source
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from paperlog.errors import ImportError_
from paperlog.importers.decode import read_source
from paperlog.importers.notebook import DEFAULT_INSIGHT_MARKERS, read_notebook
from paperlog.importers.recall import Recall, token_recall
from paperlog.importers.records import ImportedPaper, Notebook, OtherItem
from paperlog.importers.writer import NOTES_DIR, Outcome, import_notebook
from paperlog.library import Library

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")


@dataclass(frozen=True)
class SourceFile:
    """A notebook file to import and the name it is remembered by (`source.file`)."""

    path: Path
    name: str


def find_sources(paths: Iterable[Path], *, skip: Iterable[Path] = ()) -> list[SourceFile]:
    """The notebook files that `paths` name: files as given, folders' Markdown files.

    Folders under `skip` (a library's own `papers/` and `notes/`) are never read as notebooks.
    """
    skipped = [p.resolve() for p in skip]
    found: list[SourceFile] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in MARKDOWN_SUFFIXES[:-1]
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not any(p.resolve().is_relative_to(folder) for folder in skipped)
            )
            if not files:
                raise ImportError_(path, "folder holds no Markdown files (*.md)")
            found.extend(SourceFile(p, p.relative_to(path).as_posix()) for p in files)
        elif path.is_file():
            found.append(SourceFile(path, path.name))
        else:
            raise ImportError_(path, "no such file or folder")
    return found


def read_paths(
    paths: Iterable[Path],
    *,
    insight_markers: tuple[str, ...] = DEFAULT_INSIGHT_MARKERS,
    skip: Iterable[Path] = (),
) -> list[tuple[SourceFile, Notebook]]:
    """Read every notebook `paths` name; raise on the first one that cannot be read."""
    out = []
    for source in find_sources(paths, skip=skip):
        decoded = read_source(source.path)
        notebook = read_notebook(decoded.text, source.name, insight_markers=insight_markers)
        if decoded.encoding not in {"utf-8", "utf-8-sig"}:
            notebook.ambiguities.insert(0, f"the file is not UTF-8: it was read as {decoded.encoding}")
        out.append((source, notebook))
    return out


def import_paths(
    library: Library,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> list[Outcome]:
    """Read every notebook, then (unless `dry_run`) write them all into `library`."""
    notebooks = read_paths(
        paths,
        insight_markers=library.config.library.insight_markers,
        skip=(library.papers_dir, library.root / NOTES_DIR, library.state_dir),
    )
    return [
        import_notebook(library, notebook, source_file=source.name, dry_run=dry_run, today=today)
        for source, notebook in notebooks
    ]


__all__ = [
    "ImportedPaper",
    "Notebook",
    "OtherItem",
    "Outcome",
    "Recall",
    "SourceFile",
    "find_sources",
    "import_notebook",
    "import_paths",
    "read_notebook",
    "read_paths",
    "token_recall",
]
