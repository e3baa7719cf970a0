"""Korean report phrasing the report extractor reads inside meeting notes.

Two questions, each answered from the wording alone (no knowledge of a particular report):

- Does a key point of a meeting promise something, or state a next step? (`promise`)
  A follow-up is a future action between the parties, stated as such: a commitment
  ('회신 예정', '전달하겠음', '협의하기로 함'), a further meeting ('후속 온라인 회의',
  '논의를 지속적으로 이어나갈'), a step the text says is needed or advisable ('담당자 지정 및
  공유 필요', '우선 논의하는 것이 효과적'), an agreement ('…하기로 합의함'), a negotiation our
  side is in ('대전시와 협의 중'), or a request for an action ('참석해 주시기를 바람',
  '회신 요청'). What is only possible ('…할 수 있음', '협력 가능'), hoped for ('확대를 기대함'),
  already done ('초청하였음'), an institution's own plan ('20명까지 증원할 예정',
  '프로그램을 제공 예정') or a description is not a follow-up.
- What does a program description say about who may take part and who pays for it?
  (`eligibility`, `funding_source`), and what '… 프로그램' does an institution say it runs
  (`programs_run`)?
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Actions between the parties: what a promise or a next step is about. Verbs an institution
# does on its own (운영, 제공, 지원, 유치, 증원, 부담, 기획) are deliberately not here.
_ACTIONS = ("참석", "참여", "참가", "회신", "답변", "답신", "전달", "공유", "소개", "협의", "논의", "검토", "송부", "발송",
            "통보", "연락", "방문", "답방", "개최", "초청", "초대", "지정", "체결", "서명", "제출", "확인", "추진", "파견",
            "안내", "협력", "협조", "연계", "교류", "면담", "회의", "미팅", "조율", "결정", "보고", "협상", "연결")
DISCUSSION = frozenset(("협의", "논의", "회의", "미팅", "면담", "협상", "조율"))
_ACTION = "(?:" + "|".join(_ACTIONS) + ")"
_ACTION_RUN = rf"(?P<verb>{_ACTION})(?:\s*(?:및|·|,)\s*{_ACTION})*"

_NEGATED = re.compile(r"^\s*(?:은|는|이)?\s*(?:없|않|아니|못|이었|였|되었|됐|된|인\s)")
_COMMITMENT = re.compile(
    rf"(?P<verb>{_ACTION})\s*(?:을|를)?\s*(?:할|하실|해\s*드릴|드릴)?\s*"
    r"(?P<mark>예정|계획|하겠|드리겠|하기로|키로|할\s*것|해\s*나갈|하여\s*나갈)")
_FURTHER_MEETING = re.compile(
    r"후속\s*(?:온라인|대면|화상|실무|업무)?\s*(?P<verb>회의|협의|논의|미팅|면담|회담)"
    r"|(?P<verb2>논의|협의|회의|교류|협력)(?:를|을)?\s*(?:지속적으로|계속해서|계속|꾸준히)\s*(?:이어|진행|추진|하기로|할)")
_NEEDED = re.compile(rf"{_ACTION_RUN}\s*(?:이|가)?\s*필요(?!한)")
_ADVISED = re.compile(rf"(?P<verb>{_ACTION})하는\s*것이\s*(?:효과적|바람직|좋|필요|적절)")
_AGREED = re.compile(r"기로\s*(?:함|했|하였|합의|약속|결정)|합의\s*(?:함|하였|했|하고|됨|하여|를\s*이룸)"
                     r"|약속\s*(?:함|하였|했)")
_IN_DISCUSSION = re.compile(r"(?P<verb>협의|논의|협상|조율)\s*(?:가|를)?\s*(?:진행\s*)?중(?:이|임|에|으로|[.。]|$)")
_REQUEST = re.compile(
    rf"(?P<verb>{_ACTION})\s*(?:해|하여|하여\s*)?\s*주(?:시|실)?기를\s*(?:요청|부탁|바람|바램|바랍|희망)"
    rf"|(?P<verb2>{_ACTION})\s*(?:을|를)?(?:\s+\S{{1,6}}(?:으로|히))?\s*(?:요청|부탁)(?:함|하였|했|드림|드렸|하여|$)")
_DENIED = re.compile(r"(?:없|않|아니|못\s*하|못했|어렵)\S{0,3}\s*[.。]?$")
# Every rule below needs one of these words: a cheap test before the rules run.
_MARKERS = re.compile(r"예정|계획|하겠|드리겠|기로|키로|것|나갈|후속|지속|계속|꾸준|필요|합의|약속|협의|논의|협상|조율"
                      r"|요청|부탁|바람|바램|바랍|희망")
_ASK = re.compile(r"요청|부탁|바람|바램|바랍|당부|제안|초청|초대")
_SENTENCES = re.compile(r"(?<=[가-힣)\]])[.。!?]\s+")
_CLAUSES = re.compile(r",\s*|(?<=[가-힣])(?:며|고)\s+")
_GENERIC_OURS = re.compile(r"양\s*(?:기관|도시|측|국)|우리\s*(?:측|기관|시)|상호\s*간")

@dataclass(frozen=True)
class Promise:
    """What a key point states: `kind` is the rule that read it, `verb` the action it is
    about (a discussion verb makes it 'further discussion'), `stage` the pipeline stage the
    wording supports ('identified' unless the text says agreed or in discussion)."""

    kind: str            # agreed | in_discussion | commitment | further_meeting | needed | advised | request
    verb: str
    stage: str = "identified"

    @property
    def discussion(self) -> bool:
        return self.kind == "further_meeting" or self.verb in DISCUSSION


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text or "") if s.strip()]


def _not_negated(text: str, match: re.Match) -> bool:
    return not _NEGATED.match(text[match.end():match.end() + 6])


def promise(text: str, ours=None) -> Promise | None:
    """The promise or next step a key point states, or None.

    `ours(clause) -> bool` says whether a clause names our side (needed to tell a negotiation
    we are in from one between two other parties)."""
    if not text or not _MARKERS.search(text):
        return None
    found: list[Promise] = []
    for sentence in sentences(text):
        if _DENIED.search(sentence):
            continue  # '후속 회의 계획은 없음', '참석은 어려움'
        agreed = next((m for m in _AGREED.finditer(sentence) if _not_negated(sentence, m)), None)
        if agreed:
            # Agreed to do something; agreed only to keep talking is a discussion under way.
            verb = _COMMITMENT.search(sentence) or _FURTHER_MEETING.search(sentence)
            verb = (verb.group("verb") or verb.groupdict().get("verb2") or "") if verb else ""
            found.append(Promise("agreed", verb, "in_discussion" if verb in DISCUSSION else "agreed"))
            continue
        for clause in _CLAUSES.split(sentence):
            talk = _IN_DISCUSSION.search(clause)
            if talk and ours is not None and (ours(clause) or _GENERIC_OURS.search(clause)):
                found.append(Promise("in_discussion", talk.group("verb"), "in_discussion"))
                break
        else:
            for kind, pattern in (("commitment", _COMMITMENT), ("further_meeting", _FURTHER_MEETING),
                                  ("needed", _NEEDED), ("advised", _ADVISED), ("request", _REQUEST)):
                match = next((m for m in pattern.finditer(sentence) if _not_negated(sentence, m)), None)
                if match:
                    verb = match.group("verb") or (match.groupdict().get("verb2") or "")
                    found.append(Promise(kind, verb))
                    break
    if not found:
        return None
    order = ("agreed", "in_discussion", "commitment", "further_meeting", "needed", "advised", "request")
    return min(found, key=lambda p: order.index(p.kind))


def is_ask(text: str) -> bool:
    """A request, proposal or invitation: answered by a commitment in the next point, the two
    are one follow-up."""
    return bool(_ASK.search(text or ""))


# -- programs ---------------------------------------------------------------------------------------

# Who may take part / who pays: the phrase just before a cue ('… 만 신청 가능', '… 대상',
# '… 펀딩을 통해서 진행'), back to the previous comma or bracket; or just after one ('지원 대상은 …').
_AFTER = r"\s*(?:은|는|:|：|으로는)?\s*(?P<who>[^,.;()]{2,60}?)\s*(?:이며|이고|으로|로|임|$|[,.;(])"
_ELIGIBLE_AFTER = re.compile(r"(?:신청|지원|참가|참여|입주)\s*(?:자격|대상)" + _AFTER)
_ELIGIBLE_BEFORE = (
    re.compile(r"\s*(?:만|에\s*한해|에\s*한하여|에\s*한정하여)\s*(?:신청|지원|참가|참여|입주)\s*(?:이\s*)?가능"),
    re.compile(r"\s*(?:을|를)?\s*대상\s*(?:으로|$|\s)"),
)
_APPLY = re.compile(r"(?:신청|지원|참가|참여|입주)\s*(?:자격|대상)|(?:만|에\s*한해|에\s*한하여)\s*(?:신청|지원|참가|참여)"
                    r"\s*(?:이\s*)?가능|모집\s*대상")
_FUNDED_BEFORE = re.compile(r"\s*(?:의)?\s*(?:펀딩|재원|예산|기금|출연금|보조금)\s*(?:을|를)?\s*(?:통해서?|으로|로)\s*"
                            r"(?:진행|운영|추진|지원|마련)")
_FUNDED_AFTER = re.compile(r"(?:재원|예산|펀딩)\s*(?:은|는|:|：)\s*(?P<who>[^,.;()]{2,60}?)\s*(?:이며|이고|에서|임|$|[,.;(])")
_PHRASE_START = re.compile(r"[,.;()·]")
_LEADING = re.compile(r"^(?:.*\s)?(?:본|해당|이|그)\s*(?:프로그램|사업|과정)(?:은|는)\s*|^(?:또한|특히|주로|현재|현재는|다만)\s+")
_TOPIC = re.compile(r"^.*?\S(?:은|는)\s+(?=\S)")
_AND = re.compile(r"(?<=[가-힣A-Za-z)])(?:와|과)\s+|\s*(?:및|,|·)\s*")


def _before(text: str, cue: re.Match) -> str:
    """The phrase that ends where `cue` starts: back to the previous comma, full stop or
    bracket, at most 60 characters."""
    head = text[:cue.start()]
    stops = [m.end() for m in _PHRASE_START.finditer(head)]
    start = max(stops[-1] if stops else 0, len(head) - 60)
    return head[start:]


def _tidy_who(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" ,·")


def eligibility(text: str) -> str | None:
    """Who may take part, where the text states it ('업력 7년 미만의 스타트업만 신청 가능',
    '클린테크 스타트업 대상 …', '지원 대상은 …')."""
    if not text or not any(word in text for word in ("대상", "가능", "자격")):
        return None
    found = [(m.start(), _tidy_who(m.group("who"))) for m in _ELIGIBLE_AFTER.finditer(text)]
    for pattern in _ELIGIBLE_BEFORE:
        found += [(m.start(), _tidy_who(_before(text, m))) for m in pattern.finditer(text)]
    found = sorted((at, who) for at, who in found if len(who) >= 2)
    return found[0][1] if found else None


def states_application(text: str) -> bool:
    """The text says who may apply (the mark of a program described in prose)."""
    return bool(text) and ("신청" in text or "대상" in text or "자격" in text or "가능" in text) \
        and bool(_APPLY.search(text))


def funding_source(text: str) -> str | None:
    """Who pays for a program, where the text states it ('캐나다 연방정부와 알버타주 펀딩을
    통해서 진행' -> '캐나다 연방정부, 알버타주')."""
    if not text or not any(word in text for word in ("펀딩", "재원", "예산", "기금", "출연금", "보조금")):
        return None
    found = [(m.start(), _before(text, m)) for m in _FUNDED_BEFORE.finditer(text)]
    found += [(m.start(), m.group("who")) for m in _FUNDED_AFTER.finditer(text)]
    for _, who in sorted(found):
        who = _tidy_who(who)
        who = _TOPIC.sub("", who) if re.search(r"\S(?:은|는)\s", who) else who
        parts = [p.strip() for p in _AND.split(who) if p and p.strip()]
        if parts and len(who) >= 2:
            return ", ".join(parts)
    return None


_STOP_WORD = re.compile(r"(?:통해|위해|하여|으로|에서|하고|하며|에게|부터|까지|이며|[은는을를이가고한된인,.])$")
_RUNS_AFTER = re.compile(r"운영\s*(?:하고\s*있는|하고있는|중인|하는|해\s*온)\s+(?P<rest>.+)")


def programs_run(text: str) -> list[str]:
    """Names of programs an institution says it runs: '… 한국 기업의 미국 현지 사업화 프로그램을
    운영 중' and '이미 운영 하고있는 한국 스타트업의 시애틀 시장진출 프로그램'. A bare
    '다양한 프로그램' names nothing."""
    names: list[str] = []
    for match in re.finditer(r"(\S*프로그램)(?:을|를)\s*운영", text or ""):
        words = text[:match.start()].split()
        kept: list[str] = []
        for word in reversed(words[-6:]):
            if _STOP_WORD.search(word):
                break
            kept.insert(0, word)
        names.append(" ".join(kept + [match.group(1)]))
    for match in _RUNS_AFTER.finditer(text or ""):
        words = match.group("rest").split()
        for i, word in enumerate(words[:7]):
            head = re.match(r"^(\S*프로그램)", word)
            if head:
                names.append(" ".join(words[:i] + [head.group(1)]))
                break
    return [n for n in names if re.sub(r"프로그램들?$", "", n).strip()]


_PURPOSE = re.compile(r"(?P<what>[^,.;()]{2,40}?)\s*(?:을|를)\s*위(?:해|하여|한)")


def purpose(text: str) -> str | None:
    """What a program is for ('스타트업의 시애틀 현지 정착을 위해 …')."""
    match = _PURPOSE.search(text or "")
    return match.group("what").strip() if match else None


def proposed_program(heading: str) -> str | None:
    """A section heading proposing an exchange or a program ('○ 공무원 인사 교류 제안')
    -> its name; a proposal of anything else ('공동실행사업 제안 및 …') is not a program."""
    match = re.match(r"^\s*(?:[○◦□■▶]\s*)?(?P<name>.+?(?:교류|파견|연수|인턴십|펠로우십|프로그램|장학\S*))"
                     r"\s*(?:을|를)?\s*제안\s*$", heading or "")
    return match.group("name").strip() if match else None
