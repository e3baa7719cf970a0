"""The report extractor: 공무국외출장 결과보고서 and 출장 계획서.

It reads the intermediate form (headings, paragraphs, tables with line numbers), never a
format, so the same report gives the same facts from any reader. What it reads:

- 출장개요: title, period (with 'N박 M일'), countries and cities, purpose, travellers;
- 세부일정 / 주요일정: the itinerary table (blank cells carried down, the year taken from the
  period, '+1일' moving the end and every later row to the next day, each time local to its
  city, the stated duration checked against the one computed across time zones);
- one section per meeting, whatever its numbering ([1], (1), ①) or heading level, with its
  개요 bullets (일시, 장소, 참석자 grouped by organization, 주요내용), agenda table and key
  points; programs from tables (사업명/구분 + 개요/내용) and from prose (‘… 프로그램’,
  Latin names in brackets, a description saying who may apply, a '○ … 교류 제안' subsection),
  with their duration, eligibility and funding where the text states them;
- one follow-up per bullet of 시사점 및 결과 활용 계획 (or a '후속:' line), linked to the
  institutions it names, and one per promise or next step inside a meeting's notes
  (phrases.promise), linked to that meeting and the institutions it names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from atlas.importer import phrases
from atlas.importer import textutil as tu
from atlas.importer.extraction import (AgendaItem, Extraction, FollowUp, ItineraryItem, Meeting, Person, Place,
                                       Program, Traveller, Trip)
from atlas.importer.model import Block, SourceDocument
from atlas.importer.names import (CitySpelling, InstitutionRegistry, Knowledge, resolve_country, resolve_place,
                                  strip_role)
from atlas.importer.profile import classify_institution, program_type, sectors_in

_GENERIC_TITLE = re.compile(r"^공무\s*국외\s*출장\s*등?\s*결과\s*보고서?$")
_MEETING_HEAD = re.compile(r"^\s*(?:(?P<br>\[\s*\d{1,2}\s*\])|(?P<pa>\(\s*\d{1,2}\s*\))|(?P<ci>[①-⑳]))\s*(?P<title>\S.*)$")
_OVERVIEW_MARK = re.compile(r"(?:회의|면담|방문|간담회|행사|미팅)?\s*개\s*요\s*$")
_COUNTRY_SECTION = re.compile(r"^\s*(?:\d{1,2}|[IVX]+)\.\s*(?P<country>[가-힣]+)\s*\((?P<city>[^)]+)\)\s*$")
_KV = re.compile(r"^\s*(?P<key>[가-힣 ]{2,12}?)\s*[:：]\s*(?P<value>.+)$")
_PAREN_FIELD = re.compile(r"^\s*\((?P<key>[^)]{1,8})\)\s*(?P<value>.*)$")
_FOLLOW_SECTION = re.compile(r"(시사점|결과\s*활용|활용\s*계획|향후\s*계획|후속\s*조치)")
_FOLLOW_LINE = re.compile(r"^\s*(?:[-•·○]\s*)?후속(?:\s*조치)?\s*[:：]\s*(?P<action>.+)$")
_END_OF_BODY = re.compile(r"^(위와 같이|붙\s*임|첨\s*부)")
_PHOTOS = re.compile(r"^\s*(?:□|■)?\s*주요\s*사진")
_KEYPOINTS = re.compile(r"^\s*(?:□|■)?\s*주요\s*(?:회의|면담|방문)?\s*내용\s*$")
_AGENDA_MARK = re.compile(r"(?:회의|면담|방문)\s*일정\s*$")
_ACTIVITY = re.compile(r"\s*(?:회의\s*및\s*시찰|회의|면담|시찰|방문|간담회|미팅|협의|예방|접견|견학)\s*$")
_COUNT = re.compile(r"총\s*(\d{1,4})\s*명")
_STAGE_ORDER = ("identified", "proposed", "in_discussion", "agreed", "in_progress", "done")
_DURATION = re.compile(r"(최대\s*(?:총\s*)?\d+\s*(?:개월|주|일|년)|\d+\s*(?:개월|주|일|년)\s*(?:동안|간|정도))")
_TITLE_WORDS = re.compile(r"(출장|국외).*(보고|계획)")
_SIGNED_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일\.?\s*$")
_ADDRESSEE = re.compile(r"^\s*(?P<org>\S.*\S)\s*귀하\s*$")
_SECTION_NUMBER = re.compile(r"^\s*(?:\d+\.|[가-하]\.|□|[IVX]+\.)")
_FIELD_KEYS = {"일시", "일자", "시간", "장소", "참석자", "참석", "참석인원", "주요내용", "목적", "방문목적", "내용", "면담자", "상대"}
_OTHERS = re.compile(r"\s*외\s*(?P<title>[가-힣A-Za-z ]*?)\s*(?P<n>\d{1,4})\s*명\s*$")
_FLIGHT_NO = re.compile(r"\b(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?\d{2,4}\b")
_ARROW = re.compile(r"(?P<a>[^()→>]+?)\s*(?:→|->|⇒|>)\s*(?P<b>[^()/→]+)")
_HIGH_RANK = re.compile(r"(?:^|\s)(?:부?시장|주지사|장관|차관|대사|총리|의장|총영사|총장|부총장)")
_DATE_CELL = re.compile(r"^\s*\d{1,2}\s*\.\s*\d{1,2}")
_TITLE_SUFFIXES = ("장", "대표", "이사", "원", "사", "관", "디렉터", "매니저", "총괄", "담당자", "담당", "관계자", "위원",
                   "의장", "지사", "회장", "교수", "박사", "대표단", "팀장", "주무관", "사무관", "비서", "책임", "고문",
                   "참사", "실무자", "CEO", "CTO", "Director", "Manager")
_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호")
LEADER_TITLES = re.compile(r"(시장|도지사|지사|원장|청장|실장|국장|본부장|단장|총장|회장|이사장|대표|장관|차관)$")


@dataclass
class _Point:
    """A key point of a meeting (a bullet, with a paragraph split by a page break joined
    back), and the subsection ('○ …') it sits in."""

    text: str
    line: int
    line_end: int
    section: int = 0
    heading: str = ""


@dataclass
class _Row:
    cells: list[str]
    line: int
    raw: list[str]


def _header_index(header: list[str]) -> dict[str, int]:
    """Which column holds what, from the header words."""
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = tu.squash(tu.clean(cell))
        if not key:
            continue
        if key in ("일자", "날짜", "일시", "월일") and "date" not in index:
            index["date"] = i
        elif key in ("장소", "지역", "도시", "방문지", "방문도시") and "place" not in index:
            index["place"] = i
        elif key in ("기관명", "기관", "방문기관") and "org" not in index:
            index["org"] = i
        elif key in ("시간", "시각") and "time" not in index:
            index["time"] = i
        elif key in ("소요", "소요시간", "비행시간") and "duration" not in index:
            index["duration"] = i
        elif ("내용" in key or key in ("일정", "세부일정", "활동")) and "content" not in index:
            index["content"] = i
        elif key in ("비고", "발표", "담당") and "note" not in index:
            index["note"] = i
    return index


class ReportExtractor:
    def __init__(self, doc: SourceDocument, knowledge: Knowledge | None, kind: str):
        self.doc = doc
        self.knowledge = knowledge or Knowledge()
        self.kind = kind
        self.blocks = doc.blocks
        self.x = Extraction(file_name=doc.file_name, format=doc.format, kind=kind)
        self.year: int | None = None
        self.countries: list[str] = []
        self.spelling = CitySpelling([])
        self.registry: InstitutionRegistry | None = None
        self.program_seq = 0
        self._last_prose: Program | None = None
        self._text_lines: list | None = None
        self.subjects: dict[str, str] = {}   # meeting ref -> the institution as its heading names it
        self.points: dict[str, list[_Point]] = {}  # meeting ref -> its key points
        self.program_sections: dict[str, int] = {}  # prose program ref -> the subsection that names it
        self._our_names: set[str] | None = None

    # -- entry point ------------------------------------------------------------------------------
    def run(self) -> Extraction:
        x = self.x
        self._document_facts()
        overview = self._overview()
        self._trip(overview)
        trip_city_names = [c.name_ko for c in x.trip.cities if c.name_ko] if x.trip else []
        self.spelling = CitySpelling(trip_city_names)
        self.registry = InstitutionRegistry(self.knowledge, self.spelling, self.countries)
        itinerary_tables, summary_tables = self._classify_tables()
        if itinerary_tables:
            self._itinerary(itinerary_tables)
        sections = self._meeting_sections()
        for number, (head, body, city) in enumerate(sections, start=1):
            self._meeting(number, head, body, city)
        self._link_itinerary()
        self._meetings_from_itinerary()
        for table in summary_tables:
            self._summary_table(table)
        self._follow_ups()
        self._heading_numbering(sections)
        self._html_cells()
        self._spelling_flags()
        x.institutions = self.registry.institutions()
        self._profile_institutions()
        self._canonical_titles()
        self._name_variant_flag()
        return x

    # -- document -----------------------------------------------------------------------------------
    def _texts(self):
        """(text, line, block) of every heading and paragraph, in order."""
        if self._text_lines is None:
            self._text_lines = [(line, block.line_start + offset, block) for block in self.blocks
                                if block.kind != "table" for offset, line in enumerate(block.text.split("\n"))]
        return self._text_lines

    def _document_facts(self) -> None:
        x = self.x
        titles = [(tu.clean(text), line) for text, line, _ in self._texts()
                  if _TITLE_WORDS.search(text) and len(tu.clean(text)) <= 120]
        titles = [t for t in titles if ":" not in t[0] and not t[0].startswith(("위와", "-"))
                  and not re.search(r"다\.?$", t[0])]   # a sentence or a 'key: value' line is no title
        specific = [t for t in titles if not _GENERIC_TITLE.match(t[0])]
        chosen = specific[0] if specific else (titles[0] if titles else None)
        x.title = tu.strip_bullet(chosen[0]) if chosen else None
        for text, line, _ in self._texts():
            match = _SIGNED_DATE.match(text)
            if match:
                x.published = tu.make_date(*match.groups())
                x.published_precision = "day"
        for text, line, _ in self._texts():
            match = _ADDRESSEE.match(text) if "귀하" in text else None
            if match:
                written = re.sub(r"(장|대표)$", "", match.group("org").strip())
                org = self.knowledge.organization_in(written)
                x.publisher = org.name_ko if org else written
                self.publisher_line = line

    def _overview(self) -> dict[str, tuple[str, int]]:
        """Key/value facts of 출장개요, from a table or from '- 키 : 값' bullets (first wins;
        the table row gives the traveller list)."""
        found: dict[str, tuple[str, int]] = {}
        self.traveller_rows: list[tuple[dict[str, str], int]] = []

        def put(key: str, value: str, line: int) -> None:
            key = tu.squash(key)
            for canonical, names in (("title", ("출장명", "건명", "출장제목")),
                                     ("period", ("출장기간", "기간", "일정기간")),
                                     ("countries", ("출장국", "방문국", "출장국가", "방문국가")),
                                     ("places", ("출장지", "방문지", "방문도시", "출장도시")),
                                     ("purpose", ("출장목적", "목적")),
                                     ("travellers", ("출장자", "출장인원", "출장자명", "참가자"))):
                if key in names:
                    value = tu.clean(value)
                    if canonical not in found or (canonical == "travellers" and not found[canonical][0]):
                        found[canonical] = (value, line)
                    elif canonical in ("period",):
                        found.setdefault("period_other", (value, line))
                    return

        for block in self.blocks:
            if block.kind == "table":
                header: list[str] | None = None
                for row, line in zip(block.rows, block.row_lines):
                    cells = [tu.clean(c) for c in row]
                    non_empty = [c for c in cells if c]
                    if header is not None and len(non_empty) >= 2:
                        self.traveller_rows.append((dict(zip(header, cells)), line))
                        continue
                    if {tu.squash(c) for c in non_empty} >= {"성명"}:
                        header = [tu.squash(c) for c in cells]
                        continue
                    if len(non_empty) >= 1 and len(cells) >= 2 and cells[0]:
                        put(cells[0], " ".join(cells[1:]).strip(), line)
            else:
                for text, line, _ in [(block.text, block.line_start, block)]:
                    body = tu.strip_bullet(text)
                    match = _KV.match(body)
                    if match:
                        put(match.group("key"), match.group("value"), line)
        return found

    # -- trip ---------------------------------------------------------------------------------------
    def _trip(self, overview: dict[str, tuple[str, int]]) -> None:
        x = self.x
        title = overview.get("title", (None, None))
        period_text, period_line = overview.get("period", (None, None))
        start = end = nights = days = None
        if period_text:
            start, end, nights, days = tu.parse_period(period_text)
        if start is None:
            for text, line, _ in self._texts():
                s, e, n, d = tu.parse_period(text)
                if s and e:
                    start, end, period_line = s, e, line
                    nights, days = nights or n, days or d
                    break
        self.year = start.year if start else None
        lines = [line for line in (title[1], period_line) if line]

        places: list[tuple[Place, int]] = []
        countries: list[str] = []
        for key in ("countries", "places"):
            if key not in overview:
                continue
            value, line = overview[key]
            lines.append(line)
            for country_text, city_text in _country_city_pairs(value):
                iso = resolve_country(country_text)
                if iso and iso not in countries:
                    countries.append(iso)
                for name in re.split(r"[,·/]|\s및\s", city_text or ""):
                    if name.strip():
                        place = resolve_place(name, [iso] if iso else None)
                        if place and place.city_id and not any(p.city_id == place.city_id for p, _ in places):
                            places.append((place, line))
                        elif place and place.city_id is None:
                            x.flag("place_unresolved", f"출장지 '{name.strip()}'을(를) 지명 사전에서 찾지 못함",
                                   entity="trip", lines=(line, line))
            if places:
                break
        for place, line in places:
            if place.needs_review:
                x.flag("place_near_match", place.note or f"'{place.text}'은(는) 비슷한 이름으로 찾은 도시: 확인 필요",
                       entity="trip", lines=(line, line), source_text=place.text)
        self.countries = countries or sorted({p.country for p, _ in places if p.country})
        purpose = overview.get("purpose", (None, None))
        if purpose[1]:
            lines.append(purpose[1])

        org = None
        org_ref = None
        if getattr(self, "publisher_line", None):
            known = self.knowledge.organization_in(x.publisher or "")
            org = x.publisher
            org_ref = known.key if known else None
        travellers = self._travellers(overview)
        lines.extend(line for _, line in self.traveller_rows)
        if org is None and travellers:
            org = travellers[0].organization
        for person in travellers:
            person.organization = person.organization or org
        department = next((p.department for p in travellers if p.department), None)
        status = "planned" if self.kind == "plan" else "completed"
        x.trip = Trip(
            title=tu.strip_bullet(title[0]) if title[0] else x.title, organization=org, organization_ref=org_ref,
            department=department, purpose=purpose[0], start_date=start, end_date=end,
            nights_stated=nights, days_stated=days, status=status, countries=self.countries,
            cities=[p for p, _ in places], city_lines=[(line, line) for _, line in places],
            travellers=travellers, line_start=min(lines) if lines else None,
            line_end=max(lines) if lines else None,
        )
        if start and end:
            if end < start:
                x.flag("period_reversed", f"출장기간의 끝({end})이 시작({start})보다 앞섬", entity="trip",
                       lines=(period_line, period_line))
            calendar_days = (end - start).days + 1
            if days is not None and days != calendar_days:
                x.flag("days_mismatch", f"'{nights}박 {days}일'로 적혔으나 {start}~{end}는 달력상 {calendar_days}일",
                       entity="trip", lines=(period_line, period_line))
            elif nights is not None and nights != calendar_days - 1:
                x.flag("nights_days_convention",
                       f"{start}~{end}는 달력상 {calendar_days - 1}박 {calendar_days}일인데 '{nights}박 {days}일'로 적힘"
                       "(기내 숙박을 빼고 센 것으로 보임)", severity="info", entity="trip",
                       lines=(period_line, period_line))

    def _travellers(self, overview) -> list[Traveller]:
        out: list[Traveller] = []
        for row, line in self.traveller_rows:
            name = row.get("성명") or row.get("이름")
            if not name:
                continue
            out.append(Traveller(name=name, title=row.get("직급") or row.get("직위") or row.get("직책"),
                                 organization=None, department=row.get("소속") or row.get("부서"),
                                 line_start=line, line_end=line))
        if "travellers" in overview and overview["travellers"][0]:
            value, line = overview["travellers"]
            for part in re.split(r"[,;]", value):
                words = part.split()
                if len(words) < 2:
                    continue
                # '과학협력부 지현정 연구원': department, name, title
                name_index = next((i for i, w in enumerate(words) if _korean_name(w)), None)
                if name_index is None:
                    continue
                person = Traveller(name=words[name_index], title=" ".join(words[name_index + 1:]) or None,
                                   organization=None, department=" ".join(words[:name_index]) or None,
                                   line_start=line, line_end=line)
                same = next((p for p in out if p.name == person.name), None)
                if same is None:
                    out.append(person)
                else:  # the bullet usually gives the full title ('연구원' for the table's '원')
                    if person.title and (not same.title or (person.title.endswith(same.title)
                                                            and len(person.title) > len(same.title))):
                        same.title = person.title
                        same.line_start = same.line_end = line
                    same.department = same.department or person.department
        for person in out:
            if person.title and LEADER_TITLES.search(person.title):
                person.role = "head"
            elif len(out) == 1 or (person.title and re.search(r"(연구원|주무관|사원|주임|원|직원|담당)$", person.title)):
                person.role = "staff"
        return out

    # -- tables ---------------------------------------------------------------------------------------
    def _classify_tables(self) -> tuple[list[Block], list[Block]]:
        """Itinerary tables (date, place, time, what) and tables summing up the meetings
        (date, time, institution or place, what). A table naming institutions is a summary;
        of the others, those with travel rows or durations are itineraries, and when none
        has any, the longest one is."""
        candidates, summary = [], []
        for block in self.blocks:
            if block.kind != "table" or len(block.rows) < 2:
                continue
            index = _header_index(block.rows[0])
            if "time" not in index or "content" not in index or not ({"date", "place", "org"} & index.keys()):
                continue
            if "org" in index:
                summary.append(block)
                continue
            contents = [tu.clean(r[index["content"]]) for r in block.rows[1:] if index["content"] < len(r)]
            durations = sum(1 for r in block.rows[1:] for c in r if tu.parse_duration(c) is not None)
            travel = any(re.search(r"이동|출국|귀국|입국|항공|직항|공항", c) for c in contents)
            candidates.append((block, bool(travel or durations)))
        itinerary = [b for b, moving in candidates if moving]
        if not itinerary and candidates:
            itinerary = [max((b for b, _ in candidates), key=lambda b: len(b.rows))]
        summary += [b for b, _ in candidates if b not in itinerary]
        return itinerary, summary

    def _rows(self, block: Block) -> list[_Row]:
        return [_Row([tu.clean(c) for c in row], line, row) for row, line in zip(block.rows[1:], block.row_lines[1:])]

    def _itinerary(self, tables: list[Block]) -> None:
        x = self.x
        first = tables[0]
        items = self._itinerary_rows(first)
        x.itinerary = items
        for other in tables[1:]:
            again = self._itinerary_rows(other, flag=False)
            same = [(_item_key(a) == _item_key(b)) for a, b in zip(items, again)]
            if len(again) == len(items) and all(same):
                x.flag("duplicate_table", f"세부일정 표가 {other.line_start}행에 한 번 더 나옴(내용 동일, 앞의 표를 사용)",
                       severity="info", lines=(other.line_start, other.line_end))
            else:
                differing = [b for a, b, s in zip(items, again, same) if not s] + again[len(items):]
                where = differing[0].line_start if differing else other.line_start
                x.flag("summary_disagrees", f"{other.line_start}행의 일정표가 앞의 세부일정 표와 다름(앞의 표를 사용)",
                       lines=(where, where))

    def _itinerary_rows(self, block: Block, flag: bool = True) -> list[ItineraryItem]:
        x = self.x
        index = _header_index(block.rows[0])
        width = max(len(r) for r in block.rows)
        if "duration" not in index:
            # An unnamed column whose cells read as durations ("시 간" spanning two columns).
            for col in range(width):
                if col in index.values():
                    continue
                cells = [r[col] for r in block.rows[1:] if col < len(r) and tu.clean(r[col])]
                if cells and sum(tu.parse_duration(c) is not None for c in cells) >= max(1, len(cells) * 0.6):
                    index["duration"] = col
                    break
        items: list[ItineraryItem] = []
        date: dt.date | None = None
        shift = 0               # days added by '+1일' markers so far
        city_text = ""
        for row in self._rows(block):
            def cell(name: str) -> str:
                col = index.get(name)
                return row.cells[col] if col is not None and col < len(row.cells) else ""

            def raw(name: str) -> str:
                col = index.get(name)
                return row.raw[col] if col is not None and col < len(row.raw) else ""

            if not any(row.cells):
                continue
            date_text = cell("date")
            if date_text:
                parsed, weekday = tu.parse_day(re.sub(r"\+\s*\d\s*일?", "", date_text), self.year)
                if parsed is not None:
                    date, shift = parsed, 0
                    if flag and not tu.weekday_ok(parsed, weekday):
                        x.flag("weekday_mismatch", f"{date_text}: {parsed}은(는) {tu.WEEKDAYS_KO[parsed.weekday()]}요일",
                               entity="itinerary_item", ref=len(items) + 1, lines=(row.line, row.line))
                elif self.year is None and _DATE_CELL.match(date_text) and flag:
                    x.flag("year_unknown", f"'{date_text}'의 연도를 알 수 없어 날짜를 비워 둠(출장기간이 없음)",
                           entity="itinerary_item", ref=len(items) + 1, lines=(row.line, row.line))
            if cell("place"):
                city_text = cell("place")
            content = tu.strip_bullet(cell("content"))
            if not content and not cell("time"):
                continue
            start, end, plus = tu.parse_time_range(raw("time"))
            day = date + dt.timedelta(days=shift) if date else None
            end_day = day + dt.timedelta(days=plus) if day else None
            city = resolve_place(city_text, self.countries) if city_text else None
            kind = _item_kind(content)
            from_city = to_city = None
            if kind in ("transfer", "flight"):
                from_city, to_city = self._legs(content, city, items)
            if kind == "flight" and from_city is None and items:
                from_city = items[-1].city
            stated_text = cell("duration") or None
            stated = tu.parse_duration(stated_text) if stated_text else None
            item = ItineraryItem(
                seq=len(items) + 1, date=day, start=start, end=end, end_date=end_day if end else day,
                city=city, from_city=from_city, to_city=to_city, kind=kind, description=content,
                stated_duration_text=stated_text, stated_duration_minutes=stated,
                line_start=row.line, line_end=row.line)
            if end and day:
                self._check_duration(item, flag)
            items.append(item)
            if plus:
                shift += plus
                if flag:
                    x.flag("next_day_marker", f"'+{plus}일' 표시: 도착을 {end_day}로 읽고 이어지는 행도 그 날짜로 처리",
                           severity="info", entity="itinerary_item", ref=item.seq, lines=(row.line, row.line))
            if flag and kind == "official" and not start and not end:
                x.flag("unspecified_activity", f"{day or date_text} 일정은 '{content}'만 적혀 있고 시간·상대 기관이 없음",
                       severity="info", entity="itinerary_item", ref=item.seq, lines=(row.line, row.line))
            if flag and city is not None and city.city_id is None:
                x.flag("place_unresolved", f"일정표의 장소 '{city.text}'을(를) 지명 사전에서 찾지 못함",
                       entity="itinerary_item", ref=item.seq, lines=(row.line, row.line), source_text=city.text)
            elif flag and city is not None and city.needs_review:
                x.flag("place_near_match", city.note or "", entity="itinerary_item", ref=item.seq,
                       lines=(row.line, row.line), source_text=city.text)
        return items

    def _legs(self, content: str, city: Place | None, items: list[ItineraryItem]):
        arrow = _ARROW.search(content.replace("(", " ( ").replace(")", " ) "))
        inner = re.search(r"\(([^()]*(?:→|->)[^()]*)\)", content)
        text = inner.group(1) if inner else (arrow.group(0) if arrow else None)
        if text:
            parts = re.split(r"→|->|⇒", text, maxsplit=1)
            a = parts[0].strip()
            b = re.split(r"[/(]", parts[1])[0].strip() if len(parts) > 1 else ""
            pa = resolve_place(a, self.countries) if a else None
            pb = resolve_place(b, self.countries) if b else None
            pa = pa if pa and pa.city_id else city
            pb = pb if pb and pb.city_id else city
            return pa, pb
        if re.search(r"이동", content):
            return city, city
        return None, None

    def _check_duration(self, item: ItineraryItem, flag: bool) -> None:
        x = self.x
        start_zone = (item.from_city if item.kind == "flight" and item.from_city else item.city)
        end_zone = (item.to_city if item.kind == "flight" and item.to_city else item.city)
        tz_a = ZoneInfo(start_zone.timezone) if start_zone and start_zone.timezone else None
        tz_b = ZoneInfo(end_zone.timezone) if end_zone and end_zone.timezone else None
        if tz_a is None or tz_b is None:
            return
        h1, m1 = map(int, item.start.split(":"))
        h2, m2 = map(int, item.end.split(":"))
        begin = dt.datetime.combine(item.date, dt.time(h1 % 24, m1), tz_a)
        end_date = item.end_date or item.date
        finish = dt.datetime.combine(end_date, dt.time(h2 % 24, m2), tz_b)
        if finish <= begin and item.end_date == item.date:
            if tz_a.key != tz_b.key:
                # Across time zones the local end time may be 'earlier' on the same date (19:20 KST -> 14:00 PDT).
                pass
            if finish <= begin:
                finish += dt.timedelta(days=1)
                item.end_date = end_date + dt.timedelta(days=1)
                if flag and tz_a.key == tz_b.key:
                    x.flag("time_runs_backwards",
                           f"{item.start}~{item.end}: 끝이 시작보다 앞서 다음 날 도착으로 읽음", entity="itinerary_item",
                           ref=item.seq, lines=(item.line_start, item.line_end))
        minutes = int((finish - begin).total_seconds() // 60)
        item.computed_minutes = minutes
        if flag and item.stated_duration_minutes is not None and abs(minutes - item.stated_duration_minutes) > 5:
            zones = f"{begin.tzname()}→{finish.tzname()}" if tz_a.key != tz_b.key else begin.tzname()
            x.flag("duration_mismatch",
                   f"{item.start}~{item.end}({zones})은 실제 {tu.format_minutes(minutes)}인데 표에는 "
                   f"{item.stated_duration_text}({tu.format_minutes(item.stated_duration_minutes)})로 적힘",
                   entity="itinerary_item", ref=item.seq, lines=(item.line_start, item.line_end),
                   source_text=item.stated_duration_text)

    # -- meeting sections ----------------------------------------------------------------------------
    def _meeting_sections(self) -> list[tuple[tuple[str, int, Block], list[Block], Place | None]]:
        """(heading, the blocks of its section, the city of its country section)."""
        blocks = self.blocks
        heads: list[int] = []
        cities: dict[int, Place | None] = {}
        city: Place | None = None
        boundaries: set[int] = set()
        for i, block in enumerate(blocks):
            if block.kind == "table":
                continue
            text = tu.clean(block.text)
            country = _COUNTRY_SECTION.match(text)
            if country:
                iso = resolve_country(country.group("country"))
                if iso:
                    place = resolve_place(country.group("city"), [iso])
                    city = place if place and place.city_id else city
                    boundaries.add(i)
                    continue
            if (block.kind == "heading" and re.match(r"^(붙\s*임|첨\s*부|참고)", text)) or \
                    re.fullmatch(r"(붙\s*임|첨\s*부)(\s*\d*)?", text):
                boundaries.add(i)
                city = None
            match = _MEETING_HEAD.match(text)
            if match and self._opens_meeting(i):
                heads.append(i)
                cities[i] = city
        sections = []
        for n, start in enumerate(heads):
            end = heads[n + 1] if n + 1 < len(heads) else len(blocks)
            stop = next((b for b in sorted(boundaries) if start < b < end), end)
            title = _MEETING_HEAD.match(tu.clean(blocks[start].text)).group("title")
            sections.append(((title, blocks[start].line_start, blocks[start]), blocks[start + 1:stop], cities[start]))
        return sections

    def _opens_meeting(self, i: int) -> bool:
        for block in self.blocks[i + 1:i + 4]:
            if block.kind == "table":
                continue
            text = tu.clean(block.text)
            if _OVERVIEW_MARK.search(text) or re.match(r"^\s*[-•·]?\s*\(일시\)", text):
                return True
        return False

    def _meeting(self, number: int, head: tuple[str, int, Block], body: list[Block], section_city: Place | None):
        x = self.x
        title_written, head_line, _ = head
        ref = f"m{number}"
        fields: dict[str, tuple[str, int]] = {}
        attendees: list[Person] = []
        agenda: list[AgendaItem] = []
        key_points: list[_Point] = []
        section, section_heading = 0, ""
        mode = "overview"
        last_line = head_line
        in_attendees = False
        overview_kind = ""
        for block in body:
            if block.kind == "table":
                index = _header_index(block.rows[0])
                header = [tu.squash(tu.clean(c)) for c in block.rows[0]]
                if mode != "points" and "time" in index and "content" in index:
                    agenda.extend(self._agenda(block, index, ref))
                elif header and header[0] in ("사업명", "프로그램", "프로그램명", "구분", "지원사업"):
                    self._program_table(block, ref)
                last_line = max(last_line, block.line_end) if mode != "photos" else last_line
                continue
            text = block.text
            clean_text = tu.clean(text)
            if "사진" in clean_text and _PHOTOS.match(clean_text):
                mode = "photos"
                continue
            if mode == "photos":
                continue
            last_line = block.line_end
            if len(clean_text) < 20 and "요" in clean_text and _OVERVIEW_MARK.search(clean_text):
                overview_kind = clean_text
                mode = "overview"
                continue
            if len(clean_text) < 20 and "일정" in clean_text and _AGENDA_MARK.search(clean_text):
                mode = "agenda"
                continue
            if "내용" in clean_text and _KEYPOINTS.match(clean_text):
                mode = "points"
                continue
            if mode == "overview":
                body_text = tu.strip_bullet(clean_text)
                field = _PAREN_FIELD.match(body_text)
                if field and tu.squash(field.group("key")) in _FIELD_KEYS:
                    key = tu.squash(field.group("key"))
                    fields[key] = (field.group("value").strip(), block.line_start)
                    in_attendees = key in ("참석자", "참석", "참석인원")
                    continue
                if in_attendees and text.lstrip().startswith(("-", "•", "·", "‐", "○")):
                    attendees.extend(self._people(body_text, block.line_start))
                    continue
                in_attendees = False
            elif mode == "points":
                if block.kind == "heading" or clean_text.startswith(("○", "◦", "□")):
                    section, section_heading = section + 1, tu.strip_bullet(clean_text)
                    continue  # a subheading inside the key points
                point = tu.strip_bullet(clean_text)
                if not point or clean_text.startswith(("※", "*")):
                    continue  # a footnote or a boxed note, not a point of the meeting
                starts_bullet = text.lstrip().startswith(("-", "•", "·", "‐"))
                if key_points and not starts_bullet and not _sentence_end(key_points[-1].text):
                    last = key_points[-1]
                    x.flag("paragraph_split", f"한 문단이 {last.line}행과 {block.line_start}행으로 끊겨 있어 이어 붙임",
                           severity="info", entity="meeting", ref=ref, lines=(last.line, block.line_start))
                    last.text, last.line_end = last.text + " " + point, block.line_end
                    continue
                key_points.append(_Point(point, block.line_start, block.line_end, section, section_heading))

        # The institution: the heading without its activity word(s) and trailing role.
        title = tu.clean(title_written)
        subject = strip_role(_ACTIVITY.sub("", title).strip())
        self.subjects[ref] = subject
        when = fields.get("일시", ("", None))
        date, weekday = tu.find_date(when[0])
        if date is None and when[0]:
            date, weekday = tu.parse_day(when[0], self.year)
        start, end, _plus = tu.parse_time_range(when[0])
        if date is not None and not tu.weekday_ok(date, weekday):
            x.flag("weekday_mismatch", f"{when[0]}: {date}은(는) {tu.WEEKDAYS_KO[date.weekday()]}요일",
                   entity="meeting", ref=ref, lines=(when[1], when[1]))
        place_text = fields.get("장소", (None, None))[0]
        city = section_city
        if city is None and self.x.itinerary and date:
            same_day = [i for i in self.x.itinerary if i.date == date and i.city and i.city.city_id]
            city = same_day[-1].city if same_day else None
        institution_ref = self.registry.mention(subject, head_line, place=city) if subject else None
        people_known = [p for p in attendees if p.side == "theirs" and p.organization]
        for person in people_known:
            person.institution_ref = self.registry.mention(person.organization, person.line, place=city)
            # A title naming another institution of the meeting ('CoMotion 대표') points at it.
            if institution_ref and person.institution_ref != institution_ref and person.title:
                inst_names = [k for k in self.registry.groups if k.ref == institution_ref]
                for group in inst_names:
                    if any(tu.squash(part) and tu.squash(part) in tu.squash(person.title)
                           for form in group.forms for part in form.split() if len(tu.squash(part)) >= 4
                           and tu.squash(part) not in tu.squash(person.organization)):
                        person.institution_ref = institution_ref
        kind = _meeting_kind(title, overview_kind)
        count_stated = None
        count_field = fields.get("참석자") or fields.get("참석") or fields.get("참석인원")
        if count_field:
            count = _COUNT.search(count_field[0])
            count_stated = int(count.group(1)) if count else None
            if count_stated is not None and attendees:
                listed = sum(p.headcount for p in attendees)
                if listed != count_stated:
                    x.flag("attendee_count_mismatch",
                           f"참석자가 '총 {count_stated}명'으로 적혔으나 명단을 더하면 {listed}명",
                           entity="meeting", ref=ref, lines=(count_field[1], max(p.line for p in attendees)),
                           source_text=f"총 {count_stated}명")
        for item in agenda:
            if item.start and item.end and tu.minutes_of(item.end) < tu.minutes_of(item.start):
                x.flag("time_runs_backwards", f"회의일정 {item.start}~{item.end}: 끝이 시작보다 앞섬(원문대로 둠)",
                       entity="meeting", ref=ref, lines=(item.line, item.line), source_text=f"{item.start}~{item.end}")
        purpose = fields.get("주요내용", (None, None))[0] or fields.get("목적", (None, None))[0]
        meeting = Meeting(
            ref=ref, title=self._normal_title(title), institution_ref=institution_ref, date=date, start=start, end=end,
            city=city, place=place_text, kind=kind, purpose=purpose, key_points=[p.text for p in key_points],
            attendee_count_stated=count_stated, attendees=attendees, agenda=agenda,
            line_start=head_line, line_end=last_line)
        x.meetings.append(meeting)
        for program in x.programs:  # tables read above named the meeting until its institution was known
            if program.institution_ref == ref:
                program.institution_ref = institution_ref
        self._last_prose = None
        for point in key_points:
            self._prose_programs(point, meeting, key_points)
        self._proposed_programs(key_points, meeting)
        self.points[ref] = key_points
        if date is None and start is None and not fields:
            x.flag("unreadable_section", f"'{title}' 절에서 일시·장소·참석자를 읽지 못함", entity="meeting", ref=ref,
                   lines=(head_line, last_line))

    def _canonical_titles(self) -> None:
        """A heading that spells a Korean institution name another way gets its canonical
        spelling ('플랫폼 켈거리 시찰' -> '플랫폼캘거리 시찰'); a Latin name stays as written."""
        for meeting in self.x.meetings:
            subject = self.subjects.get(meeting.ref)
            institution = self.x.institution(meeting.institution_ref)
            if not subject or institution is None or not institution.name_ko or not tu.has_hangul(subject):
                continue
            if institution.type == "government" or not tu.has_hangul(institution.name_ko):
                continue
            fixed = self.spelling.fix(subject)
            if fixed in meeting.title:
                meeting.title = meeting.title.replace(fixed, institution.name_ko, 1)

    def _normal_title(self, title: str) -> str:
        """The heading with trip-city spellings corrected and spacing of known names unified."""
        fixed = self.spelling.fix(title)
        return fixed

    def _people(self, text: str, line: int) -> list[Person]:
        """'(대전시) 한치흠 기획조정실장, (DiSTEP) 지현정 연구원' -> people with their side."""
        people: list[Person] = []
        organization: str | None = None
        for part in re.split(r",\s*(?![^()]*\))", text):
            part = part.strip()
            if not part:
                continue
            label = re.match(r"^\((?P<org>[^)]+)\)\s*(?P<rest>.*)$", part)
            if label:
                organization = label.group("org").strip()
                part = label.group("rest").strip()
            others = _OTHERS.search(part)
            extra = None
            if others:
                extra = (others.group("title").strip() or None, int(others.group("n")))
                part = part[:others.start()].strip()
            if part:
                name, title = _split_person(part)
                people.append(Person(name=name, title=title, organization=organization, line=line))
            if extra:
                people.append(Person(name=None, title=extra[0], organization=organization, headcount=extra[1], line=line))
        for person in people:
            person.side = self._side(person)
            if person.side == "interpreter":
                person.organization = None
            elif person.side == "ours" and person.organization:
                known = self.knowledge.organization(person.organization)
                person.organization_ref = known.key if known else None
        return people

    def _side(self, person: Person) -> str:
        if (person.title or "").endswith(("통역사", "통역")) or (person.name or "").endswith("통역사"):
            return "interpreter"
        org = person.organization
        if org is None:
            return "theirs"
        if self.knowledge.organization(org) is not None:
            return "ours"
        if self.x.publisher and tu.squash(org) in tu.squash(self.x.publisher):
            return "ours"
        gov = re.match(r"^(?P<city>[가-힣]+?)(?:시|도|군|구|청)$", org)
        if gov:
            place = resolve_place(gov.group("city"), ["KR"])
            if place and place.country == "KR" and not place.needs_review:
                return "ours"
        return "theirs"

    def _agenda(self, block: Block, index: dict[str, int], ref: str) -> list[AgendaItem]:
        items = []
        for row in self._rows(block):
            time_text = row.cells[index["time"]] if index["time"] < len(row.cells) else ""
            start, end, _ = tu.parse_time_range(time_text)
            topic = row.cells[index["content"]] if index["content"] < len(row.cells) else ""
            topic = " ".join(tu.strip_bullet(p) for p in re.split(r"\s*•\s*", topic) if p.strip())
            note_col = index.get("note")
            lead = row.cells[note_col] if note_col is not None and note_col < len(row.cells) else ""
            if not topic and not start:
                continue
            items.append(AgendaItem(start=start, end=end, topic=topic, lead=lead or None, line=row.line))
        return items

    # -- programs ------------------------------------------------------------------------------------
    def _program_table(self, block: Block, meeting_ref: str) -> None:
        x = self.x
        # The meeting is appended after its section is read: rows name it by its ref until then.
        for row in self._rows(block):
            cells = [c for c in row.cells]
            if len(cells) < 2 or not cells[0]:
                continue
            name_cell, text = cells[0], " ".join(c for c in cells[1:] if c)
            name, name_en = _program_name(name_cell)
            self.program_seq += 1
            duration = _DURATION.search(text)
            x.programs.append(Program(
                ref=f"p{self.program_seq}", name=name, name_en=name_en, institution_ref=meeting_ref,
                type=program_type(name_cell + " " + text), description=text or None,
                duration_text=_tidy_duration(duration.group(1)) if duration else None,
                duration_days=_duration_days(duration.group(1)) if duration else None,
                eligibility=phrases.eligibility(text), funding_source=phrases.funding_source(text),
                line_start=row.line, line_end=row.line))

    def _prose_programs(self, point: _Point, meeting: Meeting, points: list[_Point]) -> None:
        """Programs a key point names (‘… 프로그램’ in quotes, a Latin name in brackets) or
        describes (who may apply and what it provides); later points of the meeting add the
        cost, duration, eligibility and funding of the program named last."""
        x = self.x
        text, line = point.text, point.line
        quoted = re.findall(r"[‘'“\"]([^’'”\"]{2,40}프로그램)[’'”\"]", text)
        for name in quoted:
            self._add_prose_program(name, None, text, point, meeting)
        if "프로그램" in text:
            for clause in re.split(r",\s*(?![^()]*\))", text):
                for latin in re.findall(r"\(([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)+)\)", clause):
                    self._add_prose_program(latin, latin, clause, point, meeting)
        last = self._last_prose
        described_here = False
        if phrases.states_application(text) and (last is None or self.program_sections.get(last.ref) != point.section):
            # A program described without being named: who may apply and what it provides. Its
            # name is the '… 프로그램' the institution says it runs (in the same subsection
            # first), else built from the host and what the program is for.
            runs = [(p.section != point.section, abs(p.line - line), name) for p in points
                    for name in phrases.programs_run(p.text)]
            name = min(runs)[2] if runs else f"{self.subjects.get(meeting.ref) or meeting.title} 지원 프로그램"
            what = phrases.purpose(text)
            kind = program_type(what) if what and program_type(what) != "other" else program_type(text)
            self._add_prose_program(name, None, text, point, meeting, kind=kind)
            described_here = True  # its own point's facts are read below
        last = self._last_prose
        if last is None or (last.line_start >= line and not quoted and not described_here):
            return
        cost = re.search(r"(?:참가\s*)?(?:비용|참가비|수강료)[^0-9]{0,10}(\d[\d,]*)\s*(불|달러|USD|\$|원|만원|캐나다달러|CAD)",
                         text)
        if cost and last.cost_amount is None:
            amount = float(cost.group(1).replace(",", ""))
            unit = cost.group(2)
            last.cost_amount = amount * (10000 if unit == "만원" else 1)
            last.cost_currency = {"불": "USD", "달러": "USD", "USD": "USD", "$": "USD", "원": "KRW", "만원": "KRW",
                                  "캐나다달러": "CAD", "CAD": "CAD"}[unit]
            last.cost_note = text
            last.line_end = max(last.line_end or line, point.line_end)
            if unit == "불":
                x.flag("currency_ambiguous", f"'{cost.group(0)}': '불'만 적혀 통화가 분명하지 않음(USD로 기록)",
                       severity="info", entity="program", ref=last.ref, lines=(line, line), source_text=cost.group(0))
        duration = re.search(r"(\d+)\s*(주|개월|일)\s*(?:정도|간|동안)", text) or _DURATION.search(text)
        if duration and last.duration_text is None:
            last.duration_text = _tidy_duration(duration.group(0))
            last.duration_days = _duration_days(duration.group(0))
            last.line_end = max(last.line_end or line, point.line_end)
        for field, read in (("eligibility", phrases.eligibility), ("funding_source", phrases.funding_source)):
            found = read(text) if getattr(last, field) is None else None
            if found:
                setattr(last, field, found)
                last.line_end = max(last.line_end or line, point.line_end)

    def _proposed_programs(self, points: list[_Point], meeting: Meeting) -> None:
        """A subsection proposing an exchange or a program ('○ 공무원 인사 교류 제안'): the
        program is what its points describe, hosted by the institution met."""
        by_section: dict[int, list[_Point]] = {}
        for point in points:
            by_section.setdefault(point.section, []).append(point)
        for section in by_section.values():
            name = phrases.proposed_program(section[0].heading)
            if not name:
                continue
            text = " ".join(p.text for p in section)
            self._add_prose_program(name, None, text, section[0], meeting, kind=program_type(name + " " + text))
            program = self._last_prose
            program.line_end = section[-1].line_end
            duration = _DURATION.search(text)
            program.duration_text = _tidy_duration(duration.group(1)) if duration else None
            program.duration_days = _duration_days(duration.group(1)) if duration else None
            program.eligibility, program.funding_source = phrases.eligibility(text), phrases.funding_source(text)
        self._last_prose = None

    def _add_prose_program(self, name: str, name_en: str | None, text: str, point: _Point, meeting: Meeting,
                           kind: str | None = None) -> None:
        x = self.x
        if any(p.name == name and p.institution_ref == meeting.institution_ref for p in x.programs):
            return
        self.program_seq += 1
        program = Program(ref=f"p{self.program_seq}", name=name, name_en=name_en,
                          institution_ref=meeting.institution_ref, type=kind or program_type(text),
                          description=text, line_start=point.line, line_end=point.line_end)
        self.program_sections[program.ref] = point.section
        x.programs.append(program)
        self._last_prose = program

    # -- links between the parts -----------------------------------------------------------------------
    def _link_itinerary(self) -> None:
        """An itinerary row is the meeting with the same date and start time, or on the same
        date the one whose institution it names."""
        for meeting in self.x.meetings:
            if meeting.date is None:
                continue
            row = next((i for i in self.x.itinerary if i.meeting_ref is None and i.date == meeting.date
                        and meeting.start and i.start == meeting.start), None)
            if row is None and meeting.institution_ref:
                for item in self.x.itinerary:
                    if item.meeting_ref is None and item.date == meeting.date and \
                            meeting.institution_ref in self.registry.names_in(item.description):
                        row = item
                        break
            if row is None:
                continue
            row.meeting_ref = meeting.ref
            if row.kind not in ("meeting", "visit", "event"):
                row.kind = "meeting"
            if meeting.city is None:
                meeting.city = row.city
            if meeting.institution_ref:
                subject = strip_role(_ACTIVITY.sub("", row.description).strip())
                if subject:
                    self.registry.mention(subject, row.line_start, into=meeting.institution_ref)
            if meeting.start and meeting.end and row.start and (row.start, row.end) != (meeting.start, meeting.end):
                self.x.flag("summary_disagrees",
                            f"일정표는 {row.start}~{row.end}, 회의개요는 {meeting.start}~{meeting.end}(회의개요를 따름)",
                            entity="meeting", ref=meeting.ref, lines=(row.line_start, row.line_end))

    def _meetings_from_itinerary(self) -> None:
        """Meeting rows of the itinerary with no section of their own become meetings too."""
        for item in self.x.itinerary:
            if item.meeting_ref or item.kind not in ("meeting", "visit"):
                continue
            subject = strip_role(_ACTIVITY.sub("", item.description).strip())
            number = len(self.x.meetings) + 1
            ref = f"m{number}"
            if item.date is None and item.start:
                self.x.flag("time_without_date", f"'{item.description}'의 시각은 있으나 날짜를 알 수 없어 시각 없이 저장함",
                            severity="info", entity="meeting", ref=ref, lines=(item.line_start, item.line_end))
            institution_ref = self.registry.mention(subject, item.line_start, place=item.city) if subject else None
            self.x.meetings.append(Meeting(
                ref=ref, title=self._normal_title(item.description), institution_ref=institution_ref,
                date=item.date, start=item.start, end=item.end, city=item.city, place=None,
                kind=_meeting_kind(item.description, ""), line_start=item.line_start, line_end=item.line_end))
            item.meeting_ref = ref

    def _summary_table(self, block: Block) -> None:
        """A table summing up the meetings (일자, 시간, 기관명/장소, 내용): its rows must agree
        with the meeting sections."""
        x = self.x
        index = _header_index(block.rows[0])
        name_col = index.get("org", index.get("place"))
        date: dt.date | None = None
        for row in self._rows(block):
            if index.get("date") is not None and row.cells[index["date"]]:
                date, _ = tu.parse_day(row.cells[index["date"]], self.year)
            start, end, _ = tu.parse_time_range(row.cells[index["time"]]) if index["time"] < len(row.cells) else (None,) * 3
            name = row.cells[name_col] if name_col is not None and name_col < len(row.cells) else ""
            meeting = next((m for m in x.meetings if m.date == date and m.start == start and m.date), None)
            ref = self.registry.find(name) if name else None
            if meeting is None and ref:
                meeting = next((m for m in x.meetings if m.date == date and m.institution_ref == ref), None)
            if meeting is None:
                continue
            if name and meeting.institution_ref:
                self.registry.mention(name, row.line, into=meeting.institution_ref)
            if (start, end) != (meeting.start, meeting.end):
                x.flag("summary_disagrees",
                       f"요약표는 {name} {start}~{end}, 본문은 {meeting.start}~{meeting.end}(본문을 따름)",
                       entity="meeting", ref=meeting.ref, lines=(row.line, row.line),
                       source_text=f"{start}~{end}")

    # -- follow-ups ---------------------------------------------------------------------------------------
    def _follow_ups(self) -> None:
        x = self.x
        collecting = False
        bullets: list[tuple[str, int, int]] = []  # text, line, depth
        for block in self.blocks:
            if block.kind == "table":
                if collecting and bullets:
                    collecting = False
                continue
            text = block.text
            clean_text = tu.clean(text)
            single = _FOLLOW_LINE.match(clean_text)
            if single:
                bullets.append((single.group("action"), block.line_start, 0))
                continue
            if (block.kind == "heading" or _SECTION_NUMBER.match(clean_text)) and len(clean_text) < 40:
                collecting = bool(_FOLLOW_SECTION.search(clean_text))
                continue
            if collecting:
                if _END_OF_BODY.match(clean_text):
                    collecting = False
                    continue
                if text.lstrip().startswith(("-", "•", "·", "○", "◦")):
                    bullets.append((tu.strip_bullet(clean_text), block.line_start, tu.bullet_depth(text)))
        listed: list[str] = []
        for action, line, _depth in bullets:
            # A list of institutions in brackets names each of them ('산하기관(A, B, C)').
            for inner in re.findall(r"\(([^()]*,[^()]*)\)", action):
                for name in inner.split(","):
                    if name.strip():
                        ref = self.registry.mention(name.strip(), line)
                        if ref and ref not in listed:
                            listed.append(ref)
        for action, line, _depth in bullets:
            refs = self.registry.names_in(action)
            if not refs and "산하기관" in action and listed:
                refs = list(listed)  # 'the affiliated institutions' refers back to the ones listed
            meeting_ref = None
            if refs:
                candidates = [m for m in x.meetings if m.institution_ref == refs[0]] if len(refs) == 1 else []
                if len(candidates) == 1:
                    meeting_ref = candidates[0].ref
                elif candidates:
                    words = set(re.findall(r"[가-힣A-Za-z]{2,}", action))
                    scored = sorted(candidates, key=lambda m: -_overlap(words, m.title))
                    if _overlap(words, scored[0].title) > _overlap(words, scored[1].title):
                        meeting_ref = scored[0].ref
            x.follow_ups.append(FollowUp(action=action, institution_refs=refs, meeting_ref=meeting_ref,
                                         line_start=line, line_end=line))
        for meeting in x.meetings:
            self._promises_in(meeting)
        x.follow_ups.sort(key=lambda f: (f.line_start is None, f.line_start or 0))

    def _promises_in(self, meeting: Meeting) -> None:
        """Follow-ups promised inside a meeting's notes (see phrases.promise): each linked to
        its meeting and the institutions it names (the institution met among them).

        A request or proposal answered by a commitment in the very next point of the same
        subsection is one follow-up spanning both; a further discussion stated twice in one
        meeting (with no other institution named) is one follow-up."""
        points = self.points.get(meeting.ref, [])
        found: list[tuple[list[_Point], phrases.Promise]] = []
        for i, point in enumerate(points):
            promise = phrases.promise(point.text, self._names_ours)
            if promise is None:
                continue
            span = [point]
            before = points[i - 1] if i else None
            if promise.kind in ("commitment", "agreed") and before is not None and before.section == point.section \
                    and phrases.is_ask(before.text):
                if found and found[-1][0][-1] is before:
                    found.pop()  # the request is answered: one follow-up
                span = [before, point]
            found.append((span, promise))
        merged: list[list] = []   # [points, stage, discussion with the institution met only?]
        for span, promise in found:
            named = [r for r in self.registry.names_in(" ".join(p.text for p in span)) if r != meeting.institution_ref]
            alone = promise.discussion and not named
            same = next((m for m in merged if alone and m[2] and m[0][0].section == span[0].section), None)
            if same is not None:
                same[0].extend(span)
                same[1] = max(same[1], promise.stage, key=_STAGE_ORDER.index)  # the furthest stage stated
                continue
            merged.append([list(span), promise.stage, alone, named])
        for span, stage, _, named in merged:
            refs = named + ([meeting.institution_ref] if meeting.institution_ref else [])
            self.x.follow_ups.append(FollowUp(
                action=" / ".join(p.text for p in span), institution_refs=refs, meeting_ref=meeting.ref,
                stage=stage, line_start=span[0].line, line_end=max(p.line_end for p in span)))

    def _names_ours(self, clause: str) -> bool:
        """Does a clause name our side (a known organization, the trip's, the publisher, or the
        organization of one of our attendees)?"""
        if self.knowledge.organization_in(clause) is not None:
            return True
        key = tu.squash(clause)
        if self._our_names is None:
            names = {self.x.publisher, self.x.trip.organization if self.x.trip else None}
            names |= {p.organization for m in self.x.meetings for p in m.attendees if p.side == "ours"}
            self._our_names = {tu.squash(n) for n in names if n and len(tu.squash(n)) >= 2}
        return any(name in key for name in self._our_names)

    # -- document-wide flags --------------------------------------------------------------------------------
    def _heading_numbering(self, sections) -> None:
        styles = set()
        for (title, line, block), _, _ in sections:
            match = _MEETING_HEAD.match(tu.clean(block.text))
            styles.add("[n]" if match.group("br") else "(n)" if match.group("pa") else "①")
        levels = {block.level for (_, _, block), _, _ in sections}
        if len(styles) > 1 or len(levels) > 1:
            first = sections[0][0][1]
            last = sections[-1][0][1]
            self.x.flag("heading_numbering_inconsistent",
                        f"회의 제목 번호 형식({', '.join(sorted(styles))})이나 제목 단계가 섹션마다 다름",
                        severity="info", lines=(first, last))

    def _html_cells(self) -> None:
        lines = [line for block in self.blocks if block.kind == "table"
                 for row, line in zip(block.rows, block.row_lines) if any(tu.has_html(c) for c in row)]
        if lines:
            self.x.flag("html_in_table_cell", f"표 셀 {len(lines)}곳에 HTML 조각(<ul>, <sup> 등)이 있어 글자만 읽음",
                        severity="info", lines=(min(lines), max(lines)))

    def _spelling_flags(self) -> None:
        for variant, correct in sorted(self.spelling.seen.items()):
            lines = [line for text, line, _ in self._texts() if variant in text]
            lines += [line for b in self.blocks if b.kind == "table" for r, line in zip(b.rows, b.row_lines)
                      if any(variant in c for c in r)]
            self.x.flag("spelling_variant", f"'{variant}'을(를) '{correct}'의 다른 표기로 보고 같은 이름으로 처리",
                        severity="info", lines=(min(lines, default=None), max(lines, default=None)),
                        source_text=variant)

    def _profile_institutions(self) -> None:
        """Type and sectors of new institutions from their names and the text about them."""
        for institution in self.x.institutions:
            if institution.existing_id is not None:
                continue
            about = self._about(institution)
            kind = classify_institution(institution.name_ko or "", institution.name_en or "", about, descriptor="",
                                        government=institution.type == "government")
            institution.type = kind
            institution.sectors = sectors_in(about, kind) or institution.sectors

    def _about(self, institution) -> str:
        """The key points of the meetings held with it."""
        out = []
        for meeting in self.x.meetings:
            if meeting.institution_ref == institution.ref:
                out.extend(meeting.key_points)
        return " ".join(out)

    def _name_variant_flag(self) -> None:
        merged = [i for i in self.x.institutions if i.aliases]
        if merged:
            lines = [i.line_start for i in merged if i.line_start] + [i.line_end for i in merged if i.line_end]
            described = "; ".join(f"{i.name}: {', '.join(i.aliases)}" for i in merged)
            self.x.flag("name_variant", f"기관명 표기가 섞여 있어 같은 기관으로 합침 — {described}",
                        severity="info", lines=(min(lines, default=None), max(lines, default=None)))


# -- helpers ---------------------------------------------------------------------------------------------

def _country_city_pairs(value: str) -> list[tuple[str, str]]:
    """'미국(시애틀) 및 캐나다(캘거리)' / '미국 시애틀, 캐나다 켈거리' -> [(country, cities)]."""
    pairs = re.findall(r"([가-힣]+)\s*\(([^)]+)\)", value)
    if pairs:
        return pairs
    out = []
    for part in re.split(r",|\s및\s|·", value):
        words = part.split()
        if len(words) >= 2 and resolve_country(words[0]):
            out.append((words[0], " ".join(words[1:])))
        elif len(words) == 1 and resolve_country(words[0]):
            out.append((words[0], ""))
        elif words:
            out.append(("", " ".join(words)))
    return out


def _korean_name(word: str) -> bool:
    return 2 <= len(word) <= 4 and all("\uac00" <= c <= "\ud7a3" for c in word) and word[0] in _SURNAMES \
        and not word.endswith(_TITLE_SUFFIXES[:3])


def _is_title_word(word: str) -> bool:
    return word.endswith(_TITLE_SUFFIXES)


def _split_person(text: str) -> tuple[str | None, str | None]:
    """'한치흠 기획조정실장' -> ('한치흠', '기획조정실장'); '브라이언 수렛 대표' -> ('브라이언 수렛', '대표');
    'Kate Copp 통역사' -> ('Kate Copp', '통역사')."""
    words = text.split()
    if not words:
        return None, None
    if len(words) == 1:
        return (None, words[0]) if _is_title_word(words[0]) and not _korean_name(words[0]) else (words[0], None)
    first = words[0]
    if (len(first) in (2, 3, 4) and all("\uac00" <= c <= "\ud7a3" for c in first) and first[0] in _SURNAMES
            and _is_title_word(words[1])):
        return first, " ".join(words[1:])
    if len(words) == 2:
        return (first, words[1]) if _is_title_word(words[1]) else (" ".join(words), None)
    return " ".join(words[:2]), " ".join(words[2:])


_KIND_RULES = tuple((re.compile(pattern), kind) for pattern, kind in (
    (r"결항|휴식|자유|연장|대기", "free"),
    (r"이동|출국|귀국|입국|수속|체크인|환승", "transfer"),
    (r"회의|면담|간담회|미팅|협의|예방|접견", "meeting"),
    (r"시찰|방문|견학|투어", "visit"),
    (r"행사|포럼|박람회|전시회|참석|참가|개막|리셉션|만찬|설명회|세미나|컨퍼런스", "event"),
))
_FLIGHT_WORDS = re.compile(r"직항|항공편|비행")


def _item_kind(content: str) -> str:
    if _FLIGHT_NO.search(content) or (_FLIGHT_WORDS.search(content) and "결항" not in content):
        return "flight"
    for pattern, kind in _KIND_RULES:
        if pattern.search(content):
            return kind
    return "official"


def _meeting_kind(title: str, overview_mark: str) -> str:
    if re.search(r"강연|특강|연설|발표", title):
        return "lecture"
    if re.search(r"행사|파티|박람회|전시|포럼|개막|참가", title):
        return "event"
    if re.search(r"회의", title):
        return "meeting"
    if re.search(r"시찰|견학|방문", title):
        return "site_visit"
    if re.search(r"면담|예방|접견", title) and (_HIGH_RANK.search(title) or "예방" in title):
        return "courtesy_call"
    return "meeting"


def _item_key(item: ItineraryItem):
    return (item.date, item.start, item.end, item.city.city_id if item.city else None, item.description)


def _sentence_end(text: str) -> bool:
    return bool(re.search(r"(임|함|음|됨|것|있음|예정|[.。!?])\s*$", text.strip()))


def _program_name(cell: str) -> tuple[str, str | None]:
    """'코모션 더브피치(DubPitch)' -> ('DubPitch', None); 'I-Corps 프로그램: 수요 고객층 발굴' -> ('I-Corps', None)."""
    latin = re.search(r"\(([A-Za-z][A-Za-z0-9 \-]+)\)", cell)
    if latin:
        return latin.group(1).strip(), None
    name = re.split(r"[:：]", cell)[0].strip()
    name = re.sub(r"\s*프로그램$", "", name).strip() or cell.strip()
    return name, None


def _duration_days(text: str) -> int | None:
    match = re.search(r"(\d+)\s*(주|개월|일|년)", text or "")
    if not match:
        return None
    n = int(match.group(1))
    return {"주": 7, "일": 1}.get(match.group(2)) and n * {"주": 7, "일": 1}[match.group(2)]


def _tidy_duration(text: str) -> str:
    text = re.sub(r"\s*(동안|간)$", "", text.strip())
    return re.sub(r"\s+", " ", text)


def _overlap(words: set[str], title: str) -> int:
    return sum(1 for w in words if w in title)


def extract_report(doc: SourceDocument, knowledge: Knowledge | None, kind: str) -> Extraction:
    return ReportExtractor(doc, knowledge, kind).run()
