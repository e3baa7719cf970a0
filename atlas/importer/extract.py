"""Which kind of document this is, the extractor for it, and the check that it is about an
official trip abroad (a document that is not is refused, and nothing is written)."""

from __future__ import annotations

import re

from atlas.importer.errors import ImportRefused
from atlas.importer.extraction import Extraction
from atlas.importer.model import SourceDocument
from atlas.importer.names import Knowledge

_NEWS = re.compile(r"(^\s*date\s+\d{4}-\d{2}|기사\s*입력|\[[가-힣]+\s*=\s*[가-힣A-Za-z]+\]|[가-힣]{2,4}\s*기자\s*=|"
                   r"무단\s*전재|재배포\s*금지|뉴시스|연합뉴스|뉴스1)", re.MULTILINE)
_REPORT = re.compile(r"결과\s*보고")
_PLAN = re.compile(r"(출장\s*계획|계획\s*서|출장\s*신청|국외\s*출장\s*계획)")


def classify(doc: SourceDocument) -> str:
    head = "\n".join(b.text for b in doc.blocks[:40])
    text = doc.raw_text
    if _NEWS.search(text[:3000]) or _NEWS.search(text[-600:]):
        return "news"
    if _REPORT.search(head):
        return "report"
    if _PLAN.search(head):
        return "plan"
    if _REPORT.search(text):
        return "report"
    return "unknown"


def extract(doc: SourceDocument, knowledge: Knowledge | None = None) -> Extraction:
    """The facts of one document; raises ImportRefused('not_a_trip') when it is not about a trip abroad."""
    kind = classify(doc)
    if kind == "news":
        from atlas.importer.news import extract_news

        result = extract_news(doc, knowledge)
    else:
        from atlas.importer.report import extract_report

        result = extract_report(doc, knowledge, kind)
    if not about_a_trip(result):
        raise ImportRefused("not_a_trip", file_name=doc.file_name)
    for note in doc.notes:
        result.flag(note.code, note.message, severity=note.severity, lines=(note.line_start, note.line_end))
    return result


def about_a_trip(result: Extraction) -> bool:
    """A destination abroad, and a period, an itinerary or a meeting to go with it."""
    trip = result.trip
    if trip is None:
        return False
    abroad = any(c.country and c.country != "KR" for c in trip.cities) or any(c != "KR" for c in trip.countries)
    abroad = abroad or any(i.city and i.city.country and i.city.country != "KR" for i in result.itinerary)
    has_substance = bool(trip.start_date or result.itinerary or result.meetings)
    return abroad and has_substance
