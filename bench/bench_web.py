"""The web app's figures: library page and search responses on a 10,000-paper library.

    python bench/bench_web.py                   # 10,000 papers, 30 runs of each request
    python bench/bench_web.py --papers 1000 --runs 10

The library comes from `bench/generate.py` and is kept in `bench/out/libs/web-N-seedS/`
(`--fresh` makes it again). Each request is timed twice:

- server time: from the moment the app is called until it has sent the last byte of the
  response, measured by a wrapper around the ASGI app (in-process, no sockets);
- round trip: the same request over HTTP to `paperlog serve` on 127.0.0.1, running in
  its own process with its file watcher (adds the socket and HTTP on both ends);
- core search: the `Index.search` call the page makes, alone, to tell the index's share
  from the web layer's (templates, escaping, facets).

The app runs as `paperlog serve` runs it: the index is synced when the app starts and kept
fresh by the file watcher, so requests do not re-scan the folder. Target: server time
p95 <= 50 ms for the library page and for search (as you type, with filters, paged).
The table goes to stdout, the figures to `bench/out/web.json`.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `paperlog` importable
    sys.path.insert(0, str(ROOT))

from paperlog.library import Library  # noqa: E402
from paperlog.web.app import create_app  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGET_MS = 50.0
HTMX = {"HX-Request": "true", "HX-Target": "results"}

#: (label, URL, htmx?) — what a user's browser asks for.
REQUESTS: tuple[tuple[str, str, bool], ...] = (
    ("library page", "/", False),
    ("library page, page 40 by title", "/?sort=title&page=40", False),
    ("library page, status + topic", "/?status=read&topic=Vision", False),
    ("search: 'a' (one letter: waits)", "/?q=a", True),
    ("search: 'le' (typing)", "/?q=le", True),
    ("search: 'atten' (typing)", "/?q=atten", True),
    ("search: 'attention'", "/?q=attention", True),
    ("search: 'model' (common)", "/?q=model", True),
    ("search: two words", "/?q=diffusion+sampl", True),
    ("search: phrase", "/?q=%22optical+flow%22", True),
    ("search: zh", "/?q=%E6%B3%A8%E6%84%8F", True),
    ("search: word + status + topic", "/?q=transformer&status=read&topic=NLP", True),
    ("search: word, by year, page 3", "/?q=learning&sort=year&page=3", True),
)


class Timer:
    """An ASGI wrapper that records each request's server time."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.times: list[float] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed_send(message: Any) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                self.times.append(time.perf_counter() - start)

        await self.app(scope, receive, timed_send)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def library_for(papers: int, seed: int, fresh: bool) -> tuple[Path, float | None]:
    root = OUT / "libs" / f"web-{papers}-seed{seed}"
    if fresh and root.exists():
        shutil.rmtree(root)
    if (root / "paperlog.toml").exists():
        return root, None
    if root.exists():
        shutil.rmtree(root)
    try:
        from bench.generate import generate_library
    except ImportError:  # pragma: no cover - generate.py ships beside this file
        raise SystemExit("bench/generate.py is missing") from None
    import os

    start = time.perf_counter()
    generate_library(root, papers, seed=seed, jobs=os.cpu_count() or 1)
    return root, time.perf_counter() - start


def server_times(app: Any, runs: int) -> dict[str, list[float]]:
    timer = Timer(app)
    results: dict[str, list[float]] = {}

    async def main() -> None:
        transport = httpx.ASGITransport(app=timer)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            for label, url, htmx in REQUESTS:
                headers = HTMX if htmx else {}
                response = await client.get(url, headers=headers)  # warm-up (and a check)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
                timer.times.clear()
                for _ in range(runs):
                    await client.get(url, headers=headers)
                results[label] = list(timer.times)

    anyio.run(main)
    return results


def core_times(library: Library, runs: int) -> dict[str, list[float]]:
    """The `Index.search` call each page makes, alone: the part the web layer cannot change."""
    from starlette.datastructures import QueryParams

    from paperlog.web.forms import list_query
    from paperlog.web.search import run_search

    results: dict[str, list[float]] = {}
    for label, url, _ in REQUESTS:
        query = list_query(QueryParams(url.partition("?")[2]))

        def search(query: Any = query) -> None:
            run_search(library.index, query)

        search()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            search()
            times.append(time.perf_counter() - start)
        results[label] = times
    return results


def round_trips(root: Path, runs: int) -> dict[str, list[float]]:
    """Each request over HTTP to `paperlog serve` running in its own process, as a browser
    would see it (a client in the server's process would share its interpreter lock)."""
    import re
    import signal
    import subprocess

    command = [sys.executable, "-m", "paperlog", "--library", str(root), "serve", "--no-open",
               "--port", "0"]
    results: dict[str, list[float]] = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            found = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline())
            if not found:
                raise SystemExit("paperlog serve did not print its URL")
            with httpx.Client(base_url=found.group(0), timeout=30) as client:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        client.get("/")
                        break
                    except httpx.TransportError:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.1)
                for label, url, htmx in REQUESTS:
                    headers = HTMX if htmx else {}
                    client.get(url, headers=headers)
                    times = []
                    for _ in range(runs):
                        start = time.perf_counter()
                        client.get(url, headers=headers)
                        times.append(time.perf_counter() - start)
                    results[label] = times
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="generate the library again")
    args = parser.parse_args(argv)

    root, generated = library_for(args.papers, args.seed, args.fresh)
    library = Library(root)
    start = time.perf_counter()
    library.index.sync()
    first_sync = time.perf_counter() - start
    start = time.perf_counter()
    library.index.sync()
    resync = time.perf_counter() - start

    def make_app() -> Any:
        # As served: synced at start; the watcher (or nothing, in-process) keeps it fresh.
        return create_app(library, watch=True, sync_interval=3600.0)

    server = server_times(make_app(), args.runs)
    core = core_times(library, args.runs)
    trips = round_trips(root, max(5, args.runs // 3))

    rows = []
    print(f"{args.papers} papers ({root}); index sync at start {ms(first_sync)} ms, "
          f"re-sync with nothing changed {ms(resync)} ms")
    print(f"{'request':40} {'server p50':>11} {'p95':>8} {'max':>8} {'core search p50':>16} "
          f"{'round trip p95':>15}")
    worst = 0.0
    for label, _, _ in REQUESTS:
        times = server[label]
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        row = {
            "request": label,
            "server_p50_ms": ms(statistics.median(times)),
            "server_p95_ms": ms(p95),
            "server_max_ms": ms(max(times)),
            "core_search_p50_ms": ms(statistics.median(core[label])),
            "round_trip_p95_ms": ms(percentile(trips[label], 0.95)),
        }
        rows.append(row)
        print(f"{label:40} {row['server_p50_ms']:>11} {row['server_p95_ms']:>8} "
              f"{row['server_max_ms']:>8} {row['core_search_p50_ms']:>16} {row['round_trip_p95_ms']:>15}")
    verdict = "PASS" if ms(worst) <= TARGET_MS else "FAIL"
    print(f"worst server p95: {ms(worst)} ms (target <= {TARGET_MS} ms): {verdict}")
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "papers": args.papers,
        "runs": args.runs,
        "generate_s": round(generated, 2) if generated else None,
        "index_sync_at_start_ms": ms(first_sync),
        "index_resync_unchanged_ms": ms(resync),
        "requests": rows,
        "worst_server_p95_ms": ms(worst),
        "target_ms": TARGET_MS,
        "pass": verdict == "PASS",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
    }
    (OUT / "web.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
