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
every file written and, per paper, a digest of everything its page depends on: a paper
whose digest is unchanged is not rendered again, and no file whose bytes are unchanged
is rewritten. Files that a previous build wrote and this one does not are removed;
files paperlog did not write are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from paperlog.errors import PaperlogError
from paperlog.goals import load_goals, progress_of
from paperlog.library import Library
from paperlog.markdown import is_local_path, render_notes
from paperlog.model import Paper, Status
from paperlog.render import plots
from paperlog.render.search_index import search_index_js
from paperlog.render.templating import environment, paper_url

__all__ = ["BuildReport", "build_site"]

MANIFEST = ".paperlog-site.json"
MANIFEST_VERSION = 1
STATIC = Path(__file__).resolve().parent.parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_TITLES = {"reading": "Reading", "to-read": "To read", "read": "Read", "dropped": "Dropped"}


@dataclass
class BuildReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered_papers: int = 0
    seconds: float = 0.0
    missing_images: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    """A file name for a topic: lower case, runs of anything but letters/digits to `-`."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "topic"


def _href(path: str) -> str:
    return quote(path, safe="/#?=&.-_~")


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
        target = self.out / relative
        if self.old_files.get(relative) == digest and target.is_file():
            self.report.unchanged += 1
            return
        _write_bytes(target, raw)
        self.report.written += 1

    def keep(self, relative: str) -> bool:
        """Keep a file from the last build unchanged (True), if it is still there."""
        digest = self.old_files.get(relative)
        if digest is None or not (self.out / relative).is_file():
            return False
        self.files[relative] = digest
        self.report.unchanged += 1
        return True


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Site:
    def __init__(self, library: Library, out: Path, papers: list[Paper]) -> None:
        self.library = library
        self.out = out
        self.papers = papers
        self.env = environment(library.root)
        self.name = library.config.library.name
        self.by_key = {p.key: p for p in papers}
        self.groups = self._groups()
        self.topic_pages = {g.name: g.path for g in self.groups if g.kind == "topic"}

    # -- where things go --------------------------------------------------------------

    @staticmethod
    def paper_path(paper: Paper) -> str:
        return f"papers/{paper.key}.html"

    @staticmethod
    def root_of(path: str) -> str:
        return "../" * path.count("/")

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
            slug = base = _slug(topic.replace("/", "--"))
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

    # -- rendering --------------------------------------------------------------------

    def render(self, template: str, path: str, **context: Any) -> str:
        root = self.root_of(path)

        def link(target: str) -> str:
            return _href(root + target)

        def paper_link(paper: Paper) -> str:
            return link(self.paper_path(paper))

        def topic_link(topic: str) -> str:
            return link(self.topic_pages.get(topic, "topics/index.html"))

        return self.env.get_template(template).render(
            site_name=self.name, root=root, path=path, link=link, paper_link=paper_link,
            topic_link=topic_link, paper_url=paper_url, status_titles=STATUS_TITLES, **context,
        )

    def paper_page(self, paper: Paper, copies: dict[str, Path], missing: list[str]) -> str:
        path = self.paper_path(paper)
        root = self.root_of(path)
        source = self.library.path_for(paper.key)
        library_root = self.library.root

        def image_url(relative: str) -> str | None:
            target = (source.parent / relative).resolve()
            try:
                inside = target.relative_to(library_root).as_posix()
            except ValueError:
                missing.append(f"{paper.key}: {relative} (outside the library)")
                return None
            if not target.is_file():
                missing.append(f"{paper.key}: {relative}")
                return None
            copies["assets/" + inside] = target
            return root + "assets/" + inside

        notes_html = render_notes(paper.notes, image_url=image_url) if paper.has_notes else ""
        links = [(kind, value, _id_url(kind, value)) for kind, value in sorted(paper.ids.items())]
        links = [link for link in links if link[2] is None or link[2] != paper.url]
        return self.render(
            "site/paper.html.j2", path, paper=paper, notes=Markup(notes_html),
            has_math='class="math' in notes_html, id_links=links,
            pdf_url=paper.pdf if paper.pdf and not is_local_path(paper.pdf) else None,
        )

    def paper_digest(self, paper: Paper, shared: str) -> str:
        data = json.dumps(paper.to_json(), sort_keys=True, ensure_ascii=False)
        images = []
        if "![" in paper.notes or "<img" in paper.notes:
            from paperlog.markdown import local_images

            folder = self.library.path_for(paper.key).parent
            for relative in local_images(paper.notes):
                try:
                    stat = (folder / relative).stat()
                    images.append(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}")
                except OSError:
                    images.append(f"{relative}:missing")
        topics = [self.topic_pages.get(t, "") for t in paper.topics]
        return hashlib.sha256(
            "\0".join([shared, data, *images, *topics]).encode("utf-8")
        ).hexdigest()


def _newest_first(papers: Iterable[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (-(p.year or 0), p.title.casefold()))


def _id_url(kind: str, value: str) -> str | None:
    from paperlog.ids import canonical_url

    return canonical_url(kind, value)


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


def build_site(library: Library, out: Path, *, full: bool = False) -> BuildReport:
    """Build (or bring up to date) the site of `library` in the folder `out`."""
    started = time.perf_counter()
    out = out.resolve()
    if out == library.root or out == library.papers_dir or library.papers_dir.is_relative_to(out):
        raise PaperlogError(f"cannot build the site into {out}: it holds the library's papers")
    report = BuildReport()
    manifest = _load_manifest(out)  # refuses a folder paperlog did not build
    previous: dict[str, str] = dict(manifest.get("files", {}))
    old_files = {} if full else previous
    old_papers: dict[str, str] = {} if full else dict(manifest.get("papers", {}))
    old_copies: dict[str, list[str]] = {} if full else dict(manifest.get("assets", {}))
    out.mkdir(parents=True, exist_ok=True)

    papers = list(library.index.papers(sort="key"))
    site = _Site(library, out, papers)
    writer = _Writer(out, old_files, report)
    shared = hashlib.sha256(
        "\0".join([str(MANIFEST_VERSION), site.name, _tree_digest(TEMPLATES),
                   _tree_digest(library.root / "templates") if (library.root / "templates").is_dir()
                   else ""]).encode()
    ).hexdigest()

    # Paper pages: rendered again only when what they show changed.
    copies: dict[str, Path] = {}
    new_papers: dict[str, str] = {}
    new_copies: dict[str, list[str]] = {}
    for paper in papers:
        digest = site.paper_digest(paper, shared)
        new_papers[paper.key] = digest
        path = site.paper_path(paper)
        assets = old_copies.get(paper.key, [])
        if old_papers.get(paper.key) == digest and writer.keep(path) and all(
            writer.keep(a) for a in assets
        ):
            new_copies[paper.key] = assets
            continue
        own: dict[str, Path] = {}
        writer.write(path, site.paper_page(paper, own, report.missing_images))
        report.rendered_papers += 1
        copies.update(own)
        new_copies[paper.key] = sorted(own)
    for relative, source in sorted(copies.items()):
        if relative not in writer.files:
            writer.write(relative, source.read_bytes())

    # List pages: cheap to render; written only when their bytes change.
    goals = progress_of(load_goals(library), papers)
    read = [p for p in papers if p.status is Status.READ and p.read_on]
    read.sort(key=lambda p: (p.read_on, p.key), reverse=True)
    by_month: dict[str, int] = {}
    for paper in read:
        assert paper.read_on is not None
        month = paper.read_on.strftime("%Y-%m")
        by_month[month] = by_month.get(month, 0) + 1
    by_topic: dict[str, int] = {}
    for paper in papers:
        for topic in paper.topics:
            top = topic.split("/")[0]
            by_topic[top] = by_topic.get(top, 0) + 1
    counts = {s: sum(1 for p in papers if p.status and p.status.value == s) for s in STATUS_TITLES}
    reading = _newest_first(p for p in papers if p.status is Status.READING)
    writer.write("index.html", site.render(
        "site/index.html.j2", "index.html", papers=papers, counts=counts, recent=read[:15],
        reading=reading,
        goals=goals, goals_svg=Markup(plots.goals_svg(site.env, goals)) if goals else None,
        month_chart=Markup(plots.month_chart(site.env, by_month)),
        topic_chart=Markup(plots.topic_chart(site.env, by_topic)),
        groups=site.groups,
    ))
    writer.write("papers.html", site.render(
        "site/list.html.j2", "papers.html", title="All papers", papers=_newest_first(papers),
        group=None,
    ))
    for kind, title in (("topic", "Topics"), ("year", "Years"), ("status", "Status")):
        folder = {"topic": "topics", "year": "years", "status": "status"}[kind]
        members = [g for g in site.groups if g.kind == kind]
        writer.write(f"{folder}/index.html", site.render(
            "site/groups.html.j2", f"{folder}/index.html", title=title, groups=members, kind=kind,
        ))
        for group in members:
            writer.write(group.path, site.render(
                "site/list.html.j2", group.path, title=group.title, papers=list(group.papers),
                group=group,
            ))
    writer.write("search.html", site.render("site/search.html.j2", "search.html"))
    writer.write("search-index.js", search_index_js(papers, site.paper_path))
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

    _write_bytes(out / MANIFEST, json.dumps({
        "version": MANIFEST_VERSION, "files": writer.files, "papers": new_papers,
        "assets": new_copies,
    }, indent=0, sort_keys=True).encode("utf-8"))
    report.seconds = time.perf_counter() - started
    return report


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
