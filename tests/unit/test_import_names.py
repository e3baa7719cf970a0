"""Name resolution: spelling variants, spacing, Korean/English forms, and what the database knows."""

from __future__ import annotations

from atlas.importer.names import (CitySpelling, InstitutionRegistry, Knowledge, KnownInstitution,
                                  KnownOrganization, resolve_place, skeleton)


def _registry(knowledge=None, cities=("캘거리", "시애틀")):
    return InstitutionRegistry(knowledge, CitySpelling(list(cities)), ["US", "CA"])


def test_city_spelling_inside_names_is_corrected():
    spelling = CitySpelling(["캘거리", "시애틀"])
    assert spelling.fix("플랫폼 켈거리") == "플랫폼 캘거리"
    assert spelling.fix("이노베이트캐거리") == "이노베이트캘거리"
    assert spelling.fix("캘거리경제개발공사") == "캘거리경제개발공사"
    assert spelling.fix("서울시청") == "서울시청"  # nothing near a trip city
    assert spelling.seen == {"켈거리": "캘거리", "캐거리": "캘거리"}


def test_variants_merge_and_the_canonical_name_is_spelled_right():
    registry = _registry()
    refs = {registry.mention(name) for name in ("플랫폼 켈거리", "플랫폼캘거리", "플랫폼켈거리")}
    assert len(refs) == 1
    [platform] = registry.institutions()
    assert platform.name_ko == "플랫폼캘거리"
    assert set(platform.aliases) == {"플랫폼 켈거리", "플랫폼켈거리"}


def test_korean_and_latin_forms_with_the_same_sound_merge():
    assert skeleton("BiohubX") == skeleton("바이오허브X")
    registry = _registry()
    assert registry.mention("BiohubX") == registry.mention("바이오허브X")
    [biohub] = registry.institutions()
    assert (biohub.name_ko, biohub.name_en) == ("바이오허브X", "BiohubX")


def test_case_and_spacing_do_not_make_a_new_institution():
    registry = _registry()
    assert registry.mention("DiSTEP") == registry.mention("DISTEP")
    assert registry.mention("시애틀 경제개발공사") == registry.mention("시애틀경제개발공사")
    assert len(registry.institutions()) == 2


def test_a_city_government_has_one_name_whatever_the_document_calls_it():
    registry = _registry()
    refs = {registry.mention(n) for n in ("켈거리시", "캘거리 시청", "캘거리(캐나다)시청", "켈거리 부시장")}
    assert len(refs) == 1
    [city] = registry.institutions()
    assert (city.name_ko, city.name_en, city.type) == ("캘거리시", "City of Calgary", "government")
    assert "켈거리 부시장" not in city.aliases  # a person's title is not a name of the institution


def test_names_inside_free_text_prefer_the_longest_name():
    registry = _registry()
    comotion = registry.mention("워싱턴대학교 CoMotion")
    university = registry.mention("워싱턴대학교")
    assert registry.names_in("워싱턴대학교 CoMotion과 협력") == [comotion]
    assert registry.names_in("워싱턴대학교 인재") == [university]


def test_an_institution_the_database_knows_is_reused_with_its_names():
    known = KnownInstitution(institution_id=7, name_ko="플랫폼캘거리", name_en="Platform Calgary",
                             aliases=["플랫폼 켈거리"], city_id=5913490, country="CA", type="incubator_accelerator")
    registry = _registry(Knowledge(institutions=[known]))
    registry.mention("플랫폼켈거리")
    [platform] = registry.institutions()
    assert (platform.existing_id, platform.name_ko, platform.name_en) == (7, "플랫폼캘거리", "Platform Calgary")


def test_our_organizations_are_recognised_by_any_of_their_names():
    knowledge = Knowledge(organizations=[KnownOrganization(key="DISTEP", name_ko="대전과학산업진흥원",
                                                           short_name="DISTEP", aliases=["DiSTEP", "디스텝"])])
    assert knowledge.organization("DiSTEP").key == "DISTEP"
    assert knowledge.organization_in("대전과학산업진흥원장").key == "DISTEP"
    assert knowledge.organization("시애틀경제개발공사") is None


def test_places_resolve_through_the_gazetteer_and_near_matches_need_review():
    assert resolve_place("인천공항").city_id == 1843564
    assert resolve_place("켈거리", ["CA"]).city_id == 5913490
    near = resolve_place("벤쿠버", ["CA"])
    assert near.city_id == 6173331 and near.needs_review
    assert resolve_place("호텔").city_id is None
