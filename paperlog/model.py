"""The paper and its parts, as typed values with no I/O.

A `Paper` is what one file in `papers/` holds: the front-matter fields and the notes body.
`Paper.from_fields` turns a parsed front-matter mapping into a `Paper`, checking every
known field and keeping unknown ones untouched in `extra`; `Paper.to_fields` goes back.
Reading and writing files is the library's job (`paperlog.library`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from paperlog.errors import FieldError, InvalidValue

#: The known front-matter keys, in the order paperlog writes them in a new file.
KNOWN_FIELDS = (
    "title",
    "authors",
    "year",
    "venue",
    "ids",
    "url",
    "pdf",
    "status",
    "added",
    "read_on",
    "topics",
    "tags",
    "rating",
)


class Status(StrEnum):
    TO_READ = "to-read"
    READING = "reading"
    READ = "read"
    DROPPED = "dropped"

    @classmethod
    def parse(cls, value: object) -> Status:
        """Accept the canonical spelling and the obvious variants (`to_read`, `TODO`)."""
        text = str(value).strip().lower().replace("_", "-").replace(" ", "-")
        text = _STATUS_ALIASES.get(text, text)
        try:
            return cls(text)
        except ValueError:
            raise InvalidValue("status", value, "one of " + ", ".join(s.value for s in cls)) from None


_STATUS_ALIASES = {
    "toread": "to-read",
    "todo": "to-read",
    "unread": "to-read",
    "queued": "to-read",
    "done": "read",
    "finished": "read",
    "abandoned": "dropped",
}


def parse_date(value: object, field_name: str = "date") -> dt.date:
    """An ISO date (`2024-03-05`); a datetime is cut to its day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise InvalidValue(field_name, value, "an ISO date such as 2024-03-05") from None


def parse_read_date(value: object, field_name: str = "read_on", today: dt.date | None = None) -> dt.date:
    """A date a paper was read, given on the command line or in a form: not after today
    (`2052` typed for `2025` would count toward this year's goals for decades). Files are
    not held to this when they load; `paperlog check` warns about them instead."""
    date = parse_date(value, field_name)
    today = today or dt.date.today()
    if date > today:
        raise InvalidValue(field_name, value, f"a date not in the future (today is {today.isoformat()})")
    return date


