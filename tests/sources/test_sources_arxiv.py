"""arXiv: both feed layouts, old and new ids, versions, batches, and error feeds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from paperlog.errors import SourceError, SourceNotFound
from paperlog.sources import arxiv

FEEDS = sorted(
    name
    for name in [
        "2016_search_query_all_electron.xml",
        "2019_id_list_1710.08557.xml",
        "2019_id_list_astro-ph_9812133_old-style.xml",
        "2019_id_list_math_0211159_old-style.xml",
        "2019_id_list_math_9501234_old-style.xml",
        "2026_id_list_0000.0000_empty.xml",
        "2026_id_list_0808.05394+1707.08567_multi_one-unknown.xml",
        "2026_id_list_1605.08386.xml",
        "2026_id_list_1706.03762.xml",
        "2026_id_list_1707.08567.xml",
        "2026_id_list_2104.12255v1_versioned.xml",
        "2026_id_list_astro-ph_0601001_old-style.xml",
        "2026_id_list_quant-ph_0201082v1_old-style-versioned.xml",
        "2026_search_query_testing_max10.xml",
        "2026_search_query_ti_random_max5.xml",
        "2026_search_query_ti_rotation-random_max5.xml",
    ]
)

API = "https://export.arxiv.org/api/query"


@pytest.mark.parametrize("name", FEEDS)
def test_every_recorded_feed_parses_to_its_golden_records(
    http_fixtures: Path, golden: Callable[[str, Any], None], name: str
) -> None:
    records = arxiv.parse_feed((http_fixtures / "arxiv" / name).read_bytes())
    for record in records:
        assert record.title and "\n" not in record.title
        assert record.ids["arxiv"] and "v" not in record.ids["arxiv"].split("/")[-1]
    golden(f"arxiv_{name.removesuffix('.xml')}", [r.to_json() for r in records])


def test_old_and_current_layouts_give_the_same_fields(http_fixtures: Path) -> None:
    old = arxiv.parse_feed((http_fixtures / "arxiv/2019_id_list_1710.08557.xml").read_bytes())[0]
    new = arxiv.parse_feed((http_fixtures / "arxiv/2026_id_list_1706.03762.xml").read_bytes())[0]
    assert old.title == "On Neuromechanical Approaches for the Study of Biological Grasp and Manipulation"
    assert old.ids == {"arxiv": "1710.08557", "doi": "10.1186/s12984-017-0305-3"}
    assert old.journal_ref == "Journal of NeuroEngineering and Rehabilitation, 2017"
    assert old.year == 2017 and old.authors == ["Francisco J Valero-Cuevas", "Marco Santello"]
    assert new.title == "Attention Is All You Need"
    assert new.ids == {"arxiv": "1706.03762"}  # the feed's entry is v7; the record is unversioned
    assert new.year == 2017 and new.authors[0] == "Ashish Vaswani" and len(new.authors) == 8
    assert new.url == "https://arxiv.org/abs/1706.03762"
    assert new.abstract and new.abstract.startswith("The dominant sequence transduction models")


def test_old_style_ids_keep_their_archive(http_fixtures: Path) -> None:
    record = arxiv.parse_feed(
        (http_fixtures / "arxiv/2026_id_list_quant-ph_0201082v1_old-style-versioned.xml").read_bytes()
    )[0]
    assert record.ids["arxiv"] == "quant-ph/0201082"
    assert record.pdf == "https://arxiv.org/pdf/quant-ph/0201082"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("2026_id_list_abc_error_400.xml", "incorrect id format for abc"),
        ("2019_id_list_INVALIDID_error_400.xml", "incorrect id format for INVALIDID"),
    ],
)
def test_error_feeds_become_one_line_source_errors(
    replay: Any, make_fetcher: Callable[..., Any], name: str, reason: str
) -> None:
    replay.add(f"{API}?id_list=2104.12255", f"arxiv/{name}", status=400)
    with pytest.raises(SourceError) as caught:
        arxiv.lookup(make_fetcher(), "2104.12255")
    assert str(caught.value) == f"arxiv: 2104.12255: {reason}"


def test_lookup_sends_id_list_and_reads_the_answer(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(f"{API}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    record = arxiv.lookup(make_fetcher(), "https://arxiv.org/abs/1706.03762v5")
    assert record.title == "Attention Is All You Need"
    (request,) = replay.requests
    assert request.url.params["id_list"] == "1706.03762"


def test_unknown_id_is_not_found(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(f"{API}?id_list=0000.0000", "arxiv/2026_id_list_0000.0000_empty.xml")
    with pytest.raises(SourceNotFound, match=r"^arxiv: 0000\.0000: not found$"):
        arxiv.lookup(make_fetcher(), "0000.0000")


def test_several_ids_go_in_one_request_and_missing_ones_are_left_out(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(
        f"{API}?id_list=0808.05394,1707.08567",
        "arxiv/2026_id_list_0808.05394+1707.08567_multi_one-unknown.xml",
    )
    found = arxiv.fetch(make_fetcher(), ["0808.05394", "arXiv:1707.08567v1", "not an id"])
    assert list(found) == ["1707.08567"]
    assert len(replay.requests) == 1


def test_batches_wait_three_seconds_between_requests(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(arxiv, "BATCH", 1)
    replay.add(f"{API}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    replay.add(f"{API}?id_list=1707.08567", "arxiv/2026_id_list_1707.08567.xml")
    found = arxiv.fetch(make_fetcher(), ["1706.03762", "1707.08567"])
    assert sorted(found) == ["1706.03762", "1707.08567"]
    assert clock.sleeps == [3.0]


def test_malformed_xml_names_the_source_and_id(
    replay: Any, make_fetcher: Callable[..., Any], http_fixtures: Path
) -> None:
    # The recorded body cut short: what a dropped connection leaves behind.
    cut = (http_fixtures / "arxiv/2026_id_list_1706.03762.xml").read_bytes()[:700]
    replay.add(f"{API}?id_list=1706.03762", None, body=cut)
    with pytest.raises(SourceError, match=r"^arxiv: 1706\.03762: answer is not valid XML"):
        arxiv.lookup(make_fetcher(), "1706.03762")


def test_network_down_is_retried_then_reported(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any
) -> None:
    replay.fail(API, *[httpx.ConnectError("connection refused") for _ in range(4)])
    with pytest.raises(SourceError, match=r"^arxiv: 1706\.03762: network error: connection refused$"):
        arxiv.lookup(make_fetcher(), "1706.03762")
    assert len(replay.requests) == 4
    # Backoff 1, 2, 4 s; before a retry the rest of arXiv's 3 s interval is waited too.
    assert clock.sleeps == [1.0, 2.0, 2.0, 1.0, 4.0]


def test_title_search_uses_the_ti_field(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(
        f'{API}?search_query=ti:"rotation random"', "arxiv/2026_search_query_ti_rotation-random_max5.xml"
    )
    records = arxiv.search_title(make_fetcher(), "rotation random")
    assert len(records) == 3  # the recording asked for five and got three
    assert all("random" in r.title.lower() for r in records)
    assert replay.requests[0].url.params["search_query"] == 'ti:"rotation random"'
