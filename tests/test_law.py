"""The law packs end to end: each legal element reported when missing, with its citation."""

import json

import pytest

from conftest import REPO

KO_AD = "(광고) 리드웨이 02-1234-5678\n김민수 님, 12월 15일까지 첫 3개월 20% 할인해 드립니다.\n무료수신거부 080-123-4567"
EN_SMS_AD = "Leadway: Hi Priya, 20% off your first 3 months until Dec 15. Reply HELP for help, STOP to opt out."
EN_EMAIL_AD = ("Hi Priya,\n\n20% off your first three months until December 15.\n\nBest regards,\nDaniel Park\n"
               "Leadway | 500 Market St, San Francisco, CA 94105\nUnsubscribe: https://leadway.example/u/1")


def check(cli, text, *args):
    proc = cli("check", "-", "--purpose", "advertising", "--format", "json", *args, input=text)
    assert proc.returncode in (0, 1), proc.err
    return proc.returncode, json.loads(proc.out)["findings"]


def rules(findings, severity="error"):
    return sorted({f["rule"] for f in findings if f["severity"] == severity})


def test_compliant_korean_sms_ad_is_clean(cli):
    code, found = check(cli, KO_AD, "--channel", "sms", "--locale", "ko")
    assert code == 0 and rules(found) == []


@pytest.mark.parametrize("marker", ["[광고]", "(광 고)", "(광.고)", "<광고>", "광고)", "( 광고 )"])
def test_look_alike_markers_fire_with_exact_form_as_suggestion(cli, marker):
    code, found = check(cli, KO_AD.replace("(광고)", marker, 1), "--channel", "sms", "--locale", "ko")
    assert code == 1
    look_alike = [f for f in found if f["rule"] == "ad-marker" and f["suggestion"] == "(광고)"]
    assert look_alike and look_alike[0]["excerpt"] == marker.strip()
    assert "시행령 제61조" in look_alike[0]["source"]


def test_transactional_message_is_not_held_to_ad_rules(cli):
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", "--format", "json",
               input="김민수 님, 내일 오후 2시 미팅 잊지 마세요. 리드웨이 박지은")
    assert proc.returncode == 0
    assert json.loads(proc.out)["findings"] == []


def test_opt_out_missing_or_not_at_the_end(cli):
    missing = KO_AD.replace("\n무료수신거부 080-123-4567", "")
    assert rules(check(cli, missing, "--channel", "sms", "--locale", "ko")[1]) == ["opt-out"]
    moved = "(광고) 리드웨이 02-1234-5678\n무료수신거부 080-123-4567\n김민수 님, 20% 할인해 드립니다.\n자세한 내용은 문의 주세요."
    (finding,) = [f for f in check(cli, moved, "--channel", "sms", "--locale", "ko")[1] if f["rule"] == "opt-out"]
    assert "제50조 제4항 제3호" in finding["source"]


def test_a_korean_ad_may_leave_out_the_contact_that_is_its_sending_number(cli):
    """KISA's reading of 제50조 ④: the contact may be left out when it is the number the text is
    sent from. Only a config whose contact differs from its sending number makes it required."""
    text = KO_AD.replace(" 02-1234-5678", "")
    ko = ["--channel", "sms", "--locale", "ko"]
    assert rules(check(cli, text, *ko)[1]) == []  # no setting: the sending number is the contact
    (cli.cwd / ".msglint.yaml").write_text("sender-number: 1588-1234\ncontact-number: 1588 1234\n", encoding="utf-8")
    assert rules(check(cli, text, *ko)[1]) == []  # the same number, written otherwise
    (cli.cwd / ".msglint.yaml").write_text("sender-number: 1588-1234\ncontact-number: 02-1234-5678\n", encoding="utf-8")
    assert rules(check(cli, text, *ko)[1]) == ["sender-identity"]
    assert rules(check(cli, text.replace("리드웨이", "리드웨이 02-1234-5678"), *ko)[1]) == []
    assert rules(check(cli, text.replace("리드웨이", "리드웨이 (02) 1234 5678"), *ko)[1]) == []
    assert rules(check(cli, text.replace("리드웨이", "리드웨이 02-1234-5679"), *ko)[1]) == ["sender-identity"]


