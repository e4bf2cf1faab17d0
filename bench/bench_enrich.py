"""`paperlog enrich --all` on a 500-paper library against a mock network with realistic latency.

    .venv/bin/python bench/bench_enrich.py [--papers 500] [--shared ../shared]

The library holds stubs (a title and an arXiv id or a DOI, nothing else), the way an
import leaves them. The mock transport answers with the recorded bodies in
`../shared/fixtures/http/` (the papers' ids are drawn from the recorded ones), and every
request "takes" a latency typical of its service. Nothing sleeps for real: the transport
and the fetcher share a virtual clock, so the run takes only the time paperlog itself
needs, and the report splits the simulated total into

* waiting on the services: their rate limits (arXiv: one request every 3 s; Semantic
  Scholar: one a second...) plus network latency, both on the virtual clock;
* paperlog's own time: the real wall-clock time of the run (parsing, merging, front-matter
  edits, atomic writes, the index).

It also prints the floor the rate limits set: no client that keeps them can finish sooner
than (requests to a service - 1) x (its interval), for the busiest service.

A second run measures a resumed `enrich --all`: every answer comes from the on-disk cache.

Two liberties, both for timing only (the tests never take them): an arXiv `id_list`
request for several ids is answered with the recorded single-id entries put in one feed,
and a request with no recording is answered with that service's recorded "not found"
body.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from paperlog import frontmatter
from paperlog.enrich import Enricher
from paperlog.library import Library
from paperlog.model import Paper
from paperlog.sources import arxiv, crossref
from paperlog.sources.http import RATE_LIMITS, Fetcher
from paperlog.sources.resolver import Resolver

#: Seconds one request takes, per service (typical round trips from Europe).
LATENCY = {
    "export.arxiv.org": 0.9,
    "api.crossref.org": 0.35,
    "doi.org": 0.4,
    "api.semanticscholar.org": 0.3,
    "api.openalex.org": 0.25,
    "dblp.org": 0.45,
}

HOST_SOURCE = {
    "export.arxiv.org": "arxiv",
    "api.crossref.org": "crossref",
    "doi.org": "doi",
    "api.semanticscholar.org": "semanticscholar",
    "api.openalex.org": "openalex",
    "dblp.org": "dblp",
}

ARXIV_FEEDS = [
    "2026_id_list_1706.03762.xml",
    "2026_id_list_1707.08567.xml",
    "2026_id_list_1605.08386.xml",
    "2026_id_list_astro-ph_0601001_old-style.xml",
    "2026_id_list_quant-ph_0201082v1_old-style-versioned.xml",
    "2019_id_list_1710.08557.xml",
    "2019_id_list_astro-ph_9812133_old-style.xml",
    "2019_id_list_math_0211159_old-style.xml",
    "2019_id_list_math_9501234_old-style.xml",
]
CROSSREF_WORKS = [
    "2026_works_10.1145_3448016.3452841_proceedings-article.json",
    "2026_works_10.1038_srep16696_journal-article.json",
    "2026_works_10.1371_journal.pone.0033693_journal-article.json",
    "2026_works_10.1109_iccv.2007.4408927_proceedings-article.json",
    "2026_works_10.1109_icdcsw.2003.1203662_proceedings-article.json",
    "2025_works_10.1023_a-1007154515475_journal-article.json",
    "2023_works_10.1109_SAMOS.2013.6621096_proceedings-article.json",
]
OPENALEX_WORKS = {
    "10.1145/3448016.3452841": "2026_works_doi_10.1145_3448016.3452841.json",
    "10.1023/a:1007154515475": "2025_works_doi_10.1023_a-1007154515475.json",
}
S2_WORKS = {"DOI:10.1023/a:1007154515475": "2025_graph_v1_paper_DOI_10.1023_a-1007154515475.json"}


class VirtualClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.waited = 0.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.waited += seconds


class RecordedNetwork:
    """Answers each request from the recordings, after its service's latency."""

    def __init__(self, fixtures: Path, clock: VirtualClock) -> None:
        self.fixtures = fixtures
        self.clock = clock
        self.latency = 0.0
        self.requests: Counter[str] = Counter()
        self.entries: dict[str, bytes] = {}
        self.feed_head = b""
        for name in ARXIV_FEEDS:
            body = (fixtures / "arxiv" / name).read_bytes()
            for entry in re.findall(rb"<entry>.*?</entry>", body, re.S):
                ident = arxiv.parse_feed(body)[0].ids["arxiv"]
                self.entries[ident] = entry
            if name.startswith("2026") and not self.feed_head:
                self.feed_head = body[: body.index(b"<entry>")]
        self.works: dict[str, bytes] = {}
        for name in CROSSREF_WORKS:
            body = (fixtures / "crossref" / name).read_bytes()
            self.works[json.loads(body)["message"]["DOI"].lower()] = body

    def read(self, folder: str, name: str) -> bytes:
        return (self.fixtures / folder / name).read_bytes()

    def handle(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.requests[host] += 1
        self.clock.now += LATENCY[host]
        self.latency += LATENCY[host]
        path = unquote(request.url.path)
        params = parse_qs(request.url.query.decode())
        if host == "export.arxiv.org":
            ids = params["id_list"][0].split(",")
            found = b"".join(self.entries[i] for i in ids if i in self.entries)
            return httpx.Response(200, content=self.feed_head + found + b"\n</feed>\n")
        if host == "api.crossref.org":
            doi = path.removeprefix("/works/").lower()
            if doi in self.works:
                return httpx.Response(200, content=self.works[doi])
            body = self.read("crossref", "2026_works_10.1371_notarealdoi_404.txt")
            return httpx.Response(404, content=body)
        if host == "api.semanticscholar.org":
            ident = path.removeprefix("/graph/v1/paper/")
            if ident in S2_WORKS:
                return httpx.Response(200, content=self.read("semanticscholar", S2_WORKS[ident]))
            body = self.read("semanticscholar", "2025_graph_v1_paper_DOI_10.1101_2024.04.01.587366_404.json")
            return httpx.Response(404, content=body)
        if host == "api.openalex.org":
            doi = path.removeprefix("/works/https://doi.org/").lower()
            if doi in OPENALEX_WORKS:
                return httpx.Response(200, content=self.read("openalex", OPENALEX_WORKS[doi]))
            body = self.read("openalex", "2025_works_doi_10.1046_j.1365-2699.2003.00795_404.html")
            return httpx.Response(404, content=body)
        if host == "dblp.org":
            body = self.read("dblp", "undated_search_publ_api_json_attention-is-all-you-need_h1.json")
            return httpx.Response(200, content=body)
        return httpx.Response(404, content=self.read("doi-org", "2026_10.1126_foo_404.html"))


def build_library(root: Path, network: RecordedNetwork, count: int) -> Library:
    library = Library.init(root, name="bench")
    arxiv_papers = [
        (arxiv.parse_feed(network.feed_head + entry + b"</feed>")[0]) for entry in network.entries.values()
    ]
    dois = sorted(network.works)
    doi_papers = [crossref.parse_work(json.loads(network.works[d])["message"]) for d in dois]
    pool = arxiv_papers + doi_papers
    for number in range(count):
        record = pool[number % len(pool)]
        kind = "arxiv" if "arxiv" in record.ids else "doi"
        paper = Paper(title=record.title, ids={kind: record.ids[kind]})
        key = f"paper-{number:04d}"
        library.path_for(key).write_text(frontmatter.render(paper.to_fields(), "My notes.\n"), "utf-8")
    return library


def run(
    library: Library, network: RecordedNetwork, clock: VirtualClock, cache: Path | None
) -> dict[str, Any]:
    clock.now = clock.waited = 0.0
    network.latency = 0.0
    network.requests.clear()
    fetcher = Fetcher(
        httpx.Client(transport=httpx.MockTransport(network.handle)),
        cache_dir=cache,
        clock=clock.time,
        sleep=clock.sleep,
        now=time.time,
    )
    enricher = Enricher(library, Resolver(fetcher))
    keys = library.index.keys()
    started = time.perf_counter()
    statuses = Counter(outcome.status for outcome in enricher.run(keys))
    real = time.perf_counter() - started
    return {
        "papers": len(keys),
        "real": real,
        "rate_wait": fetcher.stats.rate_wait,
        "backoff": fetcher.stats.backoff_wait,
        "latency": network.latency,
        "requests": fetcher.stats.requests,
        "cache_hits": fetcher.stats.cache_hits,
        "statuses": dict(statuses),
        "per_host": dict(network.requests),
    }


def report(title: str, figures: dict[str, Any]) -> None:
    waiting = figures["rate_wait"] + figures["latency"] + figures["backoff"]
    total = waiting + figures["real"]
    print(f"\n{title}: {figures['papers']} papers, {figures['requests']} requests, "
          f"{figures['cache_hits']} cache hits")
    print(f"  total (simulated)        {total:9.1f} s")
    print(f"  waiting on the services  {waiting:9.1f} s  ({100 * waiting / total:.1f} %)")
    print(f"    rate limits            {figures['rate_wait']:9.1f} s")
    print(f"    network latency        {figures['latency']:9.1f} s")
    share = 100 * figures["real"] / total
    print(f"  paperlog itself (real)   {figures['real']:9.2f} s  ({share:.2f} %)")
    floor_host, floor = max(
        (
            (host, max(count - 1, 0) * RATE_LIMITS[HOST_SOURCE[host]])
            for host, count in figures["per_host"].items()
        ),
        key=lambda pair: pair[1],
        default=("", 0.0),
    )
    if floor:
        print(f"  rate-limit floor         {floor:9.1f} s  ({floor_host}: "
              f"{figures['per_host'][floor_host]} requests; the run took {total / floor:.2f}x that)")
    print(f"  per host: {figures['per_host']}")
    print(f"  outcomes: {figures['statuses']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=500)
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    parser.add_argument("--shared", type=Path, default=shared)
    args = parser.parse_args()
    fixtures = args.shared / "fixtures" / "http"
    if not fixtures.is_dir():
        sys.exit(f"no recordings at {fixtures}")
    clock = VirtualClock()
    network = RecordedNetwork(fixtures, clock)
    with tempfile.TemporaryDirectory() as folder:
        # Without a cache every paper asks the network for itself, as 500 distinct papers
        # would (the recorded ids repeat; a cache would answer the repeats).
        fresh = build_library(Path(folder) / "fresh", network, args.papers)
        report("enrich --all, first run (no cache: every paper asks)", run(fresh, network, clock, None))
        # Resuming: a first run fills the cache, the second finds every answer there.
        resumed = build_library(Path(folder) / "resumed", network, args.papers)
        cache = resumed.state_dir / "cache"
        run(resumed, network, clock, cache)
        report("enrich --all, second run (resumed: the cache answers)", run(resumed, network, clock, cache))

if __name__ == "__main__":
    main()
