"""The entity pages' queries (issue #7: queries/city/, queries/entity/ and the trip and
institution sections added to the template) and their pure builders (atlas/entity.py).

Expected numbers are worked out by hand, never by running the query:

* from data/seed/documents/*.json for the seed database: the DISTEP report (004) sends one trip
  to Seattle (5809844) and Calgary (5913490) with 9 meetings, 6 of them in Calgary, 12 programs
  (8 of Calgary institutions), 18 follow-ups (15 name a Calgary institution) and 17 flags; the
  Seoul news article (000) has 10 meetings, 3 of them in Washington (4140963), one with the
  Council on Foreign Relations, which is based in New York (5128581);
* from the small dataset built by `small_db` below, whose rows are listed in its docstring.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from atlas import entity
from atlas import timeline as tl
from atlas.filters import Filters
from atlas.maps import MapOptions, build_map

CALGARY, SEATTLE, TORONTO, DAEJEON = 5913490, 5809844, 6167865, 1835235
WASHINGTON, NEW_YORK, LAS_VEGAS, SAN_FRANCISCO, PALO_ALTO = 4140963, 5128581, 5506956, 5391959, 5380748
NO_FILTERS = Filters().params()


def city_params(city_id: int, **filters) -> dict:
    return {**NO_FILTERS, **filters, "city_id": city_id}


def _id(database, sql: str, *args) -> int:
    return int(database.sql(sql, list(args)).iat[0, 0])


def _trip(database, prefix: str) -> int:
    return _id(database, "select t.trip_id from trips t join documents d using (document_id) where d.file_name like ?",
               prefix + "%")


def _institution(database, name_en: str) -> int:
    return _id(database, "select institution_id from institutions where name_en = ?", name_en)


# -- the seed database ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    """The seed database, built once for this module (the queries only read it)."""
    from atlas import db as atlas_db
    from atlas.seed import ensure_reference_data, load_seed_dataset

    database = atlas_db.open_database(tmp_path_factory.mktemp("entity") / "seed.duckdb")
    ensure_reference_data(database)
    load_seed_dataset(database)
    yield database
    database.close()


def test_city_facts_of_calgary(seeded_db):
    row = seeded_db.query("city/facts", {"city_id": CALGARY}).iloc[0]
    assert (row["name_ko"], row["name_en"], row["country_iso2"], row["country_ko"]) == ("캘거리", "Calgary", "CA", "캐나다")
    assert row["timezone"] == "America/Edmonton" and int(row["population"]) == 1306784
    assert seeded_db.query("city/facts", {"city_id": 1}).empty


def test_visited_cities_to_pick_from(seeded_db):
    cities = seeded_db.query("city/list", NO_FILTERS)
    # abroad: Seattle, Calgary (DISTEP); Las Vegas, San Francisco, Washington (destinations) and Palo Alto
    # (the Stanford lecture's city) of the Seoul trip. Never Daejeon, Incheon or Seoul (home, not abroad).
    assert set(cities["city_id"]) == {SEATTLE, CALGARY, LAS_VEGAS, SAN_FRANCISCO, WASHINGTON, PALO_ALTO}
    assert cities.iloc[0]["city_id"] == CALGARY and int(cities.iloc[0]["meetings"]) == 6  # most met first
    meetings = dict(zip(cities["city_id"], cities["meetings"]))
    assert meetings == {CALGARY: 6, LAS_VEGAS: 4, SEATTLE: 3, WASHINGTON: 3, SAN_FRANCISCO: 2, PALO_ALTO: 1}
    canada = seeded_db.query("city/list", {**NO_FILTERS, "countries": ["CA"]})
    assert list(canada["city_id"]) == [CALGARY]


def test_trips_to_calgary(seeded_db):
    trips = seeded_db.query("city/trips", city_params(CALGARY))
    assert len(trips) == 1
    trip = trips.iloc[0]
    assert trip["title"] == "미국·캐나다 공무국외출장"
    assert int(trip["meetings"]) == 9 and int(trip["meetings_here"]) == 6
    # itinerary rows 9–17 have Calgary as their place: 27 June (arrival) to 30 June (to the airport)
    assert (trip["stay_start"].date(), trip["stay_end"].date()) == (dt.date(2024, 6, 27), dt.date(2024, 6, 30))
    assert list(trip["cities_en"]) == ["Seattle", "Calgary"]
    assert seeded_db.query("city/trips", city_params(DAEJEON)).empty  # home, never "visited"


def test_meetings_held_in_calgary(seeded_db):
    meetings = seeded_db.query("city/meetings", city_params(CALGARY, limit=50))
    assert list(meetings["title"]) == ["BiohubX 회의", "캘거리 부시장 면담", "플랫폼캘거리 시찰", "캘거리경제개발공사 회의",
                                       "이노베이트캘거리 회의 및 시찰", "캘거리시 인력교류담당자 면담"]
    assert set(meetings["total"]) == {6}
    assert meetings.iloc[0]["timezone"] == "America/Edmonton"
    cut = seeded_db.query("city/meetings", city_params(CALGARY, limit=2))
    assert len(cut) == 2 and int(cut.iloc[0]["total"]) == 6  # the total still counts them all


def test_undated_meetings_in_washington_come_with_their_institutions(seeded_db):
    meetings = seeded_db.query("city/meetings", city_params(WASHINGTON, limit=50))
    assert len(meetings) == 3 and meetings["meeting_date"].isna().all()
    assert set(meetings["institution_en"]) == {"Council on Foreign Relations", "U.S. Department of State",
                                               "U.S. Chamber of Commerce"}


def test_institutions_of_calgary(seeded_db):
    frame = seeded_db.query("city/institutions", city_params(CALGARY))
    here = dict(zip(frame["name_en"], frame["meetings_here"]))
    assert here == {"City of Calgary": 2, "BiohubX": 1, "Platform Calgary": 1, "Calgary Economic Development": 1,
                    "Innovate Calgary": 1}
    assert frame.iloc[0]["name_en"] == "City of Calgary"  # the most met here first
    programs = dict(zip(frame["name_en"], frame["programs"]))
    assert programs == {"City of Calgary": 1, "BiohubX": 1, "Platform Calgary": 2, "Calgary Economic Development": 0,
                        "Innovate Calgary": 4}


def test_institutions_of_washington_include_one_based_elsewhere(seeded_db):
    frame = seeded_db.query("city/institutions", city_params(WASHINGTON))
    based = dict(zip(frame["name_en"], frame["city_id"]))
    assert based == {"U.S. Department of State": WASHINGTON, "U.S. Chamber of Commerce": WASHINGTON,
                     "Council on Foreign Relations": NEW_YORK}


def test_programs_and_follow_ups_of_calgary(seeded_db):
    programs = seeded_db.query("city/programs", city_params(CALGARY))
    assert len(programs) == 8  # BiohubX 1, City of Calgary 1, Platform Calgary 2, Innovate Calgary 4
    assert set(programs["institution_en"]) == {"BiohubX", "City of Calgary", "Platform Calgary", "Innovate Calgary"}
    follow_ups = seeded_db.query("city/follow_ups", city_params(CALGARY))
    assert len(follow_ups) == 15  # of the report's 18, three name only a Seattle institution
    assert set(follow_ups["stage"]) == {"identified"}
    both = follow_ups.loc[follow_ups["action"].str.startswith("기업 교류는"), "counterparts_ko"].iloc[0]
    assert both == "캘거리경제개발공사, 캘거리시"  # the main counterpart first


def test_sources_and_flags_of_calgary(seeded_db):
    documents = seeded_db.query("city/documents", city_params(CALGARY))
    assert len(documents) == 1
    doc = documents.iloc[0]
    assert doc["file_name"] == "004_ffbe9128cdf1f7a6.txt" and doc["kind"] == "report"
    assert [int(doc[k]) for k in entity.FACT_KINDS] == [1, 0, 6, 5, 8, 15]
    assert not doc["has_file"] and not doc["has_text"]  # the seed keeps facts, not files
    flags = seeded_db.query("city/flags", city_params(CALGARY))
    # meetings: 플랫폼캘거리 (summary_disagrees), 캘거리경제개발공사 (attendee_count_mismatch), 이노베이트캘거리
    # (spelling_variant, unclear_reference); the BiohubX program (currency_ambiguous)
    assert sorted(flags["code"]) == sorted(["summary_disagrees", "attendee_count_mismatch", "spelling_variant",
                                            "unclear_reference", "currency_ambiguous"])
    assert list(flags["severity"][:2]) == ["warning", "warning"]  # most severe first
    program = flags[flags["entity_type"] == "program"].iloc[0]
    assert program["target_ko"] == "북미 소프트랜딩 프로그램"


def test_calgary_under_filters(seeded_db):
    seoul = _id(seeded_db, "select organization_id from organizations where name_ko = '서울특별시'")
    params = city_params(CALGARY, org_ids=[seoul])
    for name in ("city/trips", "city/follow_ups", "city/documents", "city/flags"):
        assert seeded_db.query(name, params).empty, name
    assert seeded_db.query("map/cities", {**params, "year_from": None, "year_to": None, "popup_items": 5}).empty
    assert seeded_db.query("city/meetings", {**params, "limit": 50}).empty
    # never-met institutions would stay; every Calgary institution was met, on a DISTEP trip
    assert seeded_db.query("city/institutions", params).empty
    assert seeded_db.query("city/programs", params).empty  # as the catalogue: programs of institutions met
    biotech = city_params(CALGARY, sectors=["biotech"])
    assert list(seeded_db.query("city/institutions", biotech)["name_en"]) == ["BiohubX"]
    assert len(seeded_db.query("city/meetings", {**biotech, "limit": 50})) == 1


def test_map_rows_of_calgary(seeded_db):
    cities = seeded_db.query("map/cities", {**city_params(CALGARY), "year_from": None, "year_to": None,
                                            "popup_items": 5})
    assert dict(zip(cities["city_id"], cities["meetings"])) == {CALGARY: 6, SEATTLE: 3}
    assert set(cities["trips"]) == {1}
    point = seeded_db.query("entity/map_city", {"city_id": NEW_YORK}).iloc[0]  # never visited: all zero
    assert (point["name_en"], int(point["trips"]), int(point["meetings"])) == ("New York City", 0, 0)
    calgary = seeded_db.query("entity/map_city", {"city_id": CALGARY}).iloc[0]
    assert (int(calgary["trips"]), int(calgary["meetings"]), int(calgary["institutions"])) == (1, 6, 5)


def test_trip_sections(seeded_db):
    distep, seoul = _trip(seeded_db, "004_"), _trip(seeded_db, "000_")
    programs = seeded_db.query("trip/programs", {"trip_id": distep})
    assert len(programs) == 12  # every program in the report: all their hosts were met
    assert seeded_db.query("trip/programs", {"trip_id": seoul}).empty
    flags = seeded_db.query("trip/program_flags", {"trip_id": distep})
    assert list(flags["code"]) == ["currency_ambiguous"]
    follow_ups = seeded_db.query("trip/follow_ups", {"trip_id": distep})
    assert len(follow_ups) == 18 and seeded_db.query("trip/follow_ups", {"trip_id": seoul}).empty
    seven = follow_ups[follow_ups["action"].str.startswith("방문한 7개")].iloc[0]
    assert seven["counterparts_ko"].count(", ") == 6  # seven counterparts
    documents = seeded_db.query("trip/documents", {"trip_id": distep})
    # trip 1, itinerary 19, meetings 9, institutions met 8, their programs 12, follow-ups 18
    assert [int(documents.iloc[0][k]) for k in entity.FACT_KINDS] == [1, 19, 9, 8, 12, 18]
    news = seeded_db.query("trip/documents", {"trip_id": seoul}).iloc[0]
    assert news["kind"] == "news" and news["published_precision"] == "month"
    assert [int(news[k]) for k in entity.FACT_KINDS] == [1, 0, 10, 8, 0, 0]


def test_trip_routes_for_the_small_map(seeded_db):
    route = seeded_db.query("trip/route", {"trip_id": _trip(seeded_db, "004_")})
    assert list(route["city_id"]) == [SEATTLE, CALGARY] and list(route["stop"]) == [1, 2]
    assert set(route["home_city_id"]) == {DAEJEON}
    seoul = seeded_db.query("trip/route", {"trip_id": _trip(seeded_db, "000_")})
    # Palo Alto is known only from the Stanford lecture (7th meeting), after the San Francisco meetings
    assert list(seoul["city_id"]) == [LAS_VEGAS, SAN_FRANCISCO, PALO_ALTO, WASHINGTON]
    cities = seeded_db.query("trip/map_cities", {"trip_id": _trip(seeded_db, "000_")})
    assert dict(zip(cities["city_id"], cities["meetings"])) == {LAS_VEGAS: 4, WASHINGTON: 3, SAN_FRANCISCO: 2,
                                                                 PALO_ALTO: 1}


def test_institution_documents(seeded_db):
    calgary = seeded_db.query("institution/documents", {"institution_id": _institution(seeded_db, "City of Calgary")})
    # 1 trip, its own row, 2 meetings, 1 program (the staff exchange) and the 7 follow-ups naming it
    assert [int(calgary.iloc[0][k]) for k in entity.FACT_KINDS] == [1, 0, 2, 1, 1, 7]


def test_attendees_and_agenda_of_chosen_meetings(seeded_db):
    meetings = seeded_db.query("city/meetings", city_params(CALGARY, limit=50))
    first = int(meetings.iloc[0]["meeting_id"])  # BiohubX: 5 attendee lines in the seed
    assert len(seeded_db.query("entity/attendees", {"meeting_ids": [first]})) == 5
    assert seeded_db.query("entity/attendees", {"meeting_ids": []}).empty
    assert seeded_db.query("entity/agenda", {"meeting_ids": []}).empty


# -- a small dataset -----------------------------------------------------------------------------

@pytest.fixture
def small_db(empty_db):
    """Two organizations, two trips, four institutions, one kept file:

    doc1   report 'report.txt' with its bytes and text, by kim
    trip1  org A, 2024-05-01..05, from doc1; went to Calgary (line 3) then Toronto (line 4)
    trip2  org B, 2023-03-01..03, entered by lee; went to Calgary
    I1 Calgary university [ai], doc1 · I2 Toronto company [energy] · I3 Calgary government, never met
    I4 Calgary nonprofit, met in Toronto only
    m1 trip1 Calgary I1 2024-05-02 (doc1) · m2 trip1 Calgary I2 2024-05-03 (doc1)
    m3 trip2 Calgary I1 2023-03-02 · m4 trip1 Toronto I4 2024-05-04 (doc1)
    p1 I1 (doc1) · p2 I3 · p3 I2
    f1 trip1 I1 identified (doc1) · f2 trip2 I3 done · f3 trip1 I2
    flags: m1; trip1 place_near_match at line 3 (Calgary) and at line 4 (Toronto); p1; the city
           Calgary; m4
    """
    from atlas.seed import ensure_city

    db = empty_db
    with db.transaction() as tx:
        for city in (CALGARY, TORONTO, DAEJEON):
            ensure_city(tx, city)
        org_a = tx.insert("organizations", {"name_ko": "가기관", "name_en": "Org A", "kind": "public_agency",
                                            "home_city_id": DAEJEON}, returning="organization_id")
        org_b = tx.insert("organizations", {"name_ko": "나기관", "name_en": "Org B", "kind": "other"},
                          returning="organization_id")
        doc1 = tx.insert("documents", {"file_name": "report.txt", "sha256": "x1", "format": "txt", "kind": "report",
                                       "imported_by": "kim", "content": b"line one\nline two\n",
                                       "raw_text": "line one\nline two", "size_bytes": 18,
                                       "published_date": dt.date(2024, 6, 1), "published_precision": "day"},
                         returning="document_id")
        src, hand = {"document_id": doc1, "line_start": 1, "line_end": 2}, {"entered_by": "lee"}
        trip1 = tx.insert("trips", {"title": "T1", "organization_id": org_a, "status": "completed",
                                    "start_date": dt.date(2024, 5, 1), "end_date": dt.date(2024, 5, 5), **src},
                          returning="trip_id")
        trip2 = tx.insert("trips", {"title": "T2", "organization_id": org_b, "status": "completed",
                                    "start_date": dt.date(2023, 3, 1), "end_date": dt.date(2023, 3, 3), **hand},
                          returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip1, "seq": 1, "city_id": CALGARY, "document_id": doc1,
                                        "line_start": 3, "line_end": 3})
        tx.insert("trip_destinations", {"trip_id": trip1, "seq": 2, "city_id": TORONTO, "document_id": doc1,
                                        "line_start": 4, "line_end": 4})
        tx.insert("trip_destinations", {"trip_id": trip2, "seq": 1, "city_id": CALGARY, **hand})

        def institution(name, city, itype, sectors, source):
            return tx.insert("institutions", {"name_ko": name, "name_en": name, "city_id": city, "type": itype,
                                              "sectors": sectors, **source}, returning="institution_id")

        i1 = institution("I1", CALGARY, "university", ["ai"], src)
        i2 = institution("I2", TORONTO, "company", ["energy"], hand)
        i3 = institution("I3", CALGARY, "government", [], hand)
        i4 = institution("I4", CALGARY, "nonprofit", [], hand)

        def meeting(trip, seq, inst, city, day, source):
            return tx.insert("meetings", {"trip_id": trip, "seq": seq, "institution_id": inst, "title": f"M{seq}-{trip}",
                                          "meeting_date": day, "city_id": city, "kind": "meeting", **source},
                             returning="meeting_id")

        m1 = meeting(trip1, 1, i1, CALGARY, dt.date(2024, 5, 2), src)
        meeting(trip1, 2, i2, CALGARY, dt.date(2024, 5, 3), src)
        meeting(trip2, 1, i1, CALGARY, dt.date(2023, 3, 2), hand)
        m4 = meeting(trip1, 3, i4, TORONTO, dt.date(2024, 5, 4), src)
        p1 = tx.insert("programs", {"institution_id": i1, "name": "P1", "type": "mentoring", **src},
                       returning="program_id")
        tx.insert("programs", {"institution_id": i3, "name": "P2", "type": "other", **hand})
        tx.insert("programs", {"institution_id": i2, "name": "P3", "type": "other", **hand})
        for trip, inst, stage, source in ((trip1, i1, "identified", src), (trip2, i3, "done", hand),
                                          (trip1, i2, "identified", hand)):
            follow_up = tx.insert("follow_ups", {"action": f"F {inst}", "trip_id": trip, "institution_id": inst,
                                                 "stage": stage, **source}, returning="follow_up_id")
            tx.insert("follow_up_institutions", {"follow_up_id": follow_up, "institution_id": inst})

        def flag(entity_type, entity_id, code, line):
            tx.insert("data_quality_flags", {"document_id": doc1, "entity_type": entity_type, "entity_id": entity_id,
                                             "code": code, "severity": "warning", "message": f"{code} {line}",
                                             "line_start": line, "line_end": line})

        flag("meeting", m1, "attendee_count_mismatch", 10)
        flag("trip", trip1, "place_near_match", 3)
        flag("trip", trip1, "place_near_match", 4)
        flag("program", p1, "currency_ambiguous", 20)
        flag("city", CALGARY, "place_near_match", 30)
        flag("meeting", m4, "attendee_count_mismatch", 40)
    db.ids = {"org_a": org_a, "org_b": org_b, "doc1": doc1, "trip1": trip1, "trip2": trip2,
              "i1": i1, "i2": i2, "i3": i3, "i4": i4}
    return db


def test_small_city_page_unfiltered(small_db):
    db, ids = small_db, small_db.ids
    assert list(db.query("city/trips", city_params(CALGARY))["title"]) == ["T2", "T1"]  # earliest first
    meetings = db.query("city/meetings", city_params(CALGARY, limit=50))
    assert list(meetings["title"]) == [f"M1-{ids['trip2']}", f"M1-{ids['trip1']}", f"M2-{ids['trip1']}"]
    institutions = db.query("city/institutions", city_params(CALGARY))
    # I1 met here twice; I2 (Toronto) met here once; I3 never met; I4 met only in Toronto
    assert list(institutions["name_en"]) == ["I1", "I2", "I3", "I4"]
    assert list(institutions["meetings_here"]) == [2, 1, 0, 0]
    assert sorted(db.query("city/programs", city_params(CALGARY))["name"]) == ["P1", "P2"]  # hosts in Calgary
    follow_ups = db.query("city/follow_ups", city_params(CALGARY))
    assert sorted(follow_ups["action"]) == sorted([f"F {ids['i1']}", f"F {ids['i3']}"])
    assert entity.count_open(follow_ups, dt.date(2025, 1, 1)) == 1
    flags = db.query("city/flags", city_params(CALGARY))
    assert sorted(flags["message"]) == ["attendee_count_mismatch 10", "currency_ambiguous 20",
                                        "place_near_match 3", "place_near_match 30"]
    documents = db.query("city/documents", city_params(CALGARY))
    assert list(documents["document_id"]) == [ids["doc1"]]
    # trip1; m1 and m2; I1; P1; f1 came from the report
    assert [int(documents.iloc[0][k]) for k in entity.FACT_KINDS] == [1, 0, 2, 1, 1, 1]
    assert documents.iloc[0]["has_file"] and documents.iloc[0]["has_text"]


def test_small_city_page_for_one_organization(small_db):
    db, ids = small_db, small_db.ids
    params = city_params(CALGARY, org_ids=[ids["org_b"]])
    assert list(db.query("city/trips", params)["title"]) == ["T2"]
    assert len(db.query("city/meetings", {**params, "limit": 50})) == 1
    # I1 met on T2; I3 never met at all; I2 and I4 met only on T1
    assert list(db.query("city/institutions", params)["name_en"]) == ["I1", "I3"]
    assert list(db.query("city/programs", params)["name"]) == ["P1"]  # of institutions met under the filter
    follow_ups = db.query("city/follow_ups", params)
    assert list(follow_ups["action"]) == [f"F {ids['i3']}"] and entity.count_open(follow_ups, dt.date.today()) == 0
    assert sorted(db.query("city/flags", params)["message"]) == ["currency_ambiguous 20", "place_near_match 30"]
    documents = db.query("city/documents", params)  # only I1 and P1 of what is shown came from the report
    assert [int(documents.iloc[0][k]) for k in entity.FACT_KINDS] == [0, 0, 0, 1, 1, 0]
    assert list(db.query("city/list", {**NO_FILTERS, "org_ids": [ids["org_b"]]})["city_id"]) == [CALGARY]


def test_small_trip_and_institution_sections(small_db):
    db, ids = small_db, small_db.ids
    trip1 = {"trip_id": ids["trip1"]}
    assert sorted(db.query("trip/programs", trip1)["name"]) == ["P1", "P3"]  # of I1 and I2 (I4 offers none)
    assert len(db.query("trip/program_flags", trip1)) == 1
    assert len(db.query("trip/follow_ups", trip1)) == 2
    documents = db.query("trip/documents", trip1)
    # the trip; m1, m2, m4; I1 (I2 and I4 by hand); P1 (P3 by hand); f1 (f3 by hand)
    assert [int(documents.iloc[0][k]) for k in entity.FACT_KINDS] == [1, 0, 3, 1, 1, 1]
    route = db.query("trip/route", trip1)
    assert list(route["city_id"]) == [CALGARY, TORONTO] and set(route["home_city_id"]) == {DAEJEON}
    cities = db.query("trip/map_cities", trip1)
    assert dict(zip(cities["city_id"], cities["meetings"])) == {CALGARY: 2, TORONTO: 1}
    assert dict(zip(cities["city_id"], cities["institutions"])) == {CALGARY: 2, TORONTO: 1}
    i1 = db.query("institution/documents", {"institution_id": ids["i1"]})
    # I1's row; m1 (m3 by hand); trip1 (trip2 by hand); P1; f1
    assert [int(i1.iloc[0][k]) for k in entity.FACT_KINDS] == [1, 0, 1, 1, 1, 1]
    assert db.query("institution/documents", {"institution_id": ids["i3"]}).empty  # all by hand


def test_the_kept_file_is_fetched_by_id(small_db):
    record = small_db.query("entity/document_file", {"document_id": small_db.ids["doc1"]}).iloc[0].to_dict()
    assert entity.download_bytes(record, "file") == b"line one\nline two\n"
    assert entity.download_bytes(record, "text") == "line one\nline two".encode("utf-8")
    assert small_db.query("entity/document_file", {"document_id": 999}).empty


# -- builders: a city's facts -----------------------------------------------------------------------

SUMMER = dt.datetime(2024, 6, 28, 18, 0, tzinfo=dt.timezone.utc)   # 12:00 MDT, 03:00 KST next day
WINTER = dt.datetime(2024, 1, 15, 18, 0, tzinfo=dt.timezone.utc)


def test_offset_from_korea_follows_daylight_saving():
    assert entity.offset_from_korea("America/Edmonton", SUMMER) == -15  # MDT −6 vs KST +9
    assert entity.offset_from_korea("America/Edmonton", WINTER) == -16  # MST −7
    assert entity.offset_from_korea("Asia/Kathmandu", WINTER) == -3.25  # +5:45
    assert entity.offset_from_korea("Asia/Seoul", WINTER) == 0
    assert entity.offset_from_korea("Nowhere/Atlantis", WINTER) is None


def test_offset_in_words():
    assert entity.offset_text(-15, "ko") == "한국보다 15시간 늦음"
    assert entity.offset_text(-15, "en") == "15 h behind Korea"
    assert entity.offset_text(-3.25, "ko") == "한국보다 3:15시간 늦음"
    assert entity.offset_text(1, "en") == "1 h ahead of Korea"
    assert entity.offset_text(0, "ko") == "한국과 같은 시각"
    assert entity.offset_text(None, "ko") == ""
    assert entity.utc_text(-6.0) == "UTC−6" and entity.utc_text(5.75) == "UTC+5:45"


def test_city_facts_in_both_languages():
    facts = {"name_ko": "캘거리", "name_en": "Calgary", "country_ko": "캐나다", "country_en": "Canada",
             "country_iso2": "CA", "timezone": "America/Edmonton", "population": 1306784,
             "lat": 51.05011, "lon": -114.08529, "aliases": ["켈거리", "켈거리"]}
    ko = dict(entity.city_facts(facts, "ko", SUMMER))
    assert ko["시간대"] == "America/Edmonton (MDT, UTC−6)"
    assert ko["한국과의 시차"] == "한국보다 15시간 늦음"
    assert ko["지금 현지 시각"] == "6. 28. (금) 12:00 MDT"
    assert ko["인구"] == "1,306,784명" and ko["좌표"] == "북위 51.0501°, 서경 114.0853°"
    assert ko["다른 표기"] == "켈거리"
    en = dict(entity.city_facts(facts, "en", WINTER))
    assert en["Time zone"] == "America/Edmonton (MST, UTC−7)" and en["Difference from Korea"] == "16 h behind Korea"
    assert en["Coordinates"] == "51.0501° N, 114.0853° W" and en["Population"] == "1,306,784"
    bare = entity.city_facts({"name_ko": "어딘가", "name_en": "Somewhere", "timezone": "", "population": None,
                              "lat": -33.9, "lon": 18.4, "aliases": []}, "en", WINTER)
    assert [name for name, _ in bare] == ["Korean name", "English name", "Coordinates"]
    assert dict(bare)["Coordinates"] == "33.9000° S, 18.4000° E"
    assert entity.city_subtitle(facts, "ko") == "Calgary · 캐나다"
    assert entity.city_subtitle(facts, "en") == "캘거리 · Canada"


def test_labels_of_trips_and_institutions_of_a_city():
    trip = {"title": "미국·캐나다 공무국외출장", "start_date": dt.date(2024, 6, 24), "end_date": dt.date(2024, 7, 1),
            "organization_ko": "대전과학산업진흥원", "department_ko": "과학협력부", "stay_start": dt.date(2024, 6, 27),
            "stay_end": dt.date(2024, 6, 30), "meetings_here": 6}
    assert entity.city_trip_label(trip, "ko") == ("미국·캐나다 공무국외출장 · 2024. 6. 24. ~ 7. 1. · 대전과학산업진흥원 · 과학협력부 "
                                                  "· 이 도시 체류 2024. 6. 27. ~ 6. 30. · 이 도시 면담 6건")
    news = {"title": "T", "start_date": None, "end_date": None, "organization_en": "Seoul", "meetings_here": 0}
    assert entity.city_trip_label(news, "en") == "T · no dates · Seoul · meetings here: 0"
    elsewhere = {"name_ko": "미국외교협회", "name_en": "Council on Foreign Relations", "type": "think_tank",
                 "city_id": NEW_YORK, "city_ko": "뉴욕", "meetings_here": 1, "programs": 0}
    assert entity.city_institution_label(elsewhere, WASHINGTON, "ko") == "미국외교협회 · 싱크탱크 · 소재지 뉴욕 · 이 도시 면담 1건"
    here = dict(elsewhere, city_id=WASHINGTON, programs=2)
    assert entity.city_institution_label(here, WASHINGTON, "en") == \
        "Council on Foreign Relations · Think tank · meetings here: 1 · programs: 2"
    assert entity.city_summary({"name_ko": "캘거리", "country_ko": "캐나다", "trips": 1, "meetings": 6}, "ko") == \
        "캘거리 · 캐나다 · 출장 1건 · 면담 6건"


def test_what_the_city_page_says_it_follows():
    filters = Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), org_ids=(1,), countries=("US",),
                      city_ids=(CALGARY,))
    orgs = pd.DataFrame({"organization_id": [1], "name_ko": ["대전과학산업진흥원"], "name_en": ["DISTEP"]})
    scope = entity.scope_text(filters, "ko", orgs, None)
    assert scope == "2024. 1. 1. ~ 12. 31. · 대전과학산업진흥원"  # no country or city: they do not apply here
    assert entity.scope_text(filters, "en", orgs) == "Jan 1, 2024 – Dec 31, 2024 · DISTEP"
    note = entity.scope_note(scope, True, "ko")
    assert note.startswith("아래 수치와 목록은 현재 필터(2024. 1. 1. ~ 12. 31. · 대전과학산업진흥원)를 따릅니다.")
    assert "국가·도시 필터는" in note
    assert entity.scope_note("", False, "en").startswith("No filters")
    assert entity.without_places(filters).countries == () and entity.without_places(filters).org_ids == (1,)
    assert entity.timeline_params(filters, CALGARY, "en") == {"from": "2024-01-01", "to": "2024-12-31", "orgs": "1",
                                                              "cities": str(CALGARY), "lang": "en"}


# -- builders: sections ------------------------------------------------------------------------------

def _programs() -> pd.DataFrame:
    return pd.DataFrame([
        {"program_id": 5, "name": "북미 소프트랜딩 프로그램", "name_en": "North America Soft-Landing Program",
         "type": "soft_landing", "cost_amount": 7000, "cost_currency": "USD", "cost_note": None,
         "duration_text": "약 2주", "eligibility": "전 세계", "institution_ko": "바이오허브X", "institution_en": "BiohubX"},
        {"program_id": 6, "name": "Alberta Catalyzer", "name_en": "Alberta Catalyzer", "type": "mentoring",
         "cost_amount": None, "cost_currency": None, "cost_note": None, "duration_text": None,
         "eligibility": "창업자", "institution_ko": "플랫폼캘거리", "institution_en": "Platform Calgary"},
    ])


def test_programs_table_names_the_host_unless_on_the_hosts_page():
    table = entity.programs_table(_programs(), "ko")
    assert list(table.frame.columns) == ["운영 기관", "프로그램", "유형", "비용", "기간", "대상"]
    assert table.frame.iloc[0].tolist()[:4] == ["바이오허브X", "북미 소프트랜딩 프로그램 (North America Soft-Landing Program)",
                                                "소프트랜딩", "7,000달러"]
    assert table.nowrap == (2,)
    own = entity.programs_table(_programs(), "en", with_host=False)
    assert own.frame.columns[0] == "Program" and own.frame.iloc[1, 0] == "Alberta Catalyzer"


def test_follow_ups_table_columns():
    frame = pd.DataFrame([{"follow_up_id": 1, "action": "회신 확인", "stage": "in_discussion", "priority": "high",
                           "due_date": dt.date(2024, 9, 1), "owner": "김", "next_action": "전화",
                           "trip_title": "T1", "counterparts_ko": "캘거리시", "counterparts_en": "City of Calgary",
                           "updated_at": None}])
    open_, _ = tl.split_follow_ups(frame, dt.date(2024, 10, 1))
    table = entity.follow_ups_table(open_, "ko")
    assert list(table.frame.columns) == ["기한 상태", "조치", "상대 기관", "단계", "우선순위", "기한", "담당", "다음 할 일", "출장"]
    assert table.frame.iloc[0].tolist() == ["기한 지남", "회신 확인", "캘거리시", "협의", "높음", "2024. 9. 1.", "김", "전화", "T1"]
    assert table.nowrap == (0, 3, 4, 5)
    slim = entity.follow_ups_table(open_, "en", show_trip=False, show_counterparts=False)
    assert list(slim.frame.columns) == ["Due status", "Action", "Stage", "Priority", "Due", "Owner", "Next action"]


def test_document_cards():
    documents = pd.DataFrame([
        {"document_id": 2, "file_name": "004.txt", "title": "결과보고", "publisher": "DISTEP", "kind": "report",
         "format": "txt", "published_date": dt.date(2024, 7, 31), "published_precision": "day",
         "imported_at": pd.Timestamp("2025-01-02 13:05"), "imported_by": "seed", "has_file": False,
         "has_text": False, "is_synthetic": False, "trips": 1, "itinerary": 0, "meetings": 6, "institutions": 5,
         "programs": 8, "follow_ups": 15},
        {"document_id": 7, "file_name": "기사.hwpx", "title": None, "publisher": None, "kind": "news",
         "format": "hwpx", "published_date": dt.date(2020, 1, 1), "published_precision": "month",
         "imported_at": pd.Timestamp("2025-03-04 09:00"), "imported_by": "kim", "has_file": True,
         "has_text": True, "is_synthetic": False, "trips": 1, "itinerary": 0, "meetings": 0, "institutions": 0,
         "programs": 0, "follow_ups": 0},
        {"document_id": 8, "file_name": "notes", "title": "N", "publisher": None, "kind": "unknown", "format": "md",
         "published_date": None, "published_precision": None, "imported_at": None, "imported_by": "lee",
         "has_file": False, "has_text": True, "is_synthetic": True, "trips": 0, "itinerary": 2, "meetings": 0,
         "institutions": 0, "programs": 0, "follow_ups": 0},
    ])
    seed, news, notes = entity.document_cards(documents, "ko")
    assert (seed.heading, seed.download) == ("결과보고", None)
    assert seed.details == "결과보고서 · TXT · 발행 2024. 7. 31. · DISTEP"
    assert seed.imported == "2025. 1. 2. 13:05 등록 · 내장 기본 데이터"
    assert seed.facts == "출장 1 · 면담·방문 6 · 기관 5 · 프로그램 8 · 후속조치 15"
    assert (news.heading, news.download, news.format) == ("기사.hwpx", "file", "hwpx")
    assert news.details == "보도 기사 · HWPX · 발행 2020. 1."
    assert notes.download == "text" and notes.synthetic and notes.facts == "일정 2"
    (english,) = entity.document_cards(documents.iloc[[1]], "en")
    assert english.details == "News article · HWPX · published Jan 2020" and english.imported.endswith("by kim")
    assert entity.published_text(dt.date(2020, 1, 1), "year", "ko") == "2020"


def test_downloads():
    assert entity.download_name("기사.hwpx", "file") == "기사.hwpx"
    assert entity.download_name("기사.hwpx", "text") == "기사.txt"
    assert entity.download_name("notes", "text") == "notes.txt"
    assert entity.download_mime("PDF", "file") == "application/pdf"
    assert entity.download_mime("hwp", "text") == "text/plain"
    assert entity.download_mime("weird", "file") == "application/octet-stream"
    assert entity.download_bytes({"content": memoryview(b"%PDF"), "raw_text": None}, "file") == b"%PDF"
    assert entity.download_bytes({"content": None, "raw_text": None}, "file") is None
    assert entity.download_bytes({"content": None, "raw_text": float("nan")}, "text") is None
    assert entity.download_bytes(None, "file") is None


def _flags() -> pd.DataFrame:
    return pd.DataFrame([
        {"flag_id": 1, "entity_type": "program", "entity_id": 5, "program_id": 5, "meeting_id": None, "code": "currency_ambiguous",
         "severity": "info", "message": "통화 불분명", "line_start": 399, "line_end": 399},
        {"flag_id": 2, "entity_type": "meeting", "entity_id": 16, "program_id": None, "meeting_id": 16,
         "code": "summary_disagrees", "severity": "warning", "message": "요약표 다름", "line_start": 151, "line_end": 151},
        {"flag_id": 3, "entity_type": "attendee", "entity_id": 70, "program_id": None, "meeting_id": 16,
         "code": "typo", "severity": "error", "message": "이름 오타", "line_start": None, "line_end": None},
        {"flag_id": 4, "entity_type": "city", "entity_id": CALGARY, "program_id": None, "meeting_id": None,
         "code": "place_near_match", "severity": "warning", "message": "비슷한 지명", "line_start": 9, "line_end": 9},
    ])


def test_flags_table_most_severe_first_with_what_each_concerns():
    names = entity.flag_names(meetings=pd.DataFrame([{"meeting_id": 16, "title": "플랫폼캘거리 시찰"}]),
                              programs=_programs())
    table = entity.flags_table(_flags(), "ko", names)
    assert list(table.frame.columns) == ["수준", "확인 항목", "대상", "내용", "원문 행"]
    rows = table.frame.values.tolist()
    assert rows[0] == ["▲ 오류", "오탈자", "참석자: 플랫폼캘거리 시찰", "이름 오타", ""]
    assert rows[1] == ["▲ 주의", "비슷한 지명", "도시", "비슷한 지명", "9행"]  # line 9 before line 151
    assert rows[2][2] == "면담: 플랫폼캘거리 시찰" and rows[3][:3] == ["참고", "통화 불분명", "프로그램: 북미 소프트랜딩 프로그램"]
    english = entity.flags_table(_flags(), "en", names).frame
    assert english.iloc[1, 2] == "City" and english.iloc[3, 4] == "line 399"
    assert entity.flags_table(None, "ko").empty
    # a query that names the target itself (city/flags)
    named = pd.DataFrame([{"flag_id": 9, "entity_type": "institution", "entity_id": 3, "code": "x", "severity": "info",
                           "message": "m", "line_start": None, "line_end": None, "target_ko": "캘거리시",
                           "target_en": "City of Calgary"}])
    assert entity.flags_table(named, "en").frame.iloc[0, 2] == "Institution: City of Calgary"


def test_merging_flag_frames_keeps_each_flag_once():
    flags = _flags()
    merged = entity.merge_flags(flags, flags.iloc[[0]], None)
    assert list(merged["flag_id"]) == [3, 4, 2, 1]
    assert entity.merge_flags(None, flags.iloc[[]]).empty
    notes = entity.program_flag_notes(flags, _programs(), "ko")
    assert notes == [("info", "북미 소프트랜딩 프로그램", "통화 불분명")]
    assert entity.program_flag_notes(flags, _programs().iloc[[1]], "ko") == []  # not a program shown


# -- builders: maps and lists -----------------------------------------------------------------------------

def test_small_maps_from_the_seed(seeded_db):
    trip_id = _trip(seeded_db, "004_")
    route = seeded_db.query("trip/route", {"trip_id": trip_id})
    homes = entity.homes_from_route(route)
    assert homes.to_dict("records") == [{"city_id": DAEJEON, "name_ko": "대전", "name_en": "Daejeon",
                                         "lat": 36.34913, "lon": 127.38493, "trips": 1}]
    view = build_map(seeded_db.query("trip/map_cities", {"trip_id": trip_id}), route, None, homes,
                     MapOptions(lang="ko"))
    assert (view.markers, view.routes, view.meetings) == (2, 1, 9)
    html = entity.compact_map(view).map.get_root().render()
    assert entity.COMPACT_MAP_CSS in html
    assert entity.homes_from_route(pd.DataFrame()).empty
    alone = entity.unvisited(seeded_db.query("entity/map_city", {"city_id": CALGARY}))
    assert int(alone.iloc[0]["meetings"]) == 0 and build_map(alone, options=MapOptions()).markers == 1


def test_bounded_lists_and_ids():
    part = entity.bounded(list(range(120)), 50)
    assert len(part.rows) == 50 and part.total == 120 and part.cut
    assert not entity.bounded([1, 2], 50).cut
    assert entity.bounded([1, 2], 50, total=80).cut  # the query cut the list and counted the rest
    frame = pd.DataFrame({"meeting_id": [3, 3, 1, None], "total": [9, 9, 9, 9]})
    assert entity.ids(frame, "meeting_id") == [3, 1]
    assert entity.total_of(frame) == 9 and entity.total_of(frame.iloc[[]]) == 0
    assert entity.total_of(pd.DataFrame({"a": [1, 2]})) == 2


def test_meetings_in_time_order():
    meetings = pd.DataFrame([
        {"meeting_id": 1, "seq": 1, "meeting_date": None, "start_time": None},
        {"meeting_id": 2, "seq": 2, "meeting_date": dt.date(2024, 6, 28), "start_time": None},
        {"meeting_id": 3, "seq": 3, "meeting_date": dt.date(2024, 6, 28), "start_time": dt.time(9, 0)},
        {"meeting_id": 4, "seq": 4, "meeting_date": dt.date(2024, 6, 26), "start_time": dt.time(15, 0)},
    ])
    assert list(entity.in_time_order(meetings)["meeting_id"]) == [4, 3, 2, 1]


def test_data_text_never_becomes_a_link():
    hostile = "see http://example.com, www.example.com or kim@example.com ![x](y) <b>b</b>"
    shown = entity.md_text(hostile)
    assert "http:\u2060//" not in hostile and "http\\:\u2060//" in shown
    assert "www\u2060\\." in shown and "kim\u2060@" in shown
    assert "\\!\\[x\\]\\(y\\)" in shown and "\\<b\\>" in shown
    assert entity.unlink("no address here") == "no address here"
    assert entity.unlink(None) == ""
    styled = entity.table_style(pd.DataFrame({"a": ["https://x.org"]}), nowrap=(0,))
    assert styled.data.iat[0, 0] == "https\\:\u2060//x\\.org"


def test_builders_do_not_import_streamlit():
    from atlas.paths import ROOT

    assert "streamlit" not in (ROOT / "atlas" / "entity.py").read_text(encoding="utf-8")
