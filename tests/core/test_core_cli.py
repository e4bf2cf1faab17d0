"""The command line, in-process (Typer's runner) and as a real `python -m paperlog` process."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import Result

from paperlog.cli import app
from paperlog.library import Library

ATTENTION = "2017-vaswani-attention-is-all-you-need"
RESNET = "2016-he-deep-residual-learning-for-image-recognition"
RAFT = "2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical"
DDPM = "2020-ho-denoising-diffusion-probabilistic-models"
ALL_KEYS = sorted([ATTENTION, RESNET, RAFT, DDPM])

CORE_COMMANDS = [
    "init",
    "add",
    "list",
    "search",
    "show",
    "edit",
    "mark",
    "tag",
    "rm",
    "restore",
    "stats",
    "reindex",
]

Cli = Callable[..., Result]
Run = Callable[..., subprocess.CompletedProcess[str]]


def make_editor(folder: Path, name: str, body: str) -> str:
    """An $EDITOR: a Python script that changes `text` (the file's text) and saves it."""
    script = folder / f"{name}.py"
    script.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_bytes().decode('utf-8')\n"
        f"{body}\n"
        "path.write_bytes(text.encode('utf-8'))\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[bytes] = []
    added: list[bytes] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


# -- finding the library ----------------------------------------------------------------


def run_every_command(run: Callable[..., tuple[int, str, str]], library: Library, tmp_path: Path) -> None:
    """Use each command once on `library`; `run(*args, env=)` returns (status, stdout, stderr)."""

    def check(*args: str, env: dict[str, str] | None = None) -> str:
        status, out, err = run(*args, env=env)
        assert status == 0, f"{args}: exit {status}\n{out}\n{err}"
        return out

    assert sorted(check("list", "--format", "ids").split()) == ALL_KEYS
    assert check("search", "residual", "--format", "ids") == f"{RESNET}\n"
    assert json.loads(check("show", "2017-vaswani", "--format", "json"))["year"] == 2017
    check("mark", RAFT, "read", "--on", "2024-05-01")
    check("tag", RAFT, "flow", "optical")
    assert library.get(RAFT).tags == ["flow", "optical"]
    check("tag", RAFT, "--remove", "optical")
    assert json.loads(check("stats", "--format", "json"))["by_status"]["read"] == 3
    editor = make_editor(tmp_path, "append", "text += '\\nEdited by the test editor.\\n'")
    check("edit", RAFT, env={"EDITOR": editor})
    paper = library.get(RAFT)
    assert (paper.status, paper.read_on, paper.tags) == ("read", dt.date(2024, 5, 1), ["flow"])
    assert "Edited by the test editor." in paper.notes
    check("rm", DDPM)
    assert not library.path_for(DDPM).exists()
    assert DDPM in check("restore").split()
    check("restore", DDPM)
    assert library.path_for(DDPM).is_file()
    assert "Indexed 4 papers" in check("reindex")
    check("add", "--title", "A Paper Added From The Command Line", "--year", "2024")
    assert library.path_for("2024-a-paper-added-from-the-command-line").is_file()


def test_every_command_with_library_option(library: Library, cli: Cli, tmp_path: Path) -> None:
    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        result = cli("--library", str(library.root), *args, env=env)
        return result.exit_code, result.stdout, result.stderr

    run_every_command(run, library, tmp_path)


def test_every_command_with_environment_variable(library: Library, cli: Cli, tmp_path: Path) -> None:
    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        result = cli(*args, env={"PAPERLOG_LIBRARY": str(library.root), **(env or {})})
        return result.exit_code, result.stdout, result.stderr

    run_every_command(run, library, tmp_path)


def test_every_command_found_from_a_subfolder(
    library: Library, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = library.root / "notes" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)

    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        result = cli(*args, env=env)
        return result.exit_code, result.stdout, result.stderr

    run_every_command(run, library, tmp_path)


def test_every_command_as_a_process_from_a_subfolder(
    library: Library, run_paperlog: Run, tmp_path: Path
) -> None:
    sub = library.papers_dir  # any folder inside the library will do

    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        done = run_paperlog(*args, cwd=sub, env=env)
        return done.returncode, done.stdout, done.stderr

    run_every_command(run, library, tmp_path)


def test_process_with_library_option_and_environment(
    library: Library, run_paperlog: Run, tmp_path: Path
) -> None:
    by_option = run_paperlog("--library", str(library.root), "list", "--format", "ids", cwd=tmp_path)
    assert by_option.returncode == 0, by_option.stderr
    assert sorted(by_option.stdout.split()) == ALL_KEYS
    by_env = run_paperlog(
        "list", "--format", "ids", cwd=tmp_path, env={"PAPERLOG_LIBRARY": str(library.root)}
    )
    assert by_env.returncode == 0, by_env.stderr
    assert sorted(by_env.stdout.split()) == ALL_KEYS


def test_library_option_wins_over_environment(make_library: Callable[..., Library], cli: Cli) -> None:
    first = make_library(name="first")
    second = make_library([], name="second")
    result = ok(
        cli(
            "--library",
            str(second.root),
            "list",
            "--format",
            "ids",
            env={"PAPERLOG_LIBRARY": str(first.root)},
        )
    )
    assert result.stdout == ""


def test_no_library_is_a_one_line_error(
    cli: Cli, run_paperlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    monkeypatch.chdir(nowhere)
    result = cli("list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: no paperlog library")
    assert len(result.stderr.strip().splitlines()) == 1
    done = run_paperlog("list", cwd=nowhere)
    assert done.returncode == 1
    assert done.stderr.startswith("error: no paperlog library") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    missing = run_paperlog("--library", str(tmp_path / "missing"), "list", cwd=nowhere)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no paperlog library")


# -- init and add -----------------------------------------------------------------------


def test_init_command(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "new-lib"
    result = ok(cli("init", str(root), "--name", "Reading 2024"))
    assert str(root) in result.stdout
    assert 'name = "Reading 2024"' in (root / "paperlog.toml").read_text("utf-8")
    assert (root / "papers").is_dir()
    assert ".paperlog/" in (root / ".gitignore").read_text("utf-8")
    again = cli("init", str(root))
    assert again.exit_code == 1
    assert again.stderr.startswith("error:") and "already" in again.stderr


def test_init_as_a_process_in_the_current_folder(run_paperlog: Run, tmp_path: Path) -> None:
    root = tmp_path / "here"
    root.mkdir()
    done = run_paperlog("init", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "paperlog.toml").is_file() and (root / "papers").is_dir()


def test_add_command_writes_the_fields(empty_library: Library, cli: Cli) -> None:
    ok(
        cli(
            "--library",
            str(empty_library.root),
            "add",
            "--title",
            "Attention Is All You Need",
            "--author",
            "Ashish Vaswani",
            "--author",
            "Noam Shazeer",
            "--year",
            "2017",
            "--id",
            "arxiv:https://arxiv.org/abs/1706.03762v5",
            "--topic",
            "NLP / Transformers",
            "--tag",
            "classic",
            "--status",
            "read",
            "--read-on",
            "2024-03-02",
            "--rating",
            "5",
            "--note",
            "Self-attention only.",
        )
    )
    paper = empty_library.get(ATTENTION)
    assert paper.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert paper.ids == {"arxiv": "1706.03762"}
    assert paper.topics == ["NLP/Transformers"]
    assert (paper.status, paper.read_on, paper.rating) == ("read", dt.date(2024, 3, 2), 5)
    assert paper.notes == "Self-attention only.\n"
    duplicate = cli(
        "--library", str(empty_library.root), "add", "--title", "Other", "--id", "arxiv:1706.03762"
    )
    assert duplicate.exit_code == 1 and "already in the library" in duplicate.stderr


# -- output formats ---------------------------------------------------------------------


def test_list_json(library: Library, cli: Cli) -> None:
    records = json.loads(ok(cli("--library", str(library.root), "list", "--format", "json")).stdout)
    assert sorted(r["key"] for r in records) == ALL_KEYS
    attention = next(r for r in records if r["key"] == ATTENTION)
    assert attention["title"] == "Attention Is All You Need"
    assert attention["authors"][0] == "Ashish Vaswani"
    assert attention["status"] == "read" and attention["read_on"] == "2024-03-02"
    assert attention["ids"] == {"arxiv": "1706.03762"}
    assert attention["topics"] == ["NLP/Transformers"]
    assert attention["rating"] == 5


def test_list_csv(library: Library, cli: Cli) -> None:
    out = ok(cli("--library", str(library.root), "list", "--format", "csv", "--sort", "year")).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["key"] in {RAFT, DDPM}
    assert rows[-1]["key"] == RESNET
    attention = next(r for r in rows if r["key"] == ATTENTION)
    assert attention["authors"] == "Ashish Vaswani; Noam Shazeer; Niki Parmar"
    assert attention["year"] == "2017" and attention["status"] == "read"
    assert attention["tags"] == "classic; attention"
    assert attention["ids"] == "arxiv:1706.03762"


def test_list_ids_with_filters(library: Library, cli: Cli) -> None:
    def ids(*args: str) -> list[str]:
        return sorted(
            ok(cli("--library", str(library.root), "list", "--format", "ids", *args)).stdout.split()
        )

    assert ids("--status", "read") == sorted([ATTENTION, RESNET])
    assert ids("--status", "to-read,reading") == sorted([RAFT, DDPM])
    assert ids("--status", "to-read", "--status", "reading") == sorted([RAFT, DDPM])
    assert ids("--topic", "Vision") == sorted([RESNET, RAFT])
    assert ids("--topic", "Vis") == []
    assert ids("--tag", "classic") == sorted([ATTENTION, RESNET])
    assert ids("--tag", "classic", "--tag", "attention") == [ATTENTION]
    assert ids("--year", "2017..2020") == sorted([ATTENTION, RAFT, DDPM])
    assert ids("--year", "..2016") == [RESNET]
    assert ids("--year", "2020") == sorted([RAFT, DDPM])
    assert ids("--venue", "neurips") == sorted([ATTENTION, DDPM])
    assert ids("--no-notes") == [RAFT]
    assert ids("--has-notes", "--status", "read", "--topic", "Vision") == [RESNET]
    assert len(ids("--limit", "2")) == 2


def test_search_formats(library: Library, cli: Cli) -> None:
    root = str(library.root)
    records = json.loads(ok(cli("--library", root, "search", "注意力", "--format", "json")).stdout)
    assert [r["key"] for r in records] == [ATTENTION]
    assert "注意力" in records[0]["snippet"] and records[0]["score"] > 0
    rows = list(
        csv.DictReader(io.StringIO(ok(cli("--library", root, "search", "classic", "-f", "csv")).stdout))
    )
    assert sorted(r["key"] for r in rows) == sorted([ATTENTION, RESNET])
    out = ok(cli("--library", root, "search", "classic", "--status", "read", "--topic", "NLP", "-f", "ids"))
    assert out.stdout == f"{ATTENTION}\n"
    table = ok(cli("--library", root, "search", "residual"))
    assert "Deep Residual Learning" in table.stdout


def test_search_with_fts_syntax_does_not_crash(library: Library, cli: Cli) -> None:
    for query in ['"', "(", "a:b", "-x", "AND", "*", 'NEAR("x"']:
        result = cli("--library", str(library.root), "search", "--format", "json", "--", query)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            json.loads(result.stdout)
        else:
            assert result.stderr.startswith("error:")


def test_table_output_lists_titles(library: Library, cli: Cli) -> None:
    out = ok(cli("--library", str(library.root), "list")).stdout
    assert "Attention Is All You Need" in out and "4 papers" in out
    empty = ok(cli("--library", str(library.root), "list", "--topic", "Nothing")).stdout
    assert "No papers match." in empty


# -- mark, tag, rm, restore, stats, show --------------------------------------------------


def test_mark_with_date_changes_only_status_and_read_on(library: Library, cli: Cli) -> None:
    path = library.path_for(RAFT)
    before = path.read_bytes()
    result = ok(cli("--library", str(library.root), "mark", RAFT, "read", "--on", "2024-05-01"))
    assert "read on 2024-05-01" in result.stdout
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == [b"status: to-read\n"]
    assert added == [b"status: read\n", b"read_on: 2024-05-01\n"]


def test_a_read_date_in_the_future_is_refused_and_nothing_written(library: Library, cli: Cli) -> None:
    path = library.path_for(RAFT)
    before = path.read_bytes()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = cli("--library", str(library.root), "mark", RAFT, "read", "--on", tomorrow)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: invalid read_on '{tomorrow}': expected a date not in the future "
        f"(today is {dt.date.today().isoformat()})"
    )
    assert path.read_bytes() == before
    root = str(library.root)
    added = cli("--library", root, "add", "--title", "From the future", "--read-on", "2099-01-01")
    assert added.exit_code == 1 and "not in the future" in added.stderr
    assert not any("future" in p.name for p in library.papers_dir.iterdir())
    ok(cli("--library", str(library.root), "mark", RAFT, "read", "--on", dt.date.today().isoformat()))


def test_mark_read_without_date_is_today(library: Library, cli: Cli) -> None:
    ok(cli("--library", str(library.root), "mark", "arxiv:2003.12039", "read"))
    paper = library.get(RAFT)
    assert paper.status == "read"
    assert paper.read_on == dt.date.today()


def test_mark_reading_changes_one_line(library: Library, cli: Cli) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_bytes()
    ok(cli("--library", str(library.root), "mark", "2017-vaswani", "reading"))
    removed, added = changed_lines(before, path.read_bytes())
    assert (removed, added) == ([b"status: read\n"], [b"status: reading\n"])


def test_tag_add_and_remove(library: Library, cli: Cli) -> None:
    root = str(library.root)
    ok(cli("--library", root, "tag", ATTENTION, "nlp", "classic"))
    assert library.get(ATTENTION).tags == ["classic", "attention", "nlp"]
    ok(cli("--library", root, "tag", ATTENTION, "--remove", "classic", "attention"))
    assert library.get(ATTENTION).tags == ["nlp"]
    ok(cli("--library", root, "tag", ATTENTION, "--remove", "nlp"))
    assert library.get(ATTENTION).tags == []
    assert "tags:" not in library.path_for(ATTENTION).read_text("utf-8")
    unchanged = ok(cli("--library", root, "tag", ATTENTION, "--remove", "nothing"))
    assert "unchanged" in unchanged.stdout


def test_rm_moves_to_trash_and_restore_brings_back(library: Library, cli: Cli) -> None:
    root = str(library.root)
    before = library.path_for(DDPM).read_bytes()
    ok(cli("--library", root, "rm", DDPM, RAFT))
    assert (library.root / ".paperlog" / "trash" / f"{DDPM}.md").read_bytes() == before
    assert sorted(ok(cli("--library", root, "list", "-f", "ids")).stdout.split()) == sorted(
        [ATTENTION, RESNET]
    )
    trash = ok(cli("--library", root, "restore")).stdout.split()
    assert sorted(trash) == sorted([DDPM, RAFT])
    ok(cli("--library", root, "restore", DDPM))
    assert library.path_for(DDPM).read_bytes() == before
    assert ok(cli("--library", root, "search", "扩散", "-f", "ids")).stdout == f"{DDPM}\n"
    assert ok(cli("--library", root, "restore")).stdout.split() == [RAFT]
    missing = cli("--library", root, "restore", "not-in-trash")
    assert missing.exit_code == 1 and "not-in-trash" in missing.stderr


def test_rm_of_unknown_paper_moves_nothing(library: Library, cli: Cli) -> None:
    result = cli("--library", str(library.root), "rm", DDPM, "no-such-paper")
    assert result.exit_code == 1
    assert "no-such-paper" in result.stderr
    assert library.path_for(DDPM).is_file()


def test_stats_json(library: Library, cli: Cli) -> None:
    data = json.loads(ok(cli("--library", str(library.root), "stats", "--format", "json")).stdout)
    assert data["total"] == 4
    assert data["with_notes"] == 3
    assert data["by_status"] == {"to-read": 1, "reading": 1, "read": 2}
    assert data["by_topic"] == {
        "Generative/Diffusion": 1,
        "NLP/Transformers": 1,
        "Vision/Backbones": 1,
        "Vision/Optical flow": 1,
    }
    assert data["by_month_read"] == {"2024-03": 1, "2024-02": 1}
    vision = json.loads(
        ok(cli("--library", str(library.root), "stats", "--topic", "Vision", "-f", "json")).stdout
    )
    assert vision["total"] == 2 and vision["by_status"] == {"to-read": 1, "read": 1}
    table = ok(cli("--library", str(library.root), "stats")).stdout
    assert "4" in table and "Month read" in table


def test_show_formats(library: Library, cli: Cli) -> None:
    root = str(library.root)
    raw = ok(cli("--library", root, "show", ATTENTION, "--format", "raw")).stdout
    assert raw == library.path_for(ATTENTION).read_text("utf-8")
    data = json.loads(ok(cli("--library", root, "show", "arxiv:1706.03762", "-f", "json")).stdout)
    assert data["path"] == f"papers/{ATTENTION}.md"
    pretty = ok(cli("--library", root, "show", ATTENTION)).stdout
    assert "Attention Is All You Need" in pretty and "Ashish Vaswani" in pretty


# -- edit -------------------------------------------------------------------------------


def test_edit_saves_a_valid_edit(library: Library, cli: Cli, tmp_path: Path) -> None:
    editor = make_editor(tmp_path, "rate", "text = text.replace('rating: 5', 'rating: 4')")
    result = ok(cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor}))
    assert "Saved papers/" in result.stdout
    assert library.get(ATTENTION).rating == 4
    assert Library(library.root).index.get(ATTENTION).rating == 4  # type: ignore[union-attr]


