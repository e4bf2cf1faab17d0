"""The static HTML site of a library: `paperlog site build [OUT]`.

What it writes (every link relative, so the folder works on GitHub Pages, on any web
server and from `file://`):

    index.html              goals, reading now, recent reads, charts
    papers.html             every paper
    papers/<key>.html       one page per paper, its notes rendered (math, tables, code)
    topics/, years/, status/  one page per topic, year and status, and an index of each
    search.html             client-side search (search-index.js holds the data)
    assets/...              images the notes refer to, copied from the library
    static/...              CSS, search script, KaTeX (served locally, never a CDN)
    .nojekyll               so that GitHub Pages serves the folder as is

Builds are incremental. `.paperlog-site.json` in the output folder records the hash of
every file written; `.paperlog/site-cache.sqlite` in the library remembers, per paper,
the fingerprint of the file it was rendered from and what list pages and search need of
it (`site_cache.py`). A paper whose file did not change is neither loaded nor rendered
again, list pages are assembled from the remembered rows, and no file whose bytes are
unchanged is rewritten. Files that a previous build wrote and this one does not are
removed; files paperlog did not write are never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from paperlog.errors import PaperlogError
from paperlog.goals import ReadingGoal, load_goals, progress_of
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.render import plots
from paperlog.render.search_index import search_index_js
from paperlog.render.site_cache import PaperRecord, SiteCache, pack_meta
from paperlog.render.site_pages import (
    STATUS_TITLES,
    Job,
    PaperPages,
    paper_path,
    render_many,
    write_bytes,
)

__all__ = ["BuildReport", "build_site"]

MANIFEST = ".paperlog-site.json"
MANIFEST_VERSION = 1
STATIC = Path(__file__).resolve().parent.parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class BuildReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered_papers: int = 0
    seconds: float = 0.0
    missing_images: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    """A file name for a topic: `Vision/Optical flow` -> `vision-optical-flow` (CJK kept)."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "topic"


@dataclass(frozen=True)
class Group:
    """A topic, a year or a status: a page listing its papers."""

    kind: str  # "topic" | "year" | "status"
    name: str
    title: str
    path: str
    papers: tuple[Paper, ...]