def parse_rating(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidValue("rating", value, "a whole number from 1 to 5")
    try:
        rating = int(value)
    except ValueError:
        raise InvalidValue("rating", value, "a whole number from 1 to 5") from None
    if not 1 <= rating <= 5:
        raise InvalidValue("rating", value, "a whole number from 1 to 5")
    return rating


def parse_year(value: object) -> int:
    if isinstance(value, bool):
        raise InvalidValue("year", value, "a four-digit year")
    try:
        year = int(str(value).strip())
    except ValueError:
        raise InvalidValue("year", value, "a four-digit year") from None
    if not 1000 <= year <= 2999:
        raise InvalidValue("year", value, "a four-digit year")
    return year


def parse_year_range(text: str) -> tuple[int | None, int | None]:
    """`2020` -> (2020, 2020); `2018-2020` or `2018..2020`, `2018-`, `-2020` -> ranges; `` -> none."""
    text = text.strip()
    if not text:
        return None, None
    match = re.fullmatch(r"(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?", text)
    if not match or not (match.group(1) or match.group(3)):
        raise InvalidValue("year", text, "a year (2020) or a range (2018..2020 or 2018-2020, 2018.., ..2020)")
    start = parse_year(match.group(1)) if match.group(1) else None
    end = parse_year(match.group(3)) if match.group(3) else None
    if not match.group(2):
        end = start
    return start, end


_TOPIC_SEP = re.compile(r"\s*/\s*")


def normalize_topic(topic: str) -> str:
    """`Vision / Optical flow ` -> `Vision/Optical flow`."""
    return "/".join(part for part in _TOPIC_SEP.split(topic.strip()) if part)


@dataclass
class Paper:
    """One paper: its metadata and the user's notes.

    `key` is the file's stem (`2017-vaswani-attention-is-all-you-need`) and never changes
    once the file exists, whatever happens to the title.
    """

    title: str
    key: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    pdf: str | None = None
    status: Status | None = None
    added: dt.date | None = None
    read_on: dt.date | None = None
    topics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    rating: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    notes: str = ""

    @property
    def has_notes(self) -> bool:
        return bool(self.notes.strip())

    @property
    def first_author_surname(self) -> str:
        if not self.authors:
            return ""
        name = self.authors[0].strip()
        if "," in name:
            return name.split(",", 1)[0].strip()
        return name.split()[-1] if name.split() else ""

    # -- conversion from and to front matter ---------------------------------------

    @classmethod
    def from_fields(
        cls,
        data: Mapping[str, Any],
        notes: str = "",
        *,
        key: str = "",
        path: Path | str = "<paper>",
        lines: Mapping[str, int] | None = None,
    ) -> Paper:
        """Check a front-matter mapping; raise `FieldError` naming the file, line and field."""
        lines = lines or {}

        def fail(name: str, message: str) -> FieldError:
            return FieldError(path, name, message, line=lines.get(name))

        def checked(name: str, parse: Any) -> Any:
            value = data.get(name)
            if value is None or value == "":
                return None
            try:
                return parse(value)
            except InvalidValue as error:
                raise fail(name, f"{value!r} is not {error.expected}") from None

        title = data.get("title")
        if title is None or not str(title).strip():
            raise fail("title", "missing; every paper needs a title")
        if not isinstance(title, str | int | float):
            raise fail("title", "must be text")

        ids = data.get("ids") or {}
        if not isinstance(ids, Mapping):
            raise fail("ids", "must be a mapping such as {arxiv: 1706.03762}")

        return cls(
            title=str(title).strip(),
            key=key,
            authors=_string_list(data.get("authors"), "authors", fail),
            year=checked("year", parse_year),
            venue=_optional_str(data.get("venue")),
            ids={str(k): str(v) for k, v in ids.items() if v is not None and str(v) != ""},
            url=_optional_str(data.get("url")),
            pdf=_optional_str(data.get("pdf")),
            status=checked("status", Status.parse),
            added=checked("added", lambda v: parse_date(v, "added")),
            read_on=checked("read_on", lambda v: parse_date(v, "read_on")),
            topics=[normalize_topic(t) for t in _string_list(data.get("topics"), "topics", fail)],
            tags=_string_list(data.get("tags"), "tags", fail),
            rating=checked("rating", parse_rating),
            extra={k: v for k, v in data.items() if k not in KNOWN_FIELDS},
            notes=notes,
        )

    def to_fields(self) -> dict[str, Any]:
        """The front matter for this paper: known fields in order, empty ones left out."""
        out: dict[str, Any] = {"title": self.title}
        if self.authors:
            out["authors"] = list(self.authors)
        if self.year is not None:
            out["year"] = self.year
        if self.venue:
            out["venue"] = self.venue
        if self.ids:
            out["ids"] = dict(self.ids)
        if self.url:
            out["url"] = self.url
        if self.pdf:
            out["pdf"] = self.pdf
        if self.status is not None:
            out["status"] = self.status.value
        if self.added is not None:
            out["added"] = self.added
        if self.read_on is not None:
            out["read_on"] = self.read_on
        if self.topics:
            out["topics"] = list(self.topics)
        if self.tags:
            out["tags"] = list(self.tags)
        if self.rating is not None:
            out["rating"] = self.rating
        out.update(self.extra)
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready view of the paper, for `--format json` and the web API."""
        return {
            "key": self.key,
            "title": self.title,
            "authors": self.authors,
            "year": self.year,
            "venue": self.venue,
            "ids": self.ids,
            "url": self.url,
            "pdf": self.pdf,
            "status": self.status.value if self.status else None,
            "added": self.added.isoformat() if self.added else None,
            "read_on": self.read_on.isoformat() if self.read_on else None,
            "topics": self.topics,
            "tags": self.tags,
            "rating": self.rating,
            "extra": _jsonable(self.extra),
            "notes": self.notes,
        }


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _string_list(value: object, name: str, fail: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list | tuple):
        items = []
        for item in value:
            if isinstance(item, Mapping | list | tuple):
                raise fail(name, "must be a list of plain text items")
            if item is not None and str(item).strip():
                items.append(str(item).strip())
        return items
    raise fail(name, "must be a list")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