@pytest.mark.parametrize("opening", ["(광고)금일 한정 VIP 무료체험방 입장", "(광고) 8/19까지 300% 달성 종목 안내",
                                     "(광고)무료 추천주 내일부터 함께", "(광고) 선착순 50명 특가 오픈"])
def test_a_korean_ad_that_opens_with_its_offer_names_no_sender(cli, opening):
    code, found = check(cli, f"{opening}\n무료수신거부 080-123-4567", "--channel", "sms", "--locale", "ko")
    assert "sender-name" in rules(found, "warning") and rules(found) == []


@pytest.mark.parametrize("opening", ["(광고) 리드웨이 연말 특가", "(광고)금일 특가! 안녕하세요 도미노피자입니다.",
                                     "(광고)(주)하나파이낸셜 8월 안내", "(광고)칸투칸 초특가 D-5"])
def test_a_korean_ad_that_names_its_sender_passes(cli, opening):
    code, found = check(cli, f"{opening}\n무료수신거부 080-123-4567", "--channel", "sms", "--locale", "ko")
    assert "sender-name" not in rules(found, "warning")


def test_korean_night_window(cli):
    base = ["--channel", "sms", "--locale", "ko", "--tz", "Asia/Seoul"]
    assert rules(check(cli, KO_AD, *base, "--send-at", "2026-11-24T21:30")[1]) == ["send-window"]
    assert rules(check(cli, KO_AD, *base, "--send-at", "2026-11-24T08:30")[1]) == []
    email = ["--channel", "email", "--locale", "ko", "--tz", "Asia/Seoul", "--subject", "(광고) 리드웨이 연말 혜택"]
    body = "리드웨이 연말 혜택 안내드립니다. 문의 02-1234-5678\n수신을 원하지 않으시면 수신거부를 눌러 주세요."
    assert rules(check(cli, body, *email, "--send-at", "2026-11-24T21:30")[1]) == []  # email is exempt


def test_korean_email_ad_needs_marker_in_subject(cli):
    body = "리드웨이 연말 혜택 안내드립니다. 문의 02-1234-5678\n수신을 원하지 않으시면 수신거부를 눌러 주세요."
    code, found = check(cli, body, "--channel", "email", "--locale", "ko", "--subject", "리드웨이 연말 혜택")
    assert rules(found) == ["ad-marker"]


def test_voicemail_on_sunday_and_on_seollal(cli):
    proc = cli("check", "-", "--channel", "voicemail", "--locale", "ko", "--send-at", "2026-11-22T10:00",
               "--tz", "Asia/Seoul", input="김민수 님, 리드웨이 박지은입니다. 곧 메일 드리겠습니다.")
    assert "warning send-day" in proc.out and "일요일(2026-11-22)의 전화입니다" in proc.out
    proc = cli("check", "-", "--channel", "voicemail", "--locale", "ko", "--send-at", "2027-02-08T10:00",
               "--tz", "Asia/Seoul", "--format", "json", input="김민수 님, 리드웨이 박지은입니다. 곧 메일 드리겠습니다.")
    (finding,) = json.loads(proc.out)["findings"]
    assert finding["rule"] == "send-day" and "설날" in finding["message"]


def test_english_sms_ad_with_and_without_stop(cli):
    base = ["--channel", "sms", "--locale", "en"]
    code, found = check(cli, EN_SMS_AD, *base)
    assert code == 0 and rules(found) == []
    code, found = check(cli, EN_SMS_AD.replace(" Reply HELP for help, STOP to opt out.", ""), *base)
    assert rules(found) == ["opt-out"]
    assert rules(found, "info") == ["help-keyword"]  # HELP is recommended, under its own id
    code, found = check(cli, EN_SMS_AD.replace("Leadway: ", ""), *base)
    assert rules(found) == ["sender-identity"]


