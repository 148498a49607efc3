"""What the pack says is true where its sequences send it (docs/seed-claims.md, rows 000-02, 000-09,
001-01, 002-10 and 003-06).

- 000-02: the inbound sequences leave a voicemail on every unanswered call, as `cold-outbound` does,
  each saying something new and announcing only what the next steps really send;
- 000-09: the rep has a script for the first call to an inbound lead and for a cold opener;
- 001-01: the answer to an inquiry does not assume it came through the website;
- 002-10: the meeting proposal an inbound lead gets recalls their inquiry;
- 003-06: right after a call that connected, its summary goes by email (「상담 후 문자·전화 주기」: "전화 후
  즉시 문자나 이메일로 요약된 메시지를 보내는 것이 고객의 기억을 상기시키고").
"""

import datetime as dt
import json

import pytest
import yaml

from conftest import REPO
from msglint.template.sequence_file import parse_offset

INBOUND = ["inbound-lead", "inbound-after-hours"]
NEW_TEMPLATES = ["voicemail/inbound-case-link", "voicemail/inbound-meeting-times",
                 "voicemail/inbound-answer-by-email", "voicemail/inbound-last-attempt",
                 "email/inbound-meeting-proposal", "email/inbound-answer-by-email",
                 "call-script/inbound-first-call", "call-script/cold-opener"]
LOCALES = ("ko", "en")
# 003-06: the summary of a call that connected, per sequence whose calls a lead may answer. One template
# per stage: the discovery call comes before the meeting, the call on a proposal after it (stage-order).
CALL_SUMMARIES = {"meeting-booked": "email/discovery-call-summary", "proposal-sent": "email/proposal-call-summary"}


def _steps(name):
    return yaml.safe_load((REPO / "sequences" / f"{name}.yaml").read_text(encoding="utf-8"))["steps"]


def _meta(template_id, locale):
    head = (REPO / "templates" / locale / f"{template_id}.txt.j2").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return yaml.safe_load(head.removeprefix("---\n"))


def _schedule(cli, name, start, locale):
    proc = cli("schedule", f"sequences/{name}.yaml", "--start", start, "--locale", locale, "--format", "json",
               cwd=REPO)
    assert proc.returncode == 0, proc.out + proc.err
    return json.loads(proc.out)


# Every new template ships in both languages, lints clean and is sent ------------------------------

@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_each_new_template_is_used_by_a_sequence(template_id):
    used = {step.get(key) for path in (REPO / "sequences").glob("*.yaml") for step in _steps(path.stem)
            for key in ("send", "voicemail", "script")}
    assert template_id in used


@pytest.mark.slow  # 36 templates with every example value; the quick suite lints the whole pack for errors
def test_each_new_template_lints_clean_in_both_locales(cli):
    # With no finding at all: stricter than the pack's own lint, which allows warnings.
    paths = [f"templates/{locale}/{template_id}.txt.j2" for template_id in [*NEW_TEMPLATES, *CALL_SUMMARIES.values()]
             for locale in LOCALES]
    proc = cli("lint", *paths, "--format", "json", "--no-cache", cwd=REPO)
    assert proc.returncode == 0, proc.out + proc.err
    messages = json.loads(proc.out)["messages"]
    assert len(messages) == len(paths)
    assert [(m["template"], m["locale"], m["findings"]) for m in messages if m["findings"]] == []


# 000-02: a voicemail after every unanswered call ------------------------------------------------------

@pytest.mark.parametrize("name", INBOUND)
def test_every_call_of_an_inbound_sequence_is_followed_by_a_voicemail(name):
    steps = _steps(name)
    calls = [i for i, step in enumerate(steps) if "call" in step]
    assert len(calls) == 6
    for i in calls:
        after = steps[i + 1]
        assert after.get("voicemail", "").startswith("voicemail/") and after.get("if") == "no-answer", (name, steps[i])
    voicemails = [steps[i + 1]["voicemail"] for i in calls]
    assert len(set(voicemails)) == 6  # each says something new




