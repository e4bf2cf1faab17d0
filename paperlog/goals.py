"""Reading goals ("101 papers", "12 vision papers in 2025") and the progress towards them.

Goals live in the library's `paperlog.toml` as an array of tables, edited with tomlkit so
that the user's comments, order and spacing survive every change:

    [[goals]]
    name = "101 papers"
    target = 101
    since = 2025-01-01     # optional: count papers read on or after this day
    until = 2025-12-31     # optional: ... and on or before this day
    topics = ["Vision"]    # optional: only papers under one of these topics

A paper counts towards a goal when its status is `read`, it was read (`read_on`) inside
the goal's window, and (if the goal names topics) it sits under one of them. A read paper
with no `read_on` counts only towards goals with no window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlog.config import CONFIG_FILE
from paperlog.errors import ConfigError, PaperlogError
from paperlog.model import Paper, Status, normalize_topic, parse_date

if TYPE_CHECKING:
    from paperlog.library import Library

__all__ = [
    "GoalProgress",
    "ReadingGoal",
    "add_goal",
    "goal_progress",
    "load_goals",
    "progress_of",
    "remove_goal",
]


@dataclass(frozen=True)
class ReadingGoal:
    """A number of papers to read, optionally within dates and topics."""

    name: str
    target: int
    since: dt.date | None = None
    until: dt.date | None = None
    topics: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise PaperlogError("a goal needs a name, such as \"101 papers\"")
        if self.target < 1:
            raise PaperlogError(f"goal {self.name!r}: the target must be at least 1")
        if self.since and self.until and self.until < self.since:
            raise PaperlogError(f"goal {self.name!r}: --until {self.until} is before --since {self.since}")

    def counts(self, paper: Paper) -> bool:
        """Whether reading `paper` counts towards this goal."""
        if paper.status is not Status.READ:
            return False
        if self.since or self.until:
            if paper.read_on is None:
                return False
            if self.since and paper.read_on < self.since:
                return False
            if self.until and paper.read_on > self.until:
                return False
        if self.topics:
            return any(_under(topic, goal) for topic in paper.topics for goal in self.topics)
        return True

    def window(self) -> str:
        """`2025-01-01 – 2025-12-31`, `since 2025-01-01`, or `` for no window."""
        if self.since and self.until:
            return f"{self.since} – {self.until}"
        if self.since:
            return f"since {self.since}"
        if self.until:
            return f"until {self.until}"
        return ""


def _under(topic: str, goal_topic: str) -> bool:
    topic, goal_topic = topic.casefold(), goal_topic.casefold()
    return topic == goal_topic or topic.startswith(goal_topic + "/")


@dataclass(frozen=True)
class GoalProgress:
    """How far a goal is: `done` of `target` papers, and which ones (newest first)."""

    goal: ReadingGoal
    done: int
    papers: tuple[Paper, ...] = field(default=(), repr=False)

    @property
    def target(self) -> int:
        return self.goal.target

    @property
    def fraction(self) -> float:
        """Between 0 and 1 (a goal passed is 1)."""
        return min(1.0, self.done / self.goal.target)

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)

    @property
    def complete(self) -> bool:
        return self.done >= self.goal.target

    @property
    def remaining(self) -> int:
        return max(0, self.goal.target - self.done)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.goal.name,
            "target": self.goal.target,
            "done": self.done,
            "percent": self.percent,
            "since": self.goal.since.isoformat() if self.goal.since else None,
            "until": self.goal.until.isoformat() if self.goal.until else None,
            "topics": list(self.goal.topics),
        }


# -- reading and writing paperlog.toml --------------------------------------------------


def _config_path(library: Library) -> Path:
    return library.root / CONFIG_FILE


def _goal_from_table(table: Any, path: Path, position: int) -> ReadingGoal:
    where = f"goals[{position}]"
    if not hasattr(table, "get"):
        raise ConfigError("each goal must be a table ([[goals]])", path=path, key=where)
    try:
        target = table.get("target")
        if isinstance(target, bool) or not isinstance(target, int):
            raise ConfigError("target must be a whole number", path=path, key=f"{where}.target")
        topics = table.get("topics") or []
        if isinstance(topics, str):
            topics = [topics]
        return ReadingGoal(
            name=str(table.get("name") or "").strip(),
            target=int(target),
            since=parse_date(table["since"], "since") if table.get("since") else None,
            until=parse_date(table["until"], "until") if table.get("until") else None,
            topics=tuple(normalize_topic(str(t)) for t in topics if str(t).strip()),
        )
    except ConfigError:
        raise
    except PaperlogError as error:
        raise ConfigError(str(error), path=path, key=where) from None


def load_goals(library: Library) -> list[ReadingGoal]:
    """The goals in the library's `paperlog.toml`, in the order written."""
    import tomllib

    path = _config_path(library)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=path) from None
    tables = data.get("goals") or []
    if not isinstance(tables, list):
        raise ConfigError("must be an array of tables ([[goals]])", path=path, key="goals")
    return [_goal_from_table(table, path, i) for i, table in enumerate(tables)]