def test_tcpa_window_in_recipient_time(cli):
    base = ["--channel", "sms", "--locale", "en", "--send-at", "2026-11-24T21:15"]
    assert rules(check(cli, EN_SMS_AD, *base, "--tz", "America/Chicago")[1]) == ["send-window"]
    # 21:15 in Chicago is 19:15 in Los Angeles: fine there.
    assert rules(check(cli, EN_SMS_AD, "--channel", "sms", "--locale", "en",
                       "--send-at", "2026-11-24T21:15-06:00", "--tz", "America/Los_Angeles")[1]) == []


def test_english_email_ad_without_postal_address(cli):
    args = ["--channel", "email", "--locale", "en", "--subject", "20% off your first three months"]
    assert rules(check(cli, EN_EMAIL_AD, *args)[1]) == []
    code, found = check(cli, EN_EMAIL_AD.replace(" | 500 Market St, San Francisco, CA 94105", ""), *args)
    (finding,) = [f for f in found if f["severity"] == "error"]
    assert finding["rule"] == "postal-address" and "7704(a)(5)(A)(iii)" in finding["source"]
    code, found = check(cli, EN_EMAIL_AD.replace("\nUnsubscribe: https://leadway.example/u/1", ""), *args)
    assert rules(found) == ["opt-out"]


def test_fake_reply_subject(cli):
    code, found = check(cli, EN_EMAIL_AD, "--channel", "email", "--locale", "en", "--subject", "RE: our call")
    assert rules(found) == ["deceptive-subject"]


def test_florida_profile_is_opt_in(cli, tmp_path):
    (tmp_path / ".msglint.yaml").write_text('rules: ["builtin:profiles/us-florida.yaml"]\n')
    base = ["--channel", "sms", "--locale", "en", "--send-at", "2026-11-24T20:30", "--tz", "America/New_York"]
    code, found = check(cli, EN_SMS_AD, *base)
    assert [f["message"] for f in found if f["rule"] == "send-window"] == [
        "sent at 20:30 (America/New_York): Florida allows telephone solicitations only 08:00–20:00 local time"]


def test_send_at_without_zone_reads_the_locales_usual_zone_and_says_so(cli):
    # As render does: Asia/Seoul for ko, America/New_York for en; a stated --tz wins.
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", "--purpose", "advertising",
               "--send-at", "2026-11-24T21:30", "--format", "json", input="(광고) 리드웨이 02-1234-5678\n안내\n무료수신거부 080-123-4567")
    assert "reading --send-at in Asia/Seoul" in proc.err
    assert any(f["rule"] == "send-window" for f in json.loads(proc.out)["findings"])
    proc = cli("check", "-", "--channel", "sms", "--locale", "en", "--send-at", "tomorrow", "--tz", "UTC", input="hi")
    assert proc.returncode == 2 and "not an ISO date-time" in proc.err
    proc = cli("check", "-", "--channel", "sms", "--locale", "en", "--send-at", "2026-11-24T10:00", "--tz", "Mars/Base",
               input="hi")
    assert proc.returncode == 2 and "unknown time zone 'Mars/Base'" in proc.err


def test_shipped_advertising_templates_are_clean(repo_cli):
    code, data = repo_cli.json("lint", "templates")
    offers = [m for m in data["messages"] if m["template"].endswith("/offer")]
    assert len(offers) == 4
    assert all(f["severity"] != "error" for m in offers for f in m["findings"])


def test_send_at_column_in_a_batch(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_text("name,topic,company,sender_phone,optout_number,discount,offer_end,send_at,timezone\n"
                   "김민수,CRM 도입,리드웨이,02-1234-5678,080-123-4567,20,2026-12-15,2026-11-24T21:30,Asia/Seoul\n"
                   "이서연,CRM 도입,리드웨이,02-1234-5678,080-123-4567,20,2026-12-15,2026-11-24T10:00,Asia/Seoul\n",
                   encoding="utf-8")
    proc = cli("render", "sms/offer", "--locale", "ko", "--templates", REPO / "templates", "--data", csv)
    lines = [json.loads(line) for line in proc.out.splitlines()]
    assert [[f["rule"] for f in line["findings"] if f["severity"] == "error"] for line in lines] == [["send-window"], []]
