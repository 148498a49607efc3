"""Times a scheduled message offers or promises exist when the lead reads them.

For every shipped sequence, both locales, and leads whose trigger lands on a Friday evening before
설날 2027, the Friday before Christmas 2026, Christmas Eve and an ordinary Tuesday morning, the
JSON of ``msglint schedule`` is checked the way a sending system would: no offered time passed, on a
day off or outside meeting hours at its message's send time; no text or email to a business on a
day off unless the stage may go any day; ``at:`` honoured; the promised "we will call you at …"
is the time of the next step.
"""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest
import yaml

from conftest import REPO

SEQUENCES = sorted(p.stem for p in (REPO / "sequences").glob("*.yaml"))
STARTS = ["2027-02-05T20:30", "2026-12-18T20:30", "2026-12-24T20:30", "2026-11-24T10:00"]
COUNTRY = {"ko": "KR", "en": "US"}
CADENCE = yaml.safe_load((REPO / "rules" / "cadence.yaml").read_text(encoding="utf-8"))
POLICY = CADENCE["settings"]["schedule"]


def _day_off(day: dt.date, locale: str) -> bool:
    return day.weekday() >= 5 or day in holidays.country_holidays(COUNTRY[locale], years=day.year)


def _schedule(cli, name, start, locale, *extra):
    proc = cli("schedule", f"sequences/{name}.yaml", "--start", start, "--locale", locale, "--format", "json",
               *extra, cwd=REPO)
    assert proc.returncode in (0, 1), proc.err
    return json.loads(proc.out)


def _meta(template_id, locale):
    text = (REPO / "templates" / locale / f"{template_id}.txt.j2").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


# Every shipped sequence in both locales is the whole suite's (CI) work; the quick suite keeps the
# sequence that offers the most times.
@pytest.mark.parametrize("locale", ["ko", "en"])
@pytest.mark.parametrize("name", [pytest.param(n, marks=() if n == "inbound-lead" else pytest.mark.slow)
                                  for n in SEQUENCES])
def test_every_time_a_shipped_sequence_offers_exists_when_it_is_read(cli, name, locale):
    sequence = yaml.safe_load((REPO / "sequences" / f"{name}.yaml").read_text(encoding="utf-8"))
    if locale not in sequence.get("locales", [locale]):
        pytest.skip(f"{name} is not sent in {locale}")
    for start in STARTS:
        out = _schedule(cli, name, start, locale)
        assert not [f for step in out["steps"] for f in step["findings"] if f["severity"] == "error"], (name, start)
        for step in out["steps"]:
            sent = dt.datetime.fromisoformat(step["actual"])
            for text in step["proposed"]:
                offered = dt.datetime.fromisoformat(text)
                assert offered > sent, (name, start, step)
                assert not _day_off(offered.date(), locale), (name, start, step)
                assert dt.time(9) <= offered.time() < dt.time(18), (name, start, step)
            if step["channel"] in ("sms", "email") and sequence.get("audience") == "b2b":
                stage = _meta(step["template"], locale)["stage"]
                if stage not in POLICY[step["channel"]].get("any_day", []):
                    assert not _day_off(sent.date(), locale), (name, start, step["step"], step["actual"])
            if step["channel"] in ("call", "voicemail"):
                assert not _day_off(sent.date(), locale) and dt.time(9) <= sent.time() < dt.time(18)
        # `at:` is honoured: a step asking for a part of the day happens then, unless it moved.
        steps = [s for s in sequence["steps"]]
        for raw, step in zip(steps, out["steps"]):
            if raw.get("at") in POLICY["parts_of_day"] and not step["moved"]:
                wanted = POLICY["parts_of_day"][raw["at"]]
                assert step["actual"][11:16] == wanted, (name, start, raw, step)


def test_a_weekend_inquiry_is_promised_the_call_the_schedule_makes(cli):
    out = _schedule(cli, "inbound-lead", "2027-02-05T20:30", "ko")
    first, call = out["steps"][0], out["steps"][1]
    assert first["template"] == "sms/inbound-first-response" and call["action"] == "call"
    assert call["actual"].startswith("2027-02-10T09:00")  # after 설날 and its substitute holiday
    assert "2월 10일(수) 오전 9시" in first["body"]


def test_offered_times_come_back_while_they_are_valid_and_are_replaced_once_passed(cli):
    out = _schedule(cli, "inbound-lead", "2026-11-24T10:00", "en")
    by_template = {s["template"]: s for s in out["steps"] if s["template"]}
    text, email = by_template["sms/missed-call"], by_template["email/inbound-response"]
    assert text["proposed"] == email["proposed"] and len(text["proposed"]) == 2
    later = by_template["email/inbound-meeting-proposal"]
    assert len(later["proposed"]) == 3
    assert all(dt.datetime.fromisoformat(t) > dt.datetime.fromisoformat(later["actual"]) for t in later["proposed"])
    # What is offered is what the lead reads.
    assert all(f"{dt.datetime.fromisoformat(t):%-I}" in later["body"] for t in later["proposed"])


