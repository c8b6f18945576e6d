"""The long fuzz run: tests/reliability/test_fuzz_inputs.py with enough examples for ~100 000 cases.

It runs that test file under pytest (the same mutations and checks as CI, just many more of them),
collects the per-target outcome counts the file writes to FPA_FUZZ_REPORT, and stores them with
the time taken and the machine as JSON for docs/RELIABILITY.md.

    .venv/bin/python bench/fuzz_long.py --cases 100000 --json bench/results/fuzz.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_FILE = ROOT / "tests" / "reliability" / "test_fuzz_inputs.py"


def fuzz_tests() -> int:
    """How many fuzz tests the file has (each gets the same number of examples)."""
    return TEST_FILE.read_text(encoding="utf-8").count("\n@FUZZ\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000, help="total cases over all fuzz tests")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    tests = fuzz_tests()
    per_test = math.ceil(args.cases / tests)
    with tempfile.TemporaryDirectory(prefix="fpa-fuzz-") as tmp:
        report = Path(tmp) / "outcomes.json"
        env = {**os.environ, "FPA_FUZZ_EXAMPLES": str(per_test), "FPA_FUZZ_REPORT": str(report)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(TEST_FILE)]
        print(f"# {tests} fuzz tests × {per_test} examples = {tests * per_test} cases", flush=True)
        started = datetime.now(UTC)
        t0 = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - t0
        outcomes = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    print(result.stdout[-3000:])
    doc = {
        "kind": "fuzz-long",
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "cases_requested": args.cases,
        "examples_per_test": per_test,
        "tests": tests,
        "pytest_exit": result.returncode,
        "pytest_summary": result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "",
        "machine": {
            "python": platform.python_version(),
            "system": platform.platform(),
            "cpus": os.cpu_count(),
        },
        **outcomes,
    }
    if result.returncode != 0:
        doc["failure_output"] = result.stdout[-8000:]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"# {doc.get('cases', 0)} cases in {seconds:.0f} s, pytest exit {result.returncode}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
