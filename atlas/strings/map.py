"""Strings of the map page and the map itself (see atlas/strings/__init__.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "map.title": {"ko": "방문 도시 지도", "en": "Map of cities visited"},
    "map.caption": {
        "ko": "원의 넓이는 {measure}에 비례합니다. 원을 누르면 출장과 방문 기관이 보입니다.",
        "en": "Circle area is proportional to {measure}. Click a circle for its trips and institutions.",
    },
    "map.empty": {
        "ko": "이 필터에 맞는 출장이 없습니다. 필터를 바꾸거나 초기화해 보세요.",
        "en": "No trips match these filters. Change or clear the filters.",
    },
    "map.empty_years": {
        "ko": "선택한 연도에는 해외 방문 도시가 없습니다.",
        "en": "No cities abroad were visited in the selected years.",
    },
    "map.no_basemap": {
        "ko": "국가 경계 지도 파일이 설치되지 않았습니다 (`npm ci --prefix static`). 도시와 경로만 표시합니다.",
        "en": "The country-outline basemap is not installed (`npm ci --prefix static`); showing cities and routes only.",
    },
    # controls
    "map.size_by": {"ko": "원 크기", "en": "Circle size"},
    "map.color_by": {"ko": "색 구분", "en": "Colour by"},
    "map.measure.meetings": {"ko": "면담 수", "en": "Meetings"},
    "map.measure.visits": {"ko": "방문 횟수", "en": "Visits"},
    "map.measure.trips": {"ko": "출장 수", "en": "Trips"},
    "map.color.country": {"ko": "국가", "en": "Country"},
    "map.color.sector": {"ko": "분야", "en": "Sector"},
    "map.routes": {"ko": "출장 경로", "en": "Trip routes"},
    "map.hide_names": {"ko": "사람 이름 숨기기", "en": "Hide people's names"},
    "map.presenter": {"ko": "발표 모드", "en": "Presenter mode"},
    "map.presenter_help": {
        "ko": "지도를 화면 가득 크게 보여 줍니다. 주소에 presenter=1 을 붙이면 이 모드로 열립니다.",
        "en": "Shows the map full-screen in large type. Add presenter=1 to the address to open in this mode.",
    },
    "map.presenter_exit": {"ko": "발표 모드 끝내기", "en": "Leave presenter mode"},
    "map.years": {"ko": "연도 범위", "en": "Years"},
    "map.play": {"ko": "연도별 재생", "en": "Play by year"},
    "map.pause": {"ko": "재생 멈춤", "en": "Pause"},
    "map.step_prev": {"ko": "이전 연도", "en": "Previous year"},
    "map.step_next": {"ko": "다음 연도", "en": "Next year"},
    "map.show_all": {"ko": "전체 기간", "en": "All years"},
    "map.playing": {"ko": "{year}년", "en": "{year}"},
    "map.year_range": {"ko": "{first}~{last}년", "en": "{first}–{last}"},
    "map.export": {"ko": "지도 HTML로 내보내기", "en": "Export map as HTML"},
    "map.export_help": {
        "ko": "인터넷 없이 열리는 HTML 파일 하나로 저장합니다 (지도 라이브러리와 국가 경계 포함).",
        "en": "One HTML file that opens without internet (map library and country outlines included).",
    },
    "map.summary": {
        "ko": "도시 {cities}곳 · 출장 {trips}건 · 면담 {meetings}건",
        "en": "Cities: {cities} · trips: {trips} · meetings: {meetings}",
    },
    "map.routes_aggregated": {
        "ko": "출장이 {trips}건이라 출장별 경로 대신 가장 많이 다닌 구간 {shown}개(전체 {total}개)를 선 굵기로 보여 줍니다.",
        "en": "With {trips} trips, the map shows the {shown} most travelled legs (of {total}) by line width instead of each trip's route.",
    },
    "map.attribution": {
        "ko": "국가 경계: Natural Earth(퍼블릭 도메인), world-atlas 패키지 · 지명: GeoNames(CC BY 4.0)",
        "en": "Country outlines: Natural Earth (public domain) via world-atlas · Places: GeoNames (CC BY 4.0)",
    },
    # inside the map
    "map.layer.cities": {"ko": "방문 도시", "en": "Cities visited"},
    "map.layer.legs": {"ko": "주요 이동 구간", "en": "Most travelled legs"},
    "map.layer.homes": {"ko": "출발 도시", "en": "Home cities"},
    "map.home": {"ko": "{city} · 출발지 (출장 {trips}건)", "en": "{city} · home (trips: {trips})"},
    "map.tooltip": {"ko": "{city} · {measure} {value}", "en": "{city} · {measure}: {value}"},
    "map.popup.counts": {
        "ko": "면담 {meetings}건 · 방문 {visits}회 · 출장 {trips}건",
        "en": "Meetings: {meetings} · visits: {visits} · trips: {trips}",
    },
    "map.popup.trips": {"ko": "출장", "en": "Trips"},
    "map.popup.institutions": {"ko": "방문 기관", "en": "Institutions met"},
    "map.popup.more": {"ko": "외 {count}건 더 보기", "en": "{count} more…"},
    "map.popup.head": {"ko": "단장", "en": "Head"},
    "map.popup.meetings": {"ko": "면담 {count}건", "en": "meetings: {count}"},
    "map.leg": {"ko": "{a} – {b} · 출장 {trips}건", "en": "{a} – {b} · trips: {trips}"},
    "map.legend.size": {"ko": "원 넓이: {measure}", "en": "Circle area: {measure}"},
    "map.legend.other": {"ko": "기타", "en": "Other"},
    "map.legend.no_sector": {"ko": "분야 정보 없음", "en": "No sector recorded"},
    "map.hidden_name": {"ko": "○○○", "en": "(name hidden)"},
    "map.export_title": {"ko": "국제교류 아틀라스 · 방문 도시 지도", "en": "Engagement Atlas · Map of cities visited"},
    "map.exported_at": {"ko": "내보낸 날짜: {date}", "en": "Exported {date}"},
}