def test_edit_without_change(library: Library, cli: Cli, tmp_path: Path) -> None:
    path = library.path_for(ATTENTION)
    before = path.stat().st_mtime_ns, path.read_bytes()
    editor = make_editor(tmp_path, "noop", "pass")
    assert (
        "No changes"
        in ok(cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor})).stdout
    )
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_edit_uses_paperlog_editor_first(library: Library, cli: Cli, tmp_path: Path) -> None:
    good = make_editor(tmp_path, "good", "text = text.replace('rating: 5', 'rating: 2')")
    bad = make_editor(tmp_path, "bad", "raise SystemExit(3)")
    ok(
        cli(
            "--library",
            str(library.root),
            "edit",
            ATTENTION,
            env={"PAPERLOG_EDITOR": good, "VISUAL": bad, "EDITOR": bad},
        )
    )
    assert library.get(ATTENTION).rating == 2


def test_edit_breaking_yaml_is_refused_and_kept(library: Library, cli: Cli, tmp_path: Path) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_bytes()
    line = before.decode().splitlines().index("year: 2017") + 1
    editor = make_editor(tmp_path, "break", "text = text.replace('year: 2017', 'year: 2017: oops')")
    result = cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor})
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: papers/{ATTENTION}.md:{line}: ")
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    kept = library.root / ".paperlog" / "rejected" / f"{ATTENTION}.md"
    assert "year: 2017: oops" in kept.read_text("utf-8")
    assert ".paperlog/rejected/" in result.stderr


