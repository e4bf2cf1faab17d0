"""How fast does paperlog read a notebook? Generates a synthetic one and times the import.

    .venv/bin/python bench/bench_import.py            # 5 MB notebook, read only
    .venv/bin/python bench/bench_import.py --mb 20    # bigger
    .venv/bin/python bench/bench_import.py --write    # also write into a temporary library

Prints MB/s of Markdown read (structure walk, classification, faults, leftover), the
peak Python memory during the read (tracemalloc) and the process's peak RSS. The
notebook mixes the families the importer knows, at about the density of real ones
(roughly 0.5-1 KB of notes per paper, as in the seed notebooks): topic lists with
notes, dated logs, numbered headings with prose and math, tables and task lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

WORDS = [
    "attention", "residual", "network", "graph", "diffusion", "contrastive", "sparse", "token",
    "image", "video", "language", "model", "learning", "training", "representation", "efficient",
    "scalable", "robust", "adaptive", "neural", "deep", "transformer", "convolution", "memory",
    "retrieval", "generation", "alignment", "policy", "reward", "optimisation",
]
ZH = "模型训练数据注意力机制残差网络对比学习扩散生成检索表示优化策略奖励"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS).capitalize() for _ in range(rng.randint(4, 9))]
    return " ".join(words[:2]) + ": " + " ".join(words[2:])


def _zh(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ZH) for _ in range(n))


def notebook(size: int, seed: int = 7) -> str:
    """A notebook of about `size` bytes of UTF-8 Markdown."""
    rng = random.Random(seed)
    parts = ["# Synthetic reading notes\n\nEvery paper I read, grouped by topic. Total Count: 0\n"]
    total = len(parts[0])
    number = 0
    while total < size:
        kind = rng.choices(range(4), weights=(4, 3, 2, 1))[0]
        chunk: list[str] = []
        if kind == 0:
            chunk.append(f"\n## Topic {rng.choice(WORDS)} {number}\n")
            for _ in range(rng.randint(5, 15)):
                number += 1
                arxiv = f"{rng.randint(15, 24)}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
                chunk.append(f"* {rng.randint(2015, 2024)} - [{_title(rng)}](https://arxiv.org/pdf/{arxiv}.pdf)")
                for _ in range(rng.randint(3, 8)):
                    words = " ".join(rng.choices(WORDS, k=rng.randint(3, 10)))
                    chunk.append(f"  * {_zh(rng, rng.randint(25, 70))} {words}")
                if rng.random() < 0.2:
                    chunk.append(f"  * [想法] {_zh(rng, 30)}")
        elif kind == 1:
            day = dt.date(2020, 1, 1) + dt.timedelta(days=number)
            chunk.append(f"\n## {day.year}.{day.month}.{day.day}\n")
            for _ in range(rng.randint(1, 4)):
                number += 1
                chunk.append(f"《{_title(rng)}》\n    {rng.randint(2015, 2023)}年的文章")
                for _ in range(rng.randint(4, 12)):
                    chunk.append(f"    {_zh(rng, rng.randint(20, 50))}")
                chunk.append("")
        elif kind == 2:
            number += 1
            chunk.append(f"\n## {number}. {_title(rng)} ([link](https://arxiv.org/abs/2101.{number:05d}))\n")
            for _ in range(rng.randint(2, 5)):
                chunk.append(" ".join(rng.choices(WORDS, k=60)) + " $x_i^2 + \\alpha$.\n")
        else:
            chunk.append("\n## Queue\n\n| Paper | Status | Notes |\n|---|---|---|")
            for _ in range(rng.randint(5, 20)):
                number += 1
                chunk.append(f"| {_title(rng)} | {rng.choice(['✅', 'todo', 'reading'])} | {_zh(rng, 12)} |")
            chunk.append("\n- [ ] " + _title(rng) + "\n- [x] " + _title(rng))
        text = "\n".join(chunk) + "\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the notebook (MB)")
    parser.add_argument("--write", action="store_true", help="also write into a temporary library")
    parser.add_argument("--repeat", type=int, default=3, help="time this many reads, keep the best")
    args = parser.parse_args()

    from paperlog.importers import read_notebook
    from paperlog.importers.markdown import _rust_parser

    text = notebook(int(args.mb * 1024 * 1024))
    size_mb = len(text.encode("utf-8")) / (1024 * 1024)
    read_notebook("# warm up\n\n- [A Warm Up Paper Title](https://arxiv.org/abs/2101.00001)\n", "w.md")

    timings = []
    cpu_timings = []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        book = read_notebook(text, "synthetic.md")
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
    elapsed = min(timings)
    cpu = min(cpu_timings)
    tracemalloc.start()  # a separate run: tracing slows Python down several times
    read_notebook(text, "synthetic.md")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"notebook: {size_mb:.2f} MB, {len(book.papers)} papers, {len(book.other)} other items")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"read:     {elapsed:.2f} s = {size_mb / elapsed:.2f} MB/s wall-clock, "
          f"{size_mb / cpu:.2f} MB/s of CPU time "
          f"(best of {args.repeat}; load average {load:.1f} on {os.cpu_count()} CPUs)")
    print(f"memory:   peak traced {peak / 1024 / 1024:.0f} MB, peak RSS {rss:.0f} MB")
    figures = {
        "python": sys.version.split()[0], "cpus": os.cpu_count(), "load_average": load,
        "notebook_mb": round(size_mb, 2), "papers": len(book.papers),
        "read_s": round(elapsed, 3), "mb_per_s": round(size_mb / elapsed, 2),
        "cpu_mb_per_s": round(size_mb / cpu, 2), "peak_traced_mb": round(peak / 1024 / 1024, 1),
        "peak_rss_mb": round(rss), "parser": "rs" if _rust_parser() is not None else "py",
    }

    if args.write:
        from paperlog.importers.writer import import_notebook
        from paperlog.library import Library

        with tempfile.TemporaryDirectory() as folder:
            library = Library.init(Path(folder) / "lib")
            started = time.perf_counter()
            outcome = import_notebook(library, book, source_file="synthetic.md")
            elapsed = time.perf_counter() - started
            print(f"write:    {len(outcome.added)} files in {elapsed:.2f} s; recall {outcome.recall}")
            figures["write_s"] = round(elapsed, 2)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "import.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
