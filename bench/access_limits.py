"""What the read limits of issue #9 cost: a few page queries at a scale, run as an unlimited
user, as a user limited to one organization, and as a presenter (names hidden).

    python bench/access_limits.py [--db bench/out/demo-100.duckdb] [--repeat 5] [--write]

Prints medians in ms (DuckDB alone, no Streamlit). Not a test: reported, never asserted."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas.db import ReadLimits, open_database  # noqa: E402
from atlas.filters import Filters  # noqa: E402

QUERIES = {
    "overview/counts": {},
    "overview/trips_by_year": {},
    "map/cities": {"year_from": None, "year_to": None, "city_id": None, "popup_items": 5},
    "follow_ups/list": {},
    "programs/catalogue": {},
}


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(Path(__file__).parent / "out" / "demo-100.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="also write bench/ACCESS_RESULTS.md")
    args = parser.parse_args()
    database = open_database(args.db, read_only=True)
    biggest = int(database.sql("select organization_id from trips group by 1 order by count(*) desc limit 1").iat[0, 0])
    users = {"unlimited": None, "one organization": ReadLimits(organizations=(biggest,)),
             "presenter": ReadLimits(hide_names=True)}
    trips = int(database.sql("select count(*) from trips").iat[0, 0])
    lines = [f"# Read limits (issue #9): what they cost", "",
             f"`python bench/access_limits.py` on {Path(args.db).name}: {trips:,} trips; DuckDB alone, "
             f"medians of {args.repeat} runs, ms. Measured {time.strftime('%Y-%m-%d')}.", "",
             "| query | " + " | ".join(users) + " |", "|---|" + "---:|" * len(users)]
    for name, extra in QUERIES.items():
        params = {**Filters().params(), **extra}
        cells = [f"{median_ms(lambda: database.query(name, params, limits), args.repeat):.0f}"
                 for limits in users.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    setup = {label: median_ms(lambda: database._cursor(limits).close(), args.repeat)
             for label, limits in users.items()}
    lines += ["", "Cursor set-up alone (the views of queries/scripts/user_limits.sql): "
              + ", ".join(f"{k} {v:.0f} ms" for k, v in setup.items()) + "."]
    print("\n".join(lines))
    if args.write:
        (Path(__file__).parent / "ACCESS_RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
