"""Sequences: the playbooks' cadences as files. Each cadence rule has a sequence that breaks it
and fires exactly that rule; the shipped sequences are clean; the schedule moves what must move."""

import json

import pytest
import yaml

from conftest import REPO, sequence_project

SHIPPED = sorted((REPO / "sequences").glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sequence_project(tmp_path_factory)


def _variant(project, base: str, name: str, change) -> str:
    data = yaml.safe_load((REPO / "sequences" / f"{base}.yaml").read_text(encoding="utf-8"))
    change(data)
    data["name"] = name
    (project / "sequences" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                        encoding="utf-8")
    return f"sequences/{name}.yaml"


def _rules(cli, project, path):
    proc = cli("lint", path, "--format", "json", "--no-cache", cwd=project)
    assert proc.returncode in (0, 1), proc.err
    (message,) = json.loads(proc.out)["sequences"]
    return sorted({f["rule"] for f in message["findings"]}), message["findings"]


def test_every_shipped_sequence_is_clean(cli):
    proc = cli("lint", "--format", "json", "--no-cache", cwd=REPO)
    data = json.loads(proc.out)
    assert all("facts" in m for m in data["messages"])  # sequences sit beside the messages, not among them
    messages = data["sequences"]
    assert sorted(m["sequence"] for m in messages) == sorted(f"sequences/{p.stem}" for p in SHIPPED)
    assert all(m["findings"] == [] for m in messages), [m for m in messages if m["findings"]]
    assert len(SHIPPED) == 11


def _set(index, key, value):
    def change(data):
        data["steps"][index][key] = value
    return change


BREAKS = {  # rule: (base sequence, change)
    "first-touch": ("inbound-lead", _set(0, "after", "30m")),
    "voicemail-follow-up": ("inbound-lead", _set(7, "after", "2d")),
    "call-spacing": ("inbound-lead", _set(5, "after", "30m")),
    "daily-run": ("inbound-lead", _set(8, "after", "1d")),
    "daily-contacts": ("inbound-lead", _set(4, "after", "4h")),
    "follow-up-gaps": ("post-consultation-b2b", _set(1, "after", "1-2d")),
    "touch-count": ("post-consultation-b2b", lambda d: d.update(steps=[s for i, s in enumerate(d["steps"]) if i not in (4, 5)])),
    "graceful-exit": ("post-consultation-b2b", lambda d: d.update(steps=d["steps"][:-1])),
    "stage-order": ("post-consultation-b2b", lambda d: d["steps"].insert(4, d["steps"].pop(6))),
    "new-information": ("post-consultation-b2b", lambda d: d["steps"].__setitem__(5, {"after": "1-2w", "send": "sms/value-nudge"})),
}


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_a_sequence_that_breaks_a_cadence_rule_fires_exactly_that_rule(cli, project, rule):
    base, change = BREAKS[rule]
    rules, findings = _rules(cli, project, _variant(project, base, f"breaks-{rule}", change))
    assert rules == [rule], findings
    assert all(f["line"] > 1 and f["path"].endswith(f"breaks-{rule}.yaml") for f in findings)


def test_many_touches_are_not_capped(cli, project):
    # No seed states a total past which follow-up becomes pressure (5–8 touches is what works; the
    # limits are on frequency: call-spacing, daily-run), so twelve touches a week apart pass.
    def change(data):
        extra = [{"after": "1w", "call": f"attempt {n}"} for n in range(6)]
        data["steps"][-1:-1] = extra
    rules, findings = _rules(cli, project, _variant(project, "post-consultation-b2b", "many", change))
    assert rules == [], findings


def test_a_broken_sequence_file_says_what_and_where(cli, project):
    path = project / "sequences" / "broken.yaml"
    path.write_text("""\
name: broken
trigger: inquiry
audience: b2b
locales: [ko, en]
provides: [name]
steps:
  - after: 5m
    send: sms/inbound-first-responce
  - after: soon
    call: first attempt
  - voicemail: voicemail/first-attempt
  - after: 2m
    send: sms/missed-call
    iff: no-answer
""", encoding="utf-8")
    proc = cli("lint", "sequences/broken.yaml", "--format", "json", "--no-cache", cwd=project)
    assert proc.returncode == 1
    findings = json.loads(proc.out)["sequences"][0]["findings"]
    by_line = {f["line"]: f["message"] for f in findings}
    assert all(f["rule"] == "sequence-file" for f in findings)
    assert "step 2: 'after: soon' is not an offset" in by_line[9]
    assert "step 4: unknown key 'iff' (did you mean 'if'?)" in by_line[14]


def test_steps_matched_to_the_pack(cli, project):
    path = project / "sequences" / "unmatched.yaml"
    path.write_text("""\
trigger: inquiry
locales: [ko, en, ja]
provides: [name, topic, slot, sender_name, company]
steps:
  - after: 5m
    send: sms/inbound-first-responce
  - after: 3m
    voicemail: voicemail/first-attempt
  - after: 1h
    send: voicemail/first-attempt
""", encoding="utf-8")
    proc = cli("lint", "sequences/unmatched.yaml", "--format", "json", "--no-cache", cwd=project)
    messages = [f["message"] for f in json.loads(proc.out)["sequences"][0]["findings"]]
    text = "\n".join(messages)
    assert "no template 'sms/inbound-first-responce' in the pack (did you mean 'sms/inbound-first-response'?)" in text
    assert "step 2: a voicemail is left on a call that is not answered" in text
    assert "'voicemail/first-attempt' has no ja version" in text
    assert "needs email_subject" in text
    # (what 'send' sends is the channel registry's: sms, email and the KakaoTalk channels)
    assert "'send' sends a sms / email" in text and "but 'voicemail/first-attempt' is a voicemail template" in text


def test_a_yaml_comment_silences_a_cadence_rule(cli, project):
    rel = _variant(project, "inbound-lead", "silenced", _set(8, "after", "1d"))
    path = project / rel
    path.write_text("# msglint: disable-file=daily-run\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _rules(cli, project, rel)[0] == []


def test_the_findings_speak_korean_with_lang_ko(cli, project):
    rel = _variant(project, "inbound-lead", "korean", _set(0, "after", "30m"))
    proc = cli("lint", rel, "--lang", "ko", "--no-cache", cwd=project)
    assert "문의 뒤 첫 연락이 30m 뒤에 갑니다: 5m 안에 응대하세요" in proc.out
    assert "시퀀스 1개 검사" in proc.out


def test_schedule_moves_a_friday_night_inquiry_past_the_weekend_and_seollal(cli):
    proc = cli("schedule", "sequences/inbound-lead.yaml", "--start", "2026-02-13T20:30", "--locale", "ko",
               "--format", "json", cwd=REPO)
    assert proc.returncode == 0, proc.err
    steps = {s["step"]: s for s in json.loads(proc.out)["steps"]}
    # The first SMS is answered within 5 minutes, at 20:35: texts may go until 21:00.
    assert steps[1]["planned"] == steps[1]["actual"] == "2026-02-13T20:35:00+09:00" and steps[1]["moved"] == []
    # The call planned at 20:45 waits for the first working morning after 설날: Thursday 19 February.
    assert steps[2]["planned"] == "2026-02-13T20:45:00+09:00"
    assert steps[2]["actual"] == "2026-02-19T09:00:00+09:00"
    assert steps[2]["moved"][0] == "20:45: 연락 가능 시간(09:00–18:00) 밖입니다"
    assert "설날 02-17" in steps[2]["moved"][1] and "토요일 02-14" in steps[2]["moved"][1]
    # The voicemail is left on that call, and the SMS after it follows from there.
    assert steps[3]["actual"] == "2026-02-19T09:00:00+09:00" and steps[4]["actual"] == "2026-02-19T09:02:00+09:00"
    assert steps[4]["first_line"].startswith("김민수 님, 리드웨이 박지은입니다.")
    assert all(s["actual"] >= s["planned"] for s in steps.values())


def test_schedule_text_names_the_moves_and_the_lead_data(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("name: Priya\ntopic: call recording\n", encoding="utf-8")
    # The one end-to-end run of `msglint schedule`: `python -m msglint` in a process of its own.
    proc = cli("schedule", REPO / "sequences" / "cold-outbound.yaml", "--start", "2026-12-24T15:00", "--locale", "en",
               "--data", lead, cwd=REPO, process=True)
    assert proc.returncode == 0, proc.err
    assert "moved: no contact on weekends or public holidays: Christmas Day 12-25, Saturday 12-26, Sunday 12-27" in proc.out
    assert "Hi Priya," in proc.out or "Hello Priya" in proc.out


def test_schedule_errors_are_clear(cli):
    proc = cli("schedule", "sequences/nope.yaml", "--start", "2026-02-13T20:30", "--locale", "ko", cwd=REPO)
    assert proc.returncode == 2 and "sequences/nope.yaml: no such file" in proc.err
    proc = cli("schedule", "sequences/inbound-lead.yaml", "--start", "2026-02-13T20:30", "--locale", "ja", cwd=REPO)
    assert proc.returncode == 2 and "is sent in ko, en, not in ja" in proc.err
    proc = cli("schedule", "sequences/inbound-lead.yaml", "--start", "Friday", "--locale", "ko", cwd=REPO)
    assert proc.returncode == 2 and "is not an ISO date-time" in proc.err


def _defaults(tmp_path):
    """Every value the shipped templates' samples hold, as a team's --defaults file."""
    from msglint.template.frontmatter import split

    values = {}
    for path in (REPO / "templates" / "ko").rglob("*.j2"):
        values.update(split(path.read_text(encoding="utf-8")).meta.get("sample") or {})
    for key in ("name", "topic", "timezone"):
        values.pop(key, None)
    target = tmp_path / "defaults.yaml"
    target.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return target


def test_render_a_sequence_for_every_lead_with_send_times(cli, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text("name,topic,start,timezone\n김민수,CRM 도입,2026-02-13T20:30,Asia/Seoul\n"
                     "박서준,영업 자동화,,Asia/Seoul\n이하은,HubSpot,2026-03-02T10:00,Asia/Sesoul\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = cli("render", "--sequence", "inbound-lead", "--locale", "ko", "--data", leads, "--defaults",
               _defaults(tmp_path), "--start", "2026-02-16T11:00", "--out", out, cwd=REPO)
    assert proc.returncode == 1, proc.err  # one lead failed, and says why
    assert "rendered 2, failed 1, total 3" in proc.err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_row = {}
    for line in lines:
        by_row.setdefault(line["row"], []).append(line)
    assert sorted(by_row) == [2, 3, 4]
    first = by_row[2]
    steps = yaml.safe_load((REPO / "sequences" / "inbound-lead.yaml").read_text(encoding="utf-8"))["steps"]
    assert [line["step"] for line in first] == list(range(1, len(steps) + 1))
    assert first[0]["send_at"] == "2026-02-13T20:35:00+09:00" and first[0]["body"].startswith("김민수 님")
    assert first[1]["action"] == "call" and first[1]["send_at"] == "2026-02-19T09:00:00+09:00"
    # The first call carries the script the rep reads (script: on the step); a call without one, only its time.
    assert first[1]["body"].startswith("김민수 님") and first[5]["action"] == "call" and "body" not in first[5]
    assert by_row[3][0]["send_at"] == "2026-02-16T11:05:00+09:00"  # no start column: --start
    assert by_row[4] == [{"row": 4, "sequence": "inbound-lead", "error": by_row[4][0]["error"]}]
    assert "did you mean 'Asia/Seoul'" in by_row[4][0]["error"]


def test_render_sequence_usage_errors(cli, tmp_path):
    proc = cli("render", "--sequence", "inbound-leed", "--locale", "ko", "--data", tmp_path / "x.csv", cwd=REPO)
    assert proc.returncode == 2 and "no sequence 'inbound-leed'" in proc.err and "did you mean 'inbound-lead'" in proc.err
    proc = cli("render", "sms/missed-call", "--sequence", "inbound-lead", "--locale", "ko", cwd=REPO)
    assert proc.returncode == 2 and "not both" in proc.err
    proc = cli("render", "--sequence", "inbound-lead", "--locale", "ko", cwd=REPO)
    assert proc.returncode == 2 and "give the leads with --data" in proc.err


def test_a_move_at_the_edge_of_the_window_says_why_in_words_a_rep_reads():
    # The window's end is exclusive: a text at exactly 21:00 moves, and the reason names the
    # whole window instead of saying "21:00 is after 21:00".
    import datetime as dt

    from msglint.i18n import say
    from msglint.sequence.schedule import allowed_time

    seoul = dt.timezone(dt.timedelta(hours=9))
    policy = {"hours": "08:00-21:00", "working_days": False}
    moved, reasons = allowed_time(dt.datetime(2026, 3, 4, 21, 0, tzinfo=seoul), policy, "KR", "ko")
    assert moved == dt.datetime(2026, 3, 5, 8, 0, tzinfo=seoul)
    assert [say(reason, "ko") for reason in reasons] == ["21:00: 연락 가능 시간(08:00–21:00) 밖입니다"]
    _, early = allowed_time(dt.datetime(2026, 3, 4, 7, 30, tzinfo=seoul), policy, "KR", "en")
    assert [say(reason, "en") for reason in early] == ["07:30 is outside contact hours (08:00–21:00)"]
    # A window to midnight keeps a late text where it is; a moment inside the window gives no reason.
    assert allowed_time(dt.datetime(2026, 3, 4, 23, 0, tzinfo=seoul), {"hours": "08:00-24:00"}, "KR", "en")[1] == []
    assert allowed_time(dt.datetime(2026, 3, 4, 20, 59, tzinfo=seoul), policy, "KR", "en")[1] == []


def test_at_names_a_part_of_the_day_and_another_time_of_day_is_the_other_half(cli):
    def calls(start):
        proc = cli("schedule", "sequences/inbound-lead.yaml", "--start", start, "--locale", "en", "--format", "json",
                   cwd=REPO)
        assert proc.returncode == 0, proc.err
        return [s["actual"] for s in json.loads(proc.out)["steps"] if s["channel"] == "call"]

    # A first call in the morning: the second ("another time of day") comes in the afternoon.
    morning = calls("2026-12-08T10:00")
    assert morning[0][11:16] == "10:15" and morning[1][11:16] == "16:00"
    # A first call in the afternoon: the second comes in a morning, at least a day later.
    afternoon = calls("2026-12-08T15:00")
    assert afternoon[0][11:16] == "15:15" and afternoon[1][11:16] == "10:00" and afternoon[1][:10] > "2026-12-09"
    proc = cli("schedule", "sequences/cold-outbound.yaml", "--start", "2026-12-08T09:00", "--locale", "ko",
               "--format", "json", cwd=REPO)
    second = [s for s in json.loads(proc.out)["steps"] if s["channel"] == "call"][1]
    assert second["actual"][11:16] == "16:00"  # "second attempt, afternoon"


def test_a_misspelt_part_of_the_day_is_named_with_the_choices(cli, project):
    path = _variant(project, "cold-outbound", "at-typo", _set(3, "at", "afternon"))
    rules, findings = _rules(cli, project, path)
    assert rules == ["sequence-file"]
    assert "'at: afternon'" in findings[0]["message"] and "afternoon" in findings[0]["message"]


def test_b2b_texts_and_emails_wait_for_a_working_day_and_b2c_ones_need_not(cli):
    def steps(name, start):
        proc = cli("schedule", f"sequences/{name}.yaml", "--start", start, "--locale", "ko", "--format", "json",
                   cwd=REPO)
        assert proc.returncode == 0, proc.err
        return json.loads(proc.out)["steps"]

    # A consultation on the Friday before 설날 2027: the summary email would go on 설날 전날.
    summary = steps("post-consultation-b2b", "2027-02-05T17:00")[0]
    assert summary["planned"].startswith("2027-02-06") and summary["actual"] == "2027-02-10T08:00:00+09:00"
    assert "설날 전날 02-06" in summary["moved"][0]
    # A consultation with a consumer on a Friday evening: the thank-you text may go on Saturday at 08:00.
    thanks = steps("post-consultation-b2c", "2026-12-11T20:00")[0]
    assert thanks["actual"] == "2026-12-12T08:00:00+09:00" and thanks["moved"] == ["22:00: 연락 가능 시간(08:00–21:00) 밖입니다"]
