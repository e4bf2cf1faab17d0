"""What the site builder remembers about each paper between builds.

A rebuild must not read and render 10,000 papers to change one. For every paper the
builder keeps, in `.paperlog/site-cache.sqlite`, a `PaperRecord`: the fingerprint of the
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
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperlog.model import Paper, Status

__all__ = ["PaperRecord", "SiteCache", "pack_meta"]

CACHE_FILE = "site-cache.sqlite"
CACHE_VERSION = 2


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


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS papers (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    meta TEXT NOT NULL,
    row_top TEXT NOT NULL,
    row_nested TEXT NOT NULL,
    search TEXT NOT NULL,
    images TEXT NOT NULL
);
"""


# Meta is stored as separated text rather than JSON: loading 10,000 records is on the
# path of every rebuild, and splitting a string is several times faster than json.loads.
_FIELD, _ITEM = "\x1f", "\x1e"
_META = ("key", "title", "year", "venue", "status", "read_on", "authors", "topics")


def _clean(text: str) -> str:
    return text.replace(_FIELD, " ").replace(_ITEM, " ")


def pack_meta(meta: dict[str, Any]) -> str:
    values = []
    for name in _META:
        value = meta[name]
        if isinstance(value, list):
            values.append(_ITEM.join(_clean(v) for v in value))
        else:
            values.append("" if value is None else _clean(str(value)))
    return _FIELD.join(values)


def _unpack(text: str) -> dict[str, Any]:
    key, title, year, venue, status, read_on, authors, topics = text.split(_FIELD)
    return {
        "key": key, "title": title, "year": int(year) if year else None, "venue": venue or None,
        "status": status or None, "read_on": read_on or None,
        "authors": authors.split(_ITEM) if authors else [],
        "topics": topics.split(_ITEM) if topics else [],
    }


class SiteCache:
    """The records of the last build, in `.paperlog/site-cache.sqlite`.

    SQLite rather than one JSON file so that a rebuild after one edit writes one row,
    not the whole cache.
    """

    def __init__(self, state_dir: Path, shared: str) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / CACHE_FILE
        try:
            self.db = self._open(shared)
        except sqlite3.DatabaseError:  # not a database: it is only a cache, start again
            self.path.unlink(missing_ok=True)
            self.db = self._open(shared)

    def _open(self, shared: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE name = 'shared'").fetchone()
        expected = f"{CACHE_VERSION}:{shared}"
        if row is None or row[0] != expected:
            db.execute("DELETE FROM papers")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('shared', ?)", (expected,))
        return db

    def load(self) -> dict[str, PaperRecord]:
        records = {}
        for key, fingerprint, meta, top, nested, search, images in self.db.execute(
            "SELECT key, fingerprint, meta, row_top, row_nested, search, images FROM papers"
        ):
            try:
                unpacked = _unpack(meta)
            except (ValueError, IndexError):
                continue  # written by another version: the paper is rendered again
            records[key] = PaperRecord(fingerprint, unpacked, {"": top, "../": nested}, search,
                                       json.loads(images) if images else [])
        return records

    def save(self, changed: dict[str, PaperRecord], removed: Iterable[str]) -> None:
        self.db.execute("BEGIN")
        try:
            self.db.executemany("DELETE FROM papers WHERE key = ?", ((k,) for k in removed))
            self.db.executemany(
                "INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((key, r.file_hash, pack_meta(r.meta), r.rows[""], r.rows["../"], r.search,
                  json.dumps(r.images, ensure_ascii=False) if r.images else "")
                 for key, r in changed.items()),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def clear(self) -> None:
        self.db.execute("DELETE FROM papers")

    def close(self) -> None:
        self.db.close()
