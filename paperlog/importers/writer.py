"""Put what a notebook holds into a library, and measure that nothing was lost.

Each paper becomes a paper file through `Library.add`, or, when the library already
holds it (same id, or same title with no id, year or first author that sets them apart),
is merged into that file through `Library.update` and `Library.set_notes`: missing
fields filled in, topics, links and read dates joined, notes appended only if they are not
there yet. Running the same import twice therefore changes nothing. Text that belongs
to no paper goes to `notes/<source-stem>.md`, with a link where each paper stood, so
the notebook's own shape stays readable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperlog import frontmatter
from paperlog.errors import PaperlogError
from paperlog.importers.notebook import PLACEHOLDER
from paperlog.importers.recall import Recall, token_recall
from paperlog.importers.records import ImportedPaper, Notebook, conflict
from paperlog.library import Library, atomic_write
from paperlog.model import Paper, Status

NOTES_DIR = "notes"
_RANK = {Status.TO_READ: 0, Status.DROPPED: 1, Status.READING: 2, Status.READ: 3}


@dataclass
class Outcome:
    """What importing one notebook did (or, in a dry run, would do)."""

    notebook: Notebook
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    note_file: str | None = None
    #: The notes file was edited by hand since the last import, so it was left as it is.
    note_kept: bool = False
    recall: Recall | None = None


def paper_for(record: ImportedPaper, source_file: str) -> Paper:
    """The library paper an imported record becomes (before any merge)."""
    extra: dict[str, Any] = {"source": _source(record, source_file)}
    if len(record.read_dates) > 1:
        extra["read_dates"] = list(record.read_dates)
    if len(record.links) > 1 or (record.links and record.url not in record.links):
        extra["links"] = list(record.links)
    if record.insights:
        extra["insights"] = list(record.insights)
    return Paper(
        title=record.title,
        authors=list(record.authors),
        tags=list(record.tags),
        year=record.year,
        venue=record.venue,
        ids=dict(record.ids),
        url=record.url,
        status=record.status,
        read_on=record.read_on,
        topics=list(record.topics),
        rating=record.rating,
        notes=record.notes + "\n" if record.notes else "",
        extra=extra,
    )


def _source(record: ImportedPaper, source_file: str) -> dict[str, Any]:
    source: dict[str, Any] = {"file": source_file, "line": record.line}
    if record.also_lines:
        source["also"] = list(record.also_lines)
    source["text"] = record.head
    return source


def import_notebook(
    library: Library,
    notebook: Notebook,
    *,
    source_file: str,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> Outcome:
    """Write `notebook` into `library` (nothing at all when `dry_run`)."""
    outcome = Outcome(notebook)
    written: list[str] = []
    links: list[str] = []
    for record in notebook.papers:
        paper = paper_for(record, source_file)
        if dry_run:
            written.append(frontmatter.render(paper.to_fields(), paper.notes))
            links.append(record.title)
            continue
        existing = _same_paper(library, paper)
        if existing is None:
            added = library.add(paper, today=today, allow_duplicate=True)
            outcome.added.append(added.key)
            key = added.key
        else:
            key = existing
            if _merge_into(library, key, paper):
                outcome.updated.append(key)
            else:
                outcome.unchanged.append(key)
        written.append(library.path_for(key).read_text("utf-8"))
        links.append(f"[{record.title}](../{library.config.library.papers_dir}/{key}.md)")
    note_text = note_file_text(notebook, source_file, links)
    if note_text is not None:
        path = library.root / NOTES_DIR / f"{_stem(source_file)}.md"
        outcome.note_file = library.relative(path)
        written.append(note_text)
        if not dry_run and (not path.exists() or path.read_text("utf-8") != note_text):
            if path.exists() and _edited_since_import(path.read_text("utf-8")):
                # Hand edits win; the recall shown for this import tells what they leave out.
                outcome.note_kept = True
            else:
                atomic_write(path, note_text)
    outcome.recall = token_recall(notebook.text, written)
    return outcome


def _same_paper(library: Library, paper: Paper) -> str | None:
    """The key of the library paper `paper` is: one with the same id, else one with the same
    title that no id, year or first author sets apart (`records.conflict`)."""
    duplicate = library.find_duplicate(paper)
    if duplicate is None or not duplicate[1].startswith("same title"):
        return duplicate[0] if duplicate else None
    for key in library.index.by_title(paper.title):
        if conflict(library.load(key).paper, paper) is None:
            return key
    return None


def _merge_into(library: Library, key: str, paper: Paper) -> bool:
    """Fold an imported paper into the one already at `key`; True if anything changed."""
    loaded = library.load(key)
    old = loaded.paper
    changes: dict[str, Any] = {}
    for name in ("year", "venue", "url", "rating", "authors"):
        if getattr(old, name) in (None, "", []) and getattr(paper, name) not in (None, "", []):
            changes[name] = getattr(paper, name)
    ids = {**paper.ids, **old.ids}
    if ids != old.ids:
        changes["ids"] = ids
    topics = old.topics + [t for t in paper.topics if t not in old.topics]
    if topics != old.topics:
        changes["topics"] = topics
    if paper.status is not None and (
        old.status is None or (old.status != Status.DROPPED and _RANK[paper.status] > _RANK[old.status])
    ):
        changes["status"] = paper.status
    dates = sorted({d for d in (old.read_on, paper.read_on, *_dates(old.extra), *_dates(paper.extra)) if d})
    if dates and old.read_on != dates[0]:
        changes["read_on"] = dates[0]
    if len(dates) > 1 and _dates(old.extra) != dates:
        changes["read_dates"] = dates
    source = paper.extra["source"]
    here = {"file": source["file"], "line": source["line"]}
    old_source = old.extra.get("source")
    if old_source is None:
        changes["source"] = source
    elif not _same_source(old_source, here):
        seen = old.extra.get("also_in") or []
        if not any(_same_source(place, here) for place in seen):
            # The line as written there too, as `source` keeps the first one.
            changes["also_in"] = [*seen, source]
    # Every link the notebooks give it, this one's too (a write-up's gist, its code).
    url = changes.get("url", old.url)
    known = list(old.extra.get("links") or ([url] if url else []))
    fresh = [u for u in (paper.url, *(paper.extra.get("links") or [])) if u and u not in known]
    if fresh:
        changes["links"] = known + list(dict.fromkeys(fresh))
    insights = list(old.extra.get("insights") or [])
    new_insights = [i for i in paper.extra.get("insights", []) if i not in insights]
    if new_insights:
        changes["insights"] = insights + new_insights
    changed = False
    if changes:
        library.update(key, changes)
        changed = True
    addition = paper.notes.strip()
    # Notes imported from this very place before stay as the user has edited them since.
    imported_here = _same_source(old_source, here) or any(
        _same_source(place, here) for place in old.extra.get("also_in") or []
    )
    if addition and addition not in old.notes and not imported_here:
        notes = (old.notes.rstrip() + "\n\n" + addition).strip() + "\n"
        library.set_notes(key, notes)
        changed = True
    return changed


def _same_source(old: object, here: dict[str, Any]) -> bool:
    if isinstance(old, dict):
        return bool(old.get("file") == here["file"] and old.get("line") == here["line"])
    return False


def _dates(extra: dict[str, Any]) -> list[dt.date]:
    out = []
    for value in extra.get("read_dates") or []:
        if isinstance(value, dt.date):
            out.append(value)
        else:
            try:
                out.append(dt.date.fromisoformat(str(value)))
            except ValueError:
                continue
    return sorted(set(out))


def note_file_text(notebook: Notebook, source_file: str, links: list[str]) -> str | None:
    """The notebook's text that belongs to no paper, with a link where each paper was."""
    body = notebook.outline
    if not body.strip():
        return None

    def link(match: re.Match[str]) -> str:
        slot = int(match.group(1))
        return f"- paper: {links[slot]}" if slot < len(links) else ""

    pattern = re.escape(PLACEHOLDER.format("@")).replace("@", r"(\d+)")
    body = re.sub(pattern, link, body)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    fields = {"title": f"Notes from {source_file}", "source": {"file": source_file, "body": digest}}
    return frontmatter.render(fields, body)


def _edited_since_import(text: str) -> bool:
    """Does a notes file differ from the body paperlog wrote (its digest is in `source.body`)?"""
    try:
        doc = frontmatter.split(text)
        data = frontmatter.load(doc)
    except PaperlogError:
        return True
    source = data.get("source")
    digest = source.get("body") if isinstance(source, dict) else None
    body = doc.body[1:] if doc.body.startswith("\n") else doc.body
    return digest != hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _stem(source_file: str) -> str:
    stem = Path(source_file).with_suffix("").as_posix()
    return re.sub(r"[^\w.\-]+", "-", stem).strip("-") or "notebook"
