"""What the site builder remembers about each paper between builds.

A rebuild must not read and render 10,000 papers to change one. For every paper the
builder keeps, in `.paperlog/site-cache.json`, a `PaperRecord`: the fingerprint of the
paper file it was made from (size and modification time), the few fields that list pages show,
the paper's row in those lists as HTML, its entry in the search index, and the images
its page uses. A record whose file hash is unchanged is used as it is; only papers whose
files changed are loaded from the index and rendered again.

The cache is only ever a shortcut: it is thrown away when the templates, the site's
settings or paperlog change (`shared` digest), and a missing or broken cache file just
means a full build.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperlog.library import atomic_write
from paperlog.model import Paper, Status

__all__ = ["PaperRecord", "load_cache", "save_cache"]

CACHE_FILE = "site-cache.json"
CACHE_VERSION = 1


@dataclass
class PaperRecord:
    file_hash: str
    meta: dict[str, Any]  # the fields list pages show (see `light_paper`)
    rows: dict[str, str]  # path prefix ("" or "../") -> the paper's <li> in a list
    search: str  # the paper's entry in search-index.js, as JSON
    images: list[list[Any]]  # [site path, source path in the library, size, mtime_ns]

    @staticmethod
    def meta_of(paper: Paper) -> dict[str, Any]:
        return {
            "key": paper.key,
            "title": paper.title,
            "authors": paper.authors[:4],
            "year": paper.year,
            "venue": paper.venue,
            "status": paper.status.value if paper.status else None,
            "read_on": paper.read_on.isoformat() if paper.read_on else None,
            "topics": paper.topics,
        }

    def light_paper(self) -> Paper:
        """A `Paper` with just the fields list pages, charts and goals need (no notes)."""
        meta = self.meta
        return Paper(
            title=meta["title"],
            key=meta["key"],
            authors=list(meta["authors"]),
            year=meta["year"],
            venue=meta["venue"],
            status=Status(meta["status"]) if meta["status"] else None,
            read_on=dt.date.fromisoformat(meta["read_on"]) if meta["read_on"] else None,
            topics=list(meta["topics"]),
        )

    def images_unchanged(self, library_root: Path) -> bool:
        for _, source, size, mtime in self.images:
            try:
                stat = (library_root / source).stat()
            except OSError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
        return True


def load_cache(state_dir: Path, shared: str) -> dict[str, PaperRecord]:
    """The records of the last build, if it was made with the same templates and settings."""
    try:
        data = json.loads((state_dir / CACHE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("shared") != shared:
        return {}
    records = {}
    for key, value in data.get("papers", {}).items():
        try:
            records[key] = PaperRecord(value["h"], value["m"], value["r"], value["s"], value["i"])
        except (KeyError, TypeError):
            continue
    return records


def save_cache(state_dir: Path, shared: str, records: dict[str, PaperRecord]) -> None:
    papers = {
        key: {"h": r.file_hash, "m": r.meta, "r": r.rows, "s": r.search, "i": r.images}
        for key, r in records.items()
    }
    text = json.dumps({"version": CACHE_VERSION, "shared": shared, "papers": papers},
                      ensure_ascii=False, separators=(",", ":"))
    atomic_write(state_dir / CACHE_FILE, text)
