"""Benchmark: `paperlog site build` on a synthetic library, full and incremental.

    .venv/bin/python bench/bench_site.py [--papers 10000] [--out bench/out/site-bench]

Targets (docs/outputs.md): a full build of 10,000 papers in at most 20 s, and a rebuild
after editing one paper's notes in at most 2 s. The library comes from
`bench/generate.py` (the same seed gives the same library). Index sync is timed on its
own: it is the index's cost, paid once, not the site's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.generate import generate_library  # noqa: E402
from paperlog.library import Library  # noqa: E402
from paperlog.render.site import build_site  # noqa: E402

FULL_LIMIT = 20.0
INCREMENTAL_LIMIT = 2.0


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(label: str, action: Callable[[], object]) -> tuple[float, object]:
    started, cpu = time.perf_counter(), _cpu()
    result = action()
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu
    detail = ""
    if result is not None and hasattr(result, "rendered_papers"):
        detail = (f"rendered {result.rendered_papers}, wrote {result.written}, "
                  f"kept {result.unchanged}")
    print(f"{label:<44} {seconds:7.2f} s wall {cpu:7.2f} s cpu (with workers)  {detail}")
    return seconds, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "site-bench")
    parser.add_argument("--jobs", type=int, default=4, help="processes for generating the library")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for the first build (default: one per CPU)")
    parser.add_argument("--fresh", action="store_true",
                        help="generate the library again even if --out holds one of that size")
    args = parser.parse_args(argv)

    root = args.out / "library"
    site = args.out / "site"
    marker = args.out / f"papers-{args.papers}"
    if args.fresh or not marker.exists():
        if args.out.exists():
            shutil.rmtree(args.out)
        _timed(f"generate {args.papers} papers",
               lambda: generate_library(root, args.papers, jobs=args.jobs) and None)
        marker.touch()
    else:
        shutil.rmtree(site, ignore_errors=True)
        (root / ".paperlog" / "site-cache.sqlite").unlink(missing_ok=True)
    print(f"CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    library = Library(root)
    _timed("index sync", lambda: library.index.sync() and None)

    full, _ = _timed("site build, full (first build)",
                     lambda: build_site(library, site, workers=args.workers))
    _timed("site build again, nothing changed", lambda: build_site(library, site))

    key = sorted(library.index.keys())[len(library.index.keys()) // 2]
    paper = library.get(key)
    library.set_notes(key, paper.notes + "\nOne more line, edited for the benchmark. 再加一行。\n")
    incremental, _ = _timed("site build after editing one paper's notes",
                                 lambda: build_site(Library(root), site))

    library = Library(root)
    library.update(key, {"title": paper.title + " (retitled)"})
    _timed("site build after retitling one paper",
                             lambda: build_site(Library(root), site))

    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    print(f"\n{pages} pages, {size:.1f} MB in {site}")
    ok = full <= FULL_LIMIT and incremental <= INCREMENTAL_LIMIT
    print(f"full build {full:.2f} s (limit {FULL_LIMIT:.0f} s), incremental {incremental:.2f} s "
          f"(limit {INCREMENTAL_LIMIT:.0f} s): {'OK' if ok else 'TOO SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
