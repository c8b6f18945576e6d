"""Demo generation speed: time and rows per second of ``generate_demo`` for N families.

    .venv/bin/python bench/bench_demo.py                       # 100 000 families (target: < 60 s)
    .venv/bin/python bench/bench_demo.py --families 20000 --profile

Wall time is what a user waits; CPU time shows how much of it was this process when other work
shares the machine. Rows are the records written (each also wrote one change-log entry).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services.demo import generate_demo  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--county", default="430121000000")
    parser.add_argument("--keep", type=Path, help="write the database here instead of a temporary folder")
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions (cProfile)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fpa-bench-demo-") as tmp:
        target = args.keep or Path(tmp) / "demo.db"
        chunks: list[float] = []
        started = time.perf_counter()
        cpu_started = time.process_time()

        def progress(done: int, total: int) -> None:
            chunks.append(time.perf_counter())

        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        summary = generate_demo(
            target, args.county, families=args.families, seed=args.seed, progress=progress
        )
        if profiler:
            profiler.disable()
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        size = target.stat().st_size
    rows = summary.changes
    print(f"families        {summary.families:>12,}")
    print(f"rows written    {rows:>12,}   (+ as many change-log entries)")
    print(f"wall time       {wall:>12.1f} s   (CPU {cpu:.1f} s)")
    print(f"rows/s          {rows / wall:>12,.0f}")
    print(f"families/s      {summary.families / wall:>12,.0f}")
    if len(chunks) > 1:
        gaps = [b - a for a, b in itertools.pairwise(chunks)]
        print(f"per chunk       {min(gaps):>12.2f} s … {max(gaps):.2f} s ({len(chunks)} chunks)")
    print(f"database size   {size / 2**20:>12.0f} MB")
    print(f"summary         {summary}")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
