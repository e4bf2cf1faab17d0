"""Every error paperlog raises on purpose, in one tree.

    PaperlogError                   base: anything the user can act on
    ├── LibraryNotFound             no paperlog.toml here or above, and none given
    ├── ConfigError                 paperlog.toml or an environment variable is wrong
    ├── PaperFileError              a paper file cannot be read as a paper (file, line)
    │   └── FieldError              one front-matter field has a bad value (file, line, field)
    ├── InvalidValue                a value given on the command line / web form is wrong
    ├── PaperNotFound               no paper answers to the id the user gave
    ├── AmbiguousPaper              several papers answer to it
    ├── DuplicatePaper              the paper is already in the library
    ├── WriteConflict               the file changed on disk since it was read
    ├── ImportError_                a notebook cannot be imported (file, line)
    └── SourceError                 a metadata source failed for one id (source, id)
        ├── SourceNotFound          the source answered: it has no such paper
        ├── NotCached               offline, and the answer is not in the cache
        └── AmbiguousMatch          a title search found several papers (.candidates)

Errors carry what the user needs (the file, the line, the field, the value) and know how
to say it in one line (`str(error)`). They become an exit code or an HTTP status only at
the edges (the CLI and the web app).
"""

from __future__ import annotations

from pathlib import Path


class PaperlogError(Exception):
    """Base of every error paperlog raises on purpose."""

    exit_code = 1


class LibraryNotFound(PaperlogError):
    """No library where one was looked for: above `start`, or at a folder the user named."""

    def __init__(self, start: Path, *, named: bool = False) -> None:
        self.start = start
        if not named:
            message = (
                f"no paperlog library at {start} or any folder above it "
                "(run `paperlog init`, or pass --library PATH / set PAPERLOG_LIBRARY)"
            )
        else:  # --library or $PAPERLOG_LIBRARY: that folder only, nothing above it is tried
            what = "has no paperlog.toml" if start.is_dir() else "does not exist"
            message = (
                f"no paperlog library at {start}: the folder {what} "
                f"(named by --library or PAPERLOG_LIBRARY; `paperlog init {start}` makes one)"
            )
        super().__init__(message)


class ConfigError(PaperlogError):
    def __init__(self, message: str, *, path: Path | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = f"{path}: " if path else ""
        field = f"{key}: " if key else ""
        super().__init__(f"{where}{field}{message}")


class PaperFileError(PaperlogError):
    """A paper file that cannot be read as a paper. `line` is 1-based."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        location = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{location}: {message}")


class FieldError(PaperFileError):
    def __init__(self, path: Path | str, field: str, message: str, *, line: int | None = None) -> None:
        self.field = field
        super().__init__(path, f"{field}: {message}", line=line)


class InvalidValue(PaperlogError):
    """A value the user typed (a status, a date, a rating) is not valid."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"invalid {field} {value!r}: expected {expected}")


class PaperNotFound(PaperlogError):
    def __init__(self, ref: str, *, in_trash: bool = False) -> None:
        self.ref = ref
        super().__init__(f"no paper {ref!r} in the trash" if in_trash else f"no paper matches {ref!r}")


class AmbiguousPaper(PaperlogError):
    def __init__(self, ref: str, candidates: list[str]) -> None:
        self.ref = ref
        self.candidates = candidates
        shown = ", ".join(candidates[:5]) + (" ..." if len(candidates) > 5 else "")
        super().__init__(f"{ref!r} matches {len(candidates)} papers: {shown}")


class DuplicatePaper(PaperlogError):
    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        self.reason = reason
        super().__init__(f"already in the library as {key} ({reason})")


class WriteConflict(PaperlogError):
    """The file changed on disk after it was read; the write was refused."""

    def __init__(self, path: Path, current: str) -> None:
        self.path = path
        self.current = current
        super().__init__(f"{path}: changed on disk since it was read; nothing was written")


class ImportError_(PaperlogError):
    def __init__(self, path: Path | str, message: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        location = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{location}: {message}")


class SourceError(PaperlogError):
    """A metadata source could not answer for one identifier."""

    def __init__(self, source: str, ident: str, message: str) -> None:
        self.source = source
        self.ident = ident
        super().__init__(f"{source}: {ident}: {message}")


class SourceNotFound(SourceError):
    """The source answered, and it has no paper with that identifier (HTTP 404, empty feed)."""


class NotCached(SourceError):
    """Offline mode, and this request's answer is not in the on-disk cache."""


class AmbiguousMatch(SourceError):
    """A title search found no single paper; `candidates` are lines to show the user.

    Each candidate line ends with an id in brackets (`[arxiv:1706.03762]`) that can be
    pasted back into `paperlog add`. The message lists them too, on the same line.
    """

    def __init__(self, source: str, ident: str, message: str, candidates: list[str]) -> None:
        import re

        self.candidates = candidates
        # In the message, `Title (2017) [arxiv:1706.03762]` reads `Title (2017), arxiv:1706.03762`:
        # square brackets are markup to the terminal printer.
        shown = "; ".join(re.sub(r"\s*\[([^\]]+)\]$", r", \1", c) for c in candidates)
        super().__init__(source, ident, f"{message} {shown} (add one by its id)")
