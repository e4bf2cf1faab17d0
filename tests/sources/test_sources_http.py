"""The fetcher: cache and its expiry, offline mode, retries with Retry-After, error messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from paperlog.errors import NotCached, SourceError, SourceNotFound
from paperlog.sources import crossref, openalex
from paperlog.sources.http import make_client, parse_retry_after, user_agent

WORK = "https://api.crossref.org/works/10.1145/3448016.3452841"
WORK_BODY = "crossref/2026_works_10.1145_3448016.3452841_proceedings-article.json"
DOI = "10.1145/3448016.3452841"


def test_answers_are_cached_on_disk_and_reused(
    replay: Any, make_fetcher: Callable[..., Any], tmp_path: Path
) -> None:
    replay.add(WORK, WORK_BODY)
    first = crossref.lookup(make_fetcher(cache_dir=tmp_path), DOI)
    fetcher = make_fetcher(cache_dir=tmp_path)
    second = crossref.lookup(fetcher, DOI)
    assert first == second
    assert len(replay.requests) == 1
    assert fetcher.stats.cache_hits == 1 and fetcher.stats.requests == 0
    assert len(list((tmp_path / "crossref").glob("*.json"))) == 1


def test_the_cache_expires_after_cache_days(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any, tmp_path: Path
) -> None:
    replay.add(WORK, WORK_BODY)
    crossref.lookup(make_fetcher(cache_dir=tmp_path, cache_days=2), DOI)
    clock.now += 2 * 86400 + 1
    crossref.lookup(make_fetcher(cache_dir=tmp_path, cache_days=2), DOI)
    assert len(replay.requests) == 2


def test_offline_uses_even_a_stale_cache_and_nothing_else(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any, tmp_path: Path
) -> None:
    replay.add(WORK, WORK_BODY)
    crossref.lookup(make_fetcher(cache_dir=tmp_path, cache_days=1), DOI)
    clock.now += 30 * 86400
    offline = make_fetcher(cache_dir=tmp_path, cache_days=1, offline=True)
    assert crossref.lookup(offline, DOI).title.startswith("Vector Quotient Filters")
    with pytest.raises(NotCached, match=r"^crossref: 10\.1/other: offline, and not in the cache$"):
        crossref.lookup(offline, "10.1/other")
    assert len(replay.requests) == 1


def test_a_404_is_cached_too(replay: Any, make_fetcher: Callable[..., Any], tmp_path: Path) -> None:
    replay.add(
        "https://api.crossref.org/works/10.1371/notarealdoi",
        "crossref/2026_works_10.1371_notarealdoi_404.txt",
        status=404,
        content_type="text/plain",
    )
    for _ in range(2):
        with pytest.raises(SourceNotFound, match=r"^crossref: 10\.1371/notarealdoi: not found$"):
            crossref.lookup(make_fetcher(cache_dir=tmp_path), "10.1371/notarealdoi")
    assert len(replay.requests) == 1


def test_a_damaged_cache_entry_is_a_miss(
    replay: Any, make_fetcher: Callable[..., Any], tmp_path: Path
) -> None:
    replay.add(WORK, WORK_BODY)
    crossref.lookup(make_fetcher(cache_dir=tmp_path), DOI)
    (entry,) = (tmp_path / "crossref").glob("*.json")
    entry.write_text("{not json", "utf-8")
    assert crossref.lookup(make_fetcher(cache_dir=tmp_path), DOI).ids == {"doi": DOI}
    assert len(replay.requests) == 2


def test_429_waits_as_long_as_retry_after_says(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any
) -> None:
    # No 429 body was recorded; the status and header alone are what is being tested.
    replay.add(WORK, None, status=429, headers={"Retry-After": "7"}, times=1)
    replay.add(WORK, WORK_BODY)
    fetcher = make_fetcher()
    assert crossref.lookup(fetcher, DOI).year == 2021
    assert clock.sleeps == [7.0]
    assert fetcher.stats.retries == 1 and fetcher.stats.backoff_wait == 7.0


def test_5xx_backs_off_exponentially_then_gives_up(
    replay: Any, make_fetcher: Callable[..., Any], clock: Any
) -> None:
    replay.add(WORK, None, status=503)
    with pytest.raises(SourceError) as caught:
        crossref.lookup(make_fetcher(), DOI)
    assert str(caught.value) == f"crossref: {DOI}: HTTP 503"
    assert len(replay.requests) == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_retry_after_is_capped(replay: Any, make_fetcher: Callable[..., Any], clock: Any) -> None:
    replay.add(WORK, None, status=429, headers={"Retry-After": "3600"}, times=1)
    replay.add(WORK, WORK_BODY)
    crossref.lookup(make_fetcher(max_wait=30), DOI)
    assert clock.sleeps == [30.0]


def test_retry_after_as_an_http_date() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert parse_retry_after("soon", 0.0) is None
    assert parse_retry_after(None, 0.0) is None


def test_a_400_names_the_reason_from_its_json_body(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    bad_request = "crossref/2026_works_10.1371_journal.pone.0033693_query.author_400.json"
    replay.add(WORK, bad_request, status=400)
    with pytest.raises(SourceError) as caught:
        crossref.lookup(make_fetcher(), DOI)
    reason = "This route does not support field query parameters"
    assert str(caught.value) == f"crossref: {DOI}: HTTP 400: {reason}"


def test_a_body_that_is_not_json_is_reported(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    # A recorded HTML page served where JSON was expected (as a captive portal would).
    replay.add(
        f"https://api.openalex.org/works/https://doi.org/{DOI}",
        "openalex/2025_works_doi_10.1046_j.1365-2699.2003.00795_404.html",
        content_type="text/html; charset=utf-8",
    )
    with pytest.raises(SourceError) as caught:
        openalex.lookup(make_fetcher(), DOI)
    assert str(caught.value) == f"openalex: {DOI}: answer is not valid JSON (HTTP 200, text/html, 207 bytes)"


def test_timeouts_are_retried(replay: Any, make_fetcher: Callable[..., Any], clock: Any) -> None:
    replay.fail("https://api.crossref.org/works/", httpx.ReadTimeout("timed out"))
    replay.add(WORK, WORK_BODY)
    assert crossref.lookup(make_fetcher(), DOI).year == 2021
    assert clock.sleeps == [1.0]


def test_the_real_client_has_a_timeout_and_names_itself() -> None:
    client = make_client(timeout=7, mailto="me@example.org")
    assert client.timeout.read == 7
    assert client.headers["User-Agent"] == user_agent("me@example.org")
    assert user_agent("me@example.org").endswith(" (mailto:me@example.org)")
    client.close()
