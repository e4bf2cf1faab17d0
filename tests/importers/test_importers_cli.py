"""`paperlog import` through the CLI runner and as a process; bad input; encodings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.importers import decode
from paperlog.library import Library

HERE = Path(__file__).parent / "notebooks"
runner = CliRunner()

NOTEBOOK_ZH = """# 阅读记录

## 计算机视觉

- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)
  - 残差连接让很深的网络也能训练，这是一个非常重要的想法
  - [想法] 可以先在小模型上验证恒等映射的作用
"""


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".paperlog" not in p.parts
    }


def test_dry_run_json_lines_writes_nothing(empty_library: Library) -> None:
    before = _files(empty_library.root)
    result = runner.invoke(
        app,
        ["--library", str(empty_library.root), "import", str(HERE / "table.md"),
         str(HERE / "venues.md"), "--dry-run", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == ["table.md", "venues.md"]
    assert [p["status"] for p in objects[0]["papers"]] == ["read", "to-read", "reading"]
    assert objects[1]["papers"][0]["venue"] == "NeurIPS"
    assert _files(empty_library.root) == before


def test_import_writes_papers_and_a_note_file_then_changes_nothing(empty_library: Library) -> None:
    args = ["--library", str(empty_library.root), "import", str(HERE)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "Faults in the notebook" not in first.stdout or "line" in first.stdout
    assert "token recall 100.00%" in first.stdout
    keys = sorted(p.stem for p in empty_library.paper_files())
    assert "2016-deep-residual-learning-for-image-recognition" in keys
    notes = empty_library.root / "notes" / "tasklist.md"
    assert "- paper: [Segment Anything](../papers/" in notes.read_text("utf-8")
    before = _files(empty_library.root)
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    assert "added 0, updated 0" in second.stdout
    assert _files(empty_library.root) == before


def test_preview_shows_counts_other_items_and_decisions(empty_library: Library) -> None:
    result = runner.invoke(
        app, ["--library", str(empty_library.root), "import", str(HERE / "tasklist.md"), "-n"],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "tasklist.md: 7 papers (3 to-read, 1 reading, 3 read)" in out
    assert "topic: Vision" in out and "Not papers" in out and "links to a repo" in out
    assert "dry run: nothing written" in out


def test_bad_file_stops_the_import_before_anything_is_written(
    empty_library: Library, tmp_path: Path
) -> None:
    binary = tmp_path / "figure.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    before = _files(empty_library.root)
    result = runner.invoke(
        app, ["--library", str(empty_library.root), "import", str(HERE / "table.md"), str(binary)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "figure.md: not a text file" in result.stderr
    assert _files(empty_library.root) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "file is empty"), (b"  \n\n", "file is empty"), (os.urandom(5000), "not a text file")],
)
def test_bad_bytes_are_refused_in_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(decode.ImportError_) as error:
        decode.read_source(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_huge_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    path = tmp_path / "big.md"
    path.write_text("- [A Title Of Some Paper](https://arxiv.org/abs/2101.00001)\n" * 100, "utf-8")
    with pytest.raises(decode.ImportError_, match="too large"):
        decode.read_source(path)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_other_encodings_are_detected(tmp_path: Path, empty_library: Library, encoding: str) -> None:
    path = tmp_path / f"notes-{encoding}.md"
    path.write_bytes(NOTEBOOK_ZH.replace("\n", "\r\n").encode(encoding))
    result = runner.invoke(
        app, ["--library", str(empty_library.root), "import", str(path), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [paper] = data["papers"]
    assert paper["ids"] == {"arxiv": "1512.03385"} and paper["topics"] == ["计算机视觉"]
    assert "残差连接" in paper["notes"] and "\r" not in paper["notes"]
    if encoding == "gbk":
        assert any("gb18030" in a for a in data["ambiguities"])
    stored = empty_library.get("deep-residual-learning-for-image-recognition")
    assert stored.extra["insights"] == ["可以先在小模型上验证恒等映射的作用"]


def test_as_a_process(tmp_path: Path) -> None:
    library = Library.init(tmp_path / "lib")
    result = subprocess.run(
        [sys.executable, "-m", "paperlog", "--library", str(library.root), "import",
         str(HERE / "dated.md"), "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["read_on"] for p in data["papers"]] == ["2018-04-01", "2022-05-29", "2022-05-29"]
    assert len(list(library.paper_files())) == 3


def test_dry_run_works_outside_a_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAPERLOG_LIBRARY", raising=False)
    result = runner.invoke(app, ["import", str(HERE / "venues.md"), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["papers"]) == 4
    result = runner.invoke(app, ["import", str(HERE / "venues.md")])
    assert result.exit_code == 1 and "no paperlog library" in result.stderr


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert result.exit_code == 0 and "Example: paperlog import" in result.stdout


def test_importing_the_library_folder_skips_its_own_files(empty_library: Library) -> None:
    (empty_library.root / "reading.md").write_text(
        "## Vision\n\n- [Segment Anything](https://arxiv.org/abs/2304.02643)\n  - promptable masks\n", "utf-8"
    )
    args = ["--library", str(empty_library.root), "import", str(empty_library.root)]
    assert runner.invoke(app, args).exit_code == 0
    before = _files(empty_library.root)
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "reading.md: 1 papers" in again.stdout
    assert again.stdout.count(" papers (") == 1  # only the notebook, not papers/ or notes/
    assert _files(empty_library.root) == before


def test_a_hand_edited_notes_file_is_not_overwritten(empty_library: Library, tmp_path: Path) -> None:
    notebook = tmp_path / "log.md"
    notebook.write_text("# Log\n\nWhy I keep this.\n\n- [Segment Anything](https://arxiv.org/abs/2304.02643)\n",
                        "utf-8")
    args = ["--library", str(empty_library.root), "import", str(notebook)]
    assert runner.invoke(app, args).exit_code == 0
    notes = empty_library.root / "notes" / "log.md"
    edited = notes.read_text("utf-8") + "\nA line I added myself.\n"
    notes.write_text(edited, "utf-8")
    notebook.write_text(notebook.read_text("utf-8") + "\nA new remark in the notebook.\n", "utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "edited by hand" in result.stdout
    assert notes.read_text("utf-8") == edited


PREVIEW_NOTEBOOK = """# Papers I keep