def test_a_leads_own_time_that_has_passed_or_falls_on_a_holiday_is_an_error(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("slots: [2027-02-04T14:00:00+09:00, 2027-03-01T10:00:00+09:00]\n", encoding="utf-8")
    out = _schedule(cli, "inbound-lead", "2027-02-05T20:30", "ko", "--data", str(lead))
    step = next(s for s in out["steps"] if s["template"] == "sms/missed-call")
    problems = [f["message"] for f in step["findings"] if f["rule"] == "proposed-time"]
    assert len(problems) == 2 and all(f["severity"] == "error" for f in step["findings"] if f["rule"] == "proposed-time")
    assert any("지났" in p for p in problems) and any("삼일절" in p or "3·1절" in p or "쉬는 날" in p for p in problems)
    assert out["summary"]["errors"] >= 2


def test_render_sequence_carries_the_offered_times(cli, tmp_path):
    # One lead with every value the sequence's templates show, taken from their samples, except the
    # times: those the schedule works out for each step.
    sequence = yaml.safe_load((REPO / "sequences" / "inbound-lead.yaml").read_text(encoding="utf-8"))
    lead = {"start": "2026-12-24T20:30"}
    for step in sequence["steps"]:
        template = step.get("send") or step.get("voicemail")
        if template:
            for key, value in _meta(template, "en")["sample"].items():
                # The shortest sample fits every template's max_length (an SMS signs "Daniel").
                if key not in ("slot", "slots") and len(str(value)) < len(str(lead.get(key, value))) + (key not in lead):
                    lead[key] = value
    leads = tmp_path / "leads.json"
    leads.write_text(json.dumps([lead], default=str), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = cli("render", "--sequence", "inbound-lead", "--locale", "en", "--data", str(leads), "--out", str(out),
               cwd=REPO)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert proc.returncode == 0, (proc.err, lines[:2])
    offering = [line for line in lines if line.get("proposed")]
    assert offering
    for line in offering:
        for text in line["proposed"]:
            moment = dt.datetime.fromisoformat(text)
            assert moment > dt.datetime.fromisoformat(line["send_at"])
            assert moment.date() not in (dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2026, 12, 27))


def test_a_near_miss_of_a_time_role_and_a_time_role_on_text_are_front_matter_errors(cli, tmp_path):
    folder = tmp_path / "templates" / "en" / "sms"
    folder.mkdir(parents=True)
    (folder / "hello.txt.j2").write_text(
        "---\nchannel: sms\nstage: follow-up\npurpose: transactional\n"
        "variables:\n  when: {type: datetime, role: propsed}\n  name: {type: string, role: proposed}\n"
        "sample: {when: 2026-11-25T14:00:00-05:00, name: Priya}\n---\nHi {{ name }}, {{ when|slot }}?\n",
        encoding="utf-8")
    proc = cli("lint", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    messages = [f["message"] for m in json.loads(proc.out)["messages"] for f in m["findings"] if f["rule"] == "front-matter"]
    assert any("propsed" in m and "proposed" in m for m in messages), messages
    assert any("type datetime" in m for m in messages), messages


def test_a_voicemail_names_the_subject_of_the_email_that_follows_it(cli):
    for locale in ("ko", "en"):
        out = _schedule(cli, "inbound-lead", "2026-11-24T10:00", locale)
        voicemail = next(s for s in out["steps"] if s["template"] == "voicemail/first-attempt")
        email = next(s for s in out["steps"][out["steps"].index(voicemail):] if s["channel"] == "email")
        assert email["subject"] and email["subject"] in voicemail["body"], (locale, voicemail["body"], email["subject"])


def test_a_message_about_a_meeting_that_has_taken_place_is_an_error(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("meeting_at: 2027-02-08T14:00:00+09:00\n", encoding="utf-8")
    out = _schedule(cli, "meeting-booked", "2027-02-03T10:00", "ko", "--data", str(lead))
    late = [s for s in out["steps"] if any(f["rule"] == "proposed-time" for f in s["findings"])]
    assert [s["template"] for s in late] == ["sms/pre-meeting-tip", "sms/meeting-reminder"]  # 설날 pushed them past it
    # Without the lead's meeting, the one the sequence is planned around: after its last step.
    out = _schedule(cli, "meeting-booked", "2027-02-03T10:00", "ko")
    assert not [f for s in out["steps"] for f in s["findings"] if f["rule"] == "proposed-time"]
