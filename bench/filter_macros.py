"""Measure the filter macros of migration 003 against those of migration 002 they replaced.

    python bench/filter_macros.py [--scale 100]

On a copy of the benchmark database (bench/out/demo-<scale>.duckdb), every named query that
takes the shared filter parameters is run for a set of filter combinations, first with the
macros of migration 002, then with those of 003: the results must be identical (003 changes
speed, not meaning), and the time of the overview's queries — what a filter
change on the first page waits for — is reported before and after. Nothing is written to the
original database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PROPOSAL = ROOT / "queries" / "migrations" / "003_faster_filter_macros.sql"
ORIGINAL = ROOT / "queries" / "migrations" / "002_settings_and_filter_macros.sql"


def _macros_of_002() -> str:
    """The filter macros as 002 defined them (its settings table left out), to replace 003's."""
    text = ORIGINAL.read_text(encoding="utf-8")
    start = text.index("create macro trip_places()")
    return text[start:].replace("create macro", "create or replace macro")
OVERVIEW = ("overview/counts", "overview/programs_count", "overview/follow_up_status", "overview/recent_trips",
            "overview/trips_by_year", "overview/top_cities", "overview/top_sectors")


def _filter_sets(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Filter combinations drawn from the data itself (the busiest country, city, sector …)."""
    from atlas.filters import Filters

    def one(sql: str):
        return con.execute(sql).fetchone()[0]

    country = one("select c.country_iso2 from meetings m join cities c using (city_id) group by 1 order by count(*) desc limit 1")
    second = one(f"select c.country_iso2 from meetings m join cities c using (city_id) where c.country_iso2 <> '{country}' "
                 "group by 1 order by count(*) desc limit 1")
    city = one("select city_id from meetings where city_id is not null group by 1 order by count(*) desc limit 1")
    sector = one("select s from (select unnest(sectors) as s from institutions) group by 1 order by count(*) desc limit 1")
    itype = one("select type from institutions group by 1 order by count(*) desc limit 1")
    org = one("select organization_id from trips group by 1 order by count(*) desc limit 1")
    dept = one(f"select department_id from trips where organization_id = {org} and department_id is not null "
               "group by 1 order by count(*) desc limit 1")
    year = one("select max(year(start_date)) - 2 from trips")
    sets = {
        "none": Filters(),
        "country": Filters(countries=(country,)),
        "two countries": Filters(countries=(country, second)),
        "city": Filters(city_ids=(int(city),)),
        "sector": Filters(sectors=(sector,)),
        "institution type": Filters(itypes=(itype,)),
        "country + sector": Filters(countries=(country,), sectors=(sector,)),
        "period": Filters(date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31)),
        "organization + department + country": Filters(org_ids=(int(org),), dept_ids=(int(dept),), countries=(country,)),
        "Korea (home country)": Filters(countries=("KR",)),
    }
    return {name: filters.params() for name, filters in sets.items()}


def _extras(con: duckdb.DuckDBPyConnection) -> dict:
    city = con.execute("select city_id from meetings where city_id is not null group by 1 "
                       "order by count(*) desc limit 1").fetchone()[0]
    return {"city_id": int(city), "limit": 10, "today": dt.date.today(), "popup_items": 5, "year_from": None,
            "year_to": None, "max_legs": 5000, "max_trips": 2000, "offset": 0, "organization_id": None,
            "department_id": None, "cell_from": None, "cell_to": None}


def _run(con, name: str, params: dict) -> pd.DataFrame:
    from atlas import queries

    query = queries.load(name)
    return con.execute(query.sql, query.bind(params)).df()


def _timed(con, names, params, repeat: int) -> float:
    """Median over `repeat` of the summed time of `names` (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for name in names:
            _run(con, name, params)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    try:
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)
        return True
    except AssertionError:
        return False


def _filter_change_ms(scale: float, db: Path, repeat: int) -> float:
    """bench/run.py's filter change (AppTest, overview, a new country each time) on `db`."""
    child = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--child", str(scale), "--db", str(db),
                            "--filter-change-only", "--repeat", str(repeat)],
                           cwd=ROOT, capture_output=True, text=True)
    if child.returncode != 0:
        sys.exit(child.stderr[-4000:])
    return json.loads(child.stdout.strip().splitlines()[-1])["filter_change_ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from atlas import queries
    from atlas.filters import Filters
    from run import _database_for

    filter_params = set(Filters().params())
    names = [n for n in queries.all_names() if filter_params <= queries.load(n).params]
    with tempfile.TemporaryDirectory() as tmp:
        baseline, proposed = Path(tmp) / "baseline.duckdb", Path(tmp) / "proposed.duckdb"
        shutil.copy(_database_for(args.scale), baseline)
        shutil.copy(baseline, proposed)
        before, after = duckdb.connect(str(baseline)), duckdb.connect(str(proposed))
        before.execute(_macros_of_002())  # the benchmark database may already be at 003
        after.execute(PROPOSAL.read_text(encoding="utf-8"))
        extras = _extras(before)
        sets = _filter_sets(before)
        differences = []
        print("| filters | overview queries, landed macros (ms) | proposed macros (ms) | rows compared |")
        print("|---|---:|---:|---:|")
        for label, params in sets.items():
            merged = {**extras, **params}
            checked = 0
            for n in names:
                old, new = _run(before, n, merged), _run(after, n, merged)
                checked += len(old)
                if not _same(old, new):
                    differences.append(f"{label}: {n}")
            # alternate the two databases so that load on the machine hits both alike
            old_times, new_times = [], []
            for _ in range(args.repeat):
                old_times.append(_timed(before, OVERVIEW, merged, 1))
                new_times.append(_timed(after, OVERVIEW, merged, 1))
            print(f"| {label} | {statistics.median(old_times) * 1000:.0f} | "
                  f"{statistics.median(new_times) * 1000:.0f} | {checked:,} |")
        before.close()
        after.close()
        change_before = _filter_change_ms(args.scale, baseline, args.repeat)
        change_after = _filter_change_ms(args.scale, proposed, args.repeat)
    print()
    print(f"Filter change (bench/run.py's, {args.repeat} changes, median): "
          f"{change_before:.0f} ms with the landed macros, {change_after:.0f} ms with the proposal.")
    print(f"{len(names)} filtered queries x {len(sets)} filter sets compared: "
          + ("all identical" if not differences else f"{len(differences)} differ: {differences}"))
    if differences:
        sys.exit(1)


if __name__ == "__main__":
    main()
