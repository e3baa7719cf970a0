"""The offline basemap: Natural Earth country outlines (public domain) at 1:110m, read at run
time from the `world-atlas` npm package that set-up installs into static/node_modules (the
repository keeps no copy). The TopoJSON is decoded here, Antarctica is left out (no one's
route ends there and it would cover the bottom of a Pacific-centred map), coordinates are
rounded to 0.01° and each polygon is moved into the map's longitude window (see
`atlas.maps.SEAM`), so that the Americas sit east of Korea across the Pacific.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from atlas.paths import ROOT

TOPOLOGY = ROOT / "static" / "node_modules" / "world-atlas" / "countries-110m.json"
ATTRIBUTION = "Natural Earth"
_LEFT_OUT = {"Antarctica", "Fr. S. Antarctic Lands"}


class BasemapMissing(FileNotFoundError):
    """static/node_modules has not been installed (npm ci --prefix static)."""


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for qx, qy, *_ in arc:
                x += qx
                y += qy
                points.append((x * kx + dx, y * ky + dy))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def shift_polygon(rings: list[list[tuple[float, float]]], seam: float) -> list[list[tuple[float, float]]]:
    """Move a whole polygon by +360° when its outer ring lies mostly west of `seam`, so that it
    is drawn inside the window [seam, seam + 360) without being cut in two. A polygon that
    Natural Earth cut at the antimeridian (Russia, Fiji: its ring runs along ±180°) has its
    points moved one by one, which joins its two edges at 180°."""
    outer = rings[0]
    if max(p[0] for p in outer) - min(p[0] for p in outer) > 180:
        return [[(lon + 360 if lon < seam else lon, lat) for lon, lat in ring] for ring in rings]
    mean_lon = sum(p[0] for p in outer) / len(outer)
    if mean_lon < seam:
        return [[(lon + 360, lat) for lon, lat in ring] for ring in rings]
    return rings


def _rounded(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


@lru_cache(maxsize=4)
def countries_geojson(seam: float, path: str = str(TOPOLOGY)) -> str:
    """The country outlines as a compact GeoJSON FeatureCollection string (one MultiPolygon
    per country, no properties: the basemap is drawn, never labelled or clicked)."""
    source = Path(path)
    if not source.is_file():
        raise BasemapMissing(f"{source} is missing: run `npm ci --prefix static`")
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("properties", {}).get("name") in _LEFT_OUT:
            continue
        polygons = []
        for rings in _polygons(geometry, arcs):
            moved = shift_polygon(rings, seam)
            rounded = [r for r in (_rounded(ring) for ring in moved) if len(r) >= 4]
            if rounded:
                polygons.append(rounded)
        if polygons:
            features.append({"type": "Feature", "properties": {},
                             "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
