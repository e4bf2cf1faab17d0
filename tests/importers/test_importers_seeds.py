"""The five seed notebooks: what a careful reader finds in each (../shared/seeds/EXPECTED.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from paperlog.importers import import_paths, read_notebook
from paperlog.importers.decode import read_source
from paperlog.importers.records import ImportedPaper, Notebook
from paperlog.library import Library
from paperlog.model import Status


def _seed(seeds_dir: Path, prefix: str) -> Notebook:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return read_notebook(read_source(path).text, path.name)


def _by_title(notebook: Notebook, start: str) -> ImportedPaper:
    matches = [p for p in notebook.papers if p.title.startswith(start)]
    assert len(matches) == 1, [p.title for p in notebook.papers]
    return matches[0]


def test_seed_000_topic_list(seeds_dir: Path) -> None:
    notebook = _seed(seeds_dir, "000")
    assert len(notebook.papers) == 19
    assert notebook.topic_counts() == {
        "LLM": 4, "Base Model": 5, "Video": 7, "Low-Level Vision": 2, "Reinforcement Learning": 1,
    }
    assert notebook.status_counts() == {"read": 19}
    toolchain = _by_title(notebook, "ToolChain*")
    assert toolchain.title == (
        "ToolChain*: Efficient Action Space Navigation in Large Language Models with A* Search"
    )
    assert (toolchain.year, toolchain.ids, toolchain.topics) == (2024, {"arxiv": "2310.13227"}, ["LLM"])
    resnext = _by_title(notebook, "Aggregated Residual")
    assert (resnext.year, resnext.ids["arxiv"], resnext.topics) == (2016, "1611.05431", ["Base Model"])
    progress = _by_title(notebook, "Learning About Progress")
    assert (progress.year, progress.ids, progress.topics) == (
        2023, {"openreview": "sKc6fgce1zs"}, ["Reinforcement Learning"],
    )
    assert _by_title(notebook, "RepSR").ids == {"doi": "10.1145/3503161.3547915"}
    assert _by_title(notebook, "RepVGG").venue == "CVPR"
    # The forum link is kept with the paper, but it is not the paper: no id, no url.
    depth = _by_title(notebook, "Depth-Aware")
    assert (depth.ids, depth.url, depth.links) == ({}, None, ["https://discourse.brainpp.cn/t/topic/18874/2"])
    # Six marked insights, each under the paper it was written under.
    assert sum(len(p.insights) for p in notebook.papers) == 6
    assert len(_by_title(notebook, "Aligning AI").insights) == 2
    assert all("[想法]" in p.notes for p in notebook.papers if p.insights)
    # The indented papers under Low-Level Vision are found, with their own notes.
    assert "layernorm" in _by_title(notebook, "Simple Baselines").notes
    assert any("count of 20 but holds 19" in fault for fault in notebook.faults)


def test_seed_001_weekly_log(seeds_dir: Path) -> None:
    notebook = _seed(seeds_dir, "001")
    pending = [p for p in notebook.papers if p.status is Status.TO_READ]
    read = [p for p in notebook.papers if p.status is Status.READ]
    assert len(read) == 18
    assert len(pending) == 6
    chores = [o for o in notebook.other if o.kind == "chore"]
    assert len(pending) + len(chores) == 11
    assert {p.title for p in pending} >= {
        "Tokens-to-Token ViT: Training Vision Transformers from Scratch on ImageNet",
        "Big Transfer (BiT): General Visual Representation Learning",
    }
    on_0618 = [p.title.split(":")[0] for p in read if p.read_on == dt.date(2023, 6, 18)]
    assert on_0618 == ["CLIPasso", "DepthCLIP", "AudioCLIP", "PointCLIP", "ActionCLIP", "CLIP4Clip"]
    assert _by_title(notebook, "Anomaly Detection").read_on == dt.date(2023, 4, 23)
    lstm = _by_title(notebook, "Long short-term memory")
    assert (lstm.read_on, lstm.year) == (dt.date(2023, 4, 13), 1997)
    blog = [o for o in notebook.other if o.kind == "blog"]
    assert [o.text for o in blog] == ["The Unreasonable Effectiveness of Recurrent Neural Networks"]
    study = [o for o in notebook.other if o.kind == "study-note"]
    assert any(o.text.startswith("Fine Tuning") for o in study)
    assert any(o.text.startswith("GD, SGD") for o in study)
    # Study notes stay in the leftover, so they are kept.
    assert "Fine Tuning" in notebook.leftover
    assert "pic/CLIPasso1.png" in _by_title(notebook, "CLIPasso").notes
    assert len({p.read_on for p in read}) == 13  # 14 dated sections, one of them only study notes


def test_seed_002_paper_stack(seeds_dir: Path) -> None:
    notebook = _seed(seeds_dir, "002")
    assert len(notebook.papers) == 16
    titles = [p.title for p in notebook.papers]
    assert "MoCo" in titles and "NAO" in titles
    assert _by_title(notebook, "MoCo").ids == {"arxiv": "1911.05722"}
    assert _by_title(notebook, "S4L").ids == {"arxiv": "1905.03670"}
    assert _by_title(notebook, "Contrastive Predictive Coding").ids == {"arxiv": "1807.03748"}
    assert _by_title(notebook, "MAML").url is None
    cpc = _by_title(notebook, "Contrastive Predictive Coding")
    assert "[Post](https://mf1024.github.io" in cpc.notes  # a resource of the paper, in its notes
    assert "Review Netowrk Pruning via Transformable NAS" in titles  # typos kept as written
    assert not any("shimo.im" in (p.url or "") for p in notebook.papers)
    kinds = Counter(o.kind for o in notebook.other)
    assert kinds["document"] == 2
    metadapt = _by_title(notebook, "MetAdapt")
    assert metadapt.notes.count("![](https://github.com/A-suozhang/MyPicBed") >= 1
    assert _by_title(notebook, "MoCo").read_on == dt.date(2020, 3, 26)


def test_seed_003_numbered_challenge(seeds_dir: Path) -> None:
    notebook = _seed(seeds_dir, "003")
    assert len(notebook.papers) == 36
    assert notebook.status_counts() == {"read": 36}
    faults = "\n".join(notebook.faults)
    taming = "'Taming Transformers for High-Resolution Image Synthesis'"
    assert f"{taming} has the same arxiv id 1907.06390" in faults
    assert "has the same arxiv id 1906.02634" in faults and "Universal Language Model" in faults
    assert "line 101: malformed link" in faults
    assert "line 357: unbalanced parentheses" in faults
    assert "missing: 29" in faults
    assert _by_title(notebook, "Adaptive Computation Time").ids == {"arxiv": "1603.08983"}
    assert _by_title(notebook, "FetchSGD").ids == {"pmlr": "v119/rothchild20a"}
    mixup = _by_title(notebook, "mixup")
    assert "### Basic summary" in mixup.notes and "$" in _by_title(notebook, "Reformer").notes
    made = _by_title(notebook, "MADE")
    assert "post_url" in made.notes  # the reference to the note kept elsewhere
    assert {o.kind for o in notebook.other} >= {"front-matter", "html"}
    assert "<script>" in notebook.leftover


def test_seed_004_hierarchical_notes(seeds_dir: Path) -> None:
    notebook = _seed(seeds_dir, "004")
    assert len(notebook.papers) == 8
    vit = _by_title(notebook, "An image is worth 16x16 words")
    assert vit.status in {Status.TO_READ, Status.READING}
    assert all(p.status is Status.READ for p in notebook.papers if p is not vit)
    attention = _by_title(notebook, "Attention is all you need")
    assert attention.topics == ["DL-basic/Transformer"]
    assert "$$" in attention.notes and "figs/Scaled_Dot-Product_Attention.png" in attention.notes
    assert _by_title(notebook, "Training on Thin Air").topics == [
        "CV/synthetic data for image classification"
    ]
    assert "***总结：***" in _by_title(notebook, "Training on Thin Air").notes
    assert {o.text for o in notebook.other if o.kind == "topic"} >= {"2.1.1 Transformer", "2. DL-basic"}


def test_every_word_of_every_seed_reaches_the_library(seeds_dir: Path, empty_library: Library) -> None:
    seeds = sorted(seeds_dir.glob("0*.txt"))
    assert len(seeds) == 5
    for outcome in import_paths(empty_library, seeds, today=dt.date(2024, 1, 1)):
        assert outcome.recall is not None
        assert outcome.recall.ratio == 1.0, (outcome.notebook.source, outcome.recall.missing.most_common(10))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".paperlog" not in p.parts
    }


def test_importing_twice_changes_nothing(seeds_dir: Path, empty_library: Library) -> None:
    seeds = sorted(seeds_dir.glob("0*.txt"))
    first = import_paths(empty_library, seeds, today=dt.date(2024, 1, 1))
    before = _snapshot(empty_library.root)
    again = import_paths(empty_library, seeds, today=dt.date(2024, 2, 2))
    assert _snapshot(empty_library.root) == before
    assert all(not o.added and not o.updated for o in again)
    assert sum(len(o.added) for o in first) == len(list(empty_library.paper_files()))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_json_shape_per_seed(seeds_dir: Path, prefix: str) -> None:
    data = _seed(seeds_dir, prefix).to_json()
    assert set(data) == {"source", "papers", "other", "ambiguities", "faults", "leftover"}
    for paper in data["papers"]:
        assert set(paper) == {
            "title", "status", "ids", "url", "links", "year", "venue", "topics", "read_on", "rating", "notes",
            "line",
        }
        assert paper["status"] in {"to-read", "reading", "read"}
    for item in data["other"]:
        assert set(item) == {"kind", "text", "line", "why"}


def _shape(section: object, out: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    from paperlog.importers.markdown import Block, Section

    def block(node: Block, depth: int) -> None:
        out.append((depth, node.kind, node.start, node.end, node.level, tuple(node.cells)))
        for child in node.children:
            block(child, depth + 1)

    assert isinstance(section, Section)
    if section.heading:
        out.append(("h", section.heading.level, section.heading.content, section.start, section.end))
    for node in section.blocks:
        block(node, 0)
    for sub in section.subsections:
        _shape(sub, out)
    return out


def test_both_parsers_give_the_same_outline_and_inline(seeds_dir: Path) -> None:
    """The Rust build of markdown-it (fast) and markdown-it-py must see the same notebook."""
    from paperlog.importers.markdown import inline_parts_py, inline_parts_rs, parse, strip_list_marker

    files = sorted(seeds_dir.glob("0*.txt")) + sorted((Path(__file__).parent / "notebooks").glob("*.md"))
    for path in files:
        text = read_source(path).text
        rs, py = parse(text, backend="rs"), parse(text, backend="py")
        assert _shape(rs.root, []) == _shape(py.root, []), path.name
        for line in text.split("\n"):
            source = strip_list_marker(line)[0].lstrip("#").strip()
            a, b = inline_parts_py(source), inline_parts_rs(source)
            assert (a.plain.rstrip(), a.links, a.images) == (b.plain.rstrip(), b.links, b.images), line
