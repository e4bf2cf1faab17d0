"""Reading goals: stored round-trip in paperlog.toml, progress within windows and topics."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.errors import ConfigError, PaperlogError
from paperlog.goals import (
    ReadingGoal,
    add_goal,
    goal_progress,
    load_goals,
    progress_of,
    remove_goal,
)
from paperlog.library import Library
from paperlog.model import Paper, Status

runner = CliRunner()

USER_TOML = """\
# My library. Keep this comment.
[library]
name = "Lab notes"   # trailing comment

[web]
port = 9000
"""


def test_render_goals_add_and_remove_keep_the_users_file(empty_library: Library) -> None:
    config = empty_library.root / "paperlog.toml"
    config.write_text(USER_TOML, encoding="utf-8")
    add_goal(empty_library, ReadingGoal("101 papers", 101))
    add_goal(empty_library, ReadingGoal("Vision 2025", 12, since=dt.date(2025, 1, 1),
                                        until=dt.date(2025, 12, 31), topics=("Vision",)))
    text = config.read_text("utf-8")
    assert text.startswith(USER_TOML)
    assert tomllib.loads(text)["goals"][1] == {
        "name": "Vision 2025", "target": 12, "since": dt.date(2025, 1, 1),
        "until": dt.date(2025, 12, 31), "topics": ["Vision"],
    }
    assert [g.name for g in load_goals(empty_library)] == ["101 papers", "Vision 2025"]
    # The configuration loader accepts the file with goals in it.
    assert Library.find(path=empty_library.root, environ={}).config.web.port == 9000

    remove_goal(empty_library, "vision 2025")  # names match without regard to case
    remove_goal(empty_library, "101 papers")
    assert config.read_text("utf-8").rstrip("\n") == USER_TOML.rstrip("\n")
    assert load_goals(empty_library) == []


def test_render_goals_errors(empty_library: Library) -> None:
    add_goal(empty_library, ReadingGoal("101 papers", 101))
    with pytest.raises(PaperlogError, match="already exists"):
        add_goal(empty_library, ReadingGoal("101 papers", 50))
    add_goal(empty_library, ReadingGoal("101 papers", 50), replace=True)
    assert load_goals(empty_library)[0].target == 50
    with pytest.raises(PaperlogError, match="no goal named 'nope'"):
        remove_goal(empty_library, "nope")
    with pytest.raises(PaperlogError, match="at least 1"):
        ReadingGoal("zero", 0)
    with pytest.raises(PaperlogError, match="before"):
        ReadingGoal("backwards", 3, since=dt.date(2025, 2, 1), until=dt.date(2025, 1, 1))
    config = empty_library.root / "paperlog.toml"
    config.write_text('[[goals]]\nname = "bad"\ntarget = "many"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"goals\[0\]\.target: target must be a whole number"):
        load_goals(empty_library)


def _paper(key: str, status: Status | None, read_on: str | None, topics: list[str]) -> Paper:
    return Paper(title=key, key=key, status=status, topics=topics,
                 read_on=dt.date.fromisoformat(read_on) if read_on else None)


def test_render_goals_progress_counts_read_papers_in_the_window() -> None:
    papers = [
        _paper("a", Status.READ, "2025-01-10", ["Vision/Detection"]),
        _paper("b", Status.READ, "2024-12-31", ["Vision"]),
        _paper("c", Status.READ, None, ["Vision"]),
        _paper("d", Status.READING, "2025-02-01", ["Vision"]),
        _paper("e", Status.READ, "2025-03-01", ["NLP"]),
        _paper("f", Status.READ, "2025-03-02", ["Visionary"]),
    ]
    goals = [
        ReadingGoal("all", 101),
        ReadingGoal("2025", 2, since=dt.date(2025, 1, 1)),
        ReadingGoal("vision 2025", 5, since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31),
                    topics=("Vision",)),
    ]
    everything, in_2025, vision = progress_of(goals, papers)
    assert everything.done == 5 and everything.percent == 4 and not everything.complete
    assert in_2025.done == 3 and in_2025.complete and in_2025.fraction == 1.0
    assert [p.key for p in in_2025.papers] == ["f", "e", "a"]
    assert vision.done == 1 and vision.remaining == 4


def test_render_goals_goal_progress_reads_the_library(render_library: Library) -> None:
    progress = goal_progress(render_library)
    assert [(p.goal.name, p.done, p.target) for p in progress] == [
        ("101 papers", 4, 101), ("Vision in 2024", 2, 2)]
    assert progress[1].to_json() == {
        "name": "Vision in 2024", "target": 2, "done": 2, "percent": 100,
        "since": "2024-01-01", "until": "2024-12-31", "topics": ["Vision"]}


def test_render_goals_cli(empty_library: Library) -> None:
    root = str(empty_library.root)
    result = runner.invoke(app, ["-L", root, "goal", "add", "101 papers", "--target", "101",
                                 "--since", "2025-01-01"])
    assert result.exit_code == 0, result.output
    assert "Added goal '101 papers': 101 papers, since 2025-01-01" in result.output
    result = runner.invoke(app, ["-L", root, "goal", "add", "101 papers", "--target", "5"])
    assert result.exit_code == 1 and "already exists" in result.output
    result = runner.invoke(app, ["-L", root, "goal", "add", "x", "--target", "5", "--since", "soon"])
    assert result.exit_code == 1 and "error:" in result.output
    result = runner.invoke(app, ["-L", root, "goal", "list"])
    assert result.exit_code == 0 and "0/101 (0%)" in result.output
    result = runner.invoke(app, ["-L", root, "goal", "list", "--json"])
    assert '"target": 101' in result.output
    result = runner.invoke(app, ["-L", root, "goal", "rm", "101 papers"])
    assert result.exit_code == 0 and "Removed goal" in result.output
    result = runner.invoke(app, ["-L", root, "goal", "list"])
    assert "No goals yet" in result.output
