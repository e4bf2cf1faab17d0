"""The bundled example library (`examples/`): what `make demo` shows a new user first.

It is copied to a temporary folder so the index is built there, never inside the repo.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from paperlog.index import Filters
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.text import has_cjk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("examples") / "library"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".paperlog"))
    library = Library(root)
    yield library
    if library._index is not None:
        library._index.close()


@pytest.fixture(scope="module")
def papers(examples: Library) -> list[Paper]:
    loaded = list(examples.papers())
    errors = [item for item in loaded if not isinstance(item, Paper)]
    assert errors == []
    return [item for item in loaded if isinstance(item, Paper)]


def test_library_has_a_name(examples: Library) -> None:
    assert examples.config.library.name == "Example papers"


def test_every_paper_loads_and_there_are_enough(papers: list[Paper]) -> None:
    assert len(papers) >= 30
    assert all(paper.title and paper.authors and paper.year for paper in papers)


def test_all_four_statuses_and_a_year_and_a_half_of_reading(papers: list[Paper]) -> None:
    statuses = {paper.status for paper in papers}
    assert statuses == set(Status)
    months = {paper.read_on.strftime("%Y-%m") for paper in papers if paper.read_on}
    assert len(months) >= 12
    assert all(p.read_on is not None for p in papers if p.status is Status.READ)
    assert all(p.added is not None for p in papers)
    assert all(p.added <= p.read_on for p in papers if p.added and p.read_on)


def test_topics_form_a_hierarchy(examples: Library) -> None:
    topics = examples.index.topics()
    parents = {topic for topic in topics if "/" not in topic}
    assert {"NLP", "Vision", "Generative", "RL", "Systems", "Theory"} <= parents
    assert topics["Vision"] >= topics["Vision/Optical flow"] >= 2


def test_chinese_notes_math_and_extra_keys(papers: list[Paper]) -> None:
    chinese = [p for p in papers if len(re.findall(r"[\u4e00-\u9fff]", p.notes)) >= 200]
    assert len(chinese) >= 6
    assert any("$$" in p.notes for p in papers)
    assert sum(1 for p in papers if re.search(r"(?<!\$)\$[^$\n]+\$(?!\$)", p.notes)) >= 10
    assert any("code" in p.extra for p in papers)
    assert any(not p.has_notes for p in papers if p.status is Status.TO_READ)
    assert any(has_cjk(p.notes) and "[idea]" in p.notes for p in papers)


def test_images_exist_beside_the_notes(examples: Library, papers: list[Paper]) -> None:
    images = [(p, src) for p in papers for src in IMAGE.findall(p.notes)]
    assert len(images) >= 5
    assert any(src.endswith(".svg") for _, src in images)
    assert any(src.endswith(".png") for _, src in images)
    for paper, src in images:
        assert not src.startswith(("http:", "https:", "/")), src
        image = examples.path_for(paper.key).parent / src
        assert image.is_file(), (paper.key, src)
        if image.suffix == ".svg":
            assert ElementTree.parse(image).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        else:
            assert image.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("word", ["注意", "模型", "训练"])
def test_a_chinese_two_character_word_is_found(examples: Library, word: str) -> None:
    results = examples.index.search(word)
    assert results.total >= 3
    first = results.hits[0]
    assert first.snippet is not None and word in first.snippet.text


def test_english_search_and_filters(examples: Library) -> None:
    results = examples.index.search("attention")
    keys = [hit.paper.key for hit in results.hits]
    assert "2017-vaswani-attention-is-all-you-need" in keys
    read_vision = examples.index.search("", Filters(status=(Status.READ,), topic="Vision"))
    assert read_vision.total >= 5
    assert all(hit.paper.status is Status.READ for hit in read_vision.hits)
