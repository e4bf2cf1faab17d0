"""Bad input: one clear line naming the file, line, field or value; nothing rewritten."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from paperlog import frontmatter
from paperlog.errors import FieldError, PaperFileError
from paperlog.library import Library

Cli = Callable[..., Result]
Run = Callable[..., subprocess.CompletedProcess[str]]
ATTENTION = "2017-vaswani-attention-is-all-you-need"

BROKEN_YAML = "---\ntitle: Broken paper\nvenue: NeurIPS: 2017\nyear: 2017\n---\n\nNotes.\n"


def put(library: Library, name: str, content: str | bytes) -> tuple[Path, bytes]:
    path = library.papers_dir / f"{name}.md"
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return path, data


def one_line_error(result: Result, *needles: str) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


# -- a paper file that does not load ----------------------------------------------------


def test_show_of_broken_yaml_names_file_and_line(library: Library, cli: Cli) -> None:
    path, data = put(library, "x", BROKEN_YAML)
    result = cli("--library", str(library.root), "show", "x")
    assert result.exit_code == 1
    line = one_line_error(result)
    assert line.startswith("error: papers/x.md:3: invalid YAML in front matter: ")
    assert path.read_bytes() == data


def test_list_search_stats_warn_about_broken_file_and_go_on(library: Library, cli: Cli) -> None:
    path, data = put(library, "x", BROKEN_YAML)
    root = str(library.root)
    listed = cli("--library", root, "list", "--format", "ids")
    assert listed.exit_code == 0
    assert len(listed.stdout.split()) == 4
    assert listed.stderr.startswith("warning: papers/x.md:3: invalid YAML")
    searched = cli("--library", root, "search", "residual", "--format", "json")
    assert searched.exit_code == 0
    assert len(json.loads(searched.stdout)) == 1
    assert "warning: papers/x.md:3: " in searched.stderr
    stats = cli("--library", root, "stats", "--format", "json")
    assert stats.exit_code == 0
    assert json.loads(stats.stdout)["total"] == 4
    assert "warning: papers/x.md:3: " in stats.stderr
    assert path.read_bytes() == data


def test_broken_file_warning_as_a_process(library: Library, run_paperlog: Run) -> None:
    put(library, "x", BROKEN_YAML)
    done = run_paperlog("list", "--format", "ids", cwd=library.root)
    assert done.returncode == 0
    assert len(done.stdout.split()) == 4
    assert done.stderr.startswith("warning: papers/x.md:3: invalid YAML in front matter")
    shown = run_paperlog("show", "x", cwd=library.root)
    assert shown.returncode == 1
    assert shown.stderr.startswith("error: papers/x.md:3: ")
    assert len(shown.stderr.strip().splitlines()) == 1


def test_mark_on_broken_file_writes_nothing(library: Library, cli: Cli) -> None:
    path, data = put(library, "x", BROKEN_YAML)
    result = cli("--library", str(library.root), "mark", "x", "read")
    one_line_error(result, "papers/x.md:3:")
    assert path.read_bytes() == data


def test_fixing_the_file_clears_the_warning(library: Library, cli: Cli) -> None:
    path, _ = put(library, "x", BROKEN_YAML)
    assert "warning" in cli("--library", str(library.root), "list").stderr
    path.write_text(BROKEN_YAML.replace("NeurIPS: 2017", "NeurIPS"), encoding="utf-8")
    result = cli("--library", str(library.root), "list", "--format", "ids")
    assert result.stderr == ""
    assert "x" in result.stdout.split()


@pytest.mark.parametrize(
    ("front", "line", "field", "value"),
    [
        ("title: T\nauthors: [A]\nyear: soon\n", 4, "year", "'soon'"),
        ("title: T\nrating: 9\n", 3, "rating", "9"),
        ("title: T\nyear: 2020\nstatus: maybe\n", 4, "status", "'maybe'"),
        ("title: T\nread_on: 2024-13-45\n", 3, "read_on", "2024-13-45"),
        ("title: T\nadded: yesterday\n", 3, "added", "yesterday"),
        ("authors: [A]\nyear: 2020\n", None, "title", "missing"),
        ("title: T\nids: [1706.03762]\n", 3, "ids", "mapping"),
        ("title: T\nstatus: read\nyear: 2020\nstatus: skimmed\n", 5, "status", "'skimmed'"),  # the last wins
    ],
)
def test_bad_field_value_names_file_line_and_field(
    library: Library, cli: Cli, front: str, line: int | None, field: str, value: str
) -> None:
    path, data = put(library, "bad", f"---\n{front}---\nNotes.\n")
    with pytest.raises(FieldError) as caught:
        library.load("bad")
    error = caught.value
    assert error.path == Path("papers/bad.md")
    assert error.field == field
    if line is not None:
        assert error.line == line
        assert str(error).startswith(f"papers/bad.md:{line}: {field}: ")
    assert value in str(error)
    shown = cli("--library", str(library.root), "show", "bad")
    one_line_error(shown, "papers/bad.md", field, value)
    listed = cli("--library", str(library.root), "list", "--format", "ids")
    assert listed.exit_code == 0 and len(listed.stdout.split()) == 4
    assert listed.stderr.startswith("warning: papers/bad.md")
    assert f"{field}: " in listed.stderr
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: A\nvenue: 'unclosed\nyear: 2020\n---\n", 3, "invalid YAML"),
        ("---\ntitle: A\n\tyear: 2020\n---\n", 3, "invalid YAML"),
        ("---\ntitle: A\nyear: [\n---\n", 3, "invalid YAML"),
        ("---\ntitle: A\nyear: [\n\n\n---\n", 3, "invalid YAML"),
        ("---\ntitle: A\nauthors:\n  - X\n bad: 1\n---\n", 5, "invalid YAML"),
        ("---\n- just\n- a list\n---\n", 2, "mapping"),
        ("no front matter at all\n", 1, "no front matter"),
        ("---\ntitle: never closed\n", None, "not closed"),
    ],
)
def test_unreadable_front_matter_names_the_line(
    library: Library, text: str, line: int | None, message: str
) -> None:
    put(library, "x", text)
    with pytest.raises(PaperFileError) as caught:
        library.load("x")
    assert caught.value.path == Path("papers/x.md")
    if line is not None:
        assert caught.value.line == line, str(caught.value)
    assert message in str(caught.value)


def test_yaml_error_line_counts_from_the_file_start() -> None:
    text = "---\n# comment\n\ntitle: A\nvenue: a: b\n---\n"
    doc = frontmatter.split(text, "p.md")
    with pytest.raises(PaperFileError) as caught:
        frontmatter.load(doc, "p.md")
    assert caught.value.line == 5


def test_non_utf8_file_is_a_warning_not_a_crash(library: Library, cli: Cli, run_paperlog: Run) -> None:
    path, data = put(library, "latin", "---\ntitle: Café\n---\nNotes.\n".encode("latin-1"))
    result = cli("--library", str(library.root), "list", "--format", "ids")
    assert result.exit_code == 0
    assert len(result.stdout.split()) == 4
    assert result.stderr.startswith("warning: papers/latin.md: not UTF-8")
    shown = cli("--library", str(library.root), "show", "latin")
    one_line_error(shown, "papers/latin.md", "UTF-8")
    done = run_paperlog("search", "residual", "--format", "ids", cwd=library.root)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "warning: papers/latin.md: not UTF-8" in done.stderr
    assert path.read_bytes() == data
    errors = [e for e in library.papers() if isinstance(e, PaperFileError)]
    assert [str(e) for e in errors] == ["papers/latin.md: not UTF-8 text"]


# -- values typed on the command line ----------------------------------------------------


def test_unknown_status(library: Library, cli: Cli) -> None:
    before = library.path_for(ATTENTION).read_bytes()
    one_line_error(cli("--library", str(library.root), "mark", ATTENTION, "maybe"), "'maybe'", "status")
    one_line_error(cli("--library", str(library.root), "list", "--status", "sometimes"), "'sometimes'")
    assert library.path_for(ATTENTION).read_bytes() == before


def test_bad_date(library: Library, cli: Cli) -> None:
    before = library.path_for(ATTENTION).read_bytes()
    result = cli("--library", str(library.root), "mark", ATTENTION, "read", "--on", "2024-02-30")
    one_line_error(result, "'2024-02-30'", "read_on")
    result = cli("--library", str(library.root), "add", "--title", "New", "--read-on", "last week")
    one_line_error(result, "'last week'")
    assert library.path_for(ATTENTION).read_bytes() == before
    assert len(list(library.paper_files())) == 4


def test_bad_rating(library: Library, cli: Cli) -> None:
    one_line_error(
        cli("--library", str(library.root), "add", "--title", "New", "--rating", "9"), "rating", "9"
    )
    assert len(list(library.paper_files())) == 4


def test_bad_year_range(library: Library, cli: Cli) -> None:
    one_line_error(cli("--library", str(library.root), "list", "--year", "soon"), "'soon'")


def test_unknown_paper(library: Library, cli: Cli) -> None:
    for command in (["show"], ["mark"], ["tag"], ["rm"], ["edit"]):
        args = [*command, "no-such-paper"]
        if command == ["mark"]:
            args.append("read")
        if command == ["tag"]:
            args.append("x")
        one_line_error(cli("--library", str(library.root), *args), "'no-such-paper'")
    one_line_error(cli("--library", str(library.root), "show", "arxiv:9999.99999"), "'arxiv:9999.99999'")


def test_ambiguous_paper(library: Library, cli: Cli) -> None:
    line = one_line_error(cli("--library", str(library.root), "show", "2020"), "'2020'", "2 papers")
    assert "2020-ho" in line and "2020-teed" in line


def test_bad_format_value(library: Library, cli: Cli) -> None:
    one_line_error(cli("--library", str(library.root), "show", ATTENTION, "--format", "xml"), "'xml'")
    one_line_error(cli("--library", str(library.root), "stats", "--format", "xml"), "'xml'")


def test_bad_sort(library: Library, cli: Cli) -> None:
    one_line_error(cli("--library", str(library.root), "list", "--sort", "colour"), "'colour'")


def test_errors_as_a_process_have_no_traceback(library: Library, run_paperlog: Run) -> None:
    for args in (
        ["mark", ATTENTION, "maybe"],
        ["mark", ATTENTION, "read", "--on", "tomorrow"],
        ["add", "--title", "X", "--rating", "0"],
        ["show", "no-such-paper"],
    ):
        done = run_paperlog(*args, cwd=library.root)
        assert done.returncode == 1, args
        assert done.stdout == ""
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_values_with_brackets_are_shown_as_typed(library: Library, cli: Cli) -> None:
    """Rich markup in what the user typed is neither applied nor a crash."""
    one_line_error(cli("--library", str(library.root), "show", "[bold]x[/bold]"), "'[bold]x[/bold]'")
    one_line_error(cli("--library", str(library.root), "show", "[/]"), "'[/]'")
    one_line_error(cli("--library", str(library.root), "mark", ATTENTION, "[red]no"), "'[red]no'")


def test_warning_with_brackets_is_shown_as_is(library: Library, cli: Cli) -> None:
    put(library, "br", "---\ntitle: x\ntags: [a, b\nyear: 1\n---\n")
    result = cli("--library", str(library.root), "list", "--format", "ids")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: papers/br.md:")
    assert result.stderr.rstrip().endswith("did not find expected ',' or ']'")


def test_markup_in_error_as_a_process(library: Library, run_paperlog: Run) -> None:
    done = run_paperlog("show", "[/]", cwd=library.root)
    assert done.returncode == 1
    assert done.stderr == "error: no paper matches '[/]'\n"
