"""One paper's part of the static site: its page, its rows in lists, its search entry.

Kept apart from the build (`site.py`) because it is the expensive part, and a full build
of a large library runs it in several processes: `PaperPages` holds only plain values,
so each worker process makes its own and renders a batch of papers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from paperlog.ids import canonical_url
from paperlog.markdown import render_notes
from paperlog.model import Paper
from paperlog.render.search_index import search_entry
from paperlog.render.site_cache import PaperRecord
from paperlog.render.templating import environment, paper_url, web_url

__all__ = ["STATUS_TITLES", "PaperPages", "RenderedPaper", "href", "render_many"]

STATUS_TITLES = {"reading": "Reading", "to-read": "To read", "read": "Read", "dropped": "Dropped"}
_PARALLEL_FROM = 400  # papers; below this, starting processes costs more than it saves


def href(path: str) -> str:
    return quote(path, safe="/#?=&.-_~")


def paper_path(key: str) -> str:
    return f"papers/{key}.html"


def root_of(path: str) -> str:
    return "../" * path.count("/")


@dataclass(frozen=True)
class RenderedPaper:
    """A paper's page, written (or found unchanged) under the output folder."""

    key: str
    digest: str  # sha256 of the page's bytes
    written: bool  # False: the file there already had these bytes
    images: list[list[Any]]  # [site path, source path in the library, size, mtime_ns]
    missing: list[str]
    record: PaperRecord


class PaperPages:
    """Renders papers for one site (its name, its topic pages, the library's templates)."""

    def __init__(self, library_root: Path, papers_dir: Path, site_name: str,
                 topic_pages: dict[str, str]) -> None:
        self.library_root = library_root
        self.papers_dir = papers_dir
        self.site_name = site_name
        self.topic_pages = topic_pages
        self.env = environment(library_root)
        self.row_template = self.env.get_template("site/_row.html.j2")

    def render(self, template: str, path: str, **context: Any) -> str:
        """A page at `path` (relative to the site), every link made relative to it."""
        root = root_of(path)

        def link(target: str) -> str:
            return href(root + target)

        def paper_link(paper: Paper) -> str:
            return link(paper_path(paper.key))

        def topic_link(topic: str) -> str:
            return link(self.topic_pages.get(topic, "topics/index.html"))

        return self.env.get_template(template).render(
            site_name=self.site_name, root=root, path=path, link=link, paper_link=paper_link,
            topic_link=topic_link, paper_url=paper_url, status_titles=STATUS_TITLES, **context,
        )

    def paper(self, paper: Paper, fingerprint: str, out: Path, old_digest: str | None) -> RenderedPaper:
        """Render `paper` and write its page under `out` unless it already has these bytes."""
        path = paper_path(paper.key)
        root = root_of(path)
        folder = (self.papers_dir / paper.key).parent
        images: list[list[Any]] = []
        missing: list[str] = []

        def image_url(relative: str) -> str | None:
            target = (folder / relative).resolve()
            try:
                inside = target.relative_to(self.library_root).as_posix()
            except ValueError:
                missing.append(f"{paper.key}: {relative} (outside the library)")
                return None
            try:
                stat = target.stat()
            except OSError:
                missing.append(f"{paper.key}: {relative}")
                return None
            images.append(["assets/" + inside, inside, stat.st_size, stat.st_mtime_ns])
            return root + "assets/" + inside

        notes_html = render_notes(paper.notes, image_url=image_url) if paper.has_notes else ""
        links = [(kind, value, canonical_url(kind, value)) for kind, value in sorted(paper.ids.items())]
        url = web_url(paper.url)
        links = [(kind, value, web_url(link)) for kind, value, link in links if link != url]
        html = self.render(
            "site/paper.html.j2", path, paper=paper, notes=Markup(notes_html),
            has_math='class="math' in notes_html, id_links=links, url=url,
            pdf_url=web_url(paper.pdf),
        )
        row = self.row_template.render(paper=paper, href=href(path), status_titles=STATUS_TITLES)
        row = row.rstrip("\n")
        # The same row one folder down: only the link to the paper's page changes.
        nested = row.replace(f'href="{href(path)}"', f'href="../{href(path)}"', 1)
        rows = {"": row, "../": nested}
        record = PaperRecord(fingerprint, PaperRecord.meta_of(paper), rows,
                             search_entry(paper, path), images)
        raw = html.encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        target = os.path.join(out, path)
        written = digest != old_digest or not os.path.isfile(target)
        if written:
            write_bytes(Path(target), raw)
        return RenderedPaper(paper.key, digest, written, images, missing, record)


def write_bytes(path: Path, data: bytes) -> None:
    """Write a generated file in place.

    Not through a temporary file and a rename as for the user's own files: the site is
    paperlog's output, a file cut short by a crash is simply written again by the next
    build (its hash will not match the manifest, which is written last), and renames
    cost more than the rendering on some file systems.
    """
    try:
        handle = open(path, "wb")  # noqa: SIM115 - one write, closed just below
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "wb")  # noqa: SIM115
    with handle:
        handle.write(data)


_worker: PaperPages | None = None


def _start_worker(library_root: Path, papers_dir: Path, site_name: str,
                  topic_pages: dict[str, str]) -> None:
    global _worker
    _worker = PaperPages(library_root, papers_dir, site_name, topic_pages)


Job = tuple[Paper, str, str | None]  # the paper, its file fingerprint, its page's last digest


def _render_batch(out: Path, batch: list[Job]) -> list[RenderedPaper]:
    assert _worker is not None
    return [_worker.paper(paper, fingerprint, out, old) for paper, fingerprint, old in batch]


def render_many(pages: PaperPages, jobs: Sequence[Job], out: Path, *,
                workers: int | None = None) -> list[RenderedPaper]:
    """Render and write the pages of `jobs`, in several processes when there are many.

    `workers` is the number of processes (default: one per CPU, up to 8, and only for a
    build of many papers; 1 renders in this process).

    Workers write the pages themselves and send back only digests and cache records,
    so that the pages' text does not travel between processes.
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(jobs) >= _PARALLEL_FROM else 1
    if workers < 2 or len(jobs) < 2:
        return [pages.paper(paper, fingerprint, out, old) for paper, fingerprint, old in jobs]
    size = max(1, min(200, len(jobs) // (workers * 4)))
    batches = [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker,
        initargs=(pages.library_root, pages.papers_dir, pages.site_name, pages.topic_pages),
    ) as pool:
        done = pool.map(_render_batch, [out] * len(batches), batches)
        return [rendered for batch in done for rendered in batch]
