"""The five seed notebooks, imported, give a README whose counts are the true ones.

Their owners kept counts by hand ("Total Count: 20" over 19 papers, a progress script
that shows 37 of 101 for 36 papers); the generated README counts the papers themselves.
Figures are those of ../shared/seeds/EXPECTED.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from paperlog.goals import ReadingGoal, add_goal, goal_progress
from paperlog.library import Library
from paperlog.render.readme import GroupBy, render_readme

importers = pytest.importorskip(
    "paperlog.importers", reason="the notebook importer (paperlog.importers) is not there yet"
)
if not hasattr(importers, "import_paths"):
    pytest.skip("paperlog.importers has no import_paths yet", allow_module_level=True)

SEEDS = {  # file prefix -> papers in it (EXPECTED.md)
    "000_": 19,
    "002_": 16,
    "003_": 36,
    "004_": 8,
}


def _import(seeds_dir: Path, prefix: str, tmp_path: Path) -> Library:
    source = next(seeds_dir.glob(f"{prefix}*.txt"))
    library = Library.init(tmp_path / prefix.strip("_"), name=f"Seed {prefix}")
    importers.import_paths(library, [source], today=dt.date(2025, 1, 1))
    return library


def _headings(text: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r"^## (.+) \((\d+)\)$", text, re.M)}


@pytest.mark.parametrize(("prefix", "papers"), sorted(SEEDS.items()))
def test_render_seeds_readme_counts_are_true(seeds_dir: Path, tmp_path: Path, prefix: str,
                                             papers: int) -> None:
    library = _import(seeds_dir, prefix, tmp_path)
    count = library.index.count()
    assert count == papers
    text = render_readme(library, library.root / "README.md").text
    assert f"**{count} papers**" in text
    # Every topic section counts exactly the lines under it.
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        match = re.match(r"(.+) \((\d+)\)\n", section)
        if match and match.group(1) != "Still to read":
            assert len(re.findall(r"^- ", section, re.M)) == int(match.group(2)), match.group(1)


def test_render_seeds_topic_counts_of_the_topic_list(seeds_dir: Path, tmp_path: Path) -> None:
    library = _import(seeds_dir, "000_", tmp_path)
    text = render_readme(library, library.root / "README.md", by=GroupBy.topic).text
    headings = _headings(text)
    expected = {"LLM": 4, "Base Model": 5, "Video": 7, "Low-Level Vision": 2,
                "Reinforcement Learning": 1}
    for topic, n in expected.items():
        found = [v for name, v in headings.items() if name.replace(" / ", "/").split("/")[-1] == topic]
        assert found == [n], (topic, headings)
    assert "Total Count" not in text


def test_render_seeds_weekly_log_pending_and_read(seeds_dir: Path, tmp_path: Path) -> None:
    library = _import(seeds_dir, "001_", tmp_path)
    text = render_readme(library, library.root / "README.md").text
    pending = _headings(text).get("Still to read", 0)
    assert pending in (6, 11)  # EXPECTED.md: 6 papers, or 11 counting the chores
    read = sum(1 for p in library.index.papers() if p.read_on is not None)
    assert read == 18


def test_render_seeds_101_papers_goal(seeds_dir: Path, tmp_path: Path) -> None:
    library = _import(seeds_dir, "003_", tmp_path)
    add_goal(library, ReadingGoal("101 papers", 101))
    (progress,) = goal_progress(library)
    read = sum(1 for p in library.index.papers() if p.status is not None and p.status.value == "read")
    assert progress.done == read
    text = render_readme(library, library.root / "README.md").text
    assert f"**101 papers**: {read} / 101" in text
