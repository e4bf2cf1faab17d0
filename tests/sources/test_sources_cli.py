"""The enrich, check and add commands, end to end, offline on a cache filled from recordings.

Filling `.paperlog/cache/` through a fetcher on the mock transport, then running the CLI
with `--offline`, exercises the real command with no patching and no network.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.sources import arxiv

runner = CliRunner()


@pytest.fixture
def cached(make_fetcher: Callable[..., Any], replay: Any) -> Callable[[Library, list[str]], None]:
    """Put arXiv's recorded answers for these ids into the library's cache."""
    files = {
        "1706.03762": "arxiv/2026_id_list_1706.03762.xml",
        "1707.08567": "arxiv/2026_id_list_1707.08567.xml",
    }

    def fill(library: Library, ids: list[str]) -> None:
        for ident in ids:
            replay.add(f"https://export.arxiv.org/api/query?id_list={ident}", files[ident])
        fetcher = make_fetcher(cache_dir=library.state_dir / "cache")
        fetcher.now = time.time  # entries dated now, as a real run would
        for ident in ids:
            arxiv.lookup(fetcher, ident)

    return fill


@pytest.fixture
def stub(make_library: Callable[..., Library]) -> Library:
    return make_library(
        [
            Paper(
                title="Attention is all you need",
                ids={"arxiv": "1706.03762"},
                status=Status.READING,
                notes="First pass.\n",
            )
        ]
    )


def _run(library: Library, *args: str) -> Any:
    return runner.invoke(app, ["--library", str(library.root), *args])


def test_enrich_dry_run_shows_the_diff_and_writes_nothing(stub: Library, cached: Any) -> None:
    cached(stub, ["1706.03762"])
    before = {p: p.read_bytes() for p in stub.paper_files()}
    result = _run(stub, "--offline", "enrich", "--all", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would-update" in result.stdout
    assert "+ authors: Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit … (8)" in result.stdout
    assert "+ abstract: The dominant sequence transduction models" in result.stdout
    assert {p: p.read_bytes() for p in stub.paper_files()} == before


def test_enrich_writes_and_a_second_run_has_nothing_left(stub: Library, cached: Any) -> None:
    cached(stub, ["1706.03762"])
    key = stub.index.keys()[0]
    result = _run(stub, "--offline", "enrich", key)
    assert result.exit_code == 0, result.output
    assert "updated" in result.stdout and "+ pdf: https://arxiv.org/pdf/1706.03762" in result.stdout
    text = stub.path_for(key).read_text("utf-8")
    assert "authors:" in text and text.endswith("First pass.\n")
    again = _run(stub, "--offline", "enrich", "--all", "--format", "json")
    assert again.exit_code == 0
    assert [o["status"] for o in json.loads(again.stdout)] == ["unchanged"]


def test_enrich_goes_on_past_a_failing_paper(make_library: Callable[..., Library], cached: Any) -> None:
    library = make_library(
        [
            Paper(title="Attention Is All You Need", ids={"arxiv": "1706.03762"}),
            Paper(title="Not cached", ids={"arxiv": "1605.08386"}),
        ]
    )
    cached(library, ["1706.03762"])
    result = _run(library, "--offline", "enrich", "--all")
    assert result.exit_code == 1
    assert "arxiv: 1605.08386: offline, and not in the cache" in result.stdout
    assert "1 failed, 1 updated" in result.stderr
    key = library.index.lookup("arxiv:1706.03762")[0]
    assert library.get(key).authors


def test_enrich_needs_papers_or_all(stub: Library) -> None:
    result = _run(stub, "enrich")
    assert result.exit_code == 1 and "paper keys or ids, or --all" in result.stderr


def test_check_reports_the_wrong_id_with_file_and_line(
    make_library: Callable[..., Library], cached: Any
) -> None:
    library = make_library(
        [
            Paper(title="Attention Is All You Need", ids={"arxiv": "1706.03762"}),
            Paper(
                title="Taming Transformers for High-Resolution Image Synthesis",
                ids={"arxiv": "1707.08567"},
            ),
        ]
    )
    cached(library, ["1706.03762", "1707.08567"])
    result = _run(library, "--offline", "check")
    assert result.exit_code == 1
    key = library.index.lookup("arxiv:1707.08567")[0]
    assert (
        f"papers/{key}.md:3: error: arxiv 1707.08567 is 'Proceedings of Workshop AEW10: Concepts in "
        "Information Theory and Communications' at arxiv, not 'Taming Transformers for "
        "High-Resolution Image Synthesis' (title-mismatch)"
    ) in result.stdout
    as_json = json.loads(_run(library, "--offline", "check", "--format", "json").stdout)
    assert as_json["errors"] == 1 and as_json["verified"] == 2


def test_check_on_a_clean_library_exits_0_as_a_subprocess(library: Library) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "paperlog", "--library", str(library.root), "--offline", "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "4 papers checked: 0 errors" in done.stderr and "4 ids not verified" in done.stderr


def test_add_by_arxiv_id_then_again(empty_library: Library, cached: Any) -> None:
    cached(empty_library, ["1706.03762"])
    result = _run(empty_library, "--offline", "add", "https://arxiv.org/abs/1706.03762v7")
    assert result.exit_code == 0, result.output
    (paper,) = [p for p in empty_library.papers() if isinstance(p, Paper)]
    assert paper.title == "Attention Is All You Need" and paper.year == 2017
    assert paper.authors[0] == "Ashish Vaswani" and paper.extra["abstract"]
    again = _run(empty_library, "--offline", "add", "1706.03762")
    assert again.exit_code == 1 and "already in the library" in again.stderr
    assert len(list(empty_library.paper_files())) == 1


def test_add_by_an_inexact_title_shows_the_candidates(
    empty_library: Library, make_fetcher: Callable[..., Any], replay: Any
) -> None:
    from paperlog.sources import crossref

    title = "Strategic reading and the future of scientific publishing"
    replay.add("https://api.crossref.org/works?rows=5", "crossref/2016_works_query_renear-ontologies.json")
    fetcher = make_fetcher(cache_dir=empty_library.state_dir / "cache")
    fetcher.now = time.time
    crossref.search_title(fetcher, title)  # the cache now holds Crossref's answer
    result = _run(empty_library, "--offline", "add", title)
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert message.startswith(f"error: title: {title}: no paper has exactly this title; closest:")
    assert (
        "Strategic Reading, Ontologies, and the Future of Scientific Publishing (2009, Science), "
        "doi:10.1126/science.1157784"
    ) in message
    assert list(empty_library.paper_files()) == []