@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", INBOUND)
def test_each_voicemail_announces_the_message_that_really_follows_it(cli, name, locale):
    steps = _schedule(cli, name, "2027-02-05T20:30", locale)["steps"]
    texts = ("문자로", "text you")
    for here, voicemail in enumerate(steps):
        if voicemail["channel"] != "voicemail":
            continue
        wanted = "sms" if any(word in voicemail["body"] for word in texts) else "email"
        following = next(s for s in steps[here + 1:] if s["channel"] == wanted)
        waited = dt.datetime.fromisoformat(following["actual"]) - dt.datetime.fromisoformat(voicemail["actual"])
        assert waited <= dt.timedelta(hours=1), (voicemail["template"], waited)
        if voicemail["template"] == "voicemail/inbound-meeting-times":
            assert following["subject"] in voicemail["body"]  # it names the email by its real subject


# 000-09: scripts for the calls a lead may answer ---------------------------------------------------

def test_the_first_inbound_call_and_the_cold_opener_name_their_scripts():
    for name in INBOUND:
        first_call = next(step for step in _steps(name) if "call" in step)
        assert first_call.get("script") == "call-script/inbound-first-call", name
    first_cold_call = next(step for step in _steps("cold-outbound") if "call" in step)
    assert first_cold_call.get("script") == "call-script/cold-opener"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_scripts_say_why_they_call_first_and_ask_questions(cli, locale):
    for name, template_id, reason in [("inbound-lead", "call-script/inbound-first-call", {"ko": "문의", "en": "inquiry"}),
                                      ("cold-outbound", "call-script/cold-opener", {"ko": "전화드렸습니다", "en": "I'm calling"})]:
        step = next(s for s in _schedule(cli, name, "2026-11-24T10:00", locale)["steps"] if s["template"] == template_id)
        lines = [line for line in step["body"].splitlines() if line.strip()]
        assert reason[locale] in step["body"].split("?")[0], lines[:2]  # the reason for the call, before any ask
        assert sum(line.count("?") for line in lines) >= 4, lines  # the lead does the talking
        assert not any(word in step["body"] for word in ("불가능", "안 됩니다", "담당자가 없", "not possible", "can't help"))


# 001-01: an inquiry may come by phone, email or web form -----------------------------------------------

def test_the_korean_inbound_schedule_never_says_the_inquiry_came_from_the_website(cli):
    steps = _schedule(cli, "inbound-lead", "2026-11-24T10:00", "ko")["steps"]
    bodies = [s["body"] for s in steps if s.get("body")]
    assert len(bodies) >= 15 and not any("홈페이지" in body for body in bodies)
    answer = next(s for s in steps if s["template"] == "email/inbound-response")
    assert "CRM 도입에 관해 문의해 주셔서 감사합니다" in answer["body"]


def test_the_inquiry_answer_is_channel_neutral_in_both_locales():
    for locale, words in (("ko", ("홈페이지", "남겨 주", "적어 주")), ("en", ("website", "web form", "your note", "you wrote"))):
        text = (REPO / "templates" / locale / "email" / "inbound-response.txt.j2").read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        assert not any(word in body for word in words), (locale, body)
    assert set(_meta("email/inbound-response", "ko")["variables"]) == set(_meta("email/inbound-response", "en")["variables"])


# 002-10: the meeting proposal to an inbound lead recalls the inquiry --------------------------------

@pytest.mark.parametrize("name", INBOUND)
def test_the_inbound_sequences_send_the_inbound_meeting_proposal(name):
    sent = [step.get("send") for step in _steps(name)]
    assert "email/inbound-meeting-proposal" in sent and "email/meeting-proposal" not in sent


def test_the_inbound_meeting_proposal_takes_the_inquiry_as_given_and_offers_scheduled_times():
    for locale in LOCALES:
        meta = _meta("email/inbound-meeting-proposal", locale)
        assert "inquiry" in meta["requires"]
        slots = meta["variables"]["slots"]
        assert slots["type"] == "datetime-list" and slots["role"] == "proposed"
        assert meta["variables"]["slots"] == {**_meta("email/meeting-proposal", locale)["variables"]["slots"],
                                              "description": slots["description"]}


