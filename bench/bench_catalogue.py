"""Benchmark: a 100,000-clip catalogue in the main window.

    .venv/bin/python bench/bench_catalogue.py [--clips 100000] [--keep]

Measures, in one run on this machine:
  * baseline: a plain ``SELECT *`` of all clip rows through sqlite3;
  * the catalogue queries behind each filter (subject, tag, text), as ratios
    of that baseline;
  * launch to first rows shown in the main window (a fresh process: Python
    start, Qt, the project, the first page of rows painted);
  * p95 of a filter change in the window (query, model reset, repaint);
  * the app process's peak RSS.
Goals (issue 4): first rows <= 1 s, filter p95 <= 50 ms, RSS <= 400 MB.
The absolute times depend on the machine; the ratios to the baseline travel.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gen_catalogue import generate  # noqa: E402

PROBE = Path(__file__).with_name("ui_probe.py")


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def baseline_select_all(catalogue: Path, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        con = sqlite3.connect(catalogue)
        t = time.perf_counter()
        con.execute("SELECT * FROM clips").fetchall()
        times.append(time.perf_counter() - t)
        con.close()
    return statistics.median(times)


def core_queries(project_dir: Path, runs: int = 30) -> dict[str, list[float]]:
    from docmanager.catalogue.clips import ClipQuery, clip_ids
    from docmanager.project import Project

    project = Project.open(project_dir, backup=False)
    with project.session() as s:
        subjects = [r[0] for r in s.connection().exec_driver_sql("SELECT name FROM subjects LIMIT 30")]
    words = ["Taiyuan", "MTS", "刘", "interview", "Beijing", "00123", "police", "静军"]
    tags = ["police", "DNA database", "interview", "reward", "b-roll", "night"]
    filters = {
        "subject": [ClipQuery(subject=subjects[i % len(subjects)]) for i in range(runs)],
        "tag": [ClipQuery(tag=tags[i % len(tags)]) for i in range(runs)],
        "text": [ClipQuery(text=words[i % len(words)]) for i in range(runs)],
        "all clips": [ClipQuery() for _ in range(runs)],
    }
    out: dict[str, list[float]] = {}
    for name, queries in filters.items():
        times = []
        for q in queries:
            with project.session() as s:
                t = time.perf_counter()
                clip_ids(s, q)
                times.append(time.perf_counter() - t)
        out[name] = times
    project.close()
    return out


def ui_probe(project_dir: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(Path(home) / "config"), XDG_DATA_HOME=str(Path(home) / "data"),
                   DOCMANAGER_LANG="en")
        start = time.time()
        proc = subprocess.run([sys.executable, str(PROBE), str(project_dir), repr(start), str(runs)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
        if proc.returncode != 0:
            raise SystemExit(f"the UI probe failed:\n{proc.stderr}")
        return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clips", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--keep", action="store_true", help="reuse bench/out/catalogue-N if present")
    args = ap.parse_args()

    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    project_dir = out_dir / f"catalogue-{args.clips}"
    if not (args.keep and project_dir.exists()):
        if project_dir.exists():
            import shutil

            shutil.rmtree(project_dir)
        t = time.perf_counter()
        generate(project_dir, args.clips)
        print(f"generated {args.clips} clips (3 files each) in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    base = baseline_select_all(project_dir / "catalogue.sqlite")
    queries = core_queries(project_dir, runs=args.runs)
    ui = ui_probe(project_dir, runs=args.runs)

    print(f"\nCatalogue of {args.clips:,} clips")
    print(f"baseline  SELECT * FROM clips (all rows, sqlite3): {base * 1000:7.1f} ms")
    print("core query (ids in display order)      median      p95   p95/baseline")
    for name, times in queries.items():
        print(f"  {name:<36} {statistics.median(times) * 1000:6.1f} ms {p95(times) * 1000:6.1f} ms   "
              f"{p95(times) / base:5.2f}x")
    print("main window")
    print(f"  launch to first rows shown            {ui['first_rows_s'] * 1000:7.0f} ms   "
          f"{ui['first_rows_s'] / base:5.1f}x baseline   (goal <= 1000 ms)")
    for name, times in ui["filters"].items():
        print(f"  filter change: {name:<22} p95 {p95(times) * 1000:6.1f} ms   {p95(times) / base:5.2f}x baseline"
              f"   (goal <= 50 ms)")
    print(f"  rows fetched for the first screen     {ui['rows_fetched']}")
    print(f"  peak RSS                              {ui['peak_rss_mb']:7.0f} MB   (goal <= 400 MB)")


if __name__ == "__main__":
    main()
