"""The news extractor: an article about an official's trip, read sentence by sentence.

What it reads:
- the publication date ('date 2020-01' on the first line, '기사입력 2020.01.07', a dateline)
  and the publisher ('[서울=뉴시스]');
- the trip: who travels ('박원순 시장이 … 순방길에 오른다'), the period ('7일부터 16일까지',
  '7박10일', the month and year taken from the publication date), the cities;
- relative dates: '이날' is the publication day, or the first day of the trip when the article
  announces the departure in the present tense; '지난 18일' and '전날' count back from it;
  a sentence starting with '이어' keeps the date of the one before. Dates of page furniture
  (update stamps, '많이 본 뉴스') are never trip dates;
- events and meetings: quoted titles with 참석/참가/연다, people met ('스티브 웨슬리(Steve
  Westly) 대표', with '면담', '만난다'), invited talks ('X 초청 좌담회에서 … 연설한다');
- institutions: Korean names with an English name or acronym in brackets, names ending in an
  institution suffix (협회, 공사, 대학교, 센터, 회의소, 재단, 시청, 국무부 …) and the
  organizations in people's titles.
What the text does not say stays None.
"""

from __future__ import annotations

import datetime as dt
import re

from atlas.importer import textutil as tu
from atlas.importer.extraction import Extraction, Meeting, Person, Place, Traveller, Trip
from atlas.importer.model import SourceDocument
from atlas.importer.names import CitySpelling, InstitutionRegistry, Knowledge, resolve_country, resolve_place
from atlas.importer.profile import classify_institution, sectors_in

_FURNITURE = re.compile(
    r"(?:기사\s*)?(?:입력|수정|최종\s*수정|업데이트|등록|송고)\s*[:：]?\s*(?:19|20)\d{2}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]"
    r"\s*\d{1,2}\s*[.일]?(?:\s*(?:오전|오후)?\s*\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?")
_DATELINE = re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
_PUBLISHED = re.compile(r"(?:기사\s*)?입력\s*[:：]?\s*(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})")
_AGENCY = re.compile(r"\[(?P<city>[가-힣]+)\s*=\s*(?P<agency>[가-힣A-Za-z0-9]+)\]")
_PERIOD = re.compile(r"(?:(?P<m1>\d{1,2})월\s*)?(?P<d1>\d{1,2})일\s*부터\s*(?:(?P<m2>\d{1,2})월\s*)?(?P<d2>\d{1,2})일\s*까지")
_PERIOD_TILDE = re.compile(r"(?P<m1>\d{1,2})\s*월\s*(?P<d1>\d{1,2})\s*일?\s*[~∼-]\s*(?:(?P<m2>\d{1,2})\s*월\s*)?(?P<d2>\d{1,2})\s*일")
_NIGHTS = re.compile(r"(\d{1,2})\s*박\s*(\d{1,2})\s*일")
_TRAVELLER = re.compile(r"(?P<name>[가-힣]{2,4})\s*(?P<title>[가-힣]*(?:시장|도지사|지사|구청장|군수|장관|차관|의장|원장|청장|대표))"
                        r"(?:이|은|가|는)\s.*?(?:순방|출장|방문|출국)")
_CITY_LIST = re.compile(r"(?P<country>[가-힣]+)\s*\d*\s*개\s*(?:도시|국)\s*\((?P<cities>[^)]+)\)")
_PERSON = re.compile(r"(?P<ko>[가-힣]{1,6}(?:\s[가-힣]{1,6}){1,2})\s*\((?P<en>[A-Za-z][A-Za-z .'\-]{2,60})\)")
_TITLE_AFTER = re.compile(r"^\s*(?P<title>[가-힣A-Za-z .·]{1,40}?)\s*(?:(?:등|과도|와도|과|와|을|를|은|는|이|가|의|도)(?=[\s,.]|$)|,|\.|$)")
_PARTICLE_END = re.compile(r"(인|의|은|는|이|가|을|를|와|과|도|에|로|서)$")
_ORG_BRACKET = re.compile(r"(?P<ko>(?:미\s)?[가-힣]{2,20})\s*\((?P<inner>[A-Za-z][^)]{1,80})\)")
_ORG_SUFFIX = re.compile(r"(?P<name>(?:미\s)?[가-힣]{1,20}(?:협회|공사|대학교|대학|센터|회의소|재단|시청|국무부|상무부|"
                         r"재무부|국방부|위원회|연구소|연구원|그룹|카운티))(?=[에의은는이가을를와과도로\s(]|$)")
