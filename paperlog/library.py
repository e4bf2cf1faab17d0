"""The library on disk: a folder with `paperlog.toml` and one Markdown file per paper.

The files are the truth. This module finds a library, reads paper files, and writes
them: atomically (temp file, fsync, rename), touching only the fields a change names,
and refusing to write over a file that changed since it was read. Looking papers up by
id or by words goes through the index (`paperlog.index`), which this module keeps in
`.paperlog/` and brings up to date on demand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from paperlog import frontmatter
from paperlog.config import CONFIG_FILE, Config, load_config
from paperlog.errors import (
    AmbiguousPaper,
    DuplicatePaper,
    FieldError,
    LibraryNotFound,
    PaperFileError,
    PaperlogError,
    PaperNotFound,
    WriteConflict,
)
from paperlog.model import KNOWN_FIELDS, Paper, Status

if TYPE_CHECKING:
    from paperlog.index import Index

STATE_DIR = ".paperlog"
_SLUG_WORDS = 8

DEFAULT_TOML = """\
# paperlog library settings: see "Configuration" in docs/library-format.md of paperlog.
[library]
name = "{name}"
"""


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `paperlog.toml`, like git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash leaves the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # Created 0o666 less the umask, as `open()` makes files: mkstemp's 0o600 left every
    # new paper, paperlog.toml and .gitignore readable by their owner alone.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: Han ideographs: one syllable each, so each is a word of a slug.
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def transliterate(text: str) -> str:
    """`基于深度学习` -> `ji yu shen du xue xi`, `Глубокое` -> `Glubokoe`: ASCII for a file name.

    Latin letters lose their accents and other scripts are spelled in Latin letters
    (pinyin without tones for Chinese, each character a word); symbols become spaces.
    """
    if text.isascii():
        return text
    from anyascii import anyascii  # its tables load on first use; most titles are ASCII

    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif _HAN_CHAR.match(char):
            out.append(f" {anyascii(char)} ")
        else:
            out.append(anyascii(char) if unicodedata.category(char)[0] in "LNM" else " ")
    return "".join(out)


#: An apostrophe joins the letters around it: `O'Neil` is `oneil`, not `o`; `Google's`, `googles`.
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc")


def _slug_text(text: str) -> str:
    return transliterate(text.translate(_APOSTROPHES)).lower()


def slugify(paper: Paper) -> str:
    """`2017-vaswani-attention-is-all-you-need`: year, first author's surname, title words.

    Titles and names in other scripts are transliterated (`2021-wang-ji-yu-shen-du-xue-xi`).
    """
    words = re.findall(r"[a-z0-9]+", _slug_text(paper.title))[:_SLUG_WORDS]
    surname = re.findall(r"[a-z0-9]+", _slug_text(paper.first_author_surname))
    parts = [str(paper.year)] if paper.year else []
    parts += surname[:1]
    if words:
        parts += words
    else:  # a title of symbols alone: name it by an id or a digest
        ident = next(iter(paper.ids.values()), "") if paper.ids else ""
        parts.append(re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "paper")
        parts.append(hashlib.sha1(paper.title.encode()).hexdigest()[:6])
    return "-".join(parts)[:96].strip("-")


class FileStat(NamedTuple):
    """A paper file as `Library.scan` finds it."""

    key: str
    path: str
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class Loaded:
    """A paper as read from disk, with the text it was read from (for conflict checks)."""

    paper: Paper
    path: Path
    text: str

    @property
    def hash(self) -> str:
        return content_hash(self.text)


class Library:
    """A paper library rooted at `root`. Cheap to create; nothing is read until asked."""

    def __init__(self, root: Path, config: Config | None = None) -> None:
        self.root = root.resolve()
        self.config = config if config is not None else load_config(self.root, environ={})
        self._index: Index | None = None

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"

    # -- finding and creating --------------------------------------------------------

    @classmethod
    def find(
        cls,
        start: Path | None = None,
        *,
        path: Path | None = None,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Library:
        """Open the library named by `path`, else `PAPERLOG_LIBRARY`, else found above `start`."""
        environ = os.environ if environ is None else environ
        given = path or (Path(environ["PAPERLOG_LIBRARY"]) if environ.get("PAPERLOG_LIBRARY") else None)
        if given is not None:
            root = given.expanduser().resolve()
            if not (root / CONFIG_FILE).is_file():
                raise LibraryNotFound(root, named=True)
        else:
            start = (start or Path.cwd()).resolve()
            found = find_root(start)
            if found is None:
                raise LibraryNotFound(start)
            root = found
        return cls(root, load_config(root, environ=environ, overrides=overrides))

    @classmethod
    def init(cls, root: Path, *, name: str | None = None, config: Config | None = None) -> Library:
        """Create a library at `root` (an existing folder is fine; existing files are kept)."""
        root = root.expanduser().resolve()
        root.mkdir(parents=True, exist_ok=True)
        toml = root / CONFIG_FILE
        if toml.exists():
            raise PaperlogError(f"{toml} already exists: this folder is already a library")
        atomic_write(toml, DEFAULT_TOML.format(name=(name or root.name).replace('"', "'")))
        library = cls(root, config if config is not None else load_config(root, environ={}))
        library.papers_dir.mkdir(exist_ok=True)
        gitignore = root / ".gitignore"
        existing = gitignore.read_text("utf-8") if gitignore.exists() else ""
        ignored = {line.strip().strip("/") for line in existing.splitlines()}
        if STATE_DIR not in ignored:
            sep = "" if not existing or existing.endswith("\n") else "\n"
            atomic_write(gitignore, f"{existing}{sep}{STATE_DIR}/\n")
        return library

    # -- places ------------------------------------------------------------------------

    @property
    def papers_dir(self) -> Path:
        return self.root / self.config.library.papers_dir

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def trash_dir(self) -> Path:
        return self.state_dir / "trash"

    def path_for(self, key: str) -> Path:
        return self.papers_dir / f"{key}.md"

    def key_for(self, path: Path) -> str:
        return path.relative_to(self.papers_dir).with_suffix("").as_posix()

    def relative(self, path: Path) -> str:
        """A path as the user sees it in messages: relative to the library root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def scan(self) -> Iterator[FileStat]:
        """Every paper file with its size and mtime, skipping hidden files and folders.

        This is the index's hot path (one call per file per command), so it stays on
        `os.scandir` and plain strings rather than `pathlib`.
        """
        root = str(self.papers_dir)
        if not os.path.isdir(root):
            return
        stack = [(root, "")]
        new = tuple.__new__  # FileStat._make without its checks: this loop runs per file
        while stack:
            folder, prefix = stack.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] in "._":  # editors' swap files, our temp files, _drafts
                        continue
                    if name.endswith(".md"):
                        if entry.is_file():
                            stat = entry.stat()
                            yield new(
                                FileStat, (prefix + name[:-3], entry.path, stat.st_mtime_ns, stat.st_size)
                            )
                    elif entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, f"{prefix}{name}/"))

    def paper_files(self) -> Iterator[Path]:
        """Every paper file (see `scan`)."""
        for found in self.scan():
            yield Path(found.path)

    # -- reading -----------------------------------------------------------------------

    def parse(self, text: str, path: Path) -> Paper:
        """Read a paper from a file's text; errors name the file (relative) and line."""
        shown = self.relative(path)
        doc = frontmatter.split(text, shown)
        data = frontmatter.load(doc, shown)
        try:
            return Paper.from_fields(data, _strip_lead(doc.body), key=self.key_for(path), path=shown)
        except FieldError as error:
            if error.line is not None:
                raise
            line = frontmatter.key_lines(doc).get(error.field)
            raise FieldError(shown, error.field, error.message.split(": ", 1)[-1], line=line) from None

    def read_text(self, key: str) -> tuple[Path, str]:
        """A paper file's path and text as it is, whether or not it loads as a paper."""
        path = self.path_for(key)
        try:
            return path, path.read_bytes().decode("utf-8")  # keep CRLF line ends as they are
        except FileNotFoundError:
            raise PaperNotFound(key) from None
        except UnicodeDecodeError:
            raise PaperFileError(self.relative(path), "not UTF-8 text") from None

    def load(self, key: str) -> Loaded:
        path, text = self.read_text(key)
        return Loaded(self.parse(text, path), path, text)

    def get(self, ref: str) -> Paper:
        return self.load(self.resolve(ref)).paper

    def papers(self) -> Iterator[Paper | PaperFileError]:
        """Every paper in the library, or the error that stopped one from loading."""
        for path in sorted(self.paper_files()):
            try:
                yield self.parse(path.read_text("utf-8"), path)
            except UnicodeDecodeError:
                yield PaperFileError(self.relative(path), "not UTF-8 text")
            except PaperFileError as error:
                yield error

    # -- the index ---------------------------------------------------------------------

    @property
    def index(self) -> Index:
        """The search index, brought up to date with the files the first time it is used."""
        if self._index is None:
            from paperlog.index import Index

            self._index = Index(self)
            self._index.sync()
        return self._index

    def resolve(self, ref: str) -> str:
        """The key of the paper `ref` names: a key, a file path, an id, or a key prefix."""
        ref = ref.strip()
        if not ref:
            raise PaperNotFound(ref)
        candidate = ref.removesuffix(".md")
        if candidate.startswith(f"{self.config.library.papers_dir}/"):
            candidate = candidate.split("/", 1)[1]
        if self.path_for(candidate).is_file():
            return candidate
        keys = self.index.lookup(ref)
        if len(keys) == 1:
            return keys[0]
        if len(keys) > 1:
            raise AmbiguousPaper(ref, keys)
        raise PaperNotFound(ref)

    # -- writing -----------------------------------------------------------------------

    def find_duplicate(self, paper: Paper) -> tuple[str, str] | None:
        """(key, why) of a paper already here with one of `paper`'s ids or its title."""
        for kind, value in paper.ids.items():
            keys = self.index.lookup(f"{kind}:{value}")
            if keys:
                return keys[0], f"same {kind} id {value}"
        keys = self.index.by_title(paper.title)
        if keys:
            return keys[0], "same title"
        return None

    def add(self, paper: Paper, *, today: dt.date | None = None, allow_duplicate: bool = False) -> Paper:
        """Write a new paper file with a fresh, unique slug; refuse a paper already here."""
        if not allow_duplicate:
            duplicate = self.find_duplicate(paper)
            if duplicate:
                raise DuplicatePaper(*duplicate)
        if paper.added is None:
            paper.added = today or dt.date.today()
        base = slugify(paper)
        key, number = base, 1
        while self.path_for(key).exists():
            number += 1
            key = f"{base}-{number}"
        paper.key = key
        path = self.path_for(key)
        atomic_write(path, frontmatter.render(paper.to_fields(), paper.notes))
        if self._index is not None:
            self._index.sync_paths([path])
        return paper

    def update(self, key: str, changes: Mapping[str, Any], *, expected_hash: str | None = None) -> Paper:
        """Set (or, with `frontmatter.DELETE`, remove) front-matter fields of one paper.

        Only those fields' lines change. Values are checked by loading the result before
        anything is written.
        """
        loaded = self.load(key)
        if expected_hash is not None and loaded.hash != expected_hash:
            raise WriteConflict(Path(self.relative(loaded.path)), loaded.text)
        shown = self.relative(loaded.path)
        yaml_changes = {name: _to_yaml(value) for name, value in changes.items()}
        text = frontmatter.set_fields(loaded.text, yaml_changes, shown, order=KNOWN_FIELDS)
        return self._write_checked(loaded, text)

    def set_notes(self, key: str, notes: str, *, expected_hash: str | None = None) -> Paper:
        """Replace the notes body; the front matter stays byte-identical."""
        loaded = self.load(key)
        if expected_hash is not None and loaded.hash != expected_hash:
            raise WriteConflict(Path(self.relative(loaded.path)), loaded.text)
        doc = frontmatter.split(loaded.text, self.relative(loaded.path))
        body = notes.replace("\r\n", "\n")
        if body and not body.endswith("\n"):
            body += "\n"
        lead = "\n" if body and not body.startswith("\n") else ""
        text = doc.head + doc.yaml + doc.fence + lead + body
        return self._write_checked(loaded, text)

    def write_text(self, key: str, text: str, *, expected_hash: str | None = None) -> Paper:
        """Replace a paper file's whole text (after an edit), refusing text that won't load.

        The file being replaced need not load itself: this is how a broken file is mended.
        """
        path, current = self.read_text(key)
        if expected_hash is not None and content_hash(current) != expected_hash:
            raise WriteConflict(Path(self.relative(path)), current)
        return self._replace(path, current, text)

    def _write_checked(self, loaded: Loaded, text: str) -> Paper:
        return self._replace(loaded.path, loaded.text, text)

    def _replace(self, path: Path, before: str, text: str) -> Paper:
        """Write `text` over `path`, which held `before` when read: only if `text` loads as
        a paper and the file has not changed meanwhile."""
        paper = self.parse(text, path)  # raises before anything is written
        if text != before:
            current = path.read_bytes().decode("utf-8", "replace")
            if current != before:  # changed between our read and now
                raise WriteConflict(Path(self.relative(path)), current)
            atomic_write(path, text)
            if self._index is not None:
                self._index.sync_paths([path])
        return paper

    # -- trash -------------------------------------------------------------------------

    def trash(self, key: str) -> Path:
        """Move a paper file to `.paperlog/trash/`, from where `restore` brings it back."""
        source = self.path_for(key)
        if not source.is_file():
            raise PaperNotFound(key)
        target = self.trash_dir / f"{key}.md"
        number = 1
        while target.exists():
            number += 1
            target = self.trash_dir / f"{key}.{number}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        if self._index is not None:
            self._index.sync_paths([source])
        return target

    def trashed(self) -> list[str]:
        if not self.trash_dir.is_dir():
            return []
        return sorted(
            p.relative_to(self.trash_dir).with_suffix("").as_posix() for p in self.trash_dir.rglob("*.md")
        )

    def restore(self, key: str) -> str:
        """Bring a trashed paper back under its old key (a new one if that is taken)."""
        source = self.trash_dir / f"{key}.md"
        if not source.is_file():
            raise PaperNotFound(key, in_trash=True)
        base = re.sub(r"\.\d+$", "", key)
        target_key, number = base, 1
        while self.path_for(target_key).exists():
            number += 1
            target_key = f"{base}-{number}"
        target = self.path_for(target_key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        if self._index is not None:
            self._index.sync_paths([target])
        return target_key


def _strip_lead(body: str) -> str:
    """The notes as the user wrote them, without the blank line after the front matter."""
    return body[1:] if body.startswith("\n") else body.removeprefix("\r\n")


def _to_yaml(value: Any) -> Any:
    if isinstance(value, Status):
        return value.value
    if value is None:
        return frontmatter.DELETE
    return value


__all__ = ["KNOWN_FIELDS", "Library", "Loaded", "atomic_write", "find_root", "slugify"]