def test_edit_with_bad_field_value_is_refused(library: Library, cli: Cli, tmp_path: Path) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_bytes()
    line = before.decode().splitlines().index("rating: 5") + 1
    editor = make_editor(tmp_path, "rating", "text = text.replace('rating: 5', 'rating: 9')")
    result = cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error: papers/{ATTENTION}.md:{line}: rating: 9")
    assert path.read_bytes() == before


def test_edit_conflicting_with_a_change_on_disk_keeps_both(
    library: Library, cli: Cli, tmp_path: Path
) -> None:
    """Someone (git pull, the web app) changes the file while the editor is open."""
    path = library.path_for(ATTENTION)
    body = (
        "text = text.replace('rating: 5', 'rating: 1')\n"
        f"real = pathlib.Path({str(path)!r})\n"
        "real.write_bytes(real.read_bytes().replace(b'rating: 5', b'rating: 3'))"
    )
    editor = make_editor(tmp_path, "race", body)
    result = cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor})
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"error: papers/{ATTENTION}.md: changed on disk")
    assert library.get(ATTENTION).rating == 3  # the other change is not overwritten
    kept = library.state_dir / "rejected" / f"{ATTENTION}.md"
    assert "rating: 1" in kept.read_text("utf-8")  # and the user's edit is not lost


