#!/usr/bin/env python3
"""Hostile-input benchmark: one-incident KBs built to cost time or memory out of proportion to
their size (100,000 broken wiki links, 16,000 on one line, 50,000 timeline items without a time,
a 1.9 MB pasted log in a code block, as prose and as timeline items, a 100 KB line in a bash
block, deep nesting, a 10,000-row table). For each, `hindsight check` and `hindsight build`
are timed (best of RUNS, wall time and peak RSS), and the build's slowest page is read from
`--timings`.

Budgets (the security issue): check under 2 s for the wiki-link and log cases; no page over
1 s. Compare binaries in the same run: BASELINE=path/to/older/hindsight runs both,
alternating, and prints the ratio.

Usage: scripts/bench-hostile.py            (builds the release binary first)
       HINDSIGHT_BIN=... BASELINE=... RUNS=3 scripts/bench-hostile.py
"""

import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("RUNS", "3"))


def log_lines(limit):
    random.seed(1)
    words = "error timeout replica failed connection refused upstream worker pool retry".split()
    out, size, i = [], 0, 0
    while True:
        line = f"2024-03-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z ERROR pid={random.randint(100, 9999)} " + " ".join(
            random.choice(words) for _ in range(12)
        )
        size += len(line) + 3
        if size > limit:
            return out
        out.append(line)
        i += 1


def cases():
    log = log_lines(1_880_000)
    yield "wiki links, 100,000 lines", "[[x]]\n" * 100_000
    yield "wiki links, 16,000 on one line", " ".join(["[[x]]"] * 16_000) + "\n"
    yield "wiki links that resolve, 100,000", "[[a]]\n" * 100_000
    yield "timeline, 50,000 items without a time", "## Timeline\n\n" + "- x\n" * 50_000
    yield "1.9 MB log in a code block", "## What went wrong\n\n```\n" + "\n".join(log) + "\n```\n"
    yield "1.9 MB log as prose", "## What went wrong\n\n" + "\n".join(log) + "\n"
    yield "1.9 MB log as timeline items", "## Timeline\n\n" + "\n".join("- " + l[11:] for l in log) + "\n"
    yield "100 KB line in a bash block", "```bash\n" + 'echo "$(x)" ' * 8_500 + "\n```\n"
    # Just under both limits of highlighting (256 KB a block, 10,000 characters a line): the
    # most a block can cost the highlighter.
    yield "250 KB bash block of 9,900-character lines", "```bash\n" + "\n".join(['echo "$(x)" ' * 825] * 25) + "\n```\n"
    yield "nested quotes and lists, 5,000 and 1,000 deep", "> " * 5_000 + "x\n\n" + "".join("  " * i + "- x\n" for i in range(1_000))
    yield "table of 10,000 rows", "| a | b | c |\n|---|---|---|\n" + "| x | [y](https://example.com) | `z` |\n" * 10_000


def make_kb(root, body):
    inc = root / "content" / "incidents"
    inc.mkdir(parents=True)
    (inc / "a.md").write_text(
        "---\ntitle: Hostile input\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\n"
        "resolved: 2024-03-02T10:00:00Z\n---\n\n## Summary\n\nA hostile file.\n\n" + body
    )


LIMIT = float(os.environ.get("LIMIT", "60"))


def timed(cmd):
    """(wall seconds, peak RSS MB, stderr) of one run; a run over LIMIT seconds is stopped
    and counted as LIMIT."""
    start = time.perf_counter()
    try:
        p = subprocess.run(["/usr/bin/time", "-f", "RSS %M"] + cmd, capture_output=True, text=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return LIMIT, float("nan"), ""
    wall = time.perf_counter() - start
    rss = int(re.search(r"RSS (\d+)", p.stderr).group(1)) / 1024
    return wall, rss, p.stderr


def measure(binary, root):
    checks = [timed([binary, "check", "--root", str(root)])]
    if checks[0][0] < LIMIT:
        checks += [timed([binary, "check", "--root", str(root)]) for _ in range(RUNS - 1)]
    check = min(checks, key=lambda r: r[0])
    builds = [timed([binary, "build", "--root", str(root), "--timings"])]
    if builds[0][0] < LIMIT:
        builds += [timed([binary, "build", "--root", str(root), "--timings"]) for _ in range(RUNS - 1)]
    build = min(builds, key=lambda r: r[0])
    slowest = [float(m.group(1)) for _, _, err in builds for m in [re.search(r"slowest page\s+([\d.]+) ms", err)] if m]
    return check, build, (min(slowest) if slowest else None)


def main():
    binary = os.environ.get("HINDSIGHT_BIN")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=REPO, check=True)
        binary = str(REPO / "target" / "release" / "hindsight")
    baseline = os.environ.get("BASELINE")
    print(f"{'case':<40} {'check':>8} {'RSS':>7} {'build':>8} {'slowest page':>13}" + ("   baseline check / build" if baseline else ""))
    for name, body in cases():
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            make_kb(root, body)
            (c, crss, _), (b, _, _), slow = measure(binary, root)
            line = f"{name:<40} {c:>7.2f}s {crss:>5.0f}MB {b:>7.2f}s {slow if slow is not None else float('nan'):>10.1f} ms"
            if baseline:
                (bc, _, _), (bb, _, _), _ = measure(baseline, root)
                line += f"   {bc:>6.2f}s / {bb:>6.2f}s (x{bc / c:.1f} / x{bb / b:.1f})"
            print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