@pytest.mark.parametrize("locale, topic", [("ko", "CRM 도입 문의"), ("en", "CRM rollout inquiry")])
def test_the_inbound_meeting_proposal_recalls_the_inquiry_in_its_subject_and_first_line(cli, locale, topic):
    steps = _schedule(cli, "inbound-lead", "2026-11-24T10:00", locale)["steps"]
    proposal = next(s for s in steps if s["template"] == "email/inbound-meeting-proposal")
    assert topic in proposal["subject"]
    lines = [line for line in proposal["body"].splitlines() if line.strip()]
    opening = lines[2] if locale == "ko" else lines[1]  # after the greeting (and, in Korean, who writes)
    assert topic in opening, lines[:3]
    # The times it offers are the schedule's, after it is sent, and the lead reads them.
    assert len(proposal["proposed"]) == 3
    assert all(dt.datetime.fromisoformat(t) > dt.datetime.fromisoformat(proposal["actual"]) for t in proposal["proposed"])


# 003-06: right after a call that connected, its summary -----------------------------------------------



@pytest.mark.parametrize("template_id", CALL_SUMMARIES.values())
def test_a_call_summary_is_what_the_rep_fills_in_right_after_the_call(template_id):
    metas = {locale: _meta(template_id, locale) for locale in LOCALES}
    assert set(metas["ko"]["variables"]) == set(metas["en"]["variables"]) >= {
        "name", "topic", "discussed", "next_step", "sender_name", "company"}
    for locale, meta in metas.items():
        assert "call-attempted" in meta["requires"], (template_id, locale)  # the sequence's call provides it
        assert meta["channel"] == "email" and meta["audience"] == "b2b" and meta["register"] in ("formal", "neutral")
        for name in ("discussed", "next_step"):
            variable = meta["variables"][name]
            assert variable["required"] and variable["max_length"] and variable["examples"], (template_id, locale, name)
            assert all(len(example) <= variable["max_length"] for example in variable["examples"])


@pytest.mark.parametrize("name", sorted(CALL_SUMMARIES))
def test_a_call_summary_follows_a_call_that_connected(name):
    steps = _steps(name)
    summaries = set(CALL_SUMMARIES.values())
    sent = [i for i, step in enumerate(steps) if step.get("send") in summaries]
    assert [steps[i]["send"] for i in sent] == [CALL_SUMMARIES[name]], name
    for i in sent:
        call, summary = steps[i - 1], steps[i]
        assert i > 0 and "call" in call, (name, summary)  # right after the call it sums up
        assert summary.get("if") == "answered", (name, summary)
        assert parse_offset(summary["after"]).high <= dt.timedelta(hours=1), (name, summary)


def test_no_other_sequence_sends_a_call_summary_where_no_call_connected():
    summaries = set(CALL_SUMMARIES.values())
    for path in sorted((REPO / "sequences").glob("*.yaml")):
        steps = _steps(path.stem)
        for i, step in enumerate(steps):
            if step.get("send") in summaries:
                assert i > 0 and "call" in steps[i - 1] and step.get("if") == "answered", (path.stem, step)




@pytest.mark.parametrize("locale", LOCALES)
def test_the_discovery_call_summary_arrives_within_the_hour_of_the_call(cli, locale):
    steps = _schedule(cli, "meeting-booked", "2026-11-24T10:00", locale)["steps"]
    here = next(i for i, s in enumerate(steps) if s["template"] == "email/discovery-call-summary")
    call, summary = steps[here - 1], steps[here]
    assert call["action"] == "call" and call["template"] == "call-script/discovery"
    assert summary["if"] == "answered" and summary["channel"] == "email"
    waited = dt.datetime.fromisoformat(summary["actual"]) - dt.datetime.fromisoformat(call["actual"])
    assert dt.timedelta(0) < waited <= dt.timedelta(hours=1), waited
    said = {"ko": ("오늘 통화", "다음 단계"), "en": ("my call today", "Next step")}[locale]
    assert all(word in summary["body"] for word in said), summary["body"]
    # What the rep wrote down is in it, under its own label.
    sample = _meta("email/discovery-call-summary", locale)["sample"]
    assert sample["discussed"] in summary["body"] and sample["next_step"] in summary["body"]