def test_edit_saved_in_another_encoding_is_refused_and_kept(
    library: Library, cli: Cli, tmp_path: Path
) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_bytes()
    body = "path.write_bytes(text.replace('rating: 5', 'venue: 清华').encode('gbk'))\nraise SystemExit(0)"
    editor = make_editor(tmp_path, "gbk", body)  # a Chinese Windows editor's default
    result = cli("--library", str(library.root), "edit", ATTENTION, env={"EDITOR": editor})
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: your edit is not UTF-8 text")
    assert path.read_bytes() == before
    kept = library.state_dir / "rejected" / f"{ATTENTION}.md"
    assert "venue: 清华" in kept.read_bytes().decode("gbk")


def test_edit_as_a_process(library: Library, run_paperlog: Run, tmp_path: Path) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_bytes()
    editor = make_editor(tmp_path, "break", "text = text.replace('year: 2017', 'year: [2017')")
    done = run_paperlog("edit", ATTENTION, cwd=library.root, env={"EDITOR": editor})
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: papers/{ATTENTION}.md:")
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == before
    assert (library.state_dir / "rejected" / f"{ATTENTION}.md").is_file()
    fixed = make_editor(tmp_path, "fix", "text = text.replace('year: 2017', 'year: 2018')")
    done = run_paperlog("edit", ATTENTION, cwd=library.root, env={"EDITOR": fixed})
    assert done.returncode == 0, done.stderr
    assert library.get(ATTENTION).year == 2018


