"""What a new user meets in their first minutes: help text, messages, files on disk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import Result

Cli = Callable[..., Result]


@pytest.mark.parametrize(
    ("command", "sentence"),
    [
        (["enrich"], "What you wrote is kept unless you name it with --overwrite."),
        (["edit"], "otherwise you can edit again, and nothing you typed is lost."),
        (["site", "build"], "notes rendered with math (KaTeX shipped with the site)"),
        (["import"], "one-heading-per-paper posts and single-paper note files are understood"),
    ],
)
def test_help_paragraphs_are_wrapped_by_the_terminal_not_by_the_source(
    cli: Cli, command: list[str], sentence: str
) -> None:
    # The docstrings are wrapped at 100 columns; shown as is, an 80-column terminal broke
    # their lines in the middle of sentences. At 200 columns a sentence is on one line.
    result = cli(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert any(sentence in line for line in result.stdout.splitlines()), result.stdout


def test_the_command_list_gives_one_sentence_per_command(cli: Cli) -> None:
    result = cli("--help", env={"COLUMNS": "200"})
    rows: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        cells = line.strip("│ ").split(None, 1)
        if len(cells) == 2 and cells[0] in ("enrich", "check", "import"):
            rows[cells[0]] = cells[1]
    assert set(rows) == {"enrich", "check", "import"}
    for name, text in rows.items():
        assert text.count(". ") == 0 and text.rstrip().endswith("."), (name, text)


def test_usage_names_the_program_paperlog(run_paperlog: Callable[..., Any]) -> None:
    result = run_paperlog("list", "--format", "xml")
    assert result.returncode == 2
    assert "Usage: paperlog list" in result.stderr
