"""Talking to metadata services: the client, the cache, retries and rate limits.

Every source module asks for a URL through one `Fetcher`, which

* sends it with an injected `httpx.Client` (tests pass one built on `httpx.MockTransport`;
  `make_client` builds the real one, always with a timeout and paperlog's User-Agent);
* waits between requests to the same service (`RATE_LIMITS`: arXiv asks for one request
  every three seconds);
* retries 429 and 5xx answers and transport errors with exponential backoff, honouring a
  `Retry-After` header;
* keeps answers (200 and 404) in an on-disk cache, `.paperlog/cache/<source>/`, for
  `cache_days`; in offline mode it answers from the cache only, stale or not, and raises
  `NotCached` for anything else.

The clock and the sleep are injected, so tests never sleep and the benchmark can count
the time spent waiting. Failures become `SourceError`s that name the source and the id.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hashlib
import json
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from paperlog import __version__
from paperlog.errors import NotCached, SourceError, SourceNotFound

#: Seconds to wait between two requests to the same service.
RATE_LIMITS: dict[str, float] = {
    "arxiv": 3.0,  # arXiv API terms of use: no more than one request every three seconds
    "crossref": 0.1,
    "doi": 0.1,
    "semanticscholar": 1.0,  # the shared unauthenticated pool answers 429 when pushed
    "openalex": 0.1,
    "dblp": 1.0,
}

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CACHED_STATUSES = frozenset({200, 404})


def user_agent(mailto: str | None = None) -> str:
    return f"paperlog/{__version__}" + (f" (mailto:{mailto})" if mailto else "")


def make_client(
    *, timeout: float = 20.0, mailto: str | None = None, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The HTTP client paperlog uses: a timeout, its User-Agent, redirects followed."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": user_agent(mailto)},
        follow_redirects=True,
        transport=transport,
    )


@dataclass(frozen=True)
class Response:
    """An answer as paperlog keeps it: enough to parse it again from the cache."""

    status: int
    content: bytes
    url: str
    content_type: str = ""
    from_cache: bool = False

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self, source: str, ident: str) -> Any:
        """The body as JSON; a body that is not JSON is the source's failure, named."""
        try:
            return json.loads(self.content)
        except (ValueError, UnicodeDecodeError):
            raise SourceError(source, ident, f"answer is not valid JSON ({_shown(self)})") from None


def _shown(response: Response) -> str:
    kind = response.content_type.split(";")[0] or "no content type"
    return f"HTTP {response.status}, {kind}, {len(response.content)} bytes"


