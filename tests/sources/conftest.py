"""Replaying recorded HTTP bodies, golden files, and a clock that does not sleep.

Golden files (`tests/sources/golden/*.json`) hold the parsed results of the recorded
bodies; regenerate them after an intended change with

    PAPERLOG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/sources
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from paperlog.sources.http import Fetcher

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PAPERLOG_UPDATE_GOLDEN", "") not in {"", "0"}


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class Route:
    host: str
    path: str
    params: dict[str, str]
    body: bytes
    status: int
    headers: dict[str, str]
    times: int | None = None
    hits: int = 0


@dataclass
class Replay:
    """A mock transport that answers each request with a recorded body.

    A request that matches no route fails as a connection error would (nothing invented).
    """

    folder: Path
    routes: list[Route] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    failures: dict[str, list[Exception]] = field(default_factory=dict)

    def add(
        self,
        url: str,
        fixture: str | None,
        *,
        status: int = 200,
        content_type: str = "",
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        times: int | None = None,
    ) -> Replay:
        """Answer GETs of `url` (host, path, and these query parameters) with a recording.

        With `times`, the route answers that many requests and then lets later routes answer.
        """
        parts = urlsplit(url)
        content = body if body is not None else (self.folder / fixture).read_bytes() if fixture else b""
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        self.routes.append(
            Route(
                parts.netloc,
                _path(parts.path),
                dict(parse_qsl(parts.query)),
                content,
                status,
                all_headers,
                times,
            )
        )
        return self

    def fail(self, url_prefix: str, *errors: Exception) -> Replay:
        """Raise these transport errors, one per request, for URLs starting with the prefix."""
        self.failures[url_prefix] = list(errors)
        return self

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        for prefix, errors in self.failures.items():
            if url.startswith(prefix) and errors:
                raise errors.pop(0)
        params = dict(parse_qsl(request.url.query.decode()))
        for route in self.routes:
            if (
                request.url.host == route.host
                and _path(request.url.path) == route.path
                and all(params.get(k) == v for k, v in route.params.items())
                and (route.times is None or route.hits < route.times)
            ):
                route.hits += 1
                return httpx.Response(route.status, content=route.body, headers=route.headers)
        self.unmatched.append(url)
        raise httpx.ConnectError(f"no recording for {url}", request=request)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handler), timeout=5)


def _path(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path).lower()


@pytest.fixture
def replay(http_fixtures: Path) -> Replay:
    return Replay(http_fixtures)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_fetcher(replay: Replay, clock: FakeClock) -> Callable[..., Fetcher]:
    def make(**options: Any) -> Fetcher:
        options.setdefault("clock", clock.time)
        options.setdefault("sleep", clock.sleep)
        options.setdefault("now", clock.time)
        return Fetcher(replay.client(), **options)

    return make


@pytest.fixture
def golden() -> Callable[[str, Any], None]:
    """Compare JSON-ready data with `golden/<name>.json` (rewritten when updating)."""

    def check(name: str, data: Any) -> None:
        path = GOLDEN / f"{name}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if UPDATE:
            path.write_text(text, "utf-8")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path.name}; run with PAPERLOG_UPDATE_GOLDEN=1")
        assert json.loads(path.read_text("utf-8")) == json.loads(text), f"differs from {path.name}"

    return check
