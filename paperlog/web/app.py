"""The Starlette application: `create_app(library)` wires routes, templates and guards.

Routes live beside this module, one module per thing the user looks at (`search`: the
library page, `paper`, `source`: a paper's whole file, `adding`, `queue`, `stats`,
`files`); `security` keeps other web pages out; `forms` reads what the browser sends;
`rendering` fills the templates; `freshness` keeps the index in step with edits made in
other programs while the app runs.
Every endpoint is `async` and runs on the event loop thread, so all writes to the
library's one SQLite connection come from that thread; only a metadata lookup (which
waits on the network) runs in a worker thread, and it only reads the index.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from paperlog.errors import PaperlogError
from paperlog.library import Library
from paperlog.web import (
    adding,
    exporting,
    files,
    freshness,
    paper,
    queue,
    search,
    source,
    stats,
    trash,
)
from paperlog.web.rendering import error_page, status_for, templates_for
from paperlog.web.security import GuardMiddleware, Secrets, allowed_hosts, stored_secret

if TYPE_CHECKING:
    from paperlog.sources.http import Fetcher

HERE = Path(__file__).parent
STATIC = HERE / "static"
SHARED_STATIC = HERE.parent / "static"  # KaTeX and math.js, shared with the static site


def create_app(
    library: Library,
    *,
    host: str = "127.0.0.1",
    allow_hosts: Iterable[str] = (),
    watch: bool = True,
    sync_interval: float = 0.0,
    secret: bytes | None = None,
    fetcher: Fetcher | None = None,
) -> Starlette:
    """The web app for `library`.

    `watch` follows edits made by other programs through file-system events while the
    server runs (falling back to syncing the index at most every `sync_interval` seconds
    on requests when no watcher is running, as under an in-process test client).
    `fetcher` is what looking papers up uses (default: the library's own, with its cache).
    """
    templates = templates_for(library)
    fresh = freshness.Freshness(library, interval=sync_interval)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with fresh.watching(enabled=watch):
            yield

    routes = [
        *search.routes,
        *trash.routes,  # before paper's: `/paper/KEY/trash` is not a paper called KEY/trash
        *source.routes,  # before paper's too
        *paper.routes,
        *adding.routes,
        *queue.routes,
        *stats.routes,
        *files.routes,
        *exporting.routes,
        Mount("/static/shared", StaticFiles(directory=SHARED_STATIC, check_dir=False), name="shared"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                GuardMiddleware,
                hosts=allowed_hosts(host, allow_hosts),
                keys=Secrets(secret or stored_secret(library.state_dir)),
            )
        ],
        exception_handlers={PaperlogError: _paperlog_error, HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.library = library
    app.state.templates = templates
    app.state.freshness = fresh
    app.state.fetcher = fetcher
    return app


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (0: a free port) for uvicorn to serve on."""
    if not 0 <= port <= 65535:
        raise PaperlogError(f"invalid port {port}: expected 0 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it a response's body waits ~40 ms behind
    # its headers on a kept-alive connection (Nagle's algorithm meets delayed ACKs).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        raise PaperlogError(
            f"cannot listen on {host}:{port} ({error.strerror}); try another --port, or --port 0"
        ) from None
    return sock


async def _paperlog_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PaperlogError)
    return error_page(request, status_for(exc), str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_page(request, exc.status_code, exc.detail, headers=dict(exc.headers or {}))


__all__ = ["create_app", "listening_socket"]
