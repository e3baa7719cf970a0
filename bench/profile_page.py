"""Profile one page, or a filter change, under the same harness as bench/run.py.

    python bench/profile_page.py --scale 100 --page timeline          # a page run, cache cold
    python bench/profile_page.py --scale 100 --page overview --filter-change

Prints the wall time of each measured run and the functions with the largest cumulative time
(cProfile), so that the part that dominates a slow page is found before anything is changed.
The database is the cached bench/out/demo-<scale>.duckdb that bench/run.py builds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument("--page", default="timeline", help="url path of the page (overview, timeline, …)")
    parser.add_argument("--filter-change", action="store_true",
                        help="profile a change of the country filter instead of a cold page run")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--no-profile", action="store_true", help="only time the runs")
    args = parser.parse_args()

    from run import _database_for  # bench/run.py: the cached demo database of this scale

    db_path = _database_for(args.scale)
    os.environ["ATLAS_DB"] = str(db_path)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from atlas import db as atlas_db
    from atlas.ui.frame import PAGES

    database = atlas_db.get_database(db_path)
    spec = next(p for p in PAGES if p.url_path == args.page)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.switch_page(spec.file).run()
    if at.exception:
        sys.exit(at.exception[0].message)

    if args.filter_change:
        countries = [str(c) for c in database.query("filters/countries")["iso2"].tolist()]
        choices = countries[: args.repeat + 1]

        def action(i: int) -> None:
            at.multiselect(key="filter_countries").set_value([choices[i]]).run()
    else:
        def action(i: int) -> None:
            st.cache_data.clear()
            at.run()

    # The page script runs in its own thread (Streamlit's script runner); the main thread only
    # waits for it. Every thread started while measuring gets a profiler of its own.
    profilers: list[cProfile.Profile] = []

    def start_profiling(*_args) -> None:
        profiler = cProfile.Profile()
        profilers.append(profiler)
        profiler.enable()

    for i in range(args.repeat):
        with database.trace() as calls:
            start = time.perf_counter()
            if not args.no_profile:
                threading.setprofile(start_profiling)
            try:
                action(i)
            finally:
                threading.setprofile(None)
            took = time.perf_counter() - start
        if at.exception:
            sys.exit(at.exception[0].message)
        query_seconds = 0.0
        for name, params in calls:
            q_start = time.perf_counter()
            database.query(name, params)
            query_seconds += time.perf_counter() - q_start
        print(f"run {i + 1}: {took * 1000:.0f} ms; {len(calls)} queries, "
              f"{query_seconds * 1000:.0f} ms when replayed")
    if args.no_profile:
        return
    out = io.StringIO()
    if not profilers:
        sys.exit("no script thread was profiled")
    stats = pstats.Stats(*profilers, stream=out)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
