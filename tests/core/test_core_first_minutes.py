"""What a new user meets in their first minutes: help text, messages, files on disk."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from paperlog.library import Library, slugify
from paperlog.model import Paper, Status

REPO = Path(__file__).resolve().parents[2]

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


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_new_files_get_the_usual_permissions(cli: Cli, tmp_path: Path, umask_022: None) -> None:
    # They were created 0o600 (mkstemp's mode): a library shared with a group, or a
    # folder served by a web server, could not read a single paper.
    folder = tmp_path / "papers-lib"
    assert cli("init", str(folder)).exit_code == 0
    added = cli("-L", str(folder), "add", "--title", "Attention Is All You Need", "--year", "2017")
    assert added.exit_code == 0, added.output
    for path in (folder / "paperlog.toml", folder / ".gitignore", *folder.glob("papers/*.md")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_rewrite_keeps_the_files_own_permissions(library: Library, umask_022: None) -> None:
    path = library.path_for(library.resolve("2017-vaswani"))
    path.chmod(0o640)
    library.update(library.resolve("2017-vaswani"), {"status": Status.READING})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_new_config_points_at_documentation_that_exists(tmp_path: Path) -> None:
    library = Library.init(tmp_path / "lib")
    text = (library.root / "paperlog.toml").read_text("utf-8")
    assert "docs/library-format.md" in text
    assert (REPO / "docs" / "library-format.md").read_text("utf-8").count("## Configuration") == 1


def test_an_apostrophe_does_not_split_a_name_in_the_key() -> None:
    lsm = Paper(title="The Log-Structured Merge-Tree", authors=["Patrick O'Neil"], year=1996)
    assert slugify(lsm) == "1996-oneil-the-log-structured-merge-tree"
    spanner = Paper(title="Spanner: Google’s Globally-Distributed Database", authors=["Corbett"], year=2012)
    assert slugify(spanner) == "2012-corbett-spanner-googles-globally-distributed-database"


def test_the_examples_are_named_as_paperlog_add_would_name_them() -> None:
    examples = Library(REPO / "examples")
    for path in sorted((REPO / "examples" / "papers").glob("*.md")):
        paper = examples.parse(path.read_text("utf-8"), path)
        assert path.stem == slugify(paper) or path.stem.startswith(slugify(paper)), path.name


@pytest.mark.parametrize(
    ("editor", "message"),
    [
        ("false", "error: the editor 'false' exited with status 1; papers/{key}.md was left unchanged"),
        (
            "/nonexistent/editor",
            "error: could not run the editor '/nonexistent/editor': no such program; set $EDITOR, "
            "or editor in the [library] table of paperlog.toml (papers/{key}.md was left unchanged)",
        ),
    ],
)
def test_an_editor_that_fails_is_one_plain_line_on_stderr(
    run_paperlog: Callable[..., Any], library: Library, editor: str, message: str
) -> None:
    # It was Python's own words: "Command '['false', '/tmp/paperlog-edit-.../x.md']'
    # returned non-zero exit status 1." - and at 80 columns, broken over two lines.
    key = library.resolve("2017-vaswani")
    before = library.path_for(key).read_bytes()
    result = run_paperlog("-L", str(library.root), "edit", key, env={"EDITOR": editor, "COLUMNS": "40"})
    assert result.returncode == 1
    assert result.stderr == message.format(key=key) + "\n"
    assert library.path_for(key).read_bytes() == before


def test_a_named_library_that_is_not_one_is_not_searched_above(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    missing = cli("-L", str(tmp_path / "nowhere"), "list")
    assert missing.exit_code == 1
    nowhere, plain_folder = tmp_path / "nowhere", tmp_path / "plain"
    assert missing.stderr.startswith(f"error: no paperlog library at {nowhere}: the folder does not exist")
    assert "above" not in missing.stderr
    plain = cli("list", env={"PAPERLOG_LIBRARY": str(tmp_path / "plain")})
    assert plain.stderr.startswith(f"error: no paperlog library at {plain_folder}: the folder has no")
    assert f"`paperlog init {tmp_path / 'plain'}`" in plain.stderr


def test_restore_names_what_it_could_not_find_and_where_it_put_what_it_found(
    cli: Cli, library: Library
) -> None:
    root = str(library.root)
    missing = cli("-L", root, "restore", "nosuch")
    assert (missing.exit_code, missing.stderr) == (1, "error: no paper 'nosuch' in the trash\n")
    key = library.resolve("2017-vaswani")
    assert cli("-L", root, "rm", key).exit_code == 0
    (library.root / "papers" / f"{key}.md").write_text("---\ntitle: Its key taken since\n---\n", "utf-8")
    restored = cli("-L", root, "restore", key)
    assert restored.exit_code == 0, restored.output
    assert restored.stdout == f"Restored {key} as {key}-2\n"


def test_a_goal_that_exists_points_at_replace(cli: Cli, library: Library) -> None:
    root = str(library.root)
    assert cli("-L", root, "goal", "add", "2024", "--target", "10").exit_code == 0
    again = cli("-L", root, "goal", "add", "2024", "--target", "20")
    assert again.exit_code == 1
    assert "--replace" in again.stderr
    assert cli("-L", root, "goal", "add", "2024", "--target", "20", "--replace").exit_code == 0


def test_an_empty_library_says_how_to_fill_it(cli: Cli, empty_library: Library) -> None:
    # `stats` drew three empty tables and `list` said "No papers match." to someone who
    # had not asked for anything in particular.
    root = str(empty_library.root)
    for command in (["list"], ["stats"]):
        result = cli("-L", root, *command)
        assert result.exit_code == 0
        assert result.stdout.startswith("No papers yet. Add one with `paperlog add --title TITLE`"), command
        assert "┌" not in result.stdout
    assert cli("-L", root, "list", "--status", "read").stdout == "No papers match.\n"
    assert cli("-L", root, "list", "--format", "json").stdout == "[]\n"
    assert cli("-L", root, "stats", "--topic", "Vision").stdout == "No papers under the topic Vision.\n"


def test_a_bad_year_range_shows_the_forms_the_help_shows(cli: Cli, library: Library) -> None:
    result = cli("-L", str(library.root), "list", "--year", "20x")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: invalid year '20x': expected a year (2020) or a range "
        "(2018..2020 or 2018-2020, 2018.., ..2020)\n"
    )
    for form in ("2019..", "2017..2020", "..2015"):
        assert cli("-L", str(library.root), "list", "--year", form).exit_code == 0


def test_add_with_nothing_to_add_says_what_to_give(cli: Cli, library: Library) -> None:
    result = cli("-L", str(library.root), "add")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: nothing to add: give an arXiv id, DOI, URL or title to look up")
    assert "--title" in result.stderr


def test_what_add_and_show_say_is_not_broken_mid_line(
    run_paperlog: Callable[..., Any], library: Library
) -> None:
    # At 80 columns "Added ... as" ended one line and the key began the next, and "paperlog
    # edit" was cut from the key it was to be typed with.
    root = str(library.root)
    title = "A Rather Long Title About Papers, Notes and the Reading of Them"
    added = run_paperlog("-L", root, "add", "--title", title, "--year", "2024", env={"COLUMNS": "60"})
    assert added.returncode == 0, added.stderr
    key = "2024-a-rather-long-title-about-papers-notes-and"
    assert added.stdout.splitlines()[0] == f"Added {title} (2024) as {key}"
    shown = run_paperlog("-L", root, "show", key, env={"COLUMNS": "60"})
    assert f"No notes yet. Write some with: paperlog edit {key}" in shown.stdout.splitlines()
