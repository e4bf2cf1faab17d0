"""Fixtures shared by every test folder: temporary libraries and the shared test data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from paperlog.library import Library
from paperlog.model import Paper, Status

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture
def http_fixtures(shared_dir: Path) -> Path:
    folder = shared_dir / "fixtures" / "http"
    if not folder.is_dir():
        pytest.skip("../shared/fixtures/http is not present")
    return folder


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    library = Library.init(tmp_path / "lib", name="Test papers")
    yield library
    if library._index is not None:
        library._index.close()


SAMPLE_PAPERS = [
    Paper(
        title="Attention Is All You Need",
        authors=["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"],
        year=2017,
        venue="NeurIPS",
        ids={"arxiv": "1706.03762"},
        status=Status.READ,
        read_on=dt.date(2024, 3, 2),
        topics=["NLP/Transformers"],
        tags=["classic", "attention"],
        rating=5,
        notes="Self-attention replaces recurrence. 注意力机制让每个位置直接看到全句。\n",
    ),
    Paper(
        title="Deep Residual Learning for Image Recognition",
        authors=["Kaiming He", "Xiangyu Zhang"],
        year=2016,
        venue="CVPR",
        ids={"arxiv": "1512.03385"},
        status=Status.READ,
        read_on=dt.date(2024, 2, 10),
        topics=["Vision/Backbones"],
        tags=["classic"],
        notes="Identity shortcuts make very deep networks trainable.\n\n$$y = F(x) + x$$\n",
    ),
    Paper(
        title="RAFT: Recurrent All-Pairs Field Transforms for Optical Flow",
        authors=["Zachary Teed", "Jia Deng"],
        year=2020,
        venue="ECCV",
        ids={"arxiv": "2003.12039"},
        status=Status.TO_READ,
        topics=["Vision/Optical flow"],
    ),
    Paper(
        title="Denoising Diffusion Probabilistic Models",
        authors=["Jonathan Ho", "Ajay Jain", "Pieter Abbeel"],
        year=2020,
        venue="NeurIPS",
        ids={"arxiv": "2006.11239"},
        status=Status.READING,
        topics=["Generative/Diffusion"],
        tags=["diffusion"],
        notes="扩散模型：逐步加噪再学习去噪。\n",
    ),
]


@pytest.fixture
def make_library(tmp_path: Path) -> Iterator[Callable[..., Library]]:
    """Build a library on disk holding the given papers (default: `SAMPLE_PAPERS`)."""
    made: list[Library] = []

    def make(papers: list[Paper] | None = None, name: str = "lib") -> Library:
        library = Library.init(tmp_path / name, name="Test papers")
        for paper in papers if papers is not None else SAMPLE_PAPERS:
            copy = Paper(**{**paper.__dict__, "ids": dict(paper.ids)})
            library.add(copy, today=dt.date(2024, 1, 15))
        made.append(library)
        return library

    yield make
    for library in made:
        if library._index is not None:
            library._index.close()


@pytest.fixture
def library(make_library: Callable[..., Library]) -> Library:
    """A small library of four papers over several topics and statuses."""
    return make_library()
