"""Strings of the entity pages' shared template (a city, an institution, a trip; issue #7) and of
the city page (see atlas/strings/__init__.py). The trip and institution pages' own strings
(issue #5) are in timeline.py."""

STRINGS: dict[str, dict[str, str]] = {
    # sections every entity page shows, in this order
    "entity.facts": {"ko": "주요 정보", "en": "Key facts"},
    "entity.map": {"ko": "지도", "en": "Map"},
    "entity.timeline": {"ko": "타임라인", "en": "Timeline"},
    "entity.meetings": {"ko": "면담·방문", "en": "Meetings and visits"},
    "entity.programs": {"ko": "협력 프로그램", "en": "Cooperation programs"},
    "entity.documents": {"ko": "출처 문서", "en": "Source documents"},
    "entity.documents_caption": {
        "ko": "이 화면의 사실을 옮겨 온 문서입니다. 문서마다 이 화면에 나온 사실이 몇 건인지 적었습니다.",
        "en": "The documents the facts on this page were read from, with how many of them came from each.",
    },
    "entity.flags": {"ko": "자료 확인 사항", "en": "Data-quality notes"},
    "entity.flags_caption": {
        "ko": "원문을 옮기면서 확인이 필요했던 점입니다. 값은 원문대로 두고 여기에 적었습니다.",
        "en": "Points that needed checking when the sources were read; values are kept as written and noted here.",
    },
    "entity.map_no_basemap": {
        "ko": "나라 경계 지도 파일이 없어 바탕 지도 없이 그렸습니다.",
        "en": "The country outlines are missing, so the map is drawn without a basemap.",
    },
    "entity.open_programs": {"ko": "협력 프로그램 화면에서 비교하기", "en": "Compare on the Programs page"},
    # source documents
    "entity.document_published": {"ko": "발행 {date}", "en": "published {date}"},
    "entity.document_imported": {"ko": "{at} 등록 · {by}", "en": "added {at} by {by}"},
    "entity.document_facts": {"ko": "이 화면의 사실: {facts}", "en": "Facts on this page: {facts}"},
    "entity.document_download_file": {"ko": "원본 파일 받기", "en": "Download the original"},
    "entity.document_download_text": {"ko": "추출한 텍스트 받기", "en": "Download the extracted text"},
    "entity.document_text_only": {
        "ko": "원본 파일은 보관하지 않았고, 읽어 낸 텍스트만 있습니다.",
        "en": "The original file was not kept; only the text read from it is.",
    },
    "entity.document_no_file": {
        "ko": "원본 파일은 앱에 보관되어 있지 않습니다 (내장 기본 데이터는 사실만 담고 있음).",
        "en": "The original file is not kept in the app (the built-in data holds facts only).",
    },
    "entity.document_gone": {
        "ko": "이 문서를 더 이상 찾을 수 없습니다.",
        "en": "This document can no longer be found.",
    },
    "entity.document_seed_user": {"ko": "내장 기본 데이터", "en": "the built-in data"},
    "entity.document_synthetic": {"ko": "합성 데이터", "en": "synthetic"},
    "entity.fact.trips": {"ko": "출장 {n}", "en": "trips {n}"},
    "entity.fact.itinerary": {"ko": "일정 {n}", "en": "itinerary rows {n}"},
    "entity.fact.meetings": {"ko": "면담·방문 {n}", "en": "meetings {n}"},
    "entity.fact.institutions": {"ko": "기관 {n}", "en": "institutions {n}"},
    "entity.fact.programs": {"ko": "프로그램 {n}", "en": "programs {n}"},
    "entity.fact.follow_ups": {"ko": "후속조치 {n}", "en": "follow-ups {n}"},
    # table columns
    "entity.col.host": {"ko": "운영 기관", "en": "Host"},
    "entity.col.counterparts": {"ko": "상대 기관", "en": "Counterparts"},
    "entity.col.severity": {"ko": "수준", "en": "Severity"},
    "entity.col.check": {"ko": "확인 항목", "en": "Check"},
    "entity.col.target": {"ko": "대상", "en": "Concerns"},
    "entity.col.message": {"ko": "내용", "en": "Note"},
    "entity.col.lines": {"ko": "원문 행", "en": "Source lines"},
    # trip page: the sections it gained from the template
    "entity.trip.map_caption": {
        "ko": "출발 도시(검은 점) → 방문 도시(일정 순서) → 출발 도시를 대권 항로로 그렸습니다. "
              "원의 크기는 그 도시에서 한 면담 수, 색은 나라입니다.",
        "en": "Home (black dot) → the cities visited in itinerary order → home, as great-circle routes. "
              "Circle size: meetings held there; colour: country.",
    },
    "entity.trip.no_route": {
        "ko": "이 출장에는 기록된 해외 방문 도시가 없어 지도에 그릴 것이 없습니다.",
        "en": "No city abroad is recorded for this trip, so there is nothing to draw.",
    },
    "entity.trip.programs_caption": {
        "ko": "이 출장에서 만난 기관이 제공하는 프로그램입니다.",
        "en": "Programs offered by the institutions met on this trip.",
    },
    "entity.trip.no_programs": {
        "ko": "이 출장에서 만난 기관의 협력 프로그램이 기록되지 않았습니다.",
        "en": "No programs are recorded for the institutions met on this trip.",
    },
    "entity.trip.no_follow_ups": {
        "ko": "이 출장에서 나온 후속조치가 없습니다.",
        "en": "No follow-ups came from this trip.",
    },
    "entity.trip.no_documents": {
        "ko": "이 출장의 사실은 모두 직접 입력되었습니다 (출처 문서 없음).",
        "en": "Every fact of this trip was entered by hand (no source document).",
    },
    # institution page: the sections it gained from the template
    "entity.institution.timeline": {"ko": "만난 기록", "en": "Meetings over time"},
    "entity.institution.map_caption": {
        "ko": "이 기관이 있는 도시와, 그 도시에 간 출장들이 들른 다른 해외 도시 (크기는 그 출장들의 면담 수) · "
              "선: 그 출장들의 경로. 도시 화면과 같은 지도입니다.",
        "en": "The city this institution is in and the other cities abroad the trips there went to (size: those "
              "trips' meetings) · lines: the trips' routes. The same map as on the city page.",
    },
    "entity.institution.no_city": {
        "ko": "이 기관의 소재 도시가 기록되지 않아 지도에 그릴 것이 없습니다.",
        "en": "This institution's city is not recorded, so there is nothing to draw.",
    },
    "entity.institution.no_timeline": {
        "ko": "날짜가 있는 면담이나 기한이 있는 후속조치가 없어 그림을 그리지 않았습니다.",
        "en": "No dated meeting or follow-up due date, so nothing is placed on a time axis.",
    },
    "entity.institution.no_follow_ups": {
        "ko": "이 기관과의 후속조치가 없습니다.",
        "en": "No follow-ups with this institution.",
    },
    "entity.institution.no_documents": {
        "ko": "이 기관의 사실은 모두 직접 입력되었습니다 (출처 문서 없음).",
        "en": "Every fact about this institution was entered by hand (no source document).",
    },
    "entity.institution.no_flags": {
        "ko": "이 기관, 프로그램, 면담에 대한 확인 사항이 없습니다.",
        "en": "No data-quality notes on this institution, its programs or its meetings.",
    },
    # city page
    "city.missing": {
        "ko": "열 도시가 정해지지 않았습니다. 아래 목록에서 도시를 고르세요.",
        "en": "No city was chosen. Pick one from the list below.",
    },
    "city.unknown": {
        "ko": "{id}번 도시를 찾을 수 없습니다. 아래 목록에서 고르세요.",
        "en": "There is no city number {id}. Pick one from the list below.",
    },
    "city.pick": {"ko": "방문한 도시 고르기", "en": "Pick a visited city"},
    "city.none": {
        "ko": "이 필터에 맞는 출장이 간 도시가 없습니다. 필터를 바꾸거나 초기화해 보세요.",
        "en": "No trips matching these filters went to any city. Change or clear the filters.",
    },
    "city.empty_db": {
        "ko": "아직 등록된 출장이 없습니다. '문서 가져오기'에서 결과보고서를 올려 주세요.",
        "en": "No trips yet. Add trip reports on the Import page.",
    },
    "city.trip_count": {"ko": "출장 {n}건", "en": "trips: {n}"},
    "city.meeting_count": {"ko": "면담 {n}건", "en": "meetings: {n}"},
    "city.program_count": {"ko": "프로그램 {n}개", "en": "programs: {n}"},
    "city.metric.trips": {"ko": "다녀간 출장", "en": "Trips here"},
    "city.metric.meetings": {"ko": "면담·방문", "en": "Meetings"},
    "city.metric.institutions": {"ko": "기관", "en": "Institutions"},
    "city.metric.programs": {"ko": "협력 프로그램", "en": "Programs"},
    "city.metric.open_follow_ups": {"ko": "진행 중 후속조치", "en": "Open follow-ups"},
    "city.filtered": {
        "ko": "아래 수치와 목록은 현재 필터({scope})를 따릅니다.",
        "en": "The figures and lists below follow the current filters ({scope}).",
    },
    "city.unfiltered": {
        "ko": "필터 없음: 아래 수치와 목록은 모든 기간, 모든 기관의 기록입니다.",
        "en": "No filters: the figures and lists below cover every period and organization.",
    },
    "city.place_filters_ignored": {
        "ko": "국가·도시 필터는 한 도시를 보는 이 화면에는 적용하지 않습니다.",
        "en": "Country and city filters do not apply to this page about one city.",
    },
    # key facts
    "city.name_ko": {"ko": "한국어 이름", "en": "Korean name"},
    "city.name_en": {"ko": "영어 이름", "en": "English name"},
    "city.country": {"ko": "국가", "en": "Country"},
    "city.timezone": {"ko": "시간대", "en": "Time zone"},
    "city.korea_offset": {"ko": "한국과의 시차", "en": "Difference from Korea"},
    "city.offset_behind": {"ko": "한국보다 {hours}시간 늦음", "en": "{hours} h behind Korea"},
    "city.offset_ahead": {"ko": "한국보다 {hours}시간 빠름", "en": "{hours} h ahead of Korea"},
    "city.offset_same": {"ko": "한국과 같은 시각", "en": "same time as Korea"},
    "city.local_now": {"ko": "지금 현지 시각", "en": "Local time now"},
    "city.population": {"ko": "인구", "en": "Population"},
    "city.population_value": {"ko": "{n}명", "en": "{n}"},
    "city.coordinates": {"ko": "좌표", "en": "Coordinates"},
    "city.north": {"ko": "북위", "en": "N"},
    "city.south": {"ko": "남위", "en": "S"},
    "city.east": {"ko": "동경", "en": "E"},
    "city.west": {"ko": "서경", "en": "W"},
    "city.aliases": {"ko": "다른 표기", "en": "Other spellings"},
    "city.facts_source": {
        "ko": "도시 정보: GeoNames 지명 사전 (인구는 GeoNames 기준)",
        "en": "City facts: the GeoNames gazetteer (population as GeoNames gives it)",
    },
    # map
    "city.map_caption": {
        "ko": "원: 이 도시와, 이 도시에 간 출장이 들른 다른 해외 도시 (크기는 그 출장들의 면담 수, 색은 나라) · "
              "선: 그 출장들의 경로 (출발 도시 → 방문 도시 → 출발 도시).",
        "en": "Circles: this city and the other cities abroad its trips went to (size: those trips' meetings; "
              "colour: country) · lines: the trips' routes (home → cities → home).",
    },
    "city.map_caption_alone": {
        "ko": "원: 이 도시. 현재 필터에 맞는 출장이 이 도시에 가지 않아 경로는 없습니다.",
        "en": "Circle: this city. No trip matching the filters went here, so no route is drawn.",
    },
    "city.map_routes_cut": {
        "ko": "경로는 최근 출장 {shown}건만 그렸습니다 (전체 {total}건).",
        "en": "Routes of the {shown} most recent trips are drawn ({total} in all).",
    },
    # timeline
    "city.timeline": {"ko": "이 도시에 간 출장", "en": "Trips to this city"},
    "city.chart_title": {"ko": "{city}에 간 출장", "en": "Trips to {city}"},
    "city.chart_alt": {
        "ko": "이 도시에 간 출장을 기관·부서별 가로 막대로 그린 연도별 타임라인",
        "en": "Timeline of the trips that went to this city, one row per organization and department",
    },
    "city.chart_hint": {
        "ko": "막대나 점을 누르면 그 출장 화면이 열립니다. 아래 목록에서도 열 수 있습니다.",
        "en": "Click a bar or dot to open that trip, or use the list below.",
    },
    "city.no_trips": {
        "ko": "이 도시에 간 출장이 없습니다.",
        "en": "No trip went to this city.",
    },
    "city.no_trips_filtered": {
        "ko": "현재 필터에 맞는 출장 가운데 이 도시에 간 출장이 없습니다.",
        "en": "None of the trips matching the filters went to this city.",
    },
    "city.too_many_trips": {
        "ko": "이 도시에 간 출장이 {n}건이라 출장마다 막대를 그리지 않았습니다. 타임라인 화면에서 월별로 볼 수 있습니다.",
        "en": "{n} trips went to this city, too many to draw one bar each. The Timeline page counts them by month.",
    },
    "city.open_timeline": {"ko": "타임라인 화면에서 이 도시 출장 보기", "en": "See this city's trips on the Timeline page"},
    "city.undated_trips": {
        "ko": "날짜가 없는 출장 (그림에 넣지 않고 목록에만 둠)",
        "en": "Trips without dates (listed, not placed on the chart)",
    },
    "city.stay": {"ko": "이 도시 체류 {period}", "en": "here {period}"},
    "city.meetings_here": {"ko": "이 도시 면담 {n}건", "en": "meetings here: {n}"},
    # meetings
    "city.meetings": {"ko": "이 도시에서 열린 면담·방문", "en": "Meetings held in this city"},
    "city.no_meetings": {"ko": "이 도시에서 열린 면담이 없습니다.", "en": "No meetings were held in this city."},
    "city.undated_meetings": {
        "ko": "날짜가 없는 면담은 목록 끝에 둡니다.",
        "en": "Meetings without a date are listed last.",
    },
    # institutions
    "city.institutions": {"ko": "이 도시의 기관", "en": "Institutions in this city"},
    "city.institutions_caption": {
        "ko": "이 도시에 있는 기관과, 다른 곳에 있지만 이 도시에서 만난 기관입니다.",
        "en": "Institutions based in this city, and those based elsewhere that were met here.",
    },
    "city.no_institutions": {"ko": "이 도시의 기관이 기록되지 않았습니다.", "en": "No institutions are recorded in this city."},
    "city.based_in": {"ko": "소재지 {city}", "en": "based in {city}"},
    "city.based_unknown": {"ko": "소재지 미상", "en": "based elsewhere"},
    # programs, follow-ups, documents, flags
    "city.programs_caption": {
        "ko": "이 도시에 있는 기관이 제공하는 프로그램입니다.",
        "en": "Programs offered by institutions based in this city.",
    },
    "city.no_programs": {
        "ko": "이 도시 기관의 협력 프로그램이 기록되지 않았습니다.",
        "en": "No programs are recorded for institutions in this city.",
    },
    "city.no_follow_ups": {
        "ko": "이 도시 기관과의 후속조치가 없습니다.",
        "en": "No follow-ups with institutions in this city.",
    },
    "city.no_documents": {
        "ko": "이 화면의 사실에 연결된 출처 문서가 없습니다.",
        "en": "No source document is linked to the facts on this page.",
    },
    "city.no_flags": {
        "ko": "이 도시와 관련된 확인 사항이 없습니다.",
        "en": "No data-quality notes concern this city.",
    },
    "city.open_trip": {"ko": "출장 화면: {name}", "en": "Trip page: {name}"},
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    # what a data-quality flag concerns (data_quality_flags.entity_type)
    "flag_entity": {
        "document": {"ko": "출처 문서", "en": "Source document"},
        "trip": {"ko": "출장", "en": "Trip"},
        "itinerary_item": {"ko": "일정", "en": "Itinerary"},
        "meeting": {"ko": "면담", "en": "Meeting"},
        "attendee": {"ko": "참석자", "en": "Attendee"},
        "institution": {"ko": "기관", "en": "Institution"},
        "program": {"ko": "프로그램", "en": "Program"},
        "follow_up": {"ko": "후속조치", "en": "Follow-up"},
        "city": {"ko": "도시", "en": "City"},
    },
    # flag codes the seed dataset uses that the importer's vocabulary (import_.py) does not name
    "flag_code": {
        "typo": {"ko": "오탈자", "en": "Typo"},
        "unclear_reference": {"ko": "불분명한 지칭", "en": "Unclear reference"},
        "city_inferred": {"ko": "추정한 도시", "en": "City inferred"},
    },
}
