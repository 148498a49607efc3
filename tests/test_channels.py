"""Channel arithmetic: SMS segments as Twilio counts them, Korean carrier bytes, spoken seconds."""

import json
from pathlib import Path

import pytest

from msglint.channels import korean_carrier, sms, speech

CASES = json.loads((Path(__file__).parent / "fixtures" / "sms_segments.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_segments_equal_twilio_calculator(case):
    # Expected values were produced by Twilio's sms-segments-calculator (npm) on the same strings.
    result = sms.segment(case["text"])
    characters = result.characters if result.encoding == "UCS-2" else result.units
    assert (result.encoding, result.segments, characters) == (case["encoding"], case["segments"], case["characters"])


def test_fixture_covers_the_boundaries():
    names = {c["name"] for c in CASES}
    assert len(CASES) >= 30
    for needed in ("160 gsm", "161 gsm", "306 gsm (2x153)", "307 gsm", "70 ucs2", "71 ucs2",
                   "134 ucs2 (2x67)", "135 ucs2", "escape across 153 boundary", "emoji at 67 boundary",
                   "smart quote forces ucs2", "tab", "crlf"):
        assert needed in names


def test_escape_pair_is_never_split():
    # 152 plain septets then an escape pair: the pair cannot fit in the 153rd septet.
    assert sms.segment("a" * 152 + "€" + "a" * 153).segments == 3
    assert sms.segment("a" * 151 + "€" + "a" * 153).segments == 2


@pytest.mark.parametrize("text,expected", [
    ("가" * 45, 90), ("가" * 44 + "ab", 90), ("A" * 90, 90), ("가" * 45 + "a", 91),
    ("김민수 님, 내일 2시", 19), ("줄\n바꿈", 7),
])
def test_korean_carrier_bytes(text, expected):
    assert korean_carrier.byte_length(text) == expected


def test_sms_lms_boundaries():
    assert korean_carrier.message_type(90) == "SMS"
    assert korean_carrier.message_type(91) == "LMS"
    assert korean_carrier.message_type(2000) == "LMS"
    assert korean_carrier.message_type(2001) == "MMS"


def test_characters_cp949_lacks():
    assert not korean_carrier.encodable("🎉")
    assert not korean_carrier.encodable("✅")
    assert korean_carrier.encodable("※") and korean_carrier.encodable("가")
    assert korean_carrier.byte_length("확정 🎉") == 7  # an unencodable character is counted as 2 bytes


def test_voicemail_seconds():
    english = " ".join(["word"] * 75)
    assert speech.seconds(english, "en") == 30.0
    korean = "가" * 165
    assert speech.seconds(korean, "ko") == 30.0
    # Latin words and digits inside Korean are timed as they are read.
    assert speech.syllables("CRM 도입 2시") == 3 + 2 + 1 + 1
    assert speech.seconds("가" * 100, "ko", {"ko": {"unit": "syllables", "per_minute": 200}}) == 30.0


def test_sms_facts_in_check_json(cli):
    code, data = cli.json("check", "-", "--channel", "sms", "--locale", "ko",
                          input="김민수 님, 내일 오후 2시 미팅 잊지 마세요. 리드웨이 박지은")
    facts = data["facts"]
    assert facts["encoding"] == "UCS-2" and facts["segments"] == 1
    assert facts["kr_bytes"] == 58 and facts["kr_type"] == "SMS"


def test_english_sms_smart_quote_warning_and_segments(cli):
    code, data = cli.json("check", "-", "--channel", "sms", "--locale", "en",
                          input="Hi Priya, it’s confirmed for Tuesday.")
    assert data["facts"]["encoding"] == "UCS-2"
    (finding,) = data["findings"]
    assert finding["rule"] == "sms-charset" and finding["suggestion"] == "write “'” instead"


def test_korean_sms_emoji_is_an_error(cli):
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", input="김민수 님, 미팅 확정되었습니다 🎉")
    assert proc.returncode == 1
    assert "error sms-charset" in proc.out


def test_voicemail_seconds_in_render(repo_cli):
    code, data = repo_cli.json("render", "voicemail/first-attempt", "--locale", "en")
    assert 15 < data["facts"]["seconds"] < 25


def test_lint_reports_worst_case_facts(cli, pack):
    from conftest import write_template

    front = """
        channel: sms
        stage: inbound-response
        purpose: transactional
        variables:
          name: {required: true, max_length: 40, examples: [Alexandra Montgomery-Smith]}
          topic: {required: true}
        sample: {name: Fred, topic: CRM rollout}
        """
    body = "Hi {{ name }}, thanks for your {{ topic }} inquiry. Could I call you on Tuesday at 2 PM or on Wednesday at 10 AM for a fifteen-minute call? Reply here.\n"
    write_template(pack, "en/sms/hello.txt.j2", front, body)
    write_template(pack, "ko/sms/hello.txt.j2", front.replace("Fred", "김민수"), "{{ name }} 님, {{ topic }} 문의 감사합니다.\n")
    code, data = cli.json("lint", "templates/en")
    (message,) = data["messages"]
    assert message["facts"]["segments"] == 1
    assert message["facts"]["worst"]["segments"] == 2
    (finding,) = [f for f in message["findings"] if f["rule"] == "sms-length"]
    assert finding["severity"] == "warning" and "longest values" in finding["message"]


def test_long_english_sms_is_an_error_past_three_segments(cli):
    proc = cli("check", "-", "--channel", "sms", "--locale", "en", input="word " * 100)
    assert proc.returncode == 1 and "needs 4 SMS segments" in proc.out
