"""`paperlog edit` is how a user mends a paper file that no longer loads."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from paperlog.library import Library

BROKEN = "---\ntitle: [A broken title\nyear: 2020\n---\nMy notes stay.\n"
MENDED = "---\ntitle: A mended title\nyear: 2020\n---\nMy notes stay.\n"


def _editor(tmp_path: Path, replacement: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_bytes({replacement.encode()!r})\n",
        "utf-8",
    )
    return f"{sys.executable} {script}"


def test_edit_opens_a_broken_file_and_saves_the_mended_text(
    empty_library: Library, cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = empty_library.papers_dir / "broken.md"
    path.write_text(BROKEN, "utf-8")
    result = cli(
        "--library", str(empty_library.root), "edit", "broken", env={"EDITOR": _editor(tmp_path, MENDED)}
    )
    assert result.exit_code == 0, result.output
    assert "papers/broken.md:3: invalid YAML" in result.stderr  # told what is wrong, first
    assert path.read_text("utf-8") == MENDED
    assert empty_library.get("broken").title == "A mended title"


def test_a_still_broken_edit_leaves_the_file_and_keeps_the_draft(
    empty_library: Library, cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = empty_library.papers_dir / "broken.md"
    path.write_text(BROKEN, "utf-8")
    still_broken = BROKEN.replace("My notes stay.", "Edited notes.")
    result = cli(
        "--library",
        str(empty_library.root),
        "edit",
        "broken",
        env={"EDITOR": _editor(tmp_path, still_broken)},
    )
    assert result.exit_code == 1
    assert path.read_text("utf-8") == BROKEN
    kept = empty_library.state_dir / "rejected" / "broken.md"
    assert kept.read_text("utf-8") == still_broken