class _Writer:
    """Writes files under `out` only when their bytes differ from what is there."""

    def __init__(self, out: Path, old_files: dict[str, str], report: BuildReport) -> None:
        self.out = out
        self.old_files = old_files
        self.files: dict[str, str] = {}
        self.report = report

    def write(self, relative: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        digest = hashlib.sha256(raw).hexdigest()
        self.files[relative] = digest
        if self.old_files.get(relative) == digest and os.path.isfile(os.path.join(self.out, relative)):
            self.report.unchanged += 1
            return
        write_bytes(self.out / relative, raw)
        self.report.written += 1

    def written_elsewhere(self, relative: str, digest: str, written: bool) -> None:
        """Account for a file a worker process wrote (or found unchanged)."""
        self.files[relative] = digest
        if written:
            self.report.written += 1
        else:
            self.report.unchanged += 1

    def keep(self, relative: str) -> bool:
        """Keep a file from the last build unchanged (True), if it is still there."""
        digest = self.old_files.get(relative)
        if digest is None or not os.path.isfile(os.path.join(self.out, relative)):
            return False
        self.files[relative] = digest
        self.report.unchanged += 1
        return True


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Site:
    """Paths, groups and rendering for one build."""

    def __init__(self, library: Library, papers: list[Paper]) -> None:
        self.library = library
        self.papers = papers  # light papers (no notes): what lists, charts and goals need
        self.groups = self._groups()
        self.topic_pages = {g.name: g.path for g in self.groups if g.kind == "topic"}
        self.pages = PaperPages(library.root, library.papers_dir, library.config.library.name,
                                self.topic_pages)
        self.env = self.pages.env

    def _groups(self) -> list[Group]:
        topics: dict[str, list[Paper]] = {}
        years: dict[int, list[Paper]] = {}
        statuses: dict[str, list[Paper]] = {}
        for paper in self.papers:
            seen: set[str] = set()
            for topic in paper.topics:
                parts = topic.split("/")
                for depth in range(1, len(parts) + 1):
                    seen.add("/".join(parts[:depth]))
            for topic in seen:
                topics.setdefault(topic, []).append(paper)
            if paper.year:
                years.setdefault(paper.year, []).append(paper)
            if paper.status:
                statuses.setdefault(paper.status.value, []).append(paper)
        groups = []
        used: set[str] = set()
        for topic in sorted(topics, key=str.casefold):
            slug = base = _slug(topic)
            n = 1
            while slug in used:
                n += 1
                slug = f"{base}-{n}"
            used.add(slug)
            groups.append(Group("topic", topic, topic.replace("/", " / "), f"topics/{slug}.html",
                                tuple(_newest_first(topics[topic]))))
        for year in sorted(years, reverse=True):
            groups.append(Group("year", str(year), str(year), f"years/{year}.html",
                                tuple(sorted(years[year], key=lambda p: p.title.casefold()))))
        for status in ("reading", "to-read", "read", "dropped"):
            if status in statuses:
                groups.append(Group("status", status, STATUS_TITLES[status], f"status/{status}.html",
                                    tuple(_newest_first(statuses[status]))))
        return groups

    def render(self, template: str, path: str, **context: Any) -> str:
        return self.pages.render(template, path, **context)

    def rows(self, papers: Iterable[Paper], records: dict[str, PaperRecord], root: str) -> Markup:
        return Markup("\n".join(records[p.key].rows[root] for p in papers))


def _newest_first(papers: Iterable[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (-(p.year or 0), p.title.casefold()))


def _load_manifest(out: Path) -> dict[str, Any]:
    path = out / MANIFEST
    if not path.exists():
        if out.exists() and any(out.iterdir()):
            raise PaperlogError(
                f"{out} is not empty and was not built by paperlog (no {MANIFEST}); "
                "build into a new or empty folder"
            )
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {"files": data.get("files", {})} if isinstance(data, dict) else {}
    return data


def _static_files() -> Iterator[tuple[str, Path]]:
    """(path in the site, file in the package) for everything under static/."""
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            relative = path.relative_to(STATIC).as_posix()
            yield f"static/{relative}", path


def _file_hashes(library: Library) -> dict[str, str]:
    """Paper key -> a fingerprint of its file (size and modification time, as the index
    uses them to notice a change), for every paper the just-synced index holds."""
    folder = str(library.papers_dir)
    keys = library.index.keys()
    out = {}
    for key in keys:
        try:
            stat = os.stat(os.path.join(folder, key + ".md"))
        except OSError:
            continue
        out[key] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return out


def _shared_digest(library: Library) -> str:
    """Everything every page depends on besides its own paper: the templates (paperlog's
    and the library's), the site's name, and the code that turns a paper into HTML."""
    from paperlog import __version__

    own = library.root / "templates"
    code = [Path(__file__).with_name(name) for name in ("site_pages.py", "search_index.py")]
    code.append(Path(__file__).resolve().parent.parent / "markdown.py")
    parts = [__version__, str(MANIFEST_VERSION), library.config.library.name,
             _tree_digest(TEMPLATES), _tree_digest(own) if own.is_dir() else "",
             *(hashlib.sha256(path.read_bytes()).hexdigest() for path in code)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def build_site(library: Library, out: Path, *, full: bool = False,
               workers: int | None = None) -> BuildReport:
    """Build (or bring up to date) the site of `library` in the folder `out`.

    `full` renders and rewrites everything, as for a first build. `workers` processes
    render the papers of a large build (default: one per CPU, up to 8).
    """
    started = time.perf_counter()
    out = out.resolve()
    if library.papers_dir.is_relative_to(out) or out.is_relative_to(library.papers_dir):
        raise PaperlogError(f"cannot build the site into {out}: it holds the library's papers")
    report = BuildReport()
    manifest = _load_manifest(out)  # refuses a folder paperlog did not build
    previous: dict[str, str] = dict(manifest.get("files", {}))
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, {} if full else previous, report)

    hashes = _file_hashes(library)
    shared = _shared_digest(library)
    with contextlib.closing(SiteCache(library.state_dir, shared)) as cache:
        _build(library, out, full, report, manifest, previous, writer, hashes, cache, shared,
               workers)
    report.seconds = time.perf_counter() - started
    return report


def _build(library: Library, out: Path, full: bool, report: BuildReport, manifest: dict[str, Any],
           previous: dict[str, str], writer: _Writer, hashes: dict[str, str], cache: SiteCache,
           shared: str, workers: int | None) -> None:
    """The body of `build_site`: pages of changed papers, lists, search, static files."""
    if full:
        cache.clear()
    cached = cache.load()
    changed: dict[str, PaperRecord] = {}
    records: dict[str, PaperRecord] = {}
    stale = [key for key in sorted(hashes) if key not in cached or cached[key].file_hash != hashes[key]]
    records.update((key, cached[key]) for key in set(hashes).difference(stale))

    # Load only the papers whose files changed (all of them on a first build).
    loaded: dict[str, Paper] = {}
    if len(stale) > 500:
        wanted = set(stale)
        loaded = {p.key: p for p in library.index.papers(sort="key") if p.key in wanted}
    else:
        for key in stale:
            found = library.index.get(key)
            if found is not None:
                loaded[key] = found
    light = {key: record.light_paper() for key, record in records.items()}
    light.update(loaded)
    site = _Site(library, [light[k] for k in sorted(light)])

    # Topic links on a paper page depend on the set of topics; a change there means that
    # papers under a renamed topic page are rendered again.
    topic_pages = json.dumps(site.topic_pages, sort_keys=True)
    topics_changed = manifest.get("topics") != topic_pages

    jobs: list[Job] = []
    for key in sorted(light):
        path = paper_path(key)
        record = records.get(key)
        if (
            record is not None
            and not (topics_changed and record.meta["topics"])
            and record.images_unchanged(library.root)
            and writer.keep(path)
            and all(writer.keep(image[0]) for image in record.images)
        ):
            continue
        paper = loaded.get(key) or library.index.get(key)
        if paper is not None:
            jobs.append((paper, hashes[key], writer.old_files.get(path)))
    for rendered in render_many(site.pages, jobs, out, workers=workers):
        writer.written_elsewhere(paper_path(rendered.key), rendered.digest, rendered.written)
        for site_path, source, _, _ in rendered.images:
            if site_path not in writer.files:
                writer.write(site_path, (library.root / source).read_bytes())
        report.missing_images.extend(rendered.missing)
        records[rendered.key] = changed[rendered.key] = rendered.record
        report.rendered_papers += 1
    # List pages show only what `PaperRecord.meta` holds (and the goals): when none of
    # that changed (an edit to notes, say), last build's list pages are kept unread.
    goals = load_goals(library)
    lists_digest = hashlib.sha256("\0".join(
        [shared, repr(goals), topic_pages, *(pack_meta(records[k].meta) for k in sorted(light))]
    ).encode("utf-8")).hexdigest()
    list_files = [str(f) for f in manifest.get("lists", [])]
    if not (manifest.get("lists_digest") == lists_digest and list_files
            and all(writer.keep(name) for name in list_files)):
        before = set(writer.files)
        _write_lists(site, writer, records, goals)
        list_files = sorted(set(writer.files) - before)
    writer.write("search-index.js", search_index_js([records[k].search for k in sorted(light)]))
    writer.write(".nojekyll", "")
    for relative, source in _static_files():
        writer.write(relative, source.read_bytes())

    # Whatever the last build wrote and this one did not is stale.
    for relative in sorted(set(previous) - set(writer.files)):
        target = out / relative
        if target.is_file():
            target.unlink()
            report.removed += 1
            _prune_empty(target.parent, out)

    write_bytes(out / MANIFEST, json.dumps(
        {"version": MANIFEST_VERSION, "files": writer.files, "topics": topic_pages,
         "lists": list_files, "lists_digest": lists_digest},
        indent=0, sort_keys=True).encode("utf-8"))
    cache.save(changed, [key for key in cached if key not in records])


def _write_lists(site: _Site, writer: _Writer, records: dict[str, PaperRecord],
                 reading_goals: list[ReadingGoal]) -> None:
    """Home, all papers, and the topic, year and status pages, from the papers' rows."""
    papers = site.papers
    goals = progress_of(reading_goals, papers)
    read = [p for p in papers if p.status is Status.READ and p.read_on]
    read.sort(key=lambda p: (p.read_on or dt.date.min, p.key), reverse=True)
    by_month: dict[str, int] = {}
    for paper in read:
        month = f"{paper.read_on:%Y-%m}"
        by_month[month] = by_month.get(month, 0) + 1
    by_topic: dict[str, int] = {}
    for paper in papers:
        for top in {topic.split("/")[0] for topic in paper.topics}:
            by_topic[top] = by_topic.get(top, 0) + 1
    counts = {s: sum(1 for p in papers if p.status and p.status.value == s) for s in STATUS_TITLES}
    reading = _newest_first(p for p in papers if p.status is Status.READING)
    writer.write("index.html", site.render(
        "site/index.html.j2", "index.html", papers=papers, counts=counts, recent=read[:15],
        reading=site.rows(reading[:10], records, ""), goals=goals,
        goals_svg=Markup(plots.goals_svg(site.env, goals)) if goals else None,
        month_chart=Markup(plots.month_chart(site.env, by_month)),
        topic_chart=Markup(plots.topic_chart(site.env, by_topic)),
    ))
    everything = _newest_first(papers)
    writer.write("papers.html", site.render(
        "site/list.html.j2", "papers.html", title="All papers", count=len(everything),
        rows=site.rows(everything, records, ""),
    ))
    for kind, title in (("topic", "Topics"), ("year", "Years"), ("status", "Status")):
        folder = {"topic": "topics", "year": "years", "status": "status"}[kind]
        members = [g for g in site.groups if g.kind == kind]
        writer.write(f"{folder}/index.html", site.render(
            "site/groups.html.j2", f"{folder}/index.html", title=title, groups=members, kind=kind,
        ))
        for group in members:
            writer.write(group.path, site.render(
                "site/list.html.j2", group.path, title=group.title, count=len(group.papers),
                rows=site.rows(group.papers, records, "../"),
            ))
    writer.write("search.html", site.render("site/search.html.j2", "search.html"))


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
