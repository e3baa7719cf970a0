"""The Korean report phrasing the report extractor reads in meeting notes (atlas/importer/phrases.py):
which sentences promise something or state a next step, and what a program description says
about eligibility and funding. Sentences of our own first; the seed report's own sentences last."""

from __future__ import annotations

import pytest

from atlas.importer import phrases


def ours(clause: str) -> bool:
    return "대전" in clause


@pytest.mark.parametrize("sentence, kind, stage", [
    ("양 기관은 내년 상반기 중 MOU를 체결하기로 합의함", "agreed", "agreed"),
    ("도쿄도는 9월 포럼에 부지사가 참석하기로 함", "agreed", "agreed"),
    ("관련 자료를 다음 주까지 이메일로 송부할 예정", "commitment", "identified"),
    ("검토 결과를 이달 중 회신하겠다고 밝힘", "commitment", "identified"),
    ("11월 중 대표단 답방을 추진할 계획", "commitment", "identified"),
    ("세부 협력 방안은 10월 중 후속 화상회의에서 논의", "further_meeting", "identified"),
    ("교류 확대 방안에 대한 논의를 계속 이어가기로 하였음", "agreed", "in_discussion"),  # agreed to keep talking
    ("두 도시는 내년에 청년 교류단을 보내기로 약속함", "agreed", "agreed"),
    ("인턴십 교류 방안에 대한 추가 논의가 필요함", "needed", "identified"),
    ("실무 담당자를 지정하여 연락처를 공유하는 것이 바람직함", "advised", "identified"),
    ("대전시와 오사카시는 청년 인턴십 교류를 협의 중임", "in_discussion", "in_discussion"),
    ("창립행사에 시장님께서 꼭 참석해 주시기를 요청함", "request", "identified"),
    ("센터의 검토 결과 회신을 요청함", "request", "identified"),
])
def test_a_promise_or_next_step_is_read(sentence, kind, stage):
    found = phrases.promise(sentence, ours)
    assert found is not None, sentence
    assert (found.kind, found.stage) == (kind, stage)


@pytest.mark.parametrize("sentence", [
    "센터는 2019년에 개소하였으며 직원을 30명까지 늘릴 예정임",          # the institution's own plan
    "올해 하반기 신규 프로그램을 운영할 계획",
    "투자자 미팅 등 다양한 지원을 제공 예정",
    "양 도시 간 교류 협력 확대를 기대함",                                # a hope
    "작년 포럼에 시장이 참석하였음",                                    # done
    "대표단을 창립행사에 초청하였음",
    "대전시의 의지를 잘 전달하였음",
    "향후 협력할 수 있을 것으로 보임",                                   # only possible
    "공동 프로그램 추진 시 협업 가능성 있음",
    "대전 기업의 현지 진출을 지원할 수 있음",
    "센터는 현지 대학과 공동 교육과정을 협의 중임",                      # between two other parties
    "참석할 예정이었으나 일정이 취소됨",                                  # a plan that fell through
    "후속 회의 개최 계획은 없음",
    "세계경제과학도시연합 창립을 추진 중인 대전시의 비전을 소개함",
    "주요 업무는 해외기업 유치, 기업의 해외 시장진출 지원, 도시 마케팅 등임",
    "적극적인 관심과 지원을 당부함",                                     # an exhortation, no action asked
])
def test_a_description_is_not_a_follow_up(sentence):
    assert phrases.promise(sentence, ours) is None, sentence


def test_a_discussion_verb_marks_further_discussion():
    assert phrases.promise("추가 논의가 필요함", ours).discussion
    assert phrases.promise("후속 온라인 회의를 통해 구체화", ours).discussion
    assert not phrases.promise("관련 자료 확인 및 공유 예정", ours).discussion


def test_a_request_or_proposal_is_an_ask():
    assert phrases.is_ask("공동 연수 프로그램을 제안함")
    assert phrases.is_ask("참여를 제안해주신 포럼의 주제는 …")
    assert not phrases.is_ask("센터는 2019년에 개소함")


def test_sentences_are_split_at_their_end_not_inside_a_date():
    assert phrases.sentences("2024. 6. 26. 회의를 함. 담당자 소개 예정") == ["2024. 6. 26. 회의를 함", "담당자 소개 예정"]


@pytest.mark.parametrize("text, who", [
    ("업력 3년 이내 기업만 신청 가능하며, 사무실을 제공함", "업력 3년 이내 기업"),
    ("지원 대상은 창업 7년 이내 중소기업이며, 최대 1년 지원", "창업 7년 이내 중소기업"),
    ("클린테크 스타트업 대상 에너지 대기업과의 네트워크 제공", "클린테크 스타트업"),
    ("또한 관내 기업을 대상으로 기술 지원을 무료로 제공", "관내 기업"),
    ("스타트업들이 모여 피칭하는 행사로 연간 2회 개최", None),
    ("사무공간, 지적재산권 상담, 네트워크 등 제공", None),
])
def test_eligibility_is_read_where_the_text_states_it(text, who):
    assert phrases.eligibility(text) == who


@pytest.mark.parametrize("text, source", [
    ("본 프로그램은 캐나다 연방정부와 알버타주 펀딩을 통해서 진행하며", "캐나다 연방정부, 알버타주"),
    ("본 사업은 오사카부 보조금으로 운영", "오사카부"),
    ("사업 재원은 중소벤처기업부와 대전시이며, 참가비는 없음", "중소벤처기업부, 대전시"),
    ("입주 기업은 일부 비용을 부담함", None),
    ("미국 국립과학재단(NSF)에서 공공기술 사업화를 위해 운영하는 사업", None),  # who runs it, not who pays
])
def test_funding_source_is_read_where_the_text_states_it(text, source):
    assert phrases.funding_source(text) == source


def test_programs_an_institution_says_it_runs():
    assert phrases.programs_run("협업을 통해 한국 기업의 미국 현지 사업화 프로그램을 운영 중") == [
        "한국 기업의 미국 현지 사업화 프로그램"]
    assert phrases.programs_run("이미 운영하고 있는 청년 창업 프로그램을 활용하여") == ["청년 창업 프로그램"]
    assert phrases.programs_run("다양한 프로그램들을 운영") == []
    assert phrases.programs_run("프로그램을 운영 중") == []


def test_a_heading_proposing_an_exchange_names_a_program():
    assert phrases.proposed_program("○ 공무원 인사 교류 제안") == "공무원 인사 교류"
    assert phrases.proposed_program("청년 인턴십 프로그램 제안") == "청년 인턴십 프로그램"
    assert phrases.proposed_program("○ 시애틀 공동실행사업 제안 및 협력 방안 논의") is None
    assert phrases.proposed_program("○ 세계경제과학도시연합 창립행사 초청") is None


def test_the_seed_reports_meeting_notes(shared_dir):
    """Seed 004: the key points that promise or plan something, and none of the rest."""
    lines = (shared_dir / "seeds" / "004_ffbe9128cdf1f7a6.txt").read_text(encoding="utf-8").splitlines()
    found = {}
    for number, line in enumerate(lines[188:], start=189):   # the meeting sections
        text = line.strip().lstrip("-").strip()
        promise = phrases.promise(text, ours) if text else None
        if promise:
            found[number] = promise.kind
    assert found == {240: "commitment", 290: "commitment", 343: "further_meeting", 400: "commitment",
                     433: "commitment", 476: "commitment", 519: "request", 520: "commitment", 569: "commitment",
                     606: "needed", 607: "advised", 608: "further_meeting", 609: "needed", 610: "commitment"}
