"""How big the map gets at scale: `python bench/map_size.py [--scales 1 10 100]`.

For each scale a synthetic database is generated with `python -m atlas demo` under bench/out/
(100× is 20,000 trips and 2,000 cities), then the map page's queries are run and its map built
the way pages/map.py builds it, in several views (default, sector colours, English, presenter,
a country filter, one year). Recorded per view: the map's HTML as the browser gets it inside
the app (the component's script, header and HTML), the exported standalone file (Leaflet and
the basemap inlined), the number of circles and route lines, and the time of the queries and of
the build. Results go to bench/RESULTS-map.md. Target (reported, not asserted): the map's HTML
≤ 1.5 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS-map.md"
LIMIT = 1.5 * 1024 * 1024
sys.path.insert(0, str(ROOT))


def _database_for(scale: float) -> Path:
    path = OUT / f"demo-{scale:g}.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "atlas", "demo", "--scale", str(scale), "--db", str(path)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def _component_bytes(fmap) -> int:
    """What streamlit-folium sends to the browser for this map (script + header + html)."""
    import streamlit_folium as sf

    fmap.get_root().render()
    html, header = sf._get_html(fmap), sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    return len(json.dumps({"script": script, "header": header, "html": html}, ensure_ascii=False).encode("utf-8"))


def measure(scale: float) -> list[dict]:
    from atlas import maps
    from atlas.db import open_database
    from atlas.filters import Filters

    database = open_database(_database_for(scale), read_only=True)
    years = database.query("map/years", Filters().params())
    busiest = int(years.sort_values("trips").iloc[-1]["year"])
    country = database.sql("select c.country_iso2 from cities c join trip_destinations d using (city_id) "
                           "group by 1 order by count(*) desc limit 1").iat[0, 0]
    views = [
        ("default (Korean, by meetings, by country)", Filters(), {}, None),
        ("by visits, coloured by sector", Filters(), {"size_by": "visits", "color_by": "sector"}, None),
        ("English", Filters(), {"lang": "en"}, None),
        ("presenter, names hidden", Filters(), {"presenter": True, "hide_names": True}, None),
        (f"country filter ({country})", Filters(countries=(country,)), {}, None),
        (f"playback year {busiest}", Filters(), {}, busiest),
    ]
    rows = []
    for name, filters, options, year in views:
        span = {"year_from": year, "year_to": year}
        start = time.perf_counter()
        params = filters.params()
        cities = database.query("map/cities", {**params, **span, "city_id": None, "popup_items": 5})
        routes = database.query("map/trip_routes", {**params, **span, "max_trips": maps.MAX_TRIP_ROUTES})
        legs = None
        if not routes.empty and int(routes["total_trips"].iloc[0]) > maps.MAX_TRIP_ROUTES:
            legs, routes = database.query("map/legs", {**params, **span, "max_legs": maps.MAX_LEGS}), None
        homes = database.query("map/homes", {**params, **span})
        queried = time.perf_counter()
        view = maps.build_map(cities, routes, legs, homes, maps.MapOptions(**options))
        built = time.perf_counter()
        in_app = _component_bytes(view.map)
        exported = maps.build_map(cities, routes, legs, homes, maps.MapOptions(**options, app_fonts=False,
                                                                                 title="Engagement Atlas"))
        export_bytes = len(maps.standalone_html(exported.map).encode("utf-8"))
        rows.append({"scale": scale, "view": name, "cities": view.markers,
                     "lines": view.routes or view.legs, "aggregated": view.aggregated,
                     "in_app_bytes": in_app, "export_bytes": export_bytes,
                     "query_s": queried - start, "build_s": built - queried})
        print(f"{scale:g}× {name}: {view.markers} circles, {in_app:,} B in the app, {export_bytes:,} B exported",
              flush=True)
    database.close()
    return rows


def write(rows: list[dict]) -> None:
    worst = max(r["in_app_bytes"] for r in rows)
    worst_export = max(r["export_bytes"] for r in rows)
    lines = [
        "# Map size at scale",
        "",
        f"Written by `python bench/map_size.py` on {dt.date.today().isoformat()} "
        f"({platform.python_implementation()} {platform.python_version()}, {platform.machine()}). "
        "Synthetic data from `python -m atlas demo` (fixed seed); 100× is 20,000 trips in 2,000 cities.",
        "",
        f"Target: the map's HTML ≤ 1.5 MB ({LIMIT:,.0f} bytes). Largest measured: **{worst:,} bytes in the app** "
        f"({worst / LIMIT:.0%} of the target), {worst_export:,} bytes as an exported file "
        "(which also carries Leaflet itself). "
        + ("Within the target." if max(worst, worst_export) <= LIMIT else "**Over the target.**"),
        "",
        "In the app = the script, header and HTML that streamlit-folium hands to the browser (Leaflet's own "
        "files are served separately from static/node_modules). Export = the standalone file of the download "
        "button. Lines = one route per trip, or, above "
        "30 trips, the most travelled legs (at most 250). Popups list up to 5 trips and institutions per city "
        "(3 above 300 cities, 2 above 1,000).",
        "",
        "| scale | view | circles | lines | in the app (bytes) | export (bytes) | queries (s) | build (s) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['scale']:g}× | {r['view']} | {r['cities']:,} | {r['lines']:,}"
                     f"{' legs' if r['aggregated'] else ''} | {r['in_app_bytes']:,} | {r['export_bytes']:,} | "
                     f"{r['query_s']:.2f} | {r['build_s']:.2f} |")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 10, 100])
    args = parser.parse_args()
    rows = []
    for scale in args.scales:
        rows.extend(measure(scale))
    write(rows)


if __name__ == "__main__":
    main()