@dataclass
class Stats:
    """What a fetcher did: requests sent, cache hits, and seconds spent waiting."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    rate_wait: float = 0.0
    backoff_wait: float = 0.0
    per_source: dict[str, int] = field(default_factory=dict)


class Fetcher:
    """Fetches URLs for the metadata sources, politely, with a cache. See the module doc."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        cache_dir: Path | None = None,
        cache_days: float = 30,
        offline: bool = False,
        mailto: str | None = None,
        timeout: float = 20.0,
        rate_limits: Mapping[str, float] | None = None,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.client = client if client is not None else make_client(timeout=timeout, mailto=mailto)
        self.cache_dir = cache_dir
        self.cache_days = cache_days
        self.offline = offline
        self.mailto = mailto
        self.rate_limits = dict(RATE_LIMITS if rate_limits is None else rate_limits)
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.clock = clock
        self.sleep = sleep
        self.now = now
        self.stats = Stats()
        self._last: dict[str, float] = {}

    # -- the one public verb -------------------------------------------------------------

    def get(
        self,
        source: str,
        ident: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        accept: str | None = None,
        ok: Collection[int] = (200,),
    ) -> Response:
        """GET `url`; return an answer whose status is in `ok` (200), raise `SourceNotFound`
        on 404 and `SourceError` on anything else.

        `source` and `ident` name what is being asked for in every error message. (arXiv
        passes `ok=(200, 400)`: its 400 answers are feeds that say what was wrong.)
        """
        full = url + ("?" + urlencode(sorted((k, str(v)) for k, v in params.items())) if params else "")
        cached = self._cache_read(source, full, accept)
        if cached is not None:
            return self._checked(source, ident, cached, ok)
        if self.offline:
            raise NotCached(source, ident, "offline, and not in the cache")
        response = self._send(source, ident, full, accept)
        if response.status in CACHED_STATUSES:
            self._cache_write(source, full, accept, response)
        return self._checked(source, ident, response, ok)

    # -- sending -------------------------------------------------------------------------

    def _send(self, source: str, ident: str, url: str, accept: str | None) -> Response:
        headers = {"Accept": accept} if accept else {}
        attempt = 0
        while True:
            self._wait_turn(source)
            self.stats.requests += 1
            self.stats.per_source[source] = self.stats.per_source.get(source, 0) + 1
            try:
                reply = self.client.get(url, headers=headers)
            except httpx.HTTPError as error:
                if attempt >= self.retries:
                    raise SourceError(source, ident, f"network error: {_describe(error)}") from None
                self._back_off(attempt, None)
                attempt += 1
                continue
            if reply.status_code in RETRY_STATUSES and attempt < self.retries:
                self._back_off(attempt, reply.headers.get("Retry-After"))
                attempt += 1
                continue
            return Response(
                status=reply.status_code,
                content=reply.content,
                url=str(reply.url),
                content_type=reply.headers.get("Content-Type", ""),
            )

    def _wait_turn(self, source: str) -> None:
        interval = self.rate_limits.get(source, 0.0)
        last = self._last.get(source)
        if last is not None and interval > 0:
            wait = interval - (self.clock() - last)
            if wait > 0:
                self.stats.rate_wait += wait
                self.sleep(wait)
        self._last[source] = self.clock()

    def _back_off(self, attempt: int, retry_after: str | None) -> None:
        self.stats.retries += 1
        wait = parse_retry_after(retry_after, self.now())
        if wait is None:
            wait = self.backoff * (2**attempt)
        wait = min(max(wait, 0.0), self.max_wait)
        self.stats.backoff_wait += wait
        self.sleep(wait)

    def _checked(self, source: str, ident: str, response: Response, ok: Collection[int]) -> Response:
        if response.status in ok:
            return response
        if response.status == 404:
            raise SourceNotFound(source, ident, "not found")
        detail = _error_detail(response)
        raise SourceError(source, ident, f"HTTP {response.status}" + (f": {detail}" if detail else ""))

    # -- the cache -----------------------------------------------------------------------

    def _cache_path(self, source: str, url: str, accept: str | None) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(f"{url}\n{accept or ''}".encode()).hexdigest()[:32]
        return self.cache_dir / source / f"{digest}.json"

    def _cache_read(self, source: str, url: str, accept: str | None) -> Response | None:
        path = self._cache_path(source, url, accept)
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text("utf-8"))
            fetched = float(entry["fetched"])
            response = Response(
                status=int(entry["status"]),
                content=base64.b64decode(entry["body"]),
                url=str(entry["url"]),
                content_type=str(entry.get("content_type", "")),
                from_cache=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged cache entry is a miss, and will be overwritten
        if not self.offline and self.now() - fetched > self.cache_days * 86400:
            return None
        self.stats.cache_hits += 1
        return response

    def _cache_write(self, source: str, url: str, accept: str | None, response: Response) -> None:
        path = self._cache_path(source, url, accept)
        if path is None:
            return
        entry = {
            "url": url,
            "accept": accept,
            "status": response.status,
            "content_type": response.content_type,
            "fetched": self.now(),
            "body": base64.b64encode(response.content).decode("ascii"),
        }
        from paperlog.library import atomic_write

        # A cache that cannot be written only costs a request next time.
        with contextlib.suppress(OSError):
            atomic_write(path, json.dumps(entry))


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)


def _describe(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:160]


def _error_detail(response: Response) -> str:
    """A short reason from an error body (JSON message, or the first line of plain text)."""
    body = response.content[:2000].decode("utf-8", errors="replace").strip()
    if not body:
        return ""
    if body.startswith("{"):
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            for key in ("error", "message", "detail"):
                value = data.get(key)
                if isinstance(value, str):
                    return value[:160]
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    return str(value[0].get("message", value[0]))[:160]
    if "<" in body[:100]:
        return ""  # an HTML page: the status says enough
    return body.splitlines()[0][:160]
