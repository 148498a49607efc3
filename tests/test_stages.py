"""The rest of the sales process (issue #29): after hours, a polite no, the booked meeting and its
discovery call, the proposal and the close, the customer; paces for busy and engaged leads.

Each new rule behaviour has a sequence that fires it and one that must not; every new sequence is
lint-clean and schedules; a call-script scaffold lints clean as written.
"""

import datetime as dt
import json

import pytest
import yaml

from conftest import REPO, sequence_project
from msglint.template.sequence_file import CONDITIONS, PACES, TRIGGERS
from msglint.vocabulary import STAGES

NEW_SEQUENCES = ["inbound-after-hours", "meeting-booked", "busy-lead", "engaged-lead", "proposal-sent",
                 "customer-retention", "icp-decline"]
NEW_TEMPLATES = ["sms/after-hours-reply", "email/polite-decline", "email/meeting-confirmation",
                 "call-script/discovery", "sms/pre-meeting-tip", "email/proposal-follow-up",
                 "email/closing-follow-up", "email/retention-check-in", "email/referral-ask"]
CADENCE = yaml.safe_load((REPO / "rules" / "cadence.yaml").read_text(encoding="utf-8"))


def _rule(rule_id):
    return [r for r in CADENCE["rules"] if r["id"] == rule_id]


