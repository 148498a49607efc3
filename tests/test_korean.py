"""Korean speech level and honorific address, on labelled sentences from realistic sales messages."""

import json
import os
import subprocess
import sys

import pytest

from msglint.korean.morph import sentences
from msglint.korean.speech_level import judge, polite_rewrite

FORMAL = [
    "감사합니다.",
    "리드웨이 박지은입니다.",
    "CRM 도입 문의 주셔서 연락드렸습니다.",
    "다시 전화 주실 필요는 없습니다.",
    "자료를 첨부해 드립니다.",
    "회신 주시면 바로 초대장을 보내드리겠습니다.",
    "내일 오후 2시에 뵙겠습니다.",
    "비슷한 규모의 고객사 사례를 공유드립니다.",
    "검토 부탁드립니다.",
    "편하신 시간을 알려 주십시오.",
    "미팅 장소는 본사 3층 회의실입니다.",
    "궁금하신 점이 있으십니까?",
    "지난주 상담 내용을 정리해 보내드립니다.",
    "도입 첫 달 비용은 무료로 지원됩니다.",
    "고객님께서 '좋아'라고 하셨습니다.",
]
POLITE = [
    "안녕하세요.",
    "곧 메일을 보내드릴게요.",
    "화요일 오후 2시나 수요일 오전 10시 중 편하신 시간이 있을까요?",
    "자료 확인해 보셨어요?",
    "편하신 요일과 시간만 알려 주세요.",
    "내일 미팅 잊지 마세요.",
    "이번 주에 잠깐 통화 가능하실까요?",
    "도입 사례를 먼저 보여 드리면 좋을 것 같아요.",
    "그럼 내일 봬요.",
    "그 부분은 제가 확인해 드릴게요.",
    "결정에 도움이 되셨으면 해요.",
    "지난번 말씀하신 예산 범위 안에서 가능해요.",
    "좋은 하루 되세요!",
    "이 메시지 확인하시면 간단히 회신 부탁드려요.",
    "다음 주 화요일이 괜찮으시죠?",
]
CASUAL = [
    ("제임스, 나한테 다시 전화할 필요는 없어.", "어"),
    ("곧 이야기하자.", "자"),
    ("곧 메일 보낼게.", "ᆯ게"),
    ("내일 보자!", "자"),
    ("이 제안 정말 좋다.", "다"),
    ("괜찮지?", "지"),
    ("오랜만이네.", "네"),
    ("이건 제 거야.", "야"),
    ("연락 줘", "어"),
    ("자료 확인했어?", "어"),
    # A connective ending before a full stop or question mark ends the sentence; a noun + 야 is the copula.
    ("자료 보셨나?", "나"), ("메일 받았니?", "니"), ("어제 했었는데?", "는데"), ("시간이 없어서.", "어서"),
    ("행사를 개최해.", "어"), ("이건 연어야.", "야"),
    ("알겠어.", "어"),
    ("시간 되면 전화해.", "어"),
    ("계약서 보냈다.", "다"),
    ("다음 주에 만나자.", "자"),
]
VERBLESS = [
    "미팅 안내",
    "박지은 드림",
    "- 일시: 11월 24일 오후 2시",
    "- 도입 비용: 월 5만 원",
    "리드웨이 | 02-1234-5678",
    "CRM 도입 제안서",
    "[리드웨이] 미팅 일정 확정",
    "김민수 님",
    "참고 자료: https://leadway.example/case",
    "11월 24일(화) 오후 2시 또는 11월 25일(수) 오전 10시",
    "영업 자동화 도입 사례 3가지",
    "※ 주차 가능",
    "첨부: 제안서.pdf",
    "김민수 대표님께",
    "감사의 마음을 담아",
]


def level(text):
    (sentence,) = sentences(text)
    return judge(sentence).level


@pytest.mark.parametrize("text", FORMAL)
def test_formal(text):
    assert level(text) == "formal"


@pytest.mark.parametrize("text", POLITE)
def test_polite(text):
    assert level(text) == "polite"


@pytest.mark.parametrize("text", ["우리 같이 해봅시다.", "함께 갑시다."])
def test_ps_sida_is_its_own_familiar_level(text):
    (sentence,) = sentences(text)
    assert judge(sentence).level == "familiar"


@pytest.mark.parametrize("text", ["좋은 소식이 있답니다.", "신제품이랍니다."])
def test_dapnida_is_formal(text):
    (sentence,) = sentences(text)
    assert judge(sentence).level == "formal"


