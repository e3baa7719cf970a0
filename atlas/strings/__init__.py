"""The translation table, kept as one module per area of the app (frame.py, map.py, …) so
that each area owns its strings. `collect()` merges them into the single table that
`atlas.i18n` serves; a key defined twice is an error, not a silent override.

Each module defines `STRINGS = {key: {"ko": …, "en": …}}` and may define
`LABELS = {kind: {code: {"ko": …, "en": …}}}` for stored codes (stages, types, sectors …).
"""

from __future__ import annotations

import importlib
import pkgutil


def collect() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, dict[str, str]]]]:
    strings: dict[str, dict[str, str]] = {}
    labels: dict[str, dict[str, dict[str, str]]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(module, "STRINGS", {}).items():
            if key in strings:
                raise ValueError(f"translation key {key!r} is defined twice (again in {info.name}.py)")
            strings[key] = entry
        for kind, codes in getattr(module, "LABELS", {}).items():
            for code, entry in codes.items():
                if code in labels.setdefault(kind, {}):
                    raise ValueError(f"label {kind}.{code} is defined twice (again in {info.name}.py)")
                labels[kind][code] = entry
    return strings, labels