_QUOTED = re.compile(r"[‘'“\"](?P<title>[^’'”\"]{2,40})[’'”\"]")
_TIME = re.compile(r"(?P<ampm>오전|오후)?\s*(?P<h>\d{1,2})\s*시\s*(?:(?P<m>\d{1,2})\s*분|반)?")
_INVITED = re.compile(r"(?P<inst>(?:미\s)?[가-힣A-Za-z()·]{2,30}?)(?:에서|의)?\s*초청\s*(?P<noun>강연|좌담회|간담회|토론회|특강|연설)?")
_EVENT_VERB = re.compile(r"(참석한다|참석했다|참석할|참가한다|참가했다|참가와|참가해|연다|열었다|개최한다|개최했다)")
_MEET_VERB = re.compile(r"(면담|만난다|만났다|만날|회동|접견)")
_TALK_VERB = re.compile(r"(연설|특강|강연)(한다|했다|할|을)")
_FUTURE = re.compile(r"(?:오른다|떠난다|나선다|참석한다|참가한다|연다|만난다|면담한다|연설한다|특강한다|갖는다|예정이다|계획이다|방문한다)")
_PAST = re.compile(r"(?:올랐다|떠났다|참석했다|참가했다|열었다|만났다|면담했다|연설했다|특강했다|가졌다|방문했다|마쳤다|귀국했다)")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=다\.)|(?<=다\.”)|(?<=\])", text)
    return [p.strip() for p in parts if p.strip()]


