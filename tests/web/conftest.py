"""The web app in-process (httpx's ASGI transport), with a helper that knows the CSRF token.

Tests are `async` and run on anyio's pytest plugin (`@pytest.mark.anyio`, asyncio only).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from paperlog.library import Library
from paperlog.web.app import create_app

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class WebClient:
    """An httpx client that keeps the session cookie and sends the page's CSRF token."""

    def __init__(self, client: httpx.AsyncClient, library: Library) -> None:
        self.client = client
        self.library = library
        self.token = ""

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        response = await self.client.get(url, **kwargs)
        found = re.search(r'"X-CSRF-Token": "([0-9a-f]+)"', response.text)
        if found:
            self.token = found.group(1)
        return response

    async def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        if not self.token:
            await self.get("/")
        form = {"csrf_token": self.token, **(data or {})}
        return await self.client.post(url, data=form, **kwargs)

    def file(self, key: str) -> Path:
        return self.library.path_for(key)

    def bytes_of(self, key: str) -> bytes:
        return self.file(key).read_bytes()

    async def page_hash(self, key: str) -> str:
        page = await self.get(f"/paper/{key}/edit")
        found = re.search(r'name="expected_hash" value="([0-9a-f]+)"', page.text)
        assert found, page.text[:500]
        return found.group(1)


@pytest.fixture
async def web(library: Library) -> AsyncIterator[WebClient]:
    async with _web_client(library) as client:
        yield client


@pytest.fixture
async def empty_web(empty_library: Library) -> AsyncIterator[WebClient]:
    async with _web_client(empty_library) as client:
        yield client


def unreachable_network() -> Any:
    """A metadata fetcher whose every request fails at once, as with no network at all:
    no test ever reaches the real services."""
    from paperlog.sources.http import Fetcher

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network in tests", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    return Fetcher(client, retries=0, rate_limits={}, sleep=lambda _: None)


class _web_client:
    def __init__(self, library: Library, **options: Any) -> None:
        options.setdefault("fetcher", unreachable_network())
        self.app = create_app(library, **options)
        self.library = library

    async def __aenter__(self) -> WebClient:
        transport = httpx.ASGITransport(app=self.app)
        self.client = httpx.AsyncClient(transport=transport, base_url=BASE, follow_redirects=False)
        return WebClient(self.client, self.library)

    async def __aexit__(self, *_: object) -> None:
        await self.client.aclose()


@pytest.fixture
def open_web() -> Any:
    """`async with open_web(library, fetcher=...) as web:` for an app built with options."""
    return _web_client
