#!/usr/bin/env python3
"""Build benchmark: generates KBs of N incidents with the gen-corpus example, builds each
with the release binary several times over its previous output (as a CI rebuild would), and
reports wall time, pages per second and peak RSS, against the budget for 10k incidents.

Usage: scripts/bench.py [N ...]            (default: 1000 10000)
Env:   RUNS=3 (measured runs after one warm-up), BENCH_DIR=target/bench
"""

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "hindsight"
GEN = ROOT / "target" / "release" / "examples" / "gen-corpus"
BUDGET_SECONDS = 4.0  # full build of 10k incidents, 2 cores
BUDGET_RSS_MB = 500.0


def run_measured(cmd):
    """Runs cmd; returns (wall seconds, peak RSS in MB, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr}")
    return wall, usage.ru_maxrss / 1024.0, stderr


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    runs = int(os.environ.get("RUNS", "3"))
    work = Path(os.environ.get("BENCH_DIR", ROOT / "target" / "bench"))
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--bin", "hindsight", "--example", "gen-corpus"],
        cwd=ROOT, check=True,
    )
    print(f"machine: {os.cpu_count()} cores; {runs} measured runs after one warm-up; median (best)")
    print()
    print("| incidents | pages | wall time | pages/s | peak RSS | stages (median run) |")
    print("|---:|---:|---:|---:|---:|---|")
    verdicts = []
    for n in sizes:
        kb = work / f"kb-{n}"
        if not (kb / "content").is_dir():
            subprocess.run([str(GEN), str(n), str(kb)], check=True, stdout=subprocess.DEVNULL)
        out = work / f"out-{n}"
        cmd = [str(BIN), "build", "--root", str(kb), "--output", str(out), "--timings"]
        run_measured(cmd)  # warm-up: file cache, and an existing output to replace
        results = [run_measured(cmd) for _ in range(runs)]
        walls = sorted(r[0] for r in results)
        rss = max(r[1] for r in results)
        median_run = sorted(results, key=lambda r: r[0])[len(results) // 2]
        pages = int(re.search(r"Built (\d+) pages", median_run[2]).group(1))
        stages = ", ".join(
            f"{name} {float(ms) / 1000:.2f} s"
            for name, ms in re.findall(r"^\s+(\w+)\s+([\d.]+) ms$", median_run[2], re.M)
        )
        wall = statistics.median(walls)
        print(f"| {n:,} | {pages:,} | {wall:.2f} s ({walls[0]:.2f} s) | {pages / wall:,.0f} | {rss:.0f} MB | {stages} |")
        if n == 10000:
            verdicts.append(f"10k build: {wall:.2f} s against a budget of {BUDGET_SECONDS} s: "
                            + ("within" if wall <= BUDGET_SECONDS else "OVER"))
            verdicts.append(f"10k peak RSS: {rss:.0f} MB against a budget of {BUDGET_RSS_MB:.0f} MB: "
                            + ("within" if rss <= BUDGET_RSS_MB else "OVER"))
    if verdicts:
        print()
        for v in verdicts:
            print(v)


if __name__ == "__main__":
    main()
