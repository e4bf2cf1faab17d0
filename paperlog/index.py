"""The SQLite index in `.paperlog/index.sqlite`: fast lists, filters and full-text search.

It is never the truth: `sync` brings it up to date with the paper files (a file whose
size and mtime are unchanged is skipped; a changed one is re-read only if its content
hash differs), and `rebuild` makes it again from nothing. Files that fail to load are
remembered in `errors` so that listing commands can warn about them and go on.

Search is SQLite FTS5 with bm25 ranking (the title weighted highest) over text that
`paperlog.text` has prepared, so Chinese words are found too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlog.errors import InvalidValue, PaperFileError
from paperlog.ids import normalize_arxiv, normalize_doi, parse_identifier
from paperlog.model import Paper, Status, normalize_topic
from paperlog.snippets import Snippet, snippet
from paperlog.text import index_text, normalize_title, parse_query

if TYPE_CHECKING:
    from paperlog.library import FileStat, Library

SCHEMA_VERSION = "7"

#: bm25 weights per FTS column: title, authors, venue, topics, tags, notes, facets.
WEIGHTS = (10.0, 4.0, 2.0, 3.0, 3.0, 1.0, 0.0)
_WEIGHTS_SQL = ", ".join(str(w) for w in WEIGHTS)

#: The page cache of an open index, in KiB (see `Index._open`).
CACHE_KIB = 65536

#: A query with more hits than this is ranked among its most recent ones (`Index._ranked`).
RANK_LIMIT = 2000

#: Sort orders, each with the index that serves it (NULLs sort last in a DESC order).
SORTS = {
    "added": "p.added DESC, p.key",
    "read": "p.read_on DESC, p.key",
    "year": "p.year DESC, p.key",
    "title": "p.title_norm, p.key",
    "rating": "p.rating DESC, p.key",
    "key": "p.key",
}
_SORT_INDEXES = {
    "added": "papers_by_added",
    "read": "papers_by_read",
    "year": "papers_by_year",
    "title": "papers_by_title",
    "rating": "papers_by_rating",
}
#: A sorted search walks the sort's index when at least this share of papers match.
_WALK_SHARE = 0.1

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
-- What each file looked like when it was indexed: narrow, because every sync reads it all.
CREATE TABLE IF NOT EXISTS files (
    key TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    hash TEXT NOT NULL
) WITHOUT ROWID;
-- The fields that filters and sorts use; the whole paper is in `docs`, read only for a page.
CREATE TABLE IF NOT EXISTS papers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    title_norm TEXT NOT NULL,
    year INTEGER,
    venue TEXT,
    status TEXT,
    added TEXT,
    read_on TEXT,
    rating INTEGER,
    has_notes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS papers_by_title ON papers(title_norm, key);
CREATE INDEX IF NOT EXISTS papers_by_added ON papers(added DESC, key);
CREATE INDEX IF NOT EXISTS papers_by_read ON papers(read_on DESC, key);
CREATE INDEX IF NOT EXISTS papers_by_year ON papers(year DESC, key);
CREATE INDEX IF NOT EXISTS papers_by_rating ON papers(rating DESC, key);
CREATE INDEX IF NOT EXISTS papers_status ON papers(status);
CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paper_ids (
    paper INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paper_ids_value ON paper_ids(kind, value);
CREATE INDEX IF NOT EXISTS paper_ids_paper ON paper_ids(paper);
CREATE TABLE IF NOT EXISTS paper_topics (
    paper INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    topic TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX IF NOT EXISTS paper_topics_topic ON paper_topics(topic);
CREATE INDEX IF NOT EXISTS paper_topics_paper ON paper_topics(paper);
CREATE TABLE IF NOT EXISTS paper_tags (
    paper INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX IF NOT EXISTS paper_tags_tag ON paper_tags(tag);
CREATE INDEX IF NOT EXISTS paper_tags_paper ON paper_tags(paper);
CREATE TABLE IF NOT EXISTS errors (
    key TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    message TEXT NOT NULL
);
-- `facets` holds one made-up token per status, topic (and each topic above it) and tag,
-- so that those filters are part of the MATCH and FTS5 intersects the lists itself.
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, authors, venue, topics, tags, notes, facets,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT OR REPLACE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""


@dataclass(frozen=True)
class Filters:
    """What to keep. Every filter given must hold (AND); empty means no filter."""

    status: tuple[Status, ...] = ()
    topic: str | None = None
    tags: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    venue: str | None = None
    has_notes: bool | None = None


@dataclass(frozen=True)
class Hit:
    paper: Paper
    score: float | None = None
    snippet: Snippet | None = None


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    errors: list[PaperFileError] = field(default_factory=list)


@dataclass(frozen=True)
class Stats:
    total: int
    with_notes: int
    by_status: dict[str, int]
    by_topic: dict[str, int]
    by_month_read: dict[str, int]
    by_year: dict[int, int]
    by_tag: dict[str, int]


def paper_from_row(data: str) -> Paper:
    """The paper stored in the index. It was checked when its file was read, so it is
    rebuilt directly rather than checked again: this runs for every hit on every page."""
    fields = json.loads(data)
    status, added, read_on = fields["status"], fields["added"], fields["read_on"]
    return Paper(
        title=fields["title"],
        key=fields["key"],
        authors=fields["authors"],
        year=fields["year"],
        venue=fields["venue"],
        ids=fields["ids"],
        url=fields["url"],
        pdf=fields["pdf"],
        status=Status(status) if status else None,
        added=dt.date.fromisoformat(added) if added else None,
        read_on=dt.date.fromisoformat(read_on) if read_on else None,
        topics=fields["topics"],
        tags=fields["tags"],
        rating=fields["rating"],
        extra=fields["extra"] or {},
        notes=fields["notes"],
    )


class Index:
    """The index of one library. Open it with `Library.index`, which syncs it first."""

    def __init__(self, library: Library, path: Path | None = None) -> None:
        self.library = library
        self.path = path or library.state_dir / "index.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = self._open()
        row = None
        with contextlib.suppress(sqlite3.DatabaseError):  # no meta table yet, or not a database
            row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            db.close()
            self._remove_files()
            db = self._open()
        db.executescript(_SCHEMA)
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        with contextlib.suppress(sqlite3.DatabaseError):  # not a database: _connect starts anew
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            # Filters look papers up by id for every match; SQLite's default 2 MB page cache
            # holds a tenth of a 100,000-paper index's `papers` table. Pages are allocated
            # as they are read, so a small library never uses this much.
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        self.db.close()

    # -- keeping up with the files -------------------------------------------------------

    def rebuild(self) -> SyncReport:
        """Throw the index away and read every file again."""
        self.db.close()
        self._remove_files()
        self.db = self._connect()
        return self.sync()

    def sync(self) -> SyncReport:
        """Bring the index up to date with the files: new, changed and deleted ones.

        This runs before every command, so its loop is kept to the bare minimum per file:
        one stat, one dict lookup. Hashes are read only for files whose stat changed.
        """
        report = SyncReport()
        # key -> (mtime_ns, size); what is left after the scan has gone from disk.
        unseen = {
            key: (mtime, size)
            for key, mtime, size in self.db.execute("SELECT key, mtime_ns, size FROM files")
        }
        broken = {
            key: (mtime, size, message)
            for key, mtime, size, message in self.db.execute(
                "SELECT key, mtime_ns, size, message FROM errors"
            )
        }
        pop = unseen.pop
        changed: list[FileStat] = []
        unchanged = 0
        for found in self.library.scan():
            old = pop(found[0], None)
            if old is not None and old[0] == found[2] and old[1] == found[3]:
                unchanged += 1
                continue
            if old is None and found[0] in broken:
                failed = broken.pop(found[0])
                if failed[0] == found[2] and failed[1] == found[3]:  # still the same broken file
                    unchanged += 1
                    report.errors.append(_stored_error(failed[2]))
                    continue
            changed.append(found)
        report.unchanged = unchanged
        gone = [*unseen, *broken]  # in the index, no longer on disk
        if not changed and not gone:
            return report
        with self._transaction():
            for key in gone:
                self._delete(key)
                report.removed += 1
            changed.sort(key=lambda found: found.mtime_ns)  # rowids follow recency: see _ranked
            for found in changed:
                row = self.db.execute(
                    "SELECT mtime_ns, size, hash FROM files WHERE key = ?", (found.key,)
                ).fetchone()
                self._index_file(found, row, report)
        return report

    def sync_paths(self, paths: Iterable[Path]) -> None:
        """Re-read just these files (after paperlog itself wrote or moved them)."""
        from paperlog.library import FileStat

        with self._transaction():
            report = SyncReport()
            for path in paths:
                key = self.library.key_for(path)
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    self._delete(key)
                    continue
                self._index_file(FileStat(key, str(path), stat.st_mtime_ns, stat.st_size), None, report)

    def _transaction(self) -> Any:
        return _Transaction(self.db)

    def _index_file(self, found: FileStat, old: tuple[int, int, str] | None, report: SyncReport) -> None:
        from paperlog.library import content_hash

        key, path = found.key, Path(found.path)
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            error = PaperFileError(self.library.relative(path), "not UTF-8 text")
            self._delete(key)
            self._record_error(found, error, report)
            return
        except FileNotFoundError:  # deleted while we looked
            self._delete(key)
            return
        digest = content_hash(text)
        if old is not None and old[2] == digest:
            self.db.execute(
                "UPDATE files SET mtime_ns = ?, size = ? WHERE key = ?",
                (found.mtime_ns, found.size, key),
            )
            report.unchanged += 1
            return
        try:
            paper = self.library.parse(text, path)
        except PaperFileError as error:
            self._delete(key)
            self._record_error(found, error, report)
            return
        self.db.execute("DELETE FROM errors WHERE key = ?", (key,))
        self._store(paper, found, digest)
        if old is None:
            report.added += 1
        else:
            report.updated += 1

    def _record_error(self, found: FileStat, error: PaperFileError, report: SyncReport) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?)",
            (found.key, found.mtime_ns, found.size, str(error)),
        )
        report.errors.append(error)

    def _delete(self, key: str) -> None:
        row = self.db.execute("SELECT id FROM papers WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
            self.db.execute("DELETE FROM docs WHERE id = ?", (row[0],))
            self.db.execute("DELETE FROM papers WHERE id = ?", (row[0],))
        self.db.execute("DELETE FROM files WHERE key = ?", (key,))
        self.db.execute("DELETE FROM errors WHERE key = ?", (key,))

    def _store(self, paper: Paper, found: FileStat, digest: str) -> None:
        self._delete(paper.key)
        data = json.dumps(paper.to_json(), ensure_ascii=False)
        cursor = self.db.execute(
            "INSERT INTO papers (key, title, title_norm, year, venue,"
            " status, added, read_on, rating, has_notes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                paper.key,
                paper.title,
                normalize_title(paper.title),
                paper.year,
                paper.venue,
                paper.status.value if paper.status else None,
                paper.added.isoformat() if paper.added else None,
                paper.read_on.isoformat() if paper.read_on else None,
                paper.rating,
                int(paper.has_notes),
            ),
        )
        rowid = cursor.lastrowid
        self.db.execute("INSERT INTO docs VALUES (?, ?)", (rowid, data))
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?)", (paper.key, found.mtime_ns, found.size, digest)
        )
        self.db.executemany(
            "INSERT INTO paper_ids VALUES (?, ?, ?)",
            [(rowid, kind, _normal_id(kind, value)) for kind, value in paper.ids.items()],
        )
        self.db.executemany(
            "INSERT INTO paper_topics VALUES (?, ?)", [(rowid, topic) for topic in paper.topics]
        )
        self.db.executemany("INSERT INTO paper_tags VALUES (?, ?)", [(rowid, tag) for tag in paper.tags])
        self.db.execute(
            "INSERT INTO fts (rowid, title, authors, venue, topics, tags, notes, facets)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rowid,
                index_text(paper.title),
                index_text(" ; ".join(paper.authors)),
                index_text(paper.venue or ""),
                index_text(" ; ".join(t.replace("/", " ") for t in paper.topics)),
                index_text(" ".join(paper.tags)),
                index_text(paper.notes),
                " ".join(_facet_tokens(paper)),
            ),
        )

    # -- asking ------------------------------------------------------------------------

    def errors(self) -> list[str]:
        return [message for _, message in self.broken_files()]

    def broken_files(self) -> list[tuple[str, str]]:
        """(key, message) for each paper file that does not load as a paper, by key."""
        rows = self.db.execute("SELECT key, message FROM errors ORDER BY key")
        return [(key, message) for key, message in rows]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM papers").fetchone()[0])

    def keys(self) -> list[str]:
        return [key for (key,) in self.db.execute("SELECT key FROM papers ORDER BY key")]

    def get(self, key: str) -> Paper | None:
        row = self.db.execute(
            "SELECT d.data FROM papers p JOIN docs d ON d.id = p.id WHERE p.key = ?", (key,)
        ).fetchone()
        return paper_from_row(row[0]) if row else None

    def lookup(self, ref: str) -> list[str]:
        """Keys of the papers `ref` names: `kind:value`, a bare arXiv id / DOI / URL, or a key prefix."""
        ref = ref.strip()
        kind, _, value = ref.partition(":")
        if value and kind.lower() in self._id_kinds():
            return self._by_id(kind.lower(), _normal_id(kind.lower(), value))
        ident = parse_identifier(ref)
        if ident.kind not in {"title", "url"}:
            keys = self._by_id(ident.kind, ident.value)
            if keys:
                return keys
        rows = self.db.execute(
            "SELECT key FROM papers WHERE key LIKE ? ESCAPE '\\' ORDER BY key",
            (_like_prefix(ref),),
        ).fetchall()
        if rows:
            return [key for (key,) in rows]
        return self.by_title(ref)

    def by_title(self, title: str) -> list[str]:
        return [
            key
            for (key,) in self.db.execute(
                "SELECT key FROM papers WHERE title_norm = ? ORDER BY key", (normalize_title(title),)
            )
        ]

    def _id_kinds(self) -> set[str]:
        return {kind for (kind,) in self.db.execute("SELECT DISTINCT kind FROM paper_ids")} | {
            "arxiv",
            "doi",
            "openreview",
        }

    def _by_id(self, kind: str, value: str) -> list[str]:
        return [
            key
            for (key,) in self.db.execute(
                "SELECT p.key FROM paper_ids i JOIN papers p ON p.id = i.paper"
                " WHERE i.kind = ? AND i.value = ? ORDER BY p.key",
                (kind, value),
            )
        ]

    def search(
        self,
        query: str = "",
        filters: Filters | None = None,
        *,
        sort: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
        prefix_last: bool = False,
        snippets: bool = True,
        snippet_width: int = 160,
    ) -> Results:
        """Papers matching `query` (all papers when it is empty) and `filters`.

        With a query, hits are ranked by bm25 unless `sort` names another order, and
        carry a snippet of the notes (or title) around the first match.
        """
        filters = filters or Filters()
        parsed = parse_query(query, prefix_last=prefix_last)
        where, params = _filter_sql(filters, facets=bool(parsed))
        if sort is not None and sort not in SORTS and sort != "rank":
            raise InvalidValue("sort", sort, "one of rank, " + ", ".join(SORTS))
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        try:
            match = _with_facets(parsed.match, filters) if parsed else ""
            if parsed and sort in (None, "rank"):
                total, rows = self._ranked(match, parsed.match, where, params, limit, offset)
            else:
                if parsed:
                    # CROSS JOIN keeps FTS5 the outer loop: never one full-text query per paper
                    base = f"FROM fts CROSS JOIN papers p ON p.id = fts.rowid WHERE fts MATCH ?{where}"
                    params = [match, *params]
                    score_sql = f"bm25(fts, {_WEIGHTS_SQL})"
                else:
                    base, score_sql = f"FROM papers p WHERE 1{where}", "NULL"
                name = sort if sort in SORTS else "added"
                order = SORTS[name]
                if parsed:  # count in FTS5 alone: no row of `papers` needed without filters
                    count_sql = f"SELECT count(*) FROM fts WHERE fts MATCH ?{_kept('fts', where)}"
                else:
                    count_sql = f"SELECT count(*) {base}"
                total = int(self.db.execute(count_sql, params).fetchone()[0])
                select = f"SELECT p.id, {score_sql} {base} ORDER BY {order}{page}"
                if parsed and name in _SORT_INDEXES and total >= _WALK_SHARE * self.count():
                    # Many matches: walking the sort's index and keeping the matches is
                    # cheaper than sorting them all (29,000 of 100,000: 5 ms against 30).
                    select = (
                        f"SELECT p.id, NULL FROM papers p INDEXED BY {_SORT_INDEXES[name]}"
                        f" WHERE p.id IN (SELECT rowid FROM fts WHERE fts MATCH ?){where}"
                        f" ORDER BY {order}{page}"
                    )
                rows = self.db.execute(select, params).fetchall()
        except sqlite3.OperationalError as error:
            raise InvalidValue("query", query, f"a search query ({error})") from None
        documents = self._documents([rowid for rowid, _ in rows])
        hits = []
        for rowid, score in rows:
            paper = paper_from_row(documents[rowid])
            cut = None
            if parsed and snippets:
                cut = snippet(paper.notes, parsed.terms, snippet_width) or snippet(
                    paper.title, parsed.terms, snippet_width
                )
            hits.append(Hit(paper, -score if score is not None else None, cut))
        return Results(hits, total)

    def _ranked(
        self, match: str, text: str, where: str, params: list[Any], limit: int | None, offset: int
    ) -> tuple[int, list[tuple[int, float | None]]]:
        """Rowids and bm25 scores of one page of hits, best first, and the exact number of hits.

        `match` is the whole MATCH expression, `text` only the words the user typed (without
        the status, topic and tag tokens that `_with_facets` adds).

        FTS5 has no top-k shortcut: `ORDER BY bm25 LIMIT 20` scores every match, one to
        four microseconds each, so a word found in a quarter of a 100,000-paper library
        would cost 50 ms a keystroke. A query with more than `RANK_LIMIT` matches is
        therefore ranked among its `RANK_LIMIT` most recently indexed matches (rowids grow
        as papers are added or edited), which FTS5 can find cheaply with a rowid bound;
        the older matches follow, newest first, unscored. More words or a filter bring
        back a fully ranked list. Year, venue and notes filters are checked per match by
        primary key (`where`), never handed to FTS5 row by row.
        """
        keep = _kept("fts", where)
        args = [match, *params]
        matches = f"FROM fts WHERE fts MATCH ?{keep}"
        total = int(self.db.execute(f"SELECT count(*) {matches}", args).fetchone()[0])
        scored = f"SELECT rowid, bm25(fts, {_WEIGHTS_SQL}) AS score {matches}"
        if total <= RANK_LIMIT or limit is None:
            page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
            return total, self.db.execute(f"{scored} ORDER BY score{page}", args).fetchall()
        bound = self.db.execute(
            f"SELECT rowid {matches} ORDER BY rowid DESC LIMIT 1 OFFSET {RANK_LIMIT - 1}", args
        ).fetchone()[0]
        rows: list[tuple[int, float | None]] = []
        if offset < RANK_LIMIT:
            window = f" ORDER BY score LIMIT {int(limit)} OFFSET {int(offset)}"
            if match == f"({text})":
                rows += self.db.execute(f"{scored} AND rowid >= ?{window}", [*args, bound]).fetchall()
            else:
                # bm25 sizes up every phrase over the whole library before it scores a row,
                # and a status or topic token is in tens of thousands of papers; its weight
                # is 0, so score the typed words alone, among the filtered candidates.
                candidates = "SELECT rowid FROM fts AS f WHERE f.fts MATCH ? AND f.rowid >= ?"
                candidates += _kept("f", where)
                rows += self.db.execute(
                    f"SELECT rowid, bm25(fts, {_WEIGHTS_SQL}) AS score FROM fts"
                    f" WHERE fts MATCH ? AND rowid >= ? AND +rowid IN ({candidates}){window}",
                    [text, bound, match, bound, *params],
                ).fetchall()
        if len(rows) < limit:
            rows += self.db.execute(
                f"SELECT rowid, NULL {matches} AND rowid < ? ORDER BY rowid DESC"
                f" LIMIT {int(limit - len(rows))} OFFSET {max(0, offset - RANK_LIMIT)}",
                [*args, bound],
            ).fetchall()
        return total, rows

    def _documents(self, ids: list[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT id, data FROM docs WHERE id IN ({marks})", chunk))
        return found

    def papers(self, filters: Filters | None = None, *, sort: str = "added") -> Iterator[Paper]:
        """Every paper matching `filters`, in `sort` order, without a page limit."""
        yield from (hit.paper for hit in self.search("", filters, sort=sort, limit=None).hits)

    def topics(self) -> dict[str, int]:
        """Each topic and every level above it, with the number of papers under it."""
        counts: dict[str, set[int]] = {}
        for paper_id, topic in self.db.execute("SELECT paper, topic FROM paper_topics"):
            parts = topic.split("/")
            for depth in range(1, len(parts) + 1):
                counts.setdefault("/".join(parts[:depth]), set()).add(paper_id)
        return {topic: len(ids) for topic, ids in sorted(counts.items())}

    def stats(self, filters: Filters | None = None) -> Stats:
        where, params = _filter_sql(filters or Filters())
        rows = self.db.execute(
            f"SELECT p.id, p.status, p.read_on, p.year, p.has_notes FROM papers p WHERE 1{where}",
            params,
        ).fetchall()
        ids = {row[0] for row in rows}
        by_status: dict[str, int] = {}
        by_month: dict[str, int] = {}
        by_year: dict[int, int] = {}
        for _, status, read_on, year, _notes in rows:
            by_status[status or "unset"] = by_status.get(status or "unset", 0) + 1
            if read_on and status == Status.READ.value:  # a paper put back to read again does not count
                by_month[read_on[:7]] = by_month.get(read_on[:7], 0) + 1
            if year:
                by_year[year] = by_year.get(year, 0) + 1
        by_topic: dict[str, int] = {}
        for paper_id, topic in self.db.execute("SELECT paper, topic FROM paper_topics"):
            if paper_id in ids:
                by_topic[topic] = by_topic.get(topic, 0) + 1
        by_tag: dict[str, int] = {}
        for paper_id, tag in self.db.execute("SELECT paper, tag FROM paper_tags"):
            if paper_id in ids:
                by_tag[tag] = by_tag.get(tag, 0) + 1
        order = [s.value for s in Status] + ["unset"]
        return Stats(
            total=len(rows),
            with_notes=sum(1 for row in rows if row[4]),
            by_status={s: by_status[s] for s in order if s in by_status},
            by_topic=dict(sorted(by_topic.items(), key=lambda kv: (-kv[1], kv[0]))),
            by_month_read=dict(sorted(by_month.items(), reverse=True)),
            by_year=dict(sorted(by_year.items(), reverse=True)),
            by_tag=dict(sorted(by_tag.items(), key=lambda kv: (-kv[1], kv[0]))),
        )


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def _stored_error(message: str) -> PaperFileError:
    path, _, rest = message.partition(": ")
    line = None
    if ":" in path and path.rsplit(":", 1)[1].isdigit():
        path, number = path.rsplit(":", 1)
        line = int(number)
    return PaperFileError(path, rest, line=line)


def _normal_id(kind: str, value: str) -> str:
    value = str(value).strip()
    if kind == "arxiv":
        return normalize_arxiv(value) or value
    if kind == "doi":
        return normalize_doi(value) or value.lower()
    return value


def _kept(table: str, where: str) -> str:
    """The condition that a match of the FTS table (as `table`) passes the `papers` filters."""
    return f" AND EXISTS (SELECT 1 FROM papers p WHERE p.id = {table}.rowid{where})" if where else ""


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _facet(kind: str, value: str) -> str:
    """A token that stands for `kind` = `value`: letters and digits only, ending in a digit
    so that the porter stemmer leaves it alone, the same for any case of `value`."""
    return f"{kind}{hashlib.sha1(value.lower().encode()).hexdigest()[:16]}0"


def _facet_tokens(paper: Paper) -> list[str]:
    tokens = [_facet("s", paper.status.value)] if paper.status else []
    for topic in paper.topics:
        parts = topic.split("/")
        tokens += [_facet("t", "/".join(parts[:depth])) for depth in range(1, len(parts) + 1)]
    tokens += [_facet("g", tag) for tag in paper.tags]
    return list(dict.fromkeys(tokens))


def _with_facets(match: str, filters: Filters) -> str:
    """The MATCH expression restricted to the status, topic and tag filters."""
    clauses = [f"({match})"]
    if filters.status:
        clauses.append("facets : (" + " OR ".join(_facet("s", s.value) for s in filters.status) + ")")
    if filters.topic:
        clauses.append(f"facets : {_facet('t', normalize_topic(filters.topic))}")
    clauses += [f"facets : {_facet('g', tag)}" for tag in filters.tags]
    return " AND ".join(clauses)


def _filter_sql(filters: Filters, *, facets: bool = False) -> tuple[str, list[Any]]:
    """SQL conditions on `papers p` for the filters; with `facets`, only those that the
    MATCH does not already carry (see `_with_facets`)."""
    clauses: list[str] = []
    params: list[Any] = []
    if facets:
        filters = Filters(
            year_from=filters.year_from,
            year_to=filters.year_to,
            venue=filters.venue,
            has_notes=filters.has_notes,
        )
    if filters.status:
        clauses.append(f"p.status IN ({', '.join('?' * len(filters.status))})")
        params += [s.value for s in filters.status]
    if filters.topic:
        topic = normalize_topic(filters.topic)
        clauses.append(
            "p.id IN (SELECT paper FROM paper_topics WHERE topic = ? COLLATE NOCASE"
            " OR topic LIKE ? ESCAPE '\\')"
        )
        params += [topic, _like_prefix(topic + "/")]
    for tag in filters.tags:
        clauses.append("p.id IN (SELECT paper FROM paper_tags WHERE tag = ? COLLATE NOCASE)")
        params.append(tag)
    if filters.year_from is not None:
        clauses.append("p.year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append("p.year <= ?")
        params.append(filters.year_to)
    if filters.venue:
        clauses.append("p.venue LIKE ? ESCAPE '\\'")
        params.append("%" + _like_prefix(filters.venue).removesuffix("%") + "%")
    if filters.has_notes is not None:
        clauses.append("p.has_notes = ?")
        params.append(int(filters.has_notes))
    where = "".join(f" AND {clause}" for clause in clauses)
    return where, params


def parse_statuses(values: Sequence[str]) -> tuple[Status, ...]:
    return tuple(Status.parse(value) for part in values for value in part.split(",") if value.strip())
