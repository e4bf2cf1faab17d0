"""The index follows the files, whoever changed them: an editor, git, or `rm`."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from paperlog.index import Index
from paperlog.library import Library

ATTENTION = "2017-vaswani-attention-is-all-you-need"
RESNET = "2016-he-deep-residual-learning-for-image-recognition"


def bump_mtime(path: Path, seconds: int = 5) -> None:
    """Make sure the file looks changed even on filesystems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def editor_rewrite(path: Path, old: str, new: str) -> None:
    """What an editor does: write the whole file again, with a new mtime."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump_mtime(path)


def fresh(library: Library) -> Library:
    """The same folder opened again, as the next command would (a new process)."""
    return Library(library.root)


def json_keys(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return sorted(record["key"] for record in json.loads(result.stdout))


def test_first_sync_indexes_everything(library: Library) -> None:
    index = Index(fresh(library), path=library.state_dir / "other.sqlite")
    report = index.sync()
    assert (report.added, report.updated, report.removed, report.unchanged) == (4, 0, 0, 0)
    assert index.count() == 4
    index.close()


def test_sync_reports_added_updated_removed_unchanged(library: Library) -> None:
    library.index  # noqa: B018 - index built and synced
    editor_rewrite(library.path_for(ATTENTION), "status: read", "status: reading")
    library.path_for(RESNET).unlink()
    (library.papers_dir / "2024-new-pulled-paper.md").write_text(
        "---\ntitle: Pulled From Git\nyear: 2024\n---\nSome notes.\n", encoding="utf-8"
    )
    other = fresh(library)
    index = Index(other)
    report = index.sync()
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 2)
    assert report.errors == []
    assert index.get(ATTENTION).status.value == "reading"  # type: ignore[union-attr]
    assert index.get(RESNET) is None
    assert index.get("2024-new-pulled-paper").title == "Pulled From Git"  # type: ignore[union-attr]
    second = index.sync()
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 4)
    index.close()


def test_touch_without_change_does_not_reparse(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    library.index  # noqa: B018
    for path in library.paper_files():
        bump_mtime(path)
    other = fresh(library)

    def no_parse(text: str, path: Path) -> None:
        raise AssertionError(f"{path} was parsed again although its content did not change")

    monkeypatch.setattr(other, "parse", no_parse)
    index = Index(other)
    report = index.sync()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 4)
    # the new mtimes are stored: the next sync does not even read the files
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("read again"))
    monkeypatch.setattr(Path, "read_bytes", lambda *a, **k: pytest.fail("read again"))
    assert index.sync().unchanged == 4
    index.close()


def test_library_api_sees_editor_git_and_rm_changes(library: Library) -> None:
    assert library.index.count() == 4
    editor_rewrite(library.path_for(ATTENTION), "rating: 5", "rating: 3")
    (library.papers_dir / "pulled.md").write_text("---\ntitle: Pulled\n---\n", encoding="utf-8")
    library.path_for(RESNET).unlink()
    again = fresh(library)
    assert sorted(again.index.keys()) == sorted(
        [
            "pulled",
            ATTENTION,
            "2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical",
            "2020-ho-denoising-diffusion-probabilistic-models",
        ]
    )
    assert again.get(ATTENTION).rating == 3
    assert again.index.get(ATTENTION).rating == 3  # type: ignore[union-attr]
    assert again.index.search("pulled").total == 1
    again.index.close()


def test_cli_sees_editor_git_and_rm_changes(library: Library, cli: Callable[..., Result]) -> None:
    root = str(library.root)
    assert len(json_keys(cli("--library", root, "list", "--format", "json"))) == 4
    editor_rewrite(library.path_for(ATTENTION), "Self-attention replaces recurrence.", "Zebra notes.")
    (library.papers_dir / "pulled.md").write_text(
        "---\ntitle: Pulled\nstatus: to-read\n---\nzebra too\n", encoding="utf-8"
    )
    library.path_for(RESNET).unlink()
    keys = json_keys(cli("--library", root, "list", "--format", "json"))
    assert "pulled" in keys and RESNET not in keys and len(keys) == 4
    assert json_keys(cli("--library", root, "search", "zebra", "--format", "json")) == sorted(
        [ATTENTION, "pulled"]
    )
    assert cli("--library", root, "search", "replaces", "--format", "ids").stdout == ""
    shown = cli("--library", root, "show", "pulled", "--format", "json")
    assert json.loads(shown.stdout)["notes"] == "zebra too\n"


def test_reindex_rebuilds_from_scratch(library: Library, cli: Callable[..., Result]) -> None:
    library.index  # noqa: B018
    # a stale index that sync would trust: same size and mtime as the file
    path = library.path_for(ATTENTION)
    stat = path.stat()
    path.write_text(path.read_text("utf-8").replace("rating: 5", "rating: 4"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert fresh(library).index.get(ATTENTION).rating == 5  # type: ignore[union-attr]
    result = cli("--library", str(library.root), "reindex")
    assert result.exit_code == 0, result.output
    assert "Indexed 4 papers" in result.stdout
    assert fresh(library).index.get(ATTENTION).rating == 4  # type: ignore[union-attr]


def test_rebuild_reports_every_file_added(library: Library) -> None:
    report = fresh(library).index.rebuild()
    assert (report.added, report.updated, report.removed, report.unchanged) == (4, 0, 0, 0)


def test_deleting_the_state_folder_is_harmless(library: Library, cli: Callable[..., Result]) -> None:
    library.index.close()
    library._index = None
    shutil.rmtree(library.state_dir)
    again = fresh(library)
    assert again.index.count() == 4
    assert again.index.search("residual").total == 1
    again.index.close()
    shutil.rmtree(library.state_dir)
    result = cli("--library", str(library.root), "search", "residual", "--format", "ids")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{RESNET}\n"


def test_corrupt_index_file_is_rebuilt(library: Library) -> None:
    library.index.close()
    library._index = None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{library.state_dir / 'index.sqlite'}{suffix}").unlink(missing_ok=True)
    (library.state_dir / "index.sqlite").write_bytes(b"this is not a database" * 100)
    again = fresh(library)
    assert again.index.count() == 4
    again.index.close()


def test_hidden_and_temp_files_are_not_papers(library: Library) -> None:
    (library.papers_dir / ".2017-vaswani.md.swp.md").write_text("---\ntitle: Swap\n---\n", encoding="utf-8")
    (library.papers_dir / "_draft.md").write_text("---\ntitle: Draft\n---\n", encoding="utf-8")
    (library.papers_dir / "readme.txt").write_text("not a paper", encoding="utf-8")
    assert fresh(library).index.count() == 4


def test_papers_in_subfolders_are_found(library: Library) -> None:
    sub = library.papers_dir / "2019"
    sub.mkdir()
    (sub / "nested.md").write_text("---\ntitle: Nested Paper\n---\n", encoding="utf-8")
    again = fresh(library)
    assert "2019/nested" in set(again.index.keys())
    assert again.get("2019/nested").title == "Nested Paper"


def test_pulled_file_with_an_old_mtime_is_found(library: Library) -> None:
    """`cp -p`, rsync and unzip keep old timestamps: a new key is new whatever its mtime."""
    library.index  # noqa: B018
    path = library.papers_dir / "old-copy.md"
    path.write_text("---\ntitle: Copied With Its Old Date\n---\n", encoding="utf-8")
    os.utime(path, (978307200, 978307200))  # 2001-01-01
    report = Index(fresh(library)).sync()
    assert (report.added, report.unchanged) == (1, 4)
    assert fresh(library).index.search("copied").total == 1


def test_replaced_file_with_same_size_is_reread(library: Library) -> None:
    library.index  # noqa: B018
    path = library.path_for(ATTENTION)
    text = path.read_text("utf-8")
    same_size = text.replace("rating: 5", "rating: 4")
    assert len(same_size) == len(text)
    path.write_text(same_size, encoding="utf-8")
    bump_mtime(path)
    assert fresh(library).index.get(ATTENTION).rating == 4  # type: ignore[union-attr]


def test_broken_file_deleted_by_hand_clears_its_warning(library: Library) -> None:
    path = library.papers_dir / "broken.md"
    path.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert fresh(library).index.errors() == [
        "papers/broken.md:2: invalid YAML in front matter: did not find expected node content"
    ]
    path.unlink()
    again = fresh(library)
    assert again.index.errors() == []
    assert again.index.count() == 4


def test_nearest_library_wins(library: Library, tmp_path: Path) -> None:
    inner = Library.init(library.root / "projects" / "inner")
    sub = inner.root / "papers"
    assert Library.find(sub, environ={}).root == inner.root
    assert Library.find(library.root / "projects", environ={}).root == library.root


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b"rating: 5", b"rating: [5"),
        lambda data: data.replace(b"rating: 5", b"rating: 50"),
        lambda data: data.replace("注意力".encode(), "注意力".encode("gbk")),
    ],
    ids=["broken-yaml", "bad-value", "not-utf8"],
)
def test_a_paper_broken_by_hand_is_warned_about_then_back_when_fixed(
    library: Library, damage: Callable[[bytes], bytes]
) -> None:
    library.index  # noqa: B018
    path = library.path_for(ATTENTION)
    good = path.read_bytes()
    path.write_bytes(damage(good))
    bump_mtime(path)
    broken = fresh(library)
    assert ATTENTION not in set(broken.index.keys())
    (message,) = broken.index.errors()
    assert message.startswith(f"papers/{ATTENTION}.md")
    assert broken.index.search("attention").total == 0
    path.write_bytes(good)
    bump_mtime(path, 10)
    fixed = fresh(library)
    assert fixed.index.errors() == []
    assert fixed.index.search("attention").total == 1
