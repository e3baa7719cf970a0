"""Benchmark every page at several data scales: `python bench/run.py [--scales 1 10 100]`.

For each scale a synthetic database is generated (python -m atlas demo) under bench/out/, then
each page is run in Streamlit's AppTest and measured:

- page: median time of a page run with Streamlit's data cache cleared (DuckDB itself warm),
  so every query the page needs really runs;
- queries: the time DuckDB alone needs for the same queries (recorded during the page run,
  then replayed directly);
- floor: the time of an empty Streamlit page under the same harness;
- ratio: page / (queries + floor) — what the page adds on top of its queries and Streamlit.

Also: the time of a filter change (a rerun of the first page with a new country, cache cold)
and the peak memory of the measuring process. Each scale runs in its own process so peak memory
is per scale. The databases are built once and kept (bench/out/demo-<scale>.duckdb; delete one
to rebuild it). Results go to bench/RESULTS.md: a run rewrites the tables and keeps the
hand-written "## Before / after" sections below them. Targets (reported, never asserted in
tests): ratio ≤ 1.5, filter change ≤ 300 ms at 100×, map HTML ≤ 1.5 MB.

To find what dominates a slow page: `python bench/profile_page.py --scale 100 --page timeline`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
sys.path.insert(0, str(ROOT))


def _database_for(scale: float) -> Path:
    path = OUT / f"demo-{scale:g}.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "atlas", "demo", "--scale", str(scale), "--db", str(path)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_filter_change(database, repeat: int) -> float:
    """Median seconds of a filter change on the first page (the overview): the user picks
    another country, and nothing of it is cached yet."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    countries = [str(c) for c in database.query("filters/countries")["iso2"].tolist()]
    changes = []
    for iso2 in countries[:repeat]:
        start = time.perf_counter()
        at.multiselect(key="filter_countries").set_value([iso2]).run()
        changes.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return statistics.median(changes)


def measure_scale(scale: float, repeat: int, db: str | None = None, pages_too: bool = True) -> dict:
    """Runs inside a child process (see main)."""
    db_path = Path(db) if db else _database_for(scale)
    os.environ["ATLAS_DB"] = str(db_path)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from atlas import db as atlas_db
    from atlas.ui.frame import PAGES

    database = atlas_db.get_database(db_path)

    def fresh_run(at: AppTest) -> None:
        st.cache_data.clear()
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.py"
        empty.write_text("import streamlit as st\n")
        floor_app = AppTest.from_file(str(empty), default_timeout=300)
        floor_app.run()
        floor = _median_seconds(lambda: fresh_run(floor_app), repeat)

    pages = []
    for spec in PAGES if pages_too else ():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        at.switch_page(spec.file).run()
        with database.trace() as calls:
            fresh_run(at)
        page_seconds = _median_seconds(lambda: fresh_run(at), repeat)

        def replay() -> None:
            for name, params in calls:
                database.query(name, params)

        query_seconds = _median_seconds(replay, repeat)
        pages.append({"page": spec.url_path, "page_ms": page_seconds * 1000, "queries_ms": query_seconds * 1000,
                      "floor_ms": floor * 1000, "queries": len(calls),
                      "ratio": page_seconds / (query_seconds + floor)})

    filter_change = measure_filter_change(database, repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"scale": scale, "pages": pages, "filter_change_ms": filter_change * 1000,
            "peak_memory_mb": peak_mb, "trips": int(database.sql("select count(*) as n from trips")["n"][0]),
            "meetings": int(database.sql("select count(*) as n from meetings")["n"][0])}


def _write_results(results: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python bench/run.py` on {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Synthetic data from "
        "`python -m atlas demo`. Times are medians; page times are with Streamlit's data cache "
        "cleared (every query runs). Targets: ratio ≤ 1.5, filter change ≤ 300 ms at 100×.",
        "",
    ]
    for result in results:
        lines += [
            f"## Scale {result['scale']:g}× — {result['trips']:,} trips, {result['meetings']:,} meetings",
            "",
            "| page | page ms | queries ms | floor ms | queries | ratio |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for page in result["pages"]:
            lines.append(f"| {page['page']} | {page['page_ms']:.0f} | {page['queries_ms']:.0f} | "
                         f"{page['floor_ms']:.0f} | {page['queries']} | {page['ratio']:.2f} |")
        lines += ["", f"Filter change: {result['filter_change_ms']:.0f} ms. "
                      f"Peak memory of the measuring process: {result['peak_memory_mb']:.0f} MB.", ""]
    text = "\n".join(lines)
    RESULTS.write_text(text + _kept_notes(), encoding="utf-8")
    return text


NOTES_HEADING = "## Before / after"


def _kept_notes() -> str:
    """The hand-written before / after sections of RESULTS.md (from the first heading starting
    with NOTES_HEADING to the end): a new run replaces the tables, never the history."""
    if not RESULTS.exists():
        return ""
    old = RESULTS.read_text(encoding="utf-8")
    start = old.find("\n" + NOTES_HEADING)
    return "\n" + old[start + 1:].rstrip() + "\n" if start >= 0 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)  # with --child: measure this database file
    parser.add_argument("--filter-change-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure_scale(args.child, args.repeat, args.db, not args.filter_change_only)))
        return
    results = []
    for scale in args.scales:
        child = subprocess.run([sys.executable, __file__, "--child", str(scale), "--repeat", str(args.repeat)],
                               cwd=ROOT, capture_output=True, text=True)
        if child.returncode != 0:
            sys.exit(f"scale {scale:g} failed:\n{child.stderr[-4000:]}")
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"scale {scale:g} done", file=sys.stderr)
    print(_write_results(results))


if __name__ == "__main__":
    main()
