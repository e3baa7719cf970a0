"""One translation table, complete in both languages; Korean and English number/date formats."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from atlas import i18n
from atlas.i18n import LABELS, STRINGS, format_date, format_krw, format_money, format_period, label, t
from atlas.paths import ROOT


def test_every_string_has_korean_and_english():
    for key, entry in STRINGS.items():
        assert set(entry) == set(i18n.LANGUAGES), key
        assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
    for kind, values in LABELS.items():
        for code, entry in values.items():
            assert set(entry) == set(i18n.LANGUAGES), (kind, code)


def test_every_key_the_code_uses_exists():
    used = set()
    files = list((ROOT / "atlas").rglob("*.py")) + list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
        used |= set(re.findall(r"""["']((?:nav|filters|overview|col|status|pending|credits|app|units)\.[a-z_.]+)["']""", text))
    missing = {key for key in used if key not in STRINGS}
    assert not missing, missing
    assert len(used) > 20


def test_labels_cover_every_code_the_schema_allows():
    schema = (ROOT / "queries" / "migrations" / "001_core.sql").read_text(encoding="utf-8")

    def allowed(column: str) -> set[str]:
        match = re.search(rf"{column}\s+varchar[^\n]*?check \({column} in \(([^)]*)\)\)", schema, re.S)
        assert match, column
        return set(re.findall(r"'([a-z_]+)'", match.group(1)))

    assert allowed("stage") == set(LABELS["stage"])
    assert allowed("type").issuperset(set(LABELS["itype"])) or set(LABELS["itype"]) >= {"government"}


def test_korean_and_english_dates():
    day = dt.date(2024, 6, 24)
    assert format_date(day, "ko") == "2024. 6. 24."
    assert format_date(day, "en") == "Jun 24, 2024"
    assert format_period(day, dt.date(2024, 7, 1), "ko") == "2024. 6. 24. ~ 7. 1."
    assert format_period(dt.date(2019, 12, 30), dt.date(2020, 1, 2), "ko") == "2019. 12. 30. ~ 2020. 1. 2."
    assert format_period(day, dt.date(2024, 7, 1), "en") == "Jun 24, 2024 – Jul 1, 2024"
    assert format_date(None, "ko") == ""


def test_money_in_thousand_won_for_korean_readers():
    assert format_krw(9_100_000, "ko") == "9,100천원"
    assert format_krw(9_100_000, "en") == "KRW 9,100,000"
    assert format_money(Decimal("7000"), "USD", "ko") == "7,000달러"
    assert format_money(7000, "usd", "en") == "USD 7,000"
    assert format_money(None, "USD", "en") == ""


def test_lookups():
    assert t("nav.overview", "ko") == "개요" and t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "fr") == "개요"  # unknown language falls back to Korean
    assert t("pending.body", "en", issue=4).startswith("This page is not built yet (issue #4)")
    assert label("stage", "in_discussion", "ko") == "협의"
    assert label("stage", "mystery", "en") == "mystery"
