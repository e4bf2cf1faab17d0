"""The library on disk: init, slugs, atomic writes, adding papers, the trash."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from paperlog.errors import DuplicatePaper, PaperlogError, PaperNotFound
from paperlog.library import Library, atomic_write, slugify
from paperlog.model import Paper, Status


def test_init_creates_toml_papers_and_gitignore(tmp_path: Path) -> None:
    library = Library.init(tmp_path / "lib", name="My reading")
    assert (library.root / "paperlog.toml").is_file()
    assert (library.root / "papers").is_dir()
    assert ".paperlog/" in (library.root / ".gitignore").read_text("utf-8").splitlines()
    assert library.config.library.name == "My reading"
    assert Library.find(library.root / "papers", environ={}).root == library.root


def test_init_keeps_existing_gitignore(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / ".gitignore").write_text("*.pdf\n# build output\ndist", encoding="utf-8")
    Library.init(root)
    assert (root / ".gitignore").read_text("utf-8") == "*.pdf\n# build output\ndist\n.paperlog/\n"


def test_init_does_not_add_paperlog_twice_to_gitignore(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / ".gitignore").write_text(".paperlog/\n*.pdf\n", encoding="utf-8")
    Library.init(root)
    assert (root / ".gitignore").read_text("utf-8") == ".paperlog/\n*.pdf\n"


def test_init_twice_refuses_and_keeps_the_toml(tmp_path: Path) -> None:
    library = Library.init(tmp_path / "lib", name="First")
    toml = (library.root / "paperlog.toml").read_bytes()
    with pytest.raises(PaperlogError, match="already"):
        Library.init(tmp_path / "lib", name="Second")
    assert (library.root / "paperlog.toml").read_bytes() == toml


# -- slugs ------------------------------------------------------------------------------


def test_slug_is_year_surname_title_words() -> None:
    paper = Paper(title="Attention Is All You Need", authors=["Ashish Vaswani", "Noam Shazeer"], year=2017)
    assert slugify(paper) == "2017-vaswani-attention-is-all-you-need"


def test_slug_folds_accents_to_ascii() -> None:
    paper = Paper(title="Über die Vollständigkeit: théorème", authors=["Kurt Gödel"], year=1930)
    assert slugify(paper) == "1930-godel-uber-die-vollstandigkeit-theoreme"


def test_slug_of_surname_first_author() -> None:
    paper = Paper(title="Deep Residual Learning", authors=["He, Kaiming"], year=2016)
    assert slugify(paper) == "2016-he-deep-residual-learning"


def test_slug_of_chinese_title_is_ascii_and_stable() -> None:
    paper = Paper(title="基于注意力机制的图像描述", authors=["张三"], year=2021)
    slug = slugify(paper)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert slug.startswith("2021-")
    assert slugify(Paper(title="基于注意力机制的图像描述", authors=["张三"], year=2021)) == slug
    other = slugify(Paper(title="扩散模型综述", authors=["张三"], year=2021))
    assert other != slug


def test_slugs_spell_other_scripts_in_latin_letters() -> None:
    """Pinyin for Chinese (a word per character), transliteration for other scripts."""
    chinese = Paper(title="扩散模型综述", authors=["王小明"], year=2023)
    assert slugify(chinese) == "2023-wang-kuo-san-mo-xing-zong-shu"
    assert slugify(Paper(title="Глубокое обучение", authors=["Иванов"])) == "ivanov-glubokoe-obuchenie"
    assert slugify(Paper(title="딥러닝 연구", year=2020)) == "2020-dibleoning-yeongu"
    assert slugify(Paper(title="Über Straßen", authors=["Jürgen Müller"])) == "muller-uber-strassen"


def test_slug_of_a_title_without_letters_uses_an_id_when_there_is_one() -> None:
    paper = Paper(title="∑ ∏ ∫", year=2023, ids={"arxiv": "2209.00796"})
    assert re.fullmatch(r"2023-2209-00796-[0-9a-f]{6}", slugify(paper))
    assert re.fullmatch(r"2023-paper-[0-9a-f]{6}", slugify(Paper(title="∑ ∏ ∫", year=2023)))


def test_add_gives_unique_keys(empty_library: Library) -> None:
    first = empty_library.add(Paper(title="Same Title", year=2020), allow_duplicate=True)
    second = empty_library.add(Paper(title="Same Title", year=2020), allow_duplicate=True)
    third = empty_library.add(Paper(title="Same Title", year=2020), allow_duplicate=True)
    assert [first.key, second.key, third.key] == [
        "2020-same-title",
        "2020-same-title-2",
        "2020-same-title-3",
    ]
    assert all(empty_library.path_for(p.key).is_file() for p in (first, second, third))


def test_add_refuses_a_duplicate_id_or_title(empty_library: Library) -> None:
    empty_library.add(Paper(title="Attention Is All You Need", ids={"arxiv": "1706.03762"}))
    with pytest.raises(DuplicatePaper, match="arxiv"):
        empty_library.add(Paper(title="Other", ids={"arxiv": "arXiv:1706.03762v5"}))
    with pytest.raises(DuplicatePaper, match="title"):
        empty_library.add(Paper(title="attention is all you need!"))
    assert len(list(empty_library.paper_files())) == 1


def test_renaming_the_title_keeps_the_file(library: Library) -> None:
    key = "2017-vaswani-attention-is-all-you-need"
    library.update(key, {"title": "Attention Is Really All You Need"})
    assert library.path_for(key).is_file()
    assert sorted(p.stem for p in library.paper_files()) == sorted(library.index.keys())
    assert library.get(key).title == "Attention Is Really All You Need"
    assert library.index.get(key) is not None
    assert library.index.get(key).title == "Attention Is Really All You Need"  # type: ignore[union-attr]


def test_new_file_has_known_fields_in_canonical_order(empty_library: Library) -> None:
    paper = Paper(
        title="T",
        rating=4,
        tags=["x"],
        status=Status.READ,
        authors=["A B"],
        year=2020,
        read_on=dt.date(2024, 1, 2),
        extra={"abstract": "Text."},
        notes="Notes.\n",
    )
    added = empty_library.add(paper, today=dt.date(2024, 1, 1))
    text = empty_library.path_for(added.key).read_text("utf-8")
    keys = re.findall(r"^(\w+):", text, re.M)
    assert keys == ["title", "authors", "year", "status", "added", "read_on", "tags", "rating", "abstract"]
    assert text.endswith("---\n\nNotes.\n")
    loaded = empty_library.get(added.key)
    assert loaded.added == dt.date(2024, 1, 1)
    assert loaded.extra == {"abstract": "Text."}
    assert loaded.notes == "Notes.\n"


# -- atomic writes ----------------------------------------------------------------------


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "papers" / "a.md"
    atomic_write(target, "one\n")
    atomic_write(target, "two\n")
    assert target.read_text("utf-8") == "two\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]


def test_atomic_write_keeps_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_rename_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "papers").mkdir()
    target = tmp_path / "papers" / "a.md"
    target.write_bytes(b"---\ntitle: Old\n---\nold notes\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write(target, "---\ntitle: New\n---\n")
    assert target.read_bytes() == b"---\ntitle: Old\n---\nold notes\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]


def test_failed_update_leaves_the_paper_whole(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "2017-vaswani-attention-is-all-you-need"
    path = library.path_for(key)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        library.update(key, {"status": Status.DROPPED})
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def test_write_is_fsynced_before_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(tmp_path / "a.md", "text\n")
    assert calls.index("fsync") < calls.index("replace")


# -- trash ------------------------------------------------------------------------------


def test_trash_and_restore(library: Library) -> None:
    key = "2016-he-deep-residual-learning-for-image-recognition"
    before = library.path_for(key).read_bytes()
    target = library.trash(key)
    assert target == library.trash_dir / f"{key}.md"
    assert not library.path_for(key).exists()
    assert key not in set(library.index.keys())
    assert library.trashed() == [key]
    assert library.restore(key) == key
    assert library.path_for(key).read_bytes() == before
    assert key in set(library.index.keys())
    assert library.trashed() == []


def test_restore_of_unknown_key_fails(library: Library) -> None:
    with pytest.raises(PaperNotFound):
        library.restore("nothing-like-this")


def test_slug_keeps_at_most_eight_title_words() -> None:
    paper = Paper(
        title="One two three four five six seven eight nine ten eleven", authors=["Ann Lee"], year=2020
    )
    assert slugify(paper) == "2020-lee-one-two-three-four-five-six-seven-eight"


def test_slug_without_year_or_authors() -> None:
    assert slugify(Paper(title="Just A Title")) == "just-a-title"
    assert re.fullmatch(r"paper-[0-9a-f]{6}", slugify(Paper(title="???")))


def test_init_in_a_folder_with_papers_keeps_them(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    (root / "papers").mkdir(parents=True)
    (root / "papers" / "mine.md").write_text("---\ntitle: Mine\n---\nnotes\n", encoding="utf-8")
    library = Library.init(root)
    assert (root / "papers" / "mine.md").read_text("utf-8") == "---\ntitle: Mine\n---\nnotes\n"
    assert library.index.keys() == ["mine"]
    library.index.close()
