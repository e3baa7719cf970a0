"""The shared Filters object and its URL mirror."""

from __future__ import annotations

import datetime as dt

from atlas.filters import Filters, describe


def test_url_round_trip():
    filters = Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), org_ids=(2, 1),
                      dept_ids=(3,), countries=("US", "CA"), city_ids=(5809844,),
                      sectors=("biotech",), itypes=("university", "government"))
    query = filters.to_query()
    assert query == {"from": "2024-01-01", "to": "2024-12-31", "orgs": "2,1", "depts": "3",
                     "countries": "US,CA", "cities": "5809844", "sectors": "biotech",
                     "itypes": "university,government"}
    assert Filters.from_query(query) == filters


def test_empty_filters_make_an_empty_url_and_null_parameters():
    assert Filters().to_query() == {}
    assert Filters().is_empty
    assert set(Filters().params().values()) == {None}


def test_hand_edited_urls_are_forgiven():
    parsed = Filters.from_query({"from": "2024-13-45", "orgs": "1,x,1", "countries": ["us", "<script>"],
                                 "cities": ["5809844,abc"], "sectors": "", "unknown": "zzz"})
    assert parsed == Filters(org_ids=(1,), countries=("US",), city_ids=(5809844,))


def test_reversed_period_is_swapped():
    filters = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2024, 1, 1))
    assert (filters.date_from, filters.date_to) == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))


def test_params_are_lists_for_the_macros():
    params = Filters(org_ids=(1,), countries=("US",)).params()
    assert params["org_ids"] == [1] and params["countries"] == ["US"] and params["city_ids"] is None


def test_describe_names_what_is_filtered_in_each_language():
    filters = Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), countries=("US",),
                      sectors=("biotech",))
    names = {"countries": {"US": "미국"}}
    assert describe(filters, "ko", names) == "2024. 1. 1. ~ 12. 31. · 미국 · 바이오"
    assert describe(filters, "en", {"countries": {"US": "United States"}}) == (
        "Jan 1, 2024 – Dec 31, 2024 · United States · Biotech")
    assert describe(Filters(), "ko") == ""


def test_url_values_may_arrive_as_lists():
    """Streamlit's query_params.get_all gives every value as a list."""
    parsed = Filters.from_query({"from": ["2010-01-01"], "to": ["2010-12-31"], "orgs": ["1", "2"]})
    assert parsed == Filters(date_from=dt.date(2010, 1, 1), date_to=dt.date(2010, 12, 31), org_ids=(1, 2))


def test_entity_links_keep_filters_and_language():
    from atlas.ui.frame import entity_link

    link = entity_link("trip", 12, Filters(countries=("CA",)), "en")
    assert link == "./trip?trip=12&countries=CA&lang=en"
    assert entity_link("city", 5809844) == "./city?city=5809844"
