"""The documentation stays true: every command is documented and has an example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from paperlog.cli import app

REPO = Path(__file__).resolve().parents[2]
COMMANDS_DOC = (REPO / "docs" / "commands.md").read_text("utf-8")


def _commands() -> list[tuple[str, object]]:
    """(full name, click command) for every leaf command, `render readme` included."""
    root = get_command(app)
    found: list[tuple[str, object]] = []

    def walk(command: object, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, f"{prefix} {name}".strip())
        else:
            found.append((prefix, command))

    walk(root, "")
    return found


COMMANDS = _commands()


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    names = {name for name, _ in COMMANDS}
    expected = {
        "init", "add", "list", "show", "edit", "mark", "tag", "rm", "restore", "search",
        "stats", "reindex", "import", "enrich", "check", "render readme", "render log",
        "goal add", "site build", "export", "serve",
    }  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_is_in_docs_commands(name: str) -> None:
    heading = re.compile(rf"^#+ `paperlog {re.escape(name)}\b", re.M)
    assert heading.search(COMMANDS_DOC), f"docs/commands.md has no heading for `paperlog {name}`"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"`paperlog {name} --help` shows no example"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    blocks = re.findall(r"```(?:sh|bash|shell)\n(.*?)```", readme, re.S)
    first = [line.split("#")[0].strip() for line in blocks[0].splitlines() if line.strip()]
    assert first[:2] == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8")
    commands = [line for line in script.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1].strip() == "make test"