def test_edit_keeps_crlf_line_ends(empty_library: Library, cli: Cli, tmp_path: Path) -> None:
    path = empty_library.papers_dir / "crlf.md"
    path.write_bytes(b"---\r\ntitle: CRLF paper\r\nyear: 2020\r\n---\r\n\r\nNotes.\r\n")
    noop = make_editor(tmp_path, "noop", "pass")
    assert (
        "No changes"
        in ok(cli("--library", str(empty_library.root), "edit", "crlf", env={"EDITOR": noop})).stdout
    )
    assert path.read_bytes() == b"---\r\ntitle: CRLF paper\r\nyear: 2020\r\n---\r\n\r\nNotes.\r\n"
    change = make_editor(tmp_path, "year", "text = text.replace('year: 2020', 'year: 2021')")
    ok(cli("--library", str(empty_library.root), "edit", "crlf", env={"EDITOR": change}))
    assert path.read_bytes() == b"---\r\ntitle: CRLF paper\r\nyear: 2021\r\n---\r\n\r\nNotes.\r\n"


# -- help -------------------------------------------------------------------------------


def registered_commands() -> tuple[list[str], list[str]]:
    """(leaf commands, command groups), each as its words: `list`, `goal add`, ..."""
    leaves: list[str] = []
    groups: list[str] = []

    def walk(command: Any, words: list[str]) -> None:
        if hasattr(command, "commands"):  # a group (Typer ships its own copy of click)
            if words:
                groups.append(" ".join(words))
            for name, sub in command.commands.items():
                walk(sub, [*words, name])
        else:
            leaves.append(" ".join(words))

    walk(typer.main.get_command(app), [])
    return sorted(leaves), sorted(groups)


