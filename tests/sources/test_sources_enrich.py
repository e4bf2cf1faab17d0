"""enrich: fill empty fields from the recorded answers, never overwrite, resume, fail per paper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from paperlog.enrich import Enricher, is_complete, plan
from paperlog.errors import InvalidValue
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.sources.record import Record
from paperlog.sources.resolver import Resolver

ARXIV = "https://export.arxiv.org/api/query"


@pytest.fixture
def stubs(make_library: Callable[..., Library]) -> Library:
    """Papers as an importer leaves them: a title and a link, the user's notes."""
    return make_library(
        [
            Paper(
                title="Attention is all you need",
                ids={"arxiv": "1706.03762"},
                status=Status.READ,
                topics=["NLP"],
                year=2018,  # the user's (wrong) year: enrich must not touch it
                notes="My notes, with $x^2$ and a [link](https://example.org).\n",
            ),
            Paper(
                title="Taming Transformers for High-Resolution Image Synthesis",
                ids={"arxiv": "1707.08567"},  # the id of another paper
                notes="Copied the wrong link.\n",
            ),
            Paper(title="A paper that arXiv does not have", ids={"arxiv": "0000.0000"}),
        ]
    )


@pytest.fixture(autouse=True)
def _one_id_per_request(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each recording answers for one id; batching is tested on its own recording."""
    if "batched" not in request.node.name:
        from paperlog.sources import arxiv

        monkeypatch.setattr(arxiv, "BATCH", 1)


def _routes(replay: Any) -> None:
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    replay.add(f"{ARXIV}?id_list=1707.08567", "arxiv/2026_id_list_1707.08567.xml")
    replay.add(f"{ARXIV}?id_list=0000.0000", "arxiv/2026_id_list_0000.0000_empty.xml")


def _enricher(library: Library, fetcher: Any, **options: Any) -> Enricher:
    # Only arXiv: the other sources have no recording for these papers.
    return Enricher(library, Resolver(fetcher, order=("arxiv",)), **options)


def test_enrich_fills_empty_fields_and_leaves_the_rest_byte_for_byte(
    stubs: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    _routes(replay)
    key = stubs.index.lookup("arxiv:1706.03762")[0]
    before = stubs.path_for(key).read_text("utf-8")
    outcomes = {o.title: o for o in _enricher(stubs, make_fetcher()).run(sorted(stubs.index.keys()))}

    done = outcomes["Attention is all you need"]
    assert done.status == "updated"
    assert [c.field for c in done.changes] == ["authors", "url", "pdf", "abstract"]
    after = stubs.path_for(key).read_text("utf-8")
    paper = stubs.get(key)
    assert paper.year == 2018 and paper.title == "Attention is all you need"
    assert paper.authors[:2] == ["Ashish Vaswani", "Noam Shazeer"]
    assert paper.extra["abstract"].startswith("The dominant sequence transduction models")
    # Everything that was there is still there, unchanged, in the same order.
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    assert [line for line in new_lines if line in old_lines] == old_lines
    assert after.endswith("My notes, with $x^2$ and a [link](https://example.org).\n")

    wrong = outcomes["Taming Transformers for High-Resolution Image Synthesis"]
    assert wrong.status == "skipped" and "another paper" in wrong.message and wrong.changes == []
    missing = outcomes["A paper that arXiv does not have"]
    assert missing.status == "failed" and missing.message == "arxiv: 0000.0000: not found"


def test_ids_are_batched_into_one_arxiv_request(
    make_library: Callable[..., Library], replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    library = make_library(
        [
            Paper(title="Not on arXiv", year=2008, ids={"arxiv": "0808.05394"}),
            Paper(
                title="Proceedings of Workshop AEW10: Concepts in Information Theory and Communications",
                year=2017,
                ids={"arxiv": "1707.08567"},
            ),
        ]
    )
    replay.add(
        f"{ARXIV}?id_list=0808.05394,1707.08567",
        "arxiv/2026_id_list_0808.05394+1707.08567_multi_one-unknown.xml",
    )
    outcomes = list(_enricher(library, make_fetcher()).run(sorted(library.index.keys())))
    assert [o.status for o in outcomes] == ["failed", "updated"]
    assert outcomes[0].message == "arxiv: 0808.05394: not found"
    assert len(replay.requests) == 1


def test_dry_run_writes_nothing(stubs: Library, replay: Any, make_fetcher: Callable[..., Any]) -> None:
    _routes(replay)
    files = {p: p.read_bytes() for p in stubs.paper_files()}
    outcomes = list(_enricher(stubs, make_fetcher(), dry_run=True).run(sorted(stubs.index.keys())))
    assert "would-update" in [o.status for o in outcomes]
    assert {p: p.read_bytes() for p in stubs.paper_files()} == files


def test_overwrite_replaces_only_the_named_field(
    stubs: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    key = stubs.index.lookup("arxiv:1706.03762")[0]
    (outcome,) = _enricher(stubs, make_fetcher(), overwrite=["year"]).run([key])
    assert ("year", 2018, 2017) in [(c.field, c.old, c.new) for c in outcome.changes]
    assert stubs.get(key).year == 2017 and stubs.get(key).title == "Attention is all you need"


def test_an_unknown_overwrite_field_is_refused(stubs: Library, make_fetcher: Callable[..., Any]) -> None:
    with pytest.raises(InvalidValue, match="--overwrite"):
        _enricher(stubs, make_fetcher(), overwrite=["notes"])


def test_a_second_run_finds_everything_in_the_cache(
    stubs: Library, replay: Any, make_fetcher: Callable[..., Any], tmp_path: Path
) -> None:
    _routes(replay)
    keys = sorted(stubs.index.keys())
    list(_enricher(stubs, make_fetcher(cache_dir=tmp_path / "cache")).run(keys))
    sent = len(replay.requests)
    second = list(_enricher(stubs, make_fetcher(cache_dir=tmp_path / "cache")).run(keys))
    assert len(replay.requests) == sent
    assert [o.status for o in second].count("updated") == 0


def test_network_down_fails_each_paper_with_one_line(
    stubs: Library, make_fetcher: Callable[..., Any]
) -> None:
    outcomes = list(_enricher(stubs, make_fetcher(retries=0)).run(sorted(stubs.index.keys())))
    assert {o.status for o in outcomes} == {"failed"}
    for outcome in outcomes:
        assert outcome.message.startswith("arxiv: ") and "network error" in outcome.message
        assert "\n" not in outcome.message


def test_complete_papers_are_skipped_without_a_request(
    library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    key = library.index.lookup("arxiv:1706.03762")[0]
    library.update(key, {"url": "https://arxiv.org/abs/1706.03762", "abstract": "Short."})
    assert is_complete(library.get(key))
    (outcome,) = _enricher(library, make_fetcher()).run([key])
    assert outcome.status == "complete" and replay.requests == []


def test_plan_adds_missing_ids_and_keeps_the_users() -> None:
    paper = Paper(title="T", ids={"arxiv": "1706.03762", "doi": "10.1/mine"})
    record = Record("x", "T", ids={"arxiv": "1706.03762", "doi": "10.1/theirs", "dblp": "conf/x/Y17"})
    (change,) = plan(paper, record)
    assert change.new == {"arxiv": "1706.03762", "doi": "10.1/mine", "dblp": "conf/x/Y17"}


def test_a_title_that_is_only_the_papers_id_is_filled_in(
    make_library: Callable[..., Library], replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    # The importer names a paper known only by its address `arXiv:<id>` until enrich runs.
    library = make_library([Paper(title="arXiv:1706.03762", ids={"arxiv": "1706.03762"})])
    _routes(replay)
    (outcome,) = _enricher(library, make_fetcher()).run(list(library.index.keys()))
    assert outcome.status == "updated", outcome.message
    assert outcome.changes[0].field == "title" and outcome.changes[0].old is None
    assert library.get(outcome.key).title == "Attention Is All You Need"


def test_ctrl_c_stops_between_papers_and_a_second_run_goes_on(
    stubs: Library, replay: Any, clock: Any, tmp_path: Path
) -> None:
    import httpx

    from paperlog.sources.http import Fetcher

    _routes(replay)
    keys = sorted(stubs.index.keys())
    interrupt = {"on": "1707.08567"}

    def handler(request: httpx.Request) -> httpx.Response:
        if interrupt["on"] and interrupt["on"] in str(request.url):
            interrupt["on"] = ""
            raise KeyboardInterrupt  # Ctrl-C while a request is on the wire
        return replay.handler(request)

    def fetcher() -> Fetcher:
        client = httpx.Client(transport=httpx.MockTransport(handler))
        return Fetcher(client, cache_dir=tmp_path / "cache", clock=clock.time, sleep=clock.sleep)

    def texts() -> dict[str, str]:
        return {p.name: p.read_text("utf-8") for p in stubs.paper_files()}

    before = texts()
    with pytest.raises(KeyboardInterrupt):  # during the batched arXiv requests
        list(_enricher(stubs, fetcher()).run(keys))
    assert texts() == before

    seen = []
    with pytest.raises(KeyboardInterrupt):  # between two papers
        for outcome in _enricher(stubs, fetcher()).run(keys):
            seen.append(outcome)
            raise KeyboardInterrupt
    assert [o.status for o in seen] == ["updated"]
    changed = {name for name, text in texts().items() if before[name] != text}
    assert changed == {f"{seen[0].key}.md"}

    sent = len(replay.requests)
    second = [o.status for o in _enricher(stubs, fetcher()).run(keys)]
    assert second == ["unchanged", "failed", "skipped"]  # the first is done; the others reached
    assert len(replay.requests) == sent  # every answer came from the cache


def test_a_paper_with_only_a_title_is_found_by_title(
    make_library: Callable[..., Library], replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    library = make_library([Paper(title="Augmenting large language models with chemistry tools")])
    replay.add(
        "https://api.semanticscholar.org/graph/v1/paper/search/match"
        "?query=Augmenting large language models with chemistry tools",
        "semanticscholar/2025_graph_v1_paper_search_match_augmenting-llms-chemistry-tools.json",
    )
    enricher = Enricher(library, Resolver(make_fetcher(retries=0), order=("semanticscholar",)))
    (outcome,) = enricher.run(library.index.keys())
    assert outcome.status == "updated", outcome.message
    paper = library.get(outcome.key)
    assert paper.ids["arxiv"] == "2304.05376" and paper.ids["doi"] == "10.1038/s42256-024-00832-8"
    assert paper.venue == "Nature Machine Intelligence" and paper.year == 2023
    assert paper.authors[0] == "Andrés M Bran"


def test_an_edit_made_during_the_run_is_kept(
    make_library: Callable[..., Library], replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    library = make_library(
        [
            Paper(title="Heat-bath random walks with Markov bases", ids={"arxiv": "1605.08386"}),
            Paper(title="Attention is all you need", ids={"arxiv": "1706.03762"}),
        ]
    )
    replay.add(f"{ARXIV}?id_list=1605.08386", "arxiv/2026_id_list_1605.08386.xml")
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    keys = sorted(library.index.keys())
    run = _enricher(library, make_fetcher()).run(keys)
    first = next(run)
    second_key = keys[1] if first.key == keys[0] else keys[0]
    path = library.path_for(second_key)
    path.write_text(path.read_text("utf-8") + "\nEdited while enrich ran.\n", "utf-8")
    (second,) = list(run)
    assert second.status == "updated"
    text = path.read_text("utf-8")
    assert "Edited while enrich ran." in text and "authors:" in text


def test_a_misspelt_title_is_kept_and_the_sources_spelling_mentioned(
    make_library: Callable[..., Library], replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    library = make_library([Paper(title="Atention Is All You Need", ids={"arxiv": "1706.03762"})])
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    (outcome,) = _enricher(library, make_fetcher()).run(library.index.keys())
    assert outcome.status == "updated"
    assert outcome.message == (
        "arxiv spells the title 'Attention Is All You Need' (--overwrite title takes it)"
    )
    assert library.get(outcome.key).title == "Atention Is All You Need"
    (again,) = _enricher(library, make_fetcher(), overwrite=["title"]).run(library.index.keys())
    assert [(c.field, c.new) for c in again.changes] == [("title", "Attention Is All You Need")]
    assert library.get(outcome.key).title == "Attention Is All You Need"
