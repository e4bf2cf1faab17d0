"""Fixtures for the renderer tests: a fixed library and golden files.

Golden files live in `tests/render/golden/`. When a change to the output is intended,
regenerate them with `pytest tests/render --update-golden` (or with the environment
variable PAPERLOG_UPDATE_GOLDEN=1 when running the whole suite) and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from paperlog.goals import ReadingGoal, add_goal
from paperlog.library import Library
from paperlog.model import Paper, Status

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/render/golden/ from the current output.")


def _updating(config: pytest.Config) -> bool:
    try:
        flag = bool(config.getoption("--update-golden"))
    except ValueError:  # the option is registered only when this folder is given to pytest
        flag = False
    return flag or os.environ.get("PAPERLOG_UPDATE_GOLDEN") == "1"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """`golden(name, text)`: compare `text` with golden/name (or rewrite it when updating)."""
    update = _updating(request.config)

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest tests/render --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file (see --update-golden)"

    return check


RENDER_PAPERS = [
    Paper(
        title="Attention Is All You Need",
        authors=["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"],
        year=2017, venue="NeurIPS", ids={"arxiv": "1706.03762"}, status=Status.READ,
        read_on=dt.date(2024, 3, 2), topics=["NLP/Transformers"], tags=["classic"], rating=5,
        notes=(
            "## Summary\n\nSelf-attention replaces recurrence. 注意力机制让每个位置直接看到全句。\n\n"
            "$$\n\\mathrm{Attention}(Q,K,V) = \\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V\n$$\n\n"
            "| model | BLEU |\n|---|--:|\n| base | 27.3 |\n| big | 28.4 |\n\n"
            "![attention](figures/attention.svg)\n"
        ),
    ),
    Paper(
        title="Deep Residual Learning for Image Recognition",
        authors=["Kaiming He", "Xiangyu Zhang"], year=2016, venue="CVPR",
        ids={"arxiv": "1512.03385", "doi": "10.1109/CVPR.2016.90"}, status=Status.READ,
        read_on=dt.date(2024, 2, 10), topics=["Vision/Backbones"], tags=["classic"],
        notes=(
            "Identity shortcuts make deep nets trainable: $y = F(x) + x$.\n\n"
            "```python\ny = f(x) + x\n```\n"
        ),
    ),
    Paper(
        title="Deep Residual Networks with [Stochastic] Depth_*",
        authors=["Gao Huang"], year=2016, venue="ECCV", status=Status.READ,
        read_on=dt.date(2024, 2, 12), topics=["Vision/Backbones"],
        notes="Raw HTML is cleaned: <script>alert('x')</script><img src=x onerror=alert(1)>\n",
    ),
    Paper(
        title="RAFT: Recurrent All-Pairs Field Transforms for Optical Flow",
        authors=["Zachary Teed", "Jia Deng"], year=2020, venue="ECCV",
        ids={"arxiv": "2003.12039"}, status=Status.TO_READ, topics=["Vision/Optical flow"],
    ),
    Paper(
        title="Denoising Diffusion Probabilistic Models",
        authors=["Jonathan Ho", "Ajay Jain", "Pieter Abbeel"], year=2020, venue="NeurIPS",
        ids={"arxiv": "2006.11239"}, status=Status.READING, topics=["Generative/Diffusion"],
        notes="扩散模型：逐步加噪再学习去噪。\n",
    ),
    Paper(
        title="基于深度学习的中文分词研究",
        authors=["张三", "李四"], year=2021, venue="中文信息学报", status=Status.READ,
        read_on=dt.date(2024, 3, 20), topics=["NLP/分词"],
        notes="中文分词用字的二元组来检索。\n",
    ),
    Paper(
        title="Adam: A Method for Stochastic Optimization",
        authors=["Diederik P. Kingma", "Jimmy Ba"], year=2015, ids={"arxiv": "1412.6980"},
        status=Status.DROPPED, read_on=dt.date(2024, 1, 5),
    ),
    Paper(
        title="Attention Is Not Explanation",
        authors=["Sarthak Jain", "Byron C. Wallace"], year=2019, venue="NAACL",
        url="https://aclanthology.org/N19-1357/", topics=["NLP/Interpretability"],
    ),
]


@pytest.fixture
def render_library(tmp_path: Path) -> Iterator[Library]:
    """Eight papers, two goals and one figure: every renderer has something to show."""
    library = Library.init(tmp_path / "lib", name="Reading notes")
    for paper in RENDER_PAPERS:
        copy = Paper(**{**paper.__dict__, "ids": dict(paper.ids)})
        library.add(copy, today=dt.date(2024, 1, 15))
    figures = library.papers_dir / "figures"
    figures.mkdir()
    (figures / "attention.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#0969da"/></svg>\n', encoding="utf-8")
    add_goal(library, ReadingGoal("101 papers", 101))
    add_goal(library, ReadingGoal("Vision in 2024", 2, since=dt.date(2024, 1, 1),
                                  until=dt.date(2024, 12, 31), topics=("Vision",)))
    yield library
    if library._index is not None:
        library._index.close()