## Vision

- 2016 - [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385), CVPR 2016
- [Masked Autoencoders Are Scalable Vision Learners](https://arxiv.org/abs/2111.06377)

## Reinforcement Learning and Imitation Learning

### Offline methods from the last few years

- [Conservative Q-Learning for Offline Reinforcement Learning](https://arxiv.org/abs/2006.04779)
"""


def _rendered(width: int) -> list[str]:
    from rich.console import Console

    from paperlog.cli.importing import papers_table
    from paperlog.importers import read_notebook

    notebook = read_notebook(PREVIEW_NOTEBOOK, "reading.md")
    out = Console(width=width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    out.print(papers_table(notebook, width))
    return out.export_text().splitlines()


def _column(lines: list[str], name: str) -> list[str]:
    """The cells of one column, read off the rendered table by the header's position."""
    header = next(line for line in lines if " status " in line)
    names = [cell.strip() for cell in header.split("┃")]
    index = names.index(name)
    return [line.split("│")[index].strip() for line in lines if line.count("│") == len(names) - 1]


@pytest.mark.parametrize("width", [80, 120])
def test_the_papers_preview_fits_the_terminal_and_breaks_no_word(width: int) -> None:
    lines = _rendered(width)
    assert all(len(line) <= width for line in lines)
    topics = [cell for cell in _column(lines, "topic") if cell]
    statuses = [cell for cell in _column(lines, "status") if cell]
    assert statuses == ["to-read", "to-read", "to-read"]
    assert topics[:2] == ["Vision", "Vision"]
    # A long topic is cut with an ellipsis, never folded onto a second line mid-word.
    assert len(topics) == 3 and topics[2].startswith("Reinforcement")
    path = "Reinforcement Learning and Imitation Learning/Offline methods from the last few years"
    *whole, last = topics[2].split()
    assert all(word in path.replace("/", " ").split() for word in whole)
    assert last in path.replace("/", " ").split() or (last.endswith("…") and last[:-1] in path)


def test_venues_and_ids_show_on_a_wide_terminal_only() -> None:
    narrow, wide = _rendered(80), _rendered(120)
    assert "venue" not in narrow[1] and "ids" not in narrow[1]
    assert "venue" in wide[1] and "ids" in wide[1]
    assert "CVPR" in "\n".join(wide) and "arxiv:1512.03385" in "\n".join(wide)