def test_findings_never_show_bare_jamo(cli):
    proc = cli("check", "--channel", "sms", "--locale", "ko", "--format", "json", input="곧 보낼게.")
    (f,) = [f for f in json.loads(proc.out)["findings"] if f["rule"] == "ko-speech-level"]
    assert "ㄹ게" in f["message"] and "ᆯ" not in f["message"]


@pytest.mark.parametrize("text,ending", CASUAL)
def test_casual(text, ending):
    (sentence,) = sentences(text)
    verdict = judge(sentence)
    assert (verdict.level, verdict.ending) == ("casual", ending)


@pytest.mark.parametrize("text", VERBLESS)
def test_verbless_lines_are_not_casual(text):
    assert all(judge(s).level is None for s in sentences(text))


def test_at_least_sixty_labelled_sentences():
    assert len(FORMAL) + len(POLITE) + len(CASUAL) + len(VERBLESS) >= 60


def test_line_breaks_end_sentences():
    found = sentences("미팅 안내\n곧 보자\n감사합니다")
    assert [s.text for s in found] == ["미팅 안내", "곧 보자", "감사합니다"]
    assert [judge(s).level for s in found] == [None, "casual", "formal"]


def test_honorific_si_detected():
    (sentence,) = sentences("편하신 시간을 알려 주세요.")
    assert judge(sentence).honorific


@pytest.mark.parametrize("text,ending,expected", [
    ("필요는 없어.", "어", "필요는 없어요."), ("곧 보낼게.", "ᆯ게", "곧 보낼게요."),
    ("곧 이야기하자.", "자", "곧 이야기하시죠."), ("이건 제 거야.", "야", "이건 제 거예요."),
    ("내일이야.", "야", "내일이에요."), ("좋다.", "다", None),
    # Requests: -(으)세요 / -어 주세요, never a bare 요.
    ("내일 연락 줘.", "어", "내일 연락 주세요."), ("미팅 잊지 마!", "아", "미팅 잊지 마세요."),
    ("자료 확인해.", "어", "자료 확인해 주세요."), ("제가 확인해.", "어", "제가 확인해요."),
    ("자료 보냈어.", "어", "자료 보냈어요."),
    # A question is asked in 해요체, never turned into a request ("가능해 주세요?").
    ("미팅 가능해?", "어", "미팅 가능해요?"), ("자료 확인해?", "어", "자료 확인해요?"), ("연락 줘?", "어", "연락 줘요?"),
])
def test_polite_rewrite(text, ending, expected):
    assert polite_rewrite(text, ending) == expected


def test_polite_rewrite_keeps_no_banmal_address():
    assert polite_rewrite("민수야, 자료 보냈어.", "어", "민수야") == "민수 님, 자료 보냈어요."


ADDRESS = [
    ("김민수 님, 자료 보내드립니다.", False),
    ("김민수 고객님, 자료 보내드립니다.", False),
    ("김민수 대표님, 자료 보내드립니다.", False),
    ("김민수 팀장님, 내일 뵙겠습니다.", False),
    ("김민수님 안녕하세요.", False),
    ("민수 님, 감사합니다.", False),
    ("고객님, 안내드립니다.", False),
    ("리드웨이 박지은입니다.", False),
    ("김민수 님께 감사드립니다.", False),
    ("이서연 과장님, 회신 감사합니다.", False),
    ("김민수, 자료 보내드립니다.", True),
    ("김민수 씨, 자료 보내드립니다.", True),
    ("민수야, 자료 보냈어요.", True),
    ("제임스, 다시 전화 주실 필요는 없습니다.", True),
    ("이서연 씨 안녕하세요.", True),
    ("서연아, 내일 봬요.", True),
    ("박지은, 회신 부탁드립니다.", True),
    ("김민수씨, 반갑습니다.", True),
    ("지은아 고마워요.", True),
    ("최유리 씨, 미팅 확정되었습니다.", True),
]


@pytest.fixture(scope="module")
def ruleset():
    from msglint.config import Config
    from msglint.checks.engine import Ruleset
    from msglint.checks.rulebook import load_rules

    packs = load_rules()
    return Ruleset(packs.rules, Config(), packs.settings)


@pytest.mark.parametrize("text,fires", ADDRESS)
def test_honorific_address(ruleset, text, fires):
    from msglint.checks.text import check_text

    result = check_text(text, ruleset, channel="sms", locale="ko")
    # A judgement of tone read by Kiwi: a warning (rules/korean.yaml says why).
    found = [f for f in result.findings if f.rule == "ko-honorific-address" and f.severity == "warning"]
    assert bool(found) == fires, [f.message for f in found]


