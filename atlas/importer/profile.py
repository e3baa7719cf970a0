"""Type and sectors of an institution, and the type of a program, from the words the document
uses. Rules are keyword lists, tried in order; what matches nothing is 'other' (never a guess
dressed up as a fact: the review table shows it and the user can change it)."""

from __future__ import annotations

import re

# Descriptors the text puts next to a name ('싱크탱크인 미국외교협회', '벤처투자사 웨슬리 그룹'),
# then name suffixes, then what the text says the institution does.
_DESCRIPTOR_TYPES = (
    (r"싱크\s*탱크|think\s*tank", "think_tank"),
    (r"투자사|벤처\s*캐피[탈털]|투자\s*기관|investor", "investor"),
)
_COMPANY = (r"모회사|기업인|회사인|회장|\bInc\.?|\bCorp\.?|\bLLC\b|\bLtd\.?", "company")
_NAME_TYPES = (
    (r"경제\s*개발\s*공사|economic\s*development", "economic_development_agency"),
    (r"(대학교|대학|university|college)$", "university"),
    (r"(국무부|행정부|부처|정부|주\s*정부|시청|카운티|county|^city of|state of|department of|ministry|[가-힣]{2,}주$)", "government"),
    (r"(상공\s*회의소|회의소|협회|연합회|association|chamber)", "association"),
    (r"(재단|foundation)$", "nonprofit"),
    (r"(연구원|연구소|institute)$", "research_institute"),
    (r"(공사|공단|진흥원|agency)$", "public_agency"),
    (r"(그룹|group|은행|bank|전자|테크놀로지)$", "company"),
)
_TEXT_TYPES = (
    (r"기술\s*이전|스핀\s*오프|기술이전|spin.?off|technology transfer", "tech_transfer_office"),
    (r"보육|액셀러레이|인큐베이|스케일\s*업|창업\s*(?:기업|생태계)?\s*(?:지원|장려)|스타트업\s*지원", "incubator_accelerator"),
    (r"비영리", "nonprofit"),
    (r"투자", "investor"),
)

_SECTOR_WORDS = (
    (r"바이오\s*테크|바이오\s*기업|바이오산업|biotech", "biotech"),
    (r"생명\s*과학|life\s*science", "life_sciences"),
    (r"의료\s*기술|의료기기|메드테크|medtech", "medtech"),
    (r"(?<![A-Za-z])AI(?![A-Za-z])|인공\s*지능", "ai"),
    (r"컴퓨터\s*사이언스|소프트웨어|software", "software"),
    (r"클린\s*에너지|클린\s*테크|clean\s*energy|cleantech", "clean_energy"),
    (r"(?<!클린)(?<!클린 )에너지(?!\s*전환)", "energy"),
    (r"우주\s*항공|항공\s*우주|aerospace", "aerospace"),
    (r"해양|ocean", "ocean"),
    (r"첨단\s*제조|제조업|manufacturing", "manufacturing"),
    (r"물류|logistics", "logistics"),
    (r"디지털|미디어", "digital_media"),
    (r"데이터|(?<![A-Za-z])data(?![A-Za-z])", "data"),
    (r"가전|consumer\s*electronics", "consumer_electronics"),
    (r"스마트\s*시티|스마트\s*도시", "smart_city"),
)
# Only sentences that say what the institution works on ('주요 관심 산업 분야는 …').
_SECTOR_SENTENCE = re.compile(r"(산업\s*분야|관심\s*(?:산업|분야)|지원\s*산업|중점\s*(?:산업|분야)|주력\s*산업|기술\s*분야)")

_TYPE_SECTORS = {"university": ["higher_education"], "government": ["public_administration"],
                 "think_tank": ["foreign_policy"], "investor": ["investment"]}


def _compiled(rules):
    return tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in rules)


def classify_institution(name_ko: str, name_en: str, about: str, descriptor: str = "",
                         government: bool = False) -> str:
    """`descriptor` is what the text calls the institution right before its name ('싱크탱크인',
    '벤처투자사'); `about` is what the text says it does."""
    if government:
        return "government"
    names = f"{name_ko} {name_en}".strip()
    for pattern, kind in _DESCRIPTOR_TYPES:
        if descriptor and re.search(pattern, descriptor, re.IGNORECASE):
            return kind
    for pattern, kind in _NAME_TYPES:
        for name in (name_ko, name_en):
            if name and re.search(pattern, name.strip(), re.IGNORECASE):
                return kind
    pattern, kind = _COMPANY  # '모회사인', '회장', or 'Inc.' in a name
    if re.search(pattern, descriptor or "", re.IGNORECASE) or re.search(pattern, names, re.IGNORECASE):
        return kind
    for pattern, kind in _TEXT_TYPES:
        if re.search(pattern, about, re.IGNORECASE):
            return kind
    return "other"


def sectors_in(about: str, kind: str) -> list[str]:
    found: list[str] = []
    for sentence in re.split(r"(?<=[.다음함임])\s+", about):
        if not _SECTOR_SENTENCE.search(sentence):
            continue
        for pattern, sector in _SECTOR_WORDS:
            if re.search(pattern, sentence, re.IGNORECASE) and sector not in found:
                found.append(sector)
    for sector in _TYPE_SECTORS.get(kind, []):
        if sector not in found:
            found.append(sector)
    if not found and kind in ("incubator_accelerator", "tech_transfer_office"):
        found.append("startups")  # no stated field: they work on start-ups as such
    return found


_PROGRAM_TYPES_RAW = (
    (r"갭\s*펀드|gap\s*fund", "gap_funding"),
    (r"i-?corps|고객\s*(?:층)?\s*발굴|수요\s*고객", "customer_discovery"),
    (r"피칭|pitch|데모\s*데이", "pitching_event"),
    (r"소프트\s*랜딩|soft.?landing|현지\s*정착", "soft_landing"),
    (r"시드\s*펀드|seed|투자\s*펀드", "seed_funding"),
    (r"인력\s*교류|인사\s*교류|파견|staff\s*exchange", "staff_exchange"),
    (r"기술\s*이전|기술\s*사업화\s*지원", "technology_transfer"),
    (r"보육|사무\s*공간|인큐베이", "incubation"),
    (r"실험|연구실|장비|인프라|lab", "lab_access"),
    (r"사무실|오피스|office", "office_space"),
    (r"멘토링|교육|코칭|mentor", "mentoring"),
    (r"네트워킹|네트워크|networking", "networking"),
)


_PROGRAM_TYPES = _compiled(_PROGRAM_TYPES_RAW)


def program_type(text: str) -> str:
    for pattern, kind in _PROGRAM_TYPES:
        if pattern.search(text):
            return kind
    return "other"
