"""Keeping the index in step with edits made in other programs while the app runs.

While the server runs, a file-system watcher (watchfiles: inotify, FSEvents, ...) tells
which paper files changed, and only those are re-read (`Index.sync_paths`), on the event
loop thread like every request. Without a watcher (an in-process test client, or a file
system that cannot be watched) each request syncs the whole index, at most once every
`interval` seconds. Paper pages always read their file from disk, so what they show and
the hash they carry for conflict checks are never stale.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from starlette.requests import Request

from paperlog.library import Library

log = logging.getLogger("paperlog.web")


class Freshness:
    def __init__(self, library: Library, *, interval: float = 0.0) -> None:
        self.library = library
        self.interval = interval
        self.watcher_running = False
        self._last_sync = float("-inf")

    def before_request(self) -> None:
        """Sync the index unless a watcher keeps it fresh or it was synced just now."""
        if self.watcher_running:
            return
        now = time.monotonic()
        if now - self._last_sync >= self.interval:
            self.library.index.sync()
            self._last_sync = time.monotonic()

    @contextlib.asynccontextmanager
    async def watching(self, *, enabled: bool = True) -> AsyncIterator[None]:
        """Run the watcher for as long as the block runs (the app's lifespan)."""
        self.library.index.sync()
        if not enabled:
            yield
            return
        async with anyio.create_task_group() as group:
            stop = anyio.Event()
            group.start_soon(self._watch, stop)
            try:
                yield
            finally:
                stop.set()
                group.cancel_scope.cancel()

    async def _watch(self, stop: anyio.Event) -> None:
        try:
            from watchfiles import awatch
        except ImportError:  # pragma: no cover - watchfiles is a dependency
            return
        papers = self.library.papers_dir
        if not papers.is_dir():
            return
        try:
            self.watcher_running = True
            async for changes in awatch(papers, stop_event=stop, recursive=True, debounce=200):
                paths = {Path(path) for _, path in changes if _is_paper(Path(path), papers)}
                if paths:
                    self.library.index.sync_paths(sorted(paths))
        except (OSError, RuntimeError) as error:  # e.g. out of inotify watches
            log.warning("not watching %s (%s); syncing on requests instead", papers, error)
        finally:
            self.watcher_running = False


def _is_paper(path: Path, papers: Path) -> bool:
    try:
        parts = path.relative_to(papers).parts
    except ValueError:
        return False
    return bool(parts) and path.suffix == ".md" and not any(p.startswith((".", "_")) for p in parts)


def fresh_library(request: Request) -> Library:
    """The app's library, its index brought up to date first (see `Freshness`)."""
    fresh: Freshness = request.app.state.freshness
    fresh.before_request()
    return fresh.library