SEED_000_VOICEMAIL = ("제임스, 나한테 다시 전화할 필요는 없어. 제목이 '체크인'인 이메일을 '보내기' 버튼을 누르려고 합니다. "
                      "귀하에게 가장 적합한 요일과 시간을 알려주시면 됩니다. 곧 이야기하자. 저는 Liferay의 Matt Wawro입니다.")


def test_seed_000_voicemail_fires_both_rules(cli):
    proc = cli("check", "-", "--channel", "voicemail", "--locale", "ko", "--format", "json", input=SEED_000_VOICEMAIL)
    assert proc.returncode == 0  # tone rules warn: an error is for what is certain (rules/korean.yaml)
    findings = json.loads(proc.out)["findings"]
    speech = [f for f in findings if f["rule"] == "ko-speech-level"]
    assert {f["excerpt"] for f in speech} >= {"제임스, 나한테 다시 전화할 필요는 없어.", "곧 이야기하자."}
    assert any(f["suggestion"] == "“곧 이야기하시죠.”" for f in speech)
    assert any("“나”" in f["message"] for f in speech)
    address = [f for f in findings if f["rule"] == "ko-honorific-address"]
    assert {f["severity"] for f in address} == {"warning", "info"}  # bare name; 귀하 is stiff


def test_shipped_korean_templates_are_polite(repo_cli):
    code, data = repo_cli.json("lint", "templates/ko")
    rules = {f["rule"] for m in data["messages"] for f in m["findings"]}
    assert not rules & {"ko-speech-level", "ko-honorific-address"}


def test_template_name_variable_without_honorific(cli, pack):
    from conftest import SMS_FRONT, write_template

    write_template(pack, "ko/sms/hello.txt.j2", SMS_FRONT.replace("Priya", "김민수").replace("CRM rollout", "CRM 도입"),
                   "안녕하세요.\n{{ name }}, {{ topic }} 문의 감사합니다.\n")
    code, data = cli.json("lint", "templates/ko")
    found = [f for m in data["messages"] for f in m["findings"] if f["rule"] == "ko-honorific-address"]
    # One mistake, one finding: the source's, which holds for every lead (not the sample's "김민수,").
    (only,) = found
    assert only["suggestion"] == "{{ name }} 님" and (only["line"], only["column"]) == (11, 1)


@pytest.mark.slow  # two fresh interpreters, the first one loading Kiwi
def test_warm_run_does_not_import_kiwi(tmp_path):
    """Second check of the same Korean text is answered from the cache, Kiwi never imported."""
    script = (
        "import sys\n"
        "from msglint.cli import main\n"
        "sys.argv = ['msglint', 'check', '-', '--channel', 'sms', '--locale', 'ko', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('KIWI', 'kiwipiepy' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "MSGLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], input="곧 이야기하자.".encode(), capture_output=True,
                           env=env, cwd=tmp_path) for _ in range(2)]
    assert b"KIWI True" in runs[0].stderr
    assert b"KIWI False" in runs[1].stderr
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert json.loads(runs[1].stdout)["findings"][0]["rule"] == "ko-speech-level"


def test_a_korean_tone_finding_quotes_whole_words_from_where_the_phrase_starts(cli):
    """"김민수 님, 여러 번 …": the finding quotes "여러 번 연락드렸는데 답이 없으셔서", not "수 님, … 답이 없"
    (the end of the name read as 수 차례, the last word cut)."""
    proc = cli("check", "--channel", "email", "--locale", "ko", "--subject", "CRM 도입 건: 40석 견적", "--format", "json",
               input="김민수 님, 여러 번 연락드렸는데 답이 없으셔서 다시 연락드립니다.")
    excerpts = [f["excerpt"] for f in json.loads(proc.out)["findings"] if f["rule"] == "guilt-trip"]
    assert excerpts == ["여러 번 연락드렸는데 답이 없으셔서"]


@pytest.mark.parametrize("text", ["이번 주에 한번 만나서 이야기합시다.", "다음 회의 때 같이 정리합시다.", "자, 시작합시다!"])
def test_a_suggestion_in_ㅂ시다_is_a_note_never_a_warning_or_error(ruleset, text):
    from msglint.checks.text import check_text

    found = [f for f in check_text(text, ruleset, channel="sms", locale="ko").findings if f.rule == "ko-speech-level"]
    assert found and {f.severity for f in found} == {"info"}