def test_core_commands_are_registered() -> None:
    assert set(CORE_COMMANDS) <= set(registered_commands()[0])


@pytest.mark.parametrize("command", registered_commands()[0])
def test_every_command_has_help_with_an_example(cli: Cli, command: str) -> None:
    result = ok(cli(*command.split(), "--help"))
    assert "Example:" in result.stdout, f"`paperlog {command} --help` shows no example"


@pytest.mark.parametrize("group", registered_commands()[1])
def test_every_command_group_has_help(cli: Cli, group: str) -> None:
    result = ok(cli(*group.split(), "--help"))
    assert "Usage:" in result.stdout


def test_top_level_help_and_version(cli: Cli, run_paperlog: Run) -> None:
    help_text = ok(cli("--help")).stdout
    for command in CORE_COMMANDS:
        assert command in help_text
    from paperlog import __version__

    assert ok(cli("--version")).stdout == f"paperlog {__version__}\n"
    done = run_paperlog("--version")
    assert done.returncode == 0 and done.stdout == f"paperlog {__version__}\n"


def test_brackets_in_titles_tags_and_file_names_are_printed_as_typed(
    empty_library: Library, cli: Cli
) -> None:
    """`[Re] ...` reproductions, `[/]` in a title, a hand-made `[draft].md`: text, not markup."""
    root = str(empty_library.root)
    title = "[Re] Lists [/] and [bold]things[/]"
    added = ok(cli("--library", root, "add", "--title", title, "--author", "A [b] C", "--topic", "[x]/y"))
    assert title in added.stdout
    key = empty_library.index.by_title(title)[0]
    (empty_library.papers_dir / "[draft].md").write_text("---\ntitle: Draft\n---\n", encoding="utf-8")
    assert title in ok(cli("--library", root, "list")).stdout
    assert "[draft]" in ok(cli("--library", root, "list")).stdout
    shown = ok(cli("--library", root, "show", key)).stdout
    assert title in shown and "A [b] C" in shown and "[x]/y" in shown
    assert "[/]" in ok(cli("--library", root, "tag", key, "[/]")).stdout
    assert "[/]" in ok(cli("--library", root, "tag", key, "--remove", "nothing")).stdout
    assert "[draft]" in ok(cli("--library", root, "mark", "[draft]", "reading")).stdout
    assert "[x]/y" in ok(cli("--library", root, "stats")).stdout
    assert "[draft]" in ok(cli("--library", root, "rm", "[draft]")).stdout
    assert ok(cli("--library", root, "restore")).stdout == "[draft]\n"
    assert "[draft]" in ok(cli("--library", root, "restore", "[draft]")).stdout


