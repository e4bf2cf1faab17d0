"""The core's figures: index build, reindex after one edit, search, CLI start-up.

    python bench/bench_core.py                  # 1,000 and 10,000 papers
    python bench/bench_core.py --with-100k      # and 100,000 (several minutes)
    python bench/bench_core.py --sizes 1000 --runs 5

Libraries come from `bench/generate.py` and are kept in `bench/out/libs/` between runs
(`--fresh` makes them again). The table goes to stdout, the figures to
`bench/out/core.json`. Targets, checked at the largest size measured:

- reindex after editing one file (`Index.sync`) within 2x the time to `os.stat` every file;
- in-process search p95 <= 10 ms;
- `paperlog --version` within 2x of `python -c pass`.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `paperlog` importable
    sys.path.insert(0, str(ROOT))

from bench.generate import generate_library  # noqa: E402
from paperlog.index import Filters, Index  # noqa: E402
from paperlog.library import Library  # noqa: E402
from paperlog.model import Status  # noqa: E402

OUT = ROOT / "bench" / "out"


@dataclass(frozen=True)
class Query:
    label: str
    text: str
    filters: Filters = field(default_factory=Filters)
    sort: str | None = None
    prefix_last: bool = False


#: What people type: single words, two words, a phrase, Chinese, filters, as-you-type.
QUERIES = (
    Query("word", "attention"),
    Query("common word", "model"),
    Query("two words", "diffusion sampling"),
    Query("phrase", '"optical flow"'),
    Query("zh word", "注意"),
    Query("zh two words", "模型 训练"),
    Query("word + status", "transformer", Filters(status=(Status.READ,))),
    Query("word + topic", "contrastive", Filters(topic="Vision")),
    Query("word + tag + years", "gradient", Filters(tags=("classic",), year_from=2018)),
    Query("zh + topic", "模型", Filters(topic="NLP")),
    Query("word, by year", "retrieval", sort="year"),
    Query("as you type", "retriev", prefix_last=True),
)

#: Queries for the end-to-end CLI runs (as typed on the command line).
CLI_QUERIES = (
    ("word", ["attention"]),
    ("zh word", ["注意"]),
    ("word + status", ["transformer", "--status", "read"]),
)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def paperlog_command() -> list[str]:
    script = Path(sys.executable).parent / "paperlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "paperlog"]


def cpu_timed(function: Callable[[], Any]) -> tuple[float, float]:
    """(wall-clock, CPU) seconds: CPU time shows what a busy machine's waits hide."""
    start, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - start, time.process_time() - cpu


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_quiet(command: list[str], cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of one run; its CPU seconds are appended to `cpu`."""
    start, before = time.perf_counter(), children_cpu()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(children_cpu() - before)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


# -- the measurements ----------------------------------------------------------------


def library_for(size: int, seed: int, fresh: bool) -> tuple[Path, float | None]:
    root = OUT / "libs" / f"{size}-seed{seed}"
    if fresh and root.exists():
        shutil.rmtree(root)
    if (root / "paperlog.toml").exists():
        return root, None
    if root.exists():  # a run that was stopped half-way
        shutil.rmtree(root)
    start = time.perf_counter()
    generate_library(root, size, seed=seed, jobs=os.cpu_count() or 1)
    return root, time.perf_counter() - start


def stat_every_file(papers: Path) -> int:
    """The floor for any sync: walk `papers/` and `os.stat` each Markdown file."""
    count = 0
    stack = [papers]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.name.endswith(".md"):
                    os.stat(entry.path)
                    count += 1
    return count


def edit_one(path: Path, number: int) -> None:
    """What a user's editor does: new content (size, mtime and hash all change)."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nEdited for the benchmark ({number}).\n")


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    root, generated = library_for(size, args.seed, args.fresh)
    result: dict[str, Any] = {"papers": size, "generate_s": round(generated, 2) if generated else None}
    library = Library(root)
    database = root / ".paperlog" / "index.sqlite"

    # Full build, from no index at all (unless --keep-index and there is one).
    if args.keep_index and database.exists():
        index = Index(library)
        index.sync()
        result["rebuild_s"] = result["rebuild_papers_per_s"] = None
    else:
        shutil.rmtree(root / ".paperlog", ignore_errors=True)
        index = Index(library)
        builds = []
        for _ in range(1 if size >= 100_000 else args.runs):
            builds.append(timed(index.rebuild))
        result["rebuild_s"] = round(statistics.median(builds), 3)
        result["rebuild_papers_per_s"] = round(size / statistics.median(builds))
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result["index_mb"] = round(database.stat().st_size / 1e6, 1)
    result["notes_mb"] = round(sum(p.stat().st_size for p in library.papers_dir.glob("*.md")) / 1e6, 1)

    # Stat, no-op sync and sync after an edit are interleaved, so that a busy moment on the
    # machine hits them alike; CPU time is kept beside wall-clock time for the same reason.
    repeats = max(5, args.runs)
    files = sorted(library.papers_dir.glob("*.md"))[:: max(1, size // repeats)][:repeats]
    stats, noops, syncs, opens = [], [], [], []
    for number, path in enumerate(files):
        stats.append(cpu_timed(lambda: stat_every_file(library.papers_dir)))
        noops.append(cpu_timed(index.sync))
        edit_one(path, number)
        syncs.append(cpu_timed(index.sync))
    for number, path in enumerate(files):  # what a CLI command pays: open, then sync
        edit_one(path, number + len(files))
        fresh = Library(root)
        opens.append(timed(functools.partial(getattr, fresh, "index")))
        fresh.index.close()

    def median(pairs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(pair[which] for pair in pairs)

    result["stat_all_ms"] = ms(median(stats, 0))
    result["noop_sync_ms"] = ms(median(noops, 0))
    result["edit_sync_ms"] = ms(median(syncs, 0))
    result["edit_open_sync_ms"] = ms(statistics.median(opens))
    result["edit_sync_vs_stat"] = round(median(syncs, 0) / median(stats, 0), 2)
    result["stat_all_cpu_ms"] = ms(median(stats, 1))
    result["noop_sync_cpu_ms"] = ms(median(noops, 1))
    result["edit_sync_cpu_ms"] = ms(median(syncs, 1))
    result["edit_sync_vs_stat_cpu"] = round(median(syncs, 1) / median(stats, 1), 2)

    # In-process search through the library's index.
    searches: list[float] = []
    searches_cpu: list[float] = []
    per_query: dict[str, dict[str, Any]] = {}
    for query in QUERIES:
        def search(query: Query = query) -> Any:
            return library.index.search(
                query.text, query.filters, sort=query.sort, limit=20, prefix_last=query.prefix_last
            )

        total = search().total  # warm-up, and the number of matches
        both = [cpu_timed(search) for _ in range(args.search_runs)]
        times = [wall for wall, _ in both]
        searches += times
        searches_cpu += [cpu for _, cpu in both]
        per_query[query.label] = {
            "query": query.text,
            "matches": total,
            "p50_ms": ms(statistics.median(times)),
            "max_ms": ms(max(times)),
        }
    result["search_p50_ms"] = ms(percentile(searches, 0.5))
    result["search_p95_ms"] = ms(percentile(searches, 0.95))
    result["search_cpu_p50_ms"] = ms(percentile(searches_cpu, 0.5))
    result["search_cpu_p95_ms"] = ms(percentile(searches_cpu, 0.95))
    result["search_queries"] = per_query
    library.index.close()
    index.close()

    # End to end: `paperlog search` as a new process (the index is already up to date).
    cli: dict[str, float] = {}
    cli_cpu: dict[str, float] = {}
    for label, words in CLI_QUERIES:
        command = [*paperlog_command(), "--library", str(root), "search", *words]
        run_quiet(command)
        cpu: list[float] = []
        cli[label] = ms(statistics.median(run_quiet(command, cpu) for _ in range(args.cli_runs)))
        cli_cpu[label] = ms(statistics.median(cpu))
    result["cli_search_ms"] = cli
    result["cli_search_cpu_ms"] = cli_cpu
    return result


def git_commit() -> str | None:
    """The commit measured, with `+dirty` when the package has uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "paperlog"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def bench_startup(runs: int) -> dict[str, float]:
    python = [sys.executable, "-c", "pass"]
    version = [*paperlog_command(), "--version"]
    run_quiet(python)
    run_quiet(version)
    bare: list[float] = []
    ours: list[float] = []
    bare_cpu: list[float] = []
    ours_cpu: list[float] = []
    for _ in range(runs):  # interleaved, so a busy moment hits both alike
        bare.append(run_quiet(python, bare_cpu))
        ours.append(run_quiet(version, ours_cpu))
    return {
        "python_pass_ms": ms(statistics.median(bare)),
        "paperlog_version_ms": ms(statistics.median(ours)),
        "ratio": round(statistics.median(ours) / statistics.median(bare), 2),
        "python_pass_cpu_ms": ms(statistics.median(bare_cpu)),
        "paperlog_version_cpu_ms": ms(statistics.median(ours_cpu)),
    }


# -- reporting -----------------------------------------------------------------------


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    names = list(sizes)
    rows = [["", *[f"{int(n):,} papers" for n in names]]]

    def row(label: str, value: Callable[[dict[str, Any]], str]) -> None:
        rows.append([label, *[value(sizes[n]) for n in names]])

    row("full build (Index.rebuild)", lambda r: _or_dash(r["rebuild_s"], "{:.2f} s"))
    row("  papers per second", lambda r: _or_dash(r["rebuild_papers_per_s"], "{:,}"))
    row("  index size (paper files)", lambda r: f"{r['index_mb']} MB ({r['notes_mb']} MB)")
    row("os.stat every file", lambda r: f"{r['stat_all_ms']:.1f} ms")
    row("sync, nothing changed", lambda r: f"{r['noop_sync_ms']:.1f} ms")
    row("sync after editing one file", lambda r: f"{r['edit_sync_ms']:.1f} ms")
    row("  as a multiple of the stat time", lambda r: f"{r['edit_sync_vs_stat']:.2f}x")
    row(
        "  CPU: stat / no-op sync / edit sync",
        lambda r: " / ".join(
            f"{r[name]:.0f}" for name in ("stat_all_cpu_ms", "noop_sync_cpu_ms", "edit_sync_cpu_ms")
        )
        + " ms",
    )
    row("  CPU multiple of the stat", lambda r: f"{r['edit_sync_vs_stat_cpu']:.2f}x")
    row("  open + sync (what a command pays)", lambda r: f"{r['edit_open_sync_ms']:.1f} ms")
    row("search in-process p50", lambda r: f"{r['search_p50_ms']:.2f} ms")
    row("search in-process p95", lambda r: f"{r['search_p95_ms']:.2f} ms")
    row("  CPU time p50 / p95", lambda r: f"{r['search_cpu_p50_ms']:.1f} / {r['search_cpu_p95_ms']:.1f} ms")
    for label in sizes[names[0]]["search_queries"]:
        row(f"  {label}", lambda r, label=label: _query_cell(r["search_queries"][label]))
    for label in sizes[names[0]]["cli_search_ms"]:
        row(
            f"paperlog search ({label}), CPU",
            lambda r, label=label: f"{r['cli_search_ms'][label]:.0f} ms, {r['cli_search_cpu_ms'][label]:.0f}",
        )
    out = [table(rows), ""]
    start = results["startup"]
    out.append(
        f"start-up: python -c pass {start['python_pass_ms']:.0f} ms, paperlog --version "
        f"{start['paperlog_version_ms']:.0f} ms ({start['ratio']:.2f}x); CPU "
        f"{start['python_pass_cpu_ms']:.0f} and {start['paperlog_version_cpu_ms']:.0f} ms"
    )
    out.append("")
    for name, target in results["targets"].items():
        verdict = "PASS" if target["ok"] else "MISS"
        out.append(f"{verdict}  {name}: {target['measured']} (target {target['target']})")
    return "\n".join(out)


def _or_dash(value: Any, form: str) -> str:
    return "-" if value is None else form.format(value)


def _query_cell(query: dict[str, Any]) -> str:
    return f"{query['p50_ms']:.2f} ms ({query['matches']:,})"


def targets(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    largest = results["sizes"][max(results["sizes"], key=int)]
    n = f"{largest['papers']:,} papers"
    start = results["startup"]
    return {
        f"reindex after one edit at {n}": {
            "measured": f"{largest['edit_sync_vs_stat']}x the stat time "
            f"({largest['edit_sync_vs_stat_cpu']}x in CPU time)",
            "target": "<= 2x",
            "ok": largest["edit_sync_vs_stat"] <= 2,
        },
        f"search p95 at {n}": {
            "measured": f"{largest['search_p95_ms']} ms",
            "target": "<= 10 ms",
            "ok": largest["search_p95_ms"] <= 10,
        },
        "CLI start-up": {
            "measured": f"{start['ratio']}x python -c pass",
            "target": "<= 2x",
            "ok": start["ratio"] <= 2,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated library sizes")
    parser.add_argument("--with-100k", action="store_true", help="add the 100,000-paper library")
    parser.add_argument("--runs", type=int, default=3, help="repeats of build/sync timings")
    parser.add_argument("--search-runs", type=int, default=20, help="repeats of each query")
    parser.add_argument("--cli-runs", type=int, default=5, help="repeats of each CLI search")
    parser.add_argument("--startup-runs", type=int, default=30, help="repeats of the start-up pair")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="generate the libraries again")
    parser.add_argument(
        "--keep-index", action="store_true", help="reuse an existing index: skip the full build"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_100k and 100_000 not in sizes:
        sizes.append(100_000)

    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": git_commit(),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "sizes": {},
    }
    for size in sizes:
        print(f"measuring {size:,} papers...", file=sys.stderr, flush=True)
        measured = results["sizes"][str(size)] = bench_size(size, args)
        print(
            f"  build {measured['rebuild_s']} s, edit+sync {measured['edit_sync_ms']} ms "
            f"(stat {measured['stat_all_ms']} ms), search p95 {measured['search_p95_ms']} ms",
            file=sys.stderr,
            flush=True,
        )
    print("measuring start-up...", file=sys.stderr, flush=True)
    results["startup"] = bench_startup(args.startup_runs)
    results["targets"] = targets(results)
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "core.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(report(results))
    print(f"\nwrote {OUT / 'core.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