def add_goal(library: Library, goal: ReadingGoal, *, replace: bool = False) -> None:
    """Append `goal` to `paperlog.toml` (or replace the goal of that name, if `replace`)."""
    import tomlkit

    from paperlog.library import atomic_write

    path = _config_path(library)
    document = tomlkit.parse(path.read_text("utf-8"))
    goals = document.get("goals")
    if goals is None:
        if not path.read_text("utf-8").endswith("\n\n"):
            document.add(tomlkit.nl())
        goals = tomlkit.aot()
        document.append("goals", goals)
    elif not isinstance(goals, tomlkit.items.AoT):
        raise ConfigError("must be an array of tables ([[goals]])", path=path, key="goals")
    existing = [i for i, table in enumerate(goals) if str(table.get("name", "")) == goal.name]
    if existing and not replace:
        raise PaperlogError(
            f"a goal named {goal.name!r} already exists in {path.name}; replace it with "
            "--replace, remove it (paperlog goal rm) or pick another name"
        )
    table = tomlkit.table()
    table.add("name", goal.name)
    table.add("target", goal.target)
    if goal.since:
        table.add("since", goal.since)
    if goal.until:
        table.add("until", goal.until)
    if goal.topics:
        table.add("topics", list(goal.topics))
    table.add(tomlkit.nl())  # a blank line after each goal, as a person would write it
    if existing:
        goals[existing[0]] = table
    else:
        goals.append(table)
    atomic_write(path, tomlkit.dumps(document))


def remove_goal(library: Library, name: str) -> ReadingGoal:
    """Remove the goal called `name` from `paperlog.toml`; return it."""
    import tomlkit

    from paperlog.library import atomic_write

    goals_now = load_goals(library)
    matches = [i for i, goal in enumerate(goals_now) if goal.name == name]
    if not matches:
        matches = [i for i, goal in enumerate(goals_now) if goal.name.casefold() == name.casefold()]
    if not matches:
        known = ", ".join(repr(g.name) for g in goals_now) or "none yet"
        raise PaperlogError(f"no goal named {name!r} (goals: {known})")
    path = _config_path(library)
    document = tomlkit.parse(path.read_text("utf-8"))
    goals = document["goals"]
    assert isinstance(goals, tomlkit.items.AoT)
    removed = goals_now[matches[0]]
    del goals[matches[0]]
    if not len(goals):
        del document["goals"]
    atomic_write(path, tomlkit.dumps(document))
    return removed


# -- progress ---------------------------------------------------------------------------


def progress_of(goals: Sequence[ReadingGoal], papers: Iterable[Paper]) -> list[GoalProgress]:
    """Progress of each goal over `papers` (no I/O: the renderers call this)."""
    papers = list(papers)
    out = []
    for goal in goals:
        counted = [p for p in papers if goal.counts(p)]
        counted.sort(key=lambda p: (p.read_on or dt.date.min, p.key), reverse=True)
        out.append(GoalProgress(goal=goal, done=len(counted), papers=tuple(counted)))
    return out


def goal_progress(library: Library) -> list[GoalProgress]:
    """Progress of every goal of the library, in the order they are written."""
    goals = load_goals(library)
    if not goals:
        return []
    from paperlog.index import Filters

    read = library.index.papers(Filters(status=(Status.READ,)), sort="read")
    return progress_of(goals, read)