def _shipped(name):
    return yaml.safe_load((REPO / "sequences" / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sequence_project(tmp_path_factory)


def _write(project, name, data) -> str:
    data = {"name": name, "audience": "b2b", "locales": ["ko", "en"], **data}
    (project / "sequences" / f"{name}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"sequences/{name}.yaml"


def _variant(project, base, name, change) -> str:
    data = _shipped(base)
    change(data)
    return _write(project, name, data)


def _findings(cli, project, rel):
    proc = cli("lint", rel, "--format", "json", "--no-cache", cwd=project)
    assert proc.returncode in (0, 1), proc.err
    (sequence,) = json.loads(proc.out)["sequences"]
    return sequence["findings"]


def _rules(findings):
    return sorted({f["rule"] for f in findings})


# The shipped data agrees with itself -------------------------------------------------------------

def test_every_new_sequence_ships_and_every_new_template_is_sent_by_one():
    sent = set()
    for path in (REPO / "sequences").glob("*.yaml"):
        for step in yaml.safe_load(path.read_text(encoding="utf-8"))["steps"]:
            sent |= {step.get(key) for key in ("send", "voicemail", "script")}
    assert all((REPO / "sequences" / f"{name}.yaml").is_file() for name in NEW_SEQUENCES)
    # The meeting reminder was in no sequence before meeting-booked.
    assert set(NEW_TEMPLATES) | {"sms/meeting-reminder"} <= sent


def test_the_vocabularies_and_the_rule_data_name_the_same_things():
    (premise,) = _rule("sequence-premise")
    assert set(premise["triggers"]) == set(TRIGGERS)
    (order,) = _rule("stage-order")
    assert set(order["order"]) <= set(STAGES)
    for stage in ("decline", "meeting-confirmation", "discovery", "pre-meeting", "proposal-follow-up", "closing",
                  "retention", "referral"):
        assert stage in order["order"], stage
    assert "after-hours" in CONDITIONS
    assert {p for rule in _rule("follow-up-gaps") for p in rule.get("paces", [])} == set(PACES)


def test_the_touch_count_has_no_cap_the_seeds_do_not_state():
    (rule,) = _rule("touch-count")
    assert "max_touches" not in rule and "10번" not in rule["source"]


def test_every_cold_call_that_goes_unanswered_leaves_a_voicemail_and_its_email():
    steps = _shipped("cold-outbound")["steps"]
    calls = [i for i, step in enumerate(steps) if "call" in step]
    assert len(calls) == 6
    for i in calls:
        voicemail, email = steps[i + 1], steps[i + 2]
        assert voicemail.get("if") == "no-answer" and voicemail["voicemail"].startswith("voicemail/"), steps[i]
        assert email["send"].startswith("email/") and email["after"] == "5m", steps[i]
    voicemails = [steps[i + 1]["voicemail"] for i in calls]
    assert len(set(voicemails)) == 6  # each says something new




@pytest.mark.slow  # every new sequence scheduled; the quick suite schedules inbound-lead (test_proposed_times)
@pytest.mark.parametrize("name", NEW_SEQUENCES)
def test_each_new_sequence_schedules(cli, name):
    proc = cli("schedule", f"sequences/{name}.yaml", "--start", "2026-12-08T10:00", "--locale", "ko", cwd=REPO)
    assert proc.returncode == 0, proc.out + proc.err


# after-hours --------------------------------------------------------------------------------------

def test_the_after_hours_reply_promises_the_real_time_of_the_call(cli):
    proc = cli("schedule", "sequences/inbound-after-hours.yaml", "--start", "2027-02-05T20:30", "--locale", "ko",
               "--format", "json", cwd=REPO)
    assert proc.returncode == 0, proc.err
    steps = json.loads(proc.out)["steps"]
    reply, call = steps[0], steps[1]
    assert reply["template"] == "sms/after-hours-reply" and reply["if"] == "after-hours"
    assert call["channel"] == "call" and call["actual"] == "2027-02-10T09:00:00+09:00"  # after 설날
    assert "2월 10일(수) 오전 9시에 제가 직접 전화드려" in reply["body"]


def test_in_office_hours_there_is_no_after_hours_reply(cli):
    proc = cli("schedule", "sequences/inbound-after-hours.yaml", "--start", "2026-12-08T10:00", "--locale", "en",
               "--format", "json", cwd=REPO)
    assert proc.returncode == 0, proc.err
    assert "sms/after-hours-reply" not in [s["template"] for s in json.loads(proc.out)["steps"]]


def test_a_condition_that_is_not_one_is_named(cli, project):
    rel = _variant(project, "inbound-after-hours", "after-hours-typo",
                   lambda d: d["steps"][0].update({"if": "afterhours"}))
    findings = _findings(cli, project, rel)
    assert _rules(findings) == ["sequence-file"] and "after-hours" in findings[0]["message"]


# call scripts --------------------------------------------------------------------------------------

def test_a_call_script_needs_its_premise(cli, project):
    # "미팅을 잡아 주셔서 감사합니다" read to a lead who only sent an inquiry: false.
    rel = _write(project, "script-on-inquiry", {
        "trigger": "inquiry", "provides": ["name", "topic", "sender_name", "company", "meeting_at"],
        "steps": [{"after": "5m", "call": "discovery call", "script": "call-script/discovery"}]})
    findings = [f for f in _findings(cli, project, rel) if f["rule"] == "sequence-premise"]
    assert findings and "'meeting-booked'" in findings[0]["message"]
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    assert lines[findings[0]["line"] - 1].strip().startswith("- after: 5m")  # on the step's line


def test_a_script_stays_a_call_for_the_cadence_rules(cli, project):
    # Two calls with a script two hours apart are two calls on one day.
    def change(data):
        data["steps"].insert(2, {"after": "2h", "call": "again", "script": "call-script/discovery"})
    findings = _findings(cli, project, _variant(project, "meeting-booked", "script-calls-twice", change))
    assert "call-spacing" in _rules(findings)


@pytest.mark.parametrize("step, said", [
    ({"after": "1d", "send": "email/meeting-confirmation", "script": "call-script/discovery"},
     "'script' names what the rep reads on a call"),
    ({"after": "1d", "call": "discovery call", "script": "sms/pre-meeting-tip"},
     "'call' sends a call-script message, but 'sms/pre-meeting-tip' is a sms template"),
    ({"after": "1d", "call": "discovery call", "script": "discovery"}, "'script' names a template id"),
])
def test_a_script_in_the_wrong_place_is_a_sequence_file_error(cli, project, step, said):
    rel = _variant(project, "meeting-booked", f"script-wrong-{len(said)}", lambda d: d["steps"].__setitem__(1, step))
    findings = _findings(cli, project, rel)
    assert _rules(findings) == ["sequence-file"] and any(said in f["message"] for f in findings), findings


def test_a_call_script_too_long_to_say_fires_and_the_shipped_one_does_not(cli, tmp_path):
    folder = tmp_path / "templates" / "ko" / "call-script"
    folder.mkdir(parents=True)
    source = (REPO / "templates" / "ko" / "call-script" / "discovery.txt.j2").read_text(encoding="utf-8")
    (folder / "discovery.txt.j2").write_text(source, encoding="utf-8")
    head, body = source.rsplit("\n---\n", 1)
    (folder / "long.txt.j2").write_text(head + "\n---\n" + body * 3, encoding="utf-8")
    proc = cli("lint", "templates", "--format", "json", "--no-cache")
    by_template = {m["template"]: {f["rule"] for f in m["findings"]} for m in json.loads(proc.out)["messages"]}
    assert "call-script-length" in by_template["call-script/long"]
    assert "call-script-length" not in by_template["call-script/discovery"]


def test_a_new_call_script_scaffold_lints_clean(cli, tmp_path):
    proc = cli("new", "call-script/qualifying-call", "--channel", "call-script", "--stage", "discovery",
               "--lang", "en")
    assert proc.returncode == 0, proc.out + proc.err
    for locale in ("ko", "en"):
        text = (tmp_path / "templates" / locale / "call-script" / "qualifying-call.txt.j2").read_text(encoding="utf-8")
        assert "channel: call-script\n" in text and "stage: discovery\n" in text
    linted = cli("lint", ".", "--lang", "en", "--format", "json")
    assert linted.returncode == 0 and json.loads(linted.out)["summary"] == {"errors": 0, "warnings": 0, "infos": 0}


# paces ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("base", ["busy-lead", "engaged-lead"])
def test_a_pace_is_what_lets_its_gaps_pass(cli, project, base):
    # Without `pace:` the standard B2B cadence (1–2 weeks) judges the gaps, and they are wrong for it.
    findings = _findings(cli, project, _variant(project, base, f"{base}-no-pace", lambda d: d.pop("pace")))
    assert _rules(findings) == ["follow-up-gaps"], findings


@pytest.mark.parametrize("base, gap, allowed", [("busy-lead", "1w", "2-3w"), ("engaged-lead", "1w", "2-3d")])
def test_a_gap_outside_the_pace_fires(cli, project, base, gap, allowed):
    findings = _findings(cli, project, _variant(project, base, f"{base}-off-pace",
                                                lambda d: d["steps"][4].update({"after": gap})))
    assert _rules(findings) == ["follow-up-gaps"] and allowed in findings[0]["message"], findings


def test_a_pace_that_is_not_one_is_named(cli, project):
    findings = _findings(cli, project, _variant(project, "busy-lead", "pace-typo", lambda d: d.update(pace="bussy")))
    assert _rules(findings) == ["sequence-file"] and "did you mean 'busy'" in findings[0]["message"]


# triggers: proposal-sent and closed-won -------------------------------------------------------------

@pytest.mark.parametrize("trigger, template, premise", [
    ("inquiry", "email/closing-follow-up", "proposal-sent"),     # "결정은 편하신 때에" with no proposal
    ("consultation", "email/retention-check-in", "customer"),   # "써 주셔서 감사합니다" to a prospect
    ("inquiry", "sms/pre-meeting-tip", "meeting-booked"),
])
def test_the_later_stages_need_their_premises(cli, project, trigger, template, premise):
    provides = ["name", "topic", "sender_name", "sender_phone", "company", "start_steps", "product", "started_on",
                "goal", "meeting_at", "pain_point", "resource_url"]
    rel = _write(project, f"premise-{premise}", {"trigger": trigger, "provides": provides,
                                                 "steps": [{"after": "5m", "send": template}]})
    findings = [f for f in _findings(cli, project, rel) if f["rule"] == "sequence-premise"]
    assert findings and f"'{premise}'" in findings[0]["message"], findings


def test_a_proposal_sequence_must_still_end_gracefully(cli, project):
    findings = _findings(cli, project, _variant(project, "proposal-sent", "proposal-no-exit",
                                                lambda d: d.update(steps=d["steps"][:-1])))
    assert _rules(findings) == ["graceful-exit"], findings


@pytest.mark.parametrize("base", ["meeting-booked", "customer-retention"])
def test_a_meeting_or_a_customer_has_nothing_to_give_up_on(base):
    # Neither ends with a graceful exit or counts attempts, and no rule asks them to.
    (exit_rule,) = _rule("graceful-exit")
    (count_rule,) = _rule("touch-count")
    trigger = _shipped(base)["trigger"]
    assert trigger not in exit_rule["triggers"] and trigger not in count_rule["triggers"]


def test_a_polite_decline_ends_an_inquiry_gracefully_and_a_bare_reply_does_not(cli, project):
    rel = _variant(project, "icp-decline", "decline-replaced",
                   lambda d: d.update(provides=d["provides"] + ["slot"],
                                      steps=[{"after": "5m", "send": "sms/inbound-first-response"}]))
    assert _rules(_findings(cli, project, rel)) == ["graceful-exit"]


# stage order -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("base, first, second", [
    ("customer-retention", 0, 2),   # a referral ask before the check-in
    ("meeting-booked", 1, 3),       # the useful text before the discovery call (step 2: its summary)
    ("proposal-sent", 0, 3),        # the closing email before the proposal follow-up (step 2: the call's summary)
])
def test_later_stages_keep_the_order_of_the_sales_process(cli, project, base, first, second):
    def swap(data):
        steps = data["steps"]
        steps[first], steps[second] = steps[second], steps[first]
        steps[first]["after"], steps[second]["after"] = steps[second].get("after", "1d"), steps[first].get("after", "1d")
    findings = _findings(cli, project, _variant(project, base, f"order-{base}", swap))
    assert "stage-order" in _rules(findings), findings


def test_the_referral_comes_months_after_the_check_in():
    steps = _shipped("customer-retention")["steps"]
    waited = sum((dt.timedelta(weeks=int(s["after"][:-1])) for s in steps[1:]), dt.timedelta(0))
    assert waited >= dt.timedelta(weeks=12)  # 「영업 프로세스 7단계」: 장기적으로 관계를 쌓은 뒤