def test_library_in_a_folder_with_spaces_and_chinese(tmp_path: Path, run_paperlog: Run, cli: Cli) -> None:
    root = tmp_path / "My Papers" / "论文 笔记"
    assert ok(cli("init", str(root))).exit_code == 0
    ok(cli("--library", str(root), "add", "--title", "注意力机制综述", "--year", "2023", "--note", "模型。"))
    done = run_paperlog("search", "模型", "--format", "json", cwd=root / "papers")
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    assert record["title"] == "注意力机制综述"
    shown = run_paperlog("show", record["key"], "--format", "raw", env={"PAPERLOG_LIBRARY": str(root)})
    assert shown.returncode == 0 and "title: 注意力机制综述" in shown.stdout


def test_empty_results_still_parse(empty_library: Library, cli: Cli) -> None:
    root = str(empty_library.root)
    assert json.loads(ok(cli("--library", root, "list", "--format", "json")).stdout) == []
    assert json.loads(ok(cli("--library", root, "search", "nothing", "--format", "json")).stdout) == []
    header = ok(cli("--library", root, "search", "nothing", "--format", "csv")).stdout
    assert list(csv.reader(io.StringIO(header))) == [
        [
            "key",
            "title",
            "authors",
            "year",
            "venue",
            "status",
            "read_on",
            "topics",
            "tags",
            "rating",
            "ids",
            "url",
        ]
    ]
    assert ok(cli("--library", root, "list", "--format", "ids")).stdout == ""
    stats = json.loads(ok(cli("--library", root, "stats", "--format", "json")).stdout)
    assert stats["total"] == 0 and stats["by_status"] == {}
    assert "The trash is empty." in ok(cli("--library", root, "restore")).stdout


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("read", [ATTENTION, RESNET, DDPM, RAFT]),  # newest read first, unread last (by key)
        ("year", [DDPM, RAFT, ATTENTION, RESNET]),
        ("title", [ATTENTION, RESNET, DDPM, RAFT]),
        ("rating", [ATTENTION, RESNET, DDPM, RAFT]),
        ("key", sorted([ATTENTION, RESNET, DDPM, RAFT])),
    ],
)
def test_list_sort_orders(library: Library, cli: Cli, sort: str, expected: list[str]) -> None:
    out = ok(cli("--library", str(library.root), "list", "--sort", sort, "--format", "ids")).stdout
    assert out.split() == expected