class NewsExtractor:
    def __init__(self, doc: SourceDocument, knowledge: Knowledge | None):
        self.doc = doc
        self.knowledge = knowledge or Knowledge()
        self.x = Extraction(file_name=doc.file_name, format=doc.format, kind="news")
        self.registry: InstitutionRegistry | None = None
        self.descriptors: dict[str, str] = {}   # institution ref -> what the text calls it
        self.organizers: dict[str, str] = {}    # event word ('CES') -> organizing institution ref
        self.ours: str | None = None

    def run(self) -> Extraction:
        x = self.x
        # Each non-empty line, without page furniture, with its line number.
        lines: list[tuple[str, int]] = []
        for block in self.doc.blocks:
            for offset, line in enumerate(block.text.split("\n")):
                if line.strip():
                    lines.append((line, block.line_start + offset))
        self._published(lines)
        sentences: list[tuple[str, int]] = []
        for line, number in lines:
            body = _DATELINE.sub("", line)
            body = _FURNITURE.sub(" ", body)
            for sentence in _sentences(body):
                sentences.append((sentence, number))
        self._trip(sentences)
        names = [c.name_ko for c in x.trip.cities if c.name_ko] if x.trip else []
        self.registry = InstitutionRegistry(self.knowledge, CitySpelling(names), x.trip.countries if x.trip else [])
        self._institutions(sentences)
        self._events(sentences)
        x.institutions = self.registry.institutions()
        for institution in x.institutions:
            if institution.existing_id is None:
                about = self.descriptors.get(institution.ref, "")
                institution.type = classify_institution(institution.name_ko or "", institution.name_en or "", about,
                                                        descriptor=about)
                institution.sectors = sectors_in(about, institution.type)
            if institution.city is None:
                held = [m for m in x.meetings if m.city and (m.institution_ref == institution.ref or any(
                    p.institution_ref == institution.ref for p in m.attendees))]
                if held:
                    institution.city = held[0].city
                    institution.country = held[0].city.country
        return x

    # -- publication ---------------------------------------------------------------------------------
    def _published(self, lines) -> None:
        x = self.x
        for line, _ in lines[:3]:
            match = _DATELINE.match(line)
            if match:
                day = match.group("d")
                x.published = tu.make_date(match.group("y"), match.group("m"), day or 1)
                x.published_precision = "day" if day else "month"
                break
        if x.published is None:
            for line, _ in lines:
                match = _PUBLISHED.search(line)
                if match:
                    x.published = tu.make_date(match.group("y"), match.group("m"), match.group("d"))
                    x.published_precision = "day"
                    break
        for line, _ in lines:
            match = _AGENCY.search(line)
            if match:
                x.publisher = match.group("agency")

    # -- the trip ---------------------------------------------------------------------------------------
    def _trip(self, sentences) -> None:
        x = self.x
        traveller = None
        trip_line = sentences[0][1] if sentences else None
        for sentence, line in sentences:
            match = _TRAVELLER.search(sentence)
            if match:
                traveller = (match.group("name"), match.group("title"), line)
                break
        start = end = nights = days = None
        period_sentence = None
        for sentence, line in sentences:
            nd = _NIGHTS.search(sentence)
            if nd and nights is None:
                nights, days = int(nd.group(1)), int(nd.group(2))
            match = _PERIOD.search(sentence) or _PERIOD_TILDE.search(sentence)
            if match and start is None and re.search(r"순방|출장|방문|일정", sentence):
                period_sentence = sentence
                start, end = self._period(match, line)
        cities: list[Place] = []
        countries: list[str] = []
        city_line = None
        for sentence, line in sentences:
            match = _CITY_LIST.search(sentence)
            if match:
                iso = resolve_country(match.group("country"))
                if iso:
                    countries.append(iso)
                for name in re.split(r"[·,]", match.group("cities")):
                    place = resolve_place(name.strip(), [iso] if iso else None)
                    if place and place.city_id and all(c.city_id != place.city_id for c in cities):
                        cities.append(place)
                city_line = line
                break
        if not cities:
            # No list: the cities the text says it visits ('첫 도시 라스베이거스', '방문 도시인 …').
            for sentence, line in sentences:
                for match in re.finditer(r"(?:도시|방문지)\s*(?:인|은|는)?\s*(?P<name>[가-힣A-Za-z.]+?)(?:에서|에|이|가|의|,)", sentence):
                    place = resolve_place(match.group("name"))
                    if place and place.city_id and place.country != "KR" and all(c.city_id != place.city_id for c in cities):
                        cities.append(place)
                        city_line = city_line or line
            countries = sorted({c.country for c in cities if c.country})
        org_name = org_ref = None
        if traveller:
            known = self._our_organization(sentences, traveller[1])
            if known is not None:
                org_name, org_ref = known.short_name or known.name_ko, known.key
        self.ours = org_name
        travellers = []
        if traveller:
            role = "head" if re.search(r"(시장|지사|청장|군수|장관|원장|대표)$", traveller[1]) else "member"
            travellers.append(Traveller(name=traveller[0], title=traveller[1], organization=org_name, role=role,
                                        line_start=traveller[2], line_end=traveller[2]))
        status = "planned"
        tense_text = " ".join(s for s, _ in sentences if "말했다" not in s and "밝혔다" not in s)
        future, past = len(_FUTURE.findall(tense_text)), len(_PAST.findall(tense_text))
        if past > future:
            status = "completed"
        elif x.published and end and x.published_precision == "day" and x.published > end:
            status = "completed"
        title = None
        if traveller and cities:
            who = traveller[0] + " " + _office(org_name, traveller[1])
            country_names = "·".join(resolve_country_name(c) for c in countries)
            written = "·".join(c.text for c in cities)
            title = f"{who} {country_names} {len(cities)}개 도시 순방 ({written})"
        x.trip = Trip(title=title, organization=org_name, organization_ref=org_ref, start_date=start, end_date=end,
                      nights_stated=nights, days_stated=days, status=status, countries=countries, cities=cities,
                      city_lines=[(city_line, city_line)] * len(cities), travellers=travellers,
                      line_start=trip_line, line_end=trip_line)
        x.flag("status_from_article_tense",
               f"기사 문장의 시제(예정형 {future}곳, 과거형 {past}곳)로 출장 상태를 '{status}'로 정함",
               severity="info", entity="trip", lines=(trip_line, trip_line))
        if start and end:
            calendar = (end - start).days + 1
            if days is not None and days != calendar:
                x.flag("days_mismatch", f"'{nights}박{days}일'로 적혔으나 {start}~{end}는 달력상 {calendar}일",
                       entity="trip", lines=(trip_line, trip_line))
            elif nights is not None and nights != calendar - 1:
                x.flag("nights_days_convention",
                       f"{start}~{end}는 달력상 {calendar - 1}박{calendar}일인데 기사는 {nights}박{days}일(차이의 이유는 기사에 없음)",
                       severity="info", entity="trip", lines=(trip_line, trip_line))
        if period_sentence is None and x.trip.cities:
            x.flag("period_not_stated", "기사에서 출장 기간을 찾지 못함", severity="info", entity="trip",
                   lines=(trip_line, trip_line))

    def _period(self, match, line):
        x = self.x
        published = x.published
        m1 = match.group("m1")
        m2 = match.group("m2")
        if published is None and not m1:
            x.flag("year_unknown", "기사에 날짜만 있고 연·월을 알 수 없어 기간을 비워 둠", entity="trip", lines=(line, line))
            return None, None
        year = published.year if published else None
        month1 = int(m1) if m1 else published.month
        month2 = int(m2) if m2 else month1
        if year is None:
            x.flag("year_unknown", "기사에 연도가 없어 기간을 비워 둠", entity="trip", lines=(line, line))
            return None, None
        start = tu.make_date(year, month1, int(match.group("d1")))
        end = tu.make_date(year, month2, int(match.group("d2")))
        if start and end and end < start:
            end = tu.make_date(year + (1 if month2 < month1 else 0), month2 + (1 if not m2 and month2 == month1 else 0)
                               if month2 < 12 else 1, int(match.group("d2")))
        if not m1 and published:
            x.flag("date_from_dateline",
                   f"본문은 '{match.group(0)}'로 날짜만 주어 연·월은 발행일({published:%Y-%m})에서 보충함",
                   severity="info", entity="trip", lines=(line, line), source_text=match.group(0))
        return start, end

    def _our_organization(self, sentences, title: str):
        text = " ".join(s for s, _ in sentences)
        best, best_count = None, 0
        for org in self.knowledge.organizations:
            count = sum(text.count(n) for n in org.names() if len(n) >= 2)
            if count > best_count:
                best, best_count = org, count
        if best is not None:
            return best
        # '서울시장' in the text with the traveller titled '시장' -> 서울시
        match = re.search(r"([가-힣]{2,4})(?:시|도)" + re.escape(title), text)
        if match:
            from atlas.importer.names import KnownOrganization

            name = match.group(0)[: -len(title)]
            return KnownOrganization(key="", name_ko=name, short_name=name)
        return None

    # -- institutions -------------------------------------------------------------------------------------
    def _institutions(self, sentences) -> None:
        for sentence, line in sentences:
            for match in _ORG_BRACKET.finditer(sentence):
                ko, inner = match.group("ko"), match.group("inner")
                if not (_ORG_SUFFIX.fullmatch(ko) or re.search(r"(Inc|Corp|Ltd|LLC|Group)\.?$", inner)):
                    continue
                ko = _expand_mi(ko)
                ref = self._register(ko, line, descriptor=sentence[max(0, match.start() - 20):match.start()])
                for part in re.split(r"[·,]", inner):
                    part = part.strip()
                    if part:
                        self.registry.mention(part, line, into=ref)
            for match in _ORG_SUFFIX.finditer(sentence):
                name = _expand_mi(match.group("name"))
                if self.ours and tu.squash(name) == tu.squash(self.ours):
                    continue
                ref = self._register(name, line, descriptor=sentence[max(0, match.start() - 20):match.start()])
                if ref and name != match.group("name"):
                    self.registry.mention(match.group("name"), line, into=ref)
            for match in _QUOTED.finditer(sentence):
                after = sentence[match.end():match.end() + 3]
                before = sentence[max(0, match.start() - 12):match.start()]
                if after.startswith("의") and re.search(r"(투자사|기업|회사|그룹|모회사인)\s*$", before):
                    title = re.sub(r"\s*\([^)]*\)", "", match.group("title")).strip()
                    ref = self._register(title, line, descriptor=before)
                    latin = re.search(r"\(([A-Za-z][^)]+)\)", match.group("title"))
                    if latin:
                        self.registry.mention(latin.group(1), line, into=ref)
            organizer = re.search(r"(?P<event>[A-Z]{2,10})\s*는\s*(?P<org>[가-힣]+)\s*\([A-Z]{2,6}\)\s*주관", sentence)
            if organizer:
                ref = self.registry.find(organizer.group("org"))
                if ref:
                    self.organizers[organizer.group("event")] = ref

    def _register(self, name: str, line: int, descriptor: str = "") -> str | None:
        ref = self.registry.mention(name, line)
        if ref and descriptor and ref not in self.descriptors:
            self.descriptors[ref] = descriptor
        return ref

    # -- events and meetings -----------------------------------------------------------------------------
    def _events(self, sentences) -> None:
        x = self.x
        start = x.trip.start_date if x.trip else None
        departs_today = bool(sentences) and bool(re.search(r"(오른다|떠난다|출국한다|출발한다|시작한다)", sentences[0][0]))
        if x.published_precision == "day":
            today, how = x.published, "발행일"
        elif departs_today and start:
            today, how = start, "출국을 알리는 기사라 순방 첫날"
        else:
            today, how = None, None
        city: Place | None = None
        date: dt.date | None = None
        date_how: str | None = None
        last: Meeting | None = None
        cities = x.trip.cities if x.trip else []
        for sentence, line in sentences:
            named = self._city_in(sentence, cities)
            if re.search(r"(첫|두\s*번째|두번째|세\s*번째|마지막|다음)\s*(?:방문\s*)?도시", sentence) and named:
                city, date, date_how = named, None, None
            sentence_city = named or city
            if "이날" in sentence:
                date, date_how = today, how
            elif re.match(r"^\s*이어", sentence):
                pass
            else:
                relative = re.search(r"지난\s*(\d{1,2})일", sentence)
                if relative and today:
                    day = int(relative.group(1))
                    candidate = tu.make_date(today.year, today.month, day)
                    if candidate and candidate > today:
                        candidate = tu.make_date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, day)
                    date, date_how = candidate, "'지난 N일'을 발행일 기준으로"
                elif "전날" in sentence and today:
                    date, date_how = today - dt.timedelta(days=1), "'전날'을 발행일 기준으로"
                elif not re.search(r"(이어|이 자리|이와 관련)", sentence):
                    date, date_how = (date, date_how) if last is not None and last.city == sentence_city else (None, None)
            time = self._time(sentence)
            made = self._meetings_in(sentence, line, sentence_city, date, time)
            for meeting in made:
                if meeting.date is not None and date_how:
                    x.flag("relative_date_resolved",
                           f"기사에 날짜 대신 '이날' 등으로만 나와 {date_how}({meeting.date})로 해석",
                           severity="info", entity="meeting", ref=meeting.ref, lines=(line, line))
                elif meeting.date is None:
                    x.flag("date_not_stated", "기사에 이 일정의 날짜가 없어 비워 둠", severity="info",
                           entity="meeting", ref=meeting.ref, lines=(line, line))
            if made:
                last = made[-1]
            elif last is not None:
                self._more_about(last, sentence, line)

    def _city_in(self, sentence: str, cities: list[Place]) -> Place | None:
        best = None
        for place in cities:
            for name in {place.text, place.name_ko}:
                if name and name in sentence:
                    position = sentence.find(name)
                    if best is None or position > best[0]:
                        best = (position, place)
        return best[1] if best else None

    def _time(self, sentence: str) -> str | None:
        match = None
        for candidate in _TIME.finditer(sentence):
            if not re.match(r"\s*(?:간|장|청|민|의회|립|내|정)", sentence[candidate.end():candidate.end() + 3]):
                match = candidate   # '3시' but not '3시간', '시장', '시청'
                break
        if match is None:
            return None
        hour = int(match.group("h"))
        if hour > 24:
            return None
        if match.group("ampm") == "오후" and hour < 12:
            hour += 12
        minute = 30 if match.group(0).endswith("반") else int(match.group("m") or 0)
        return f"{hour:02d}:{minute:02d}"

    def _ours_attendees(self) -> list[Person]:
        trip = self.x.trip
        if not trip or not trip.travellers:
            return []
        return [Person(name=p.name, title=p.title, organization=p.organization, side="ours", line=p.line_start,
                       organization_ref=trip.organization_ref) for p in trip.travellers]

    def _new_meeting(self, title, institution_ref, date, time, city, place, kind, sentence, line, people=()):
        meeting = Meeting(ref=f"m{len(self.x.meetings) + 1}", title=title, institution_ref=institution_ref,
                          date=date, start=time if date else None, end=None, city=city, place=place, kind=kind,
                          purpose=sentence, key_points=[sentence], attendees=self._ours_attendees() + list(people),
                          line_start=line, line_end=line)
        if time and not date:
            self.x.flag("time_without_date", f"'{title}'의 시각 {time}은 있으나 날짜가 없어 시각을 비워 둠",
                        severity="info", entity="meeting", ref=meeting.ref, lines=(line, line))
        self.x.meetings.append(meeting)
        return meeting

    def _meetings_in(self, sentence: str, line: int, city, date, time) -> list[Meeting]:
        made: list[Meeting] = []
        people = self._people(sentence, line)
        if people and not _MEET_VERB.search(sentence) and self.x.meetings and re.search(
                r"(함께\s*한다|함께한다|참석한다|참석할|자리한다)", sentence):
            self.x.meetings[-1].attendees.extend(people)   # '… 등 현지 관계자들도 함께 한다'
            self.x.meetings[-1].key_points.append(sentence)
            return made
        if people and _MEET_VERB.search(sentence):
            for person in people:
                org = person.organization
                ref = person.institution_ref
                title_has_org = bool(org and person.title and org in person.title)
                parts = [org if org and not title_has_org else None, person.name, person.title, "면담"]
                title = " ".join(p for p in parts if p)
                made.append(self._new_meeting(title, ref, date, None, city, None, "meeting", sentence, line, [person]))
            return made
        talks = list(_TALK_VERB.finditer(sentence))
        talk = talks[-1] if talks else None   # the predicate: '초청강연을 통해 … 특강한다' is a 특강
        invited = _INVITED.search(sentence) if "초청" in sentence else None
        if talk and invited:
            inst = invited.group("inst").strip()
            ref = self.registry.find(_expand_mi(re.sub(r"\([^)]*\)", "", inst))) if inst else None
            noun = invited.group("noun")
            verb = talk.group(1)
            if noun in (None, "연설"):
                title = f"{inst} 초청 {verb}"
            elif noun in ("강연", "특강") and verb == "특강":
                title = f"{inst} 초청 특강"
            elif noun == verb:
                title = f"{inst} 초청 {noun}"
            else:
                title = f"{inst} 초청 {noun} {verb}"
            made.append(self._new_meeting(title, ref, date, time, city, None, "lecture", sentence, line))
            return made
        if _EVENT_VERB.search(sentence):
            for match in _QUOTED.finditer(sentence):
                title = match.group("title")
                after = sentence[match.end():match.end() + 12]
                if re.match(r"\s*(?:을|를)\s*(?:화두|주제)", after) or not re.search(
                        r"^\s*(?:에|을|를|최초|첫)?\s*(?:참석|참가|연다|개최|열)", after):
                    if not re.search(r"^(?:를|을)\s*연다", after.strip()):
                        continue
                hosted = bool(re.search(r"^\s*(?:를|을)\s*(?:연다|열었다|개최)", after))
                participates = bool(re.search(r"참가", after))
                name = f"{title} 참가" if participates and not hosted else title
                if any(m.title == name for m in self.x.meetings):
                    continue
                ref = None if hosted else self._event_institution(title)
                place = self._place(sentence)
                made.append(self._new_meeting(name, ref, date, time, city, place, "event", sentence, line))
        return made

    def _event_institution(self, title: str) -> str | None:
        for word, ref in self.organizers.items():
            if word in title:
                return ref
        for acronym in re.findall(r"[A-Z]{2,6}", title):
            ref = self.registry.find(acronym)
            if ref:
                return ref
        return None

    def _place(self, sentence: str) -> str | None:
        match = re.search(r"(?:\)|현지시간\)|\s)\s*(?P<place>[가-힣A-Za-z0-9 ]{2,30}?(?:호텔|센터|홀|컨벤션|회관|대학교|"
                          r"시청|청사|의회|박물관|대사관|영사관|공원))\s*에서", sentence)
        if not match:
            return None
        place = match.group("place").strip()
        for city in (self.x.trip.cities if self.x.trip else []):
            for name in (city.text, city.name_ko):
                rest = place[len(name) + 1:] if name and place.startswith(name + " ") else None
                if rest and rest not in ("시청", "청사", "의회"):
                    place = rest   # '라스베이거스 베니션 호텔' -> '베니션 호텔'; '파리 시청' stays
        return place

    def _more_about(self, meeting: Meeting, sentence: str, line: int) -> None:
        """A sentence after a meeting's own that says more about it: place, people, facts."""
        starts_with_it = any(sentence.startswith(word) for word in _title_words(meeting.title))
        if re.search(r"에서\s*열린다", sentence) and meeting.place is None:
            place = re.search(r"(?P<place>[A-Za-z][A-Za-z0-9 ]{2,40}|[가-힣A-Za-z0-9 ]{2,30})\s*에서\s*열린다", sentence)
            if place:
                meeting.place = re.sub(r"^.*(?:위치한|소재한|소재)\s*", "", place.group("place").strip())
                meeting.key_points.append(sentence)
                return
        if starts_with_it:
            meeting.key_points.append(sentence)
            for person in self._people(sentence, line):
                meeting.attendees.append(person)
        elif meeting.title.split()[0] in sentence[:40]:
            meeting.key_points.append(sentence)

    def _people(self, sentence: str, line: int) -> list[Person]:
        people = []
        for match in _PERSON.finditer(sentence):
            tokens = match.group("ko").split()
            while len(tokens) > 1 and (_PARTICLE_END.search(tokens[0]) or tokens[0] in ("전", "등", "및")):
                tokens = tokens[1:]
            if len(tokens) < 2:
                continue
            name = " ".join(tokens)
            name_start = match.start() + match.group("ko").rfind(tokens[0])
            after = sentence[match.end():match.end() + 40]
            title_match = _TITLE_AFTER.match(after)
            title = title_match.group("title").strip() if title_match and title_match.group("title").strip() else None
            if title and (title.startswith(("와", "과")) or not re.search(r"[가-힣]", title)):
                title = None
            before = sentence[max(0, name_start - 40):name_start]
            descriptor = re.search(r"(?:전\s)?(?P<org>[가-힣A-Za-z]+)\s+(?P<role>[가-힣]+)인\s*$", before)
            org = None
            if title is None and descriptor:
                title = before[descriptor.start():].strip()[:-1]   # '전 구글 회장인' -> '전 구글 회장'
                org = descriptor.group("org")
            owner = re.search(r"(?P<org>(?:미\s)?[가-힣A-Za-z]+(?:\s[가-힣A-Za-z]+)?)\s*(?:\([^)]*\))?\s*[’'”]?\s*의\s*$", before)
            if owner is not None:
                words = owner.group("org").split()
                if len(words) == 2 and _PARTICLE_END.search(words[0]) and not words[0].startswith("미"):
                    words = words[1:]   # '시장은 뉴욕시립대학교의' -> '뉴욕시립대학교'
            owner_name = " ".join(words) if owner is not None else None
            if owner_name and org is None:
                org = owner_name
            if org is None and title:
                if re.search(r"주지사$", title):
                    org = title[:-2]
                elif len(title.split()) >= 2:
                    org = " ".join(title.split()[:-1])
            ref = None
            if org:
                short = re.sub(r"^전\s", "", org)
                org = _expand_mi(org) if org.startswith("미 ") else org
                written = re.sub(r"^전\s", "", org)
                ref = self.registry.find(written) or self._register(written, line,
                                                                     descriptor=(title or "") + " " + before[-12:])
                if ref and short != written:
                    self.registry.mention(short, line, into=ref)   # keep the press's '미 국무부' as an alias
            people.append(Person(name=name, title=title, organization=org, side="theirs", line=line,
                                 institution_ref=ref))
        return people


def _title_words(title: str) -> list[str]:
    return [w for w in title.split() if len(w) >= 2][:2]


def _expand_mi(name: str) -> str:
    """'미 국무부' (the press's short form of 미국) -> '미국 국무부'."""
    return re.sub(r"^미\s", "미국 ", name.strip())


def _office(org: str | None, title: str) -> str:
    """'서울시' + '시장' -> '서울시장'."""
    if org and org.endswith("시") and title.startswith("시"):
        return org[:-1] + title
    return f"{org} {title}" if org else title


def resolve_country_name(iso: str) -> str:
    from atlas.places import gazetteer

    try:
        return gazetteer().country(iso).name_ko
    except KeyError:
        return iso


def extract_news(doc: SourceDocument, knowledge: Knowledge | None) -> Extraction:
    return NewsExtractor(doc, knowledge).run()
