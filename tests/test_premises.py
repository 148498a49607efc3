"""sequence-premise: a step's message says only what is true at that point of its sequence.

Each false premise the pack once shipped is planted again here: a cold lead thanked for an inquiry,
an inquiry answered as if a consultation had happened, a reminder pointing to an email nobody sent.
"""

import json
import shutil

import pytest
import yaml

from conftest import REPO, sequence_findings, sequence_project, step_line


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sequence_project(tmp_path_factory)


def _sequence(project, name, trigger, steps, provides=None):
    data = {"name": name, "trigger": trigger, "audience": "b2b", "locales": ["ko", "en"],
            "provides": provides or ["name", "topic", "pain_point", "slot", "slots", "sender_name", "sender_phone",
                                     "company", "consulted_on", "key_point", "meeting_at", "location",
                                     "email_subject", "discussed", "next_steps", "attachment"],
            "steps": steps}
    path = project / "sequences" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _premise_findings(cli, project, path):
    return sequence_findings(cli, project, path, "sequence-premise")




@pytest.mark.parametrize("trigger, template, premise", [
    ("cold", "email/inbound-response", "inquiry"),          # "문의 주셔서 감사합니다" to a stranger
    ("cold", "sms/inbound-first-response", "inquiry"),
    ("inquiry", "email/consultation-summary", "consultation"),  # "상담에 시간 내주셔서" before any consultation
    ("consultation", "voicemail/first-attempt", "inquiry"),
    ("meeting-booked", "sms/meeting-reminder", "email-sent"),   # "자료는 메일로 보내 드렸습니다" with no email
])
def test_a_false_premise_is_an_error_on_the_step_line(cli, project, trigger, template, premise):
    action = "voicemail" if template.startswith("voicemail/") else "send"
    steps = [{"after": "5m", "call": "first attempt"}] if action == "voicemail" else []
    steps.append({"after": "5m", action: template} if action == "send" else {action: template})
    path = _sequence(project, f"false-{trigger}-{template.replace('/', '-')}", trigger, steps)
    code, findings = _premise_findings(cli, project, path)
    assert code == 1 and findings, findings
    assert {f["severity"] for f in findings} == {"error"}
    assert all(f["line"] == step_line(path, template) for f in findings)
    assert any(f"'{premise}'" in f["message"] and template in f["message"] for f in findings), findings


def test_an_earlier_step_makes_the_premise_true(cli, project):
    path = _sequence(project, "reminder-after-email", "meeting-booked", [
        {"after": "5m", "send": "email/consultation-summary"},  # an email goes first
        {"after": "1d", "send": "sms/meeting-reminder"},
    ])
    _, findings = _premise_findings(cli, project, path)
    # The summary itself needs a consultation (the trigger is a booking); the reminder is fine.
    assert [f["line"] for f in findings] == [step_line(path, "email/consultation-summary")]


def test_the_findings_speak_korean(cli, project):
    path = _sequence(project, "cold-thanks-ko", "cold", [{"after": "5m", "send": "email/inbound-response"}])
    proc = cli("--lang", "ko", "lint", str(path.relative_to(project)), "--no-cache", cwd=project)
    assert proc.returncode == 1
    assert "1단계의 email/inbound-response" in proc.out and "'inquiry'" in proc.out and "(trigger: cold)" not in proc.out


def test_an_unknown_premise_names_the_close_match(cli, tmp_path):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    target = tmp_path / "templates" / "ko" / "email" / "inbound-response.txt.j2"
    target.write_text(target.read_text(encoding="utf-8").replace("requires: [inquiry]", "requires: [inquirey]"),
                      encoding="utf-8")
    (tmp_path / "sequences").mkdir()
    path = _sequence(tmp_path, "typo", "inquiry", [{"after": "5m", "send": "email/inbound-response"}])
    _, findings = _premise_findings(cli, tmp_path, path)
    assert findings and "'inquirey'" in findings[0]["message"] and "inquiry" in findings[0]["message"]


def test_requires_must_be_a_list_of_names(cli, tmp_path):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    target = tmp_path / "templates" / "en" / "email" / "inbound-response.txt.j2"
    target.write_text(target.read_text(encoding="utf-8").replace("requires: [inquiry]", "requires: inquiry"),
                      encoding="utf-8")
    proc = cli("lint", "templates/en/email/inbound-response.txt.j2", "--format", "json", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 1
    findings = [f for m in json.loads(proc.out)["messages"] for f in m["findings"] if f["rule"] == "front-matter"]
    assert any("'requires'" in f["message"] and f["line"] == 7 for f in findings), findings


def test_every_shipped_template_that_names_a_past_event_declares_it():
    # The sentences that state a premise, in both locales: a template that says one declares it.
    claims = {"inquiry": ("문의", "inquiry"), "consultation": ("상담에 시간", "'s {{ topic }} call", "consultation")}
    for path in sorted((REPO / "templates").rglob("*.j2")):
        head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        meta = yaml.safe_load(head.removeprefix("---\n"))
        said = body + (meta.get("subject") or "")
        for premise, words in claims.items():
            if any(word in said for word in words) and meta["stage"] not in ("graceful-exit",):
                assert premise in (meta.get("requires") or []), (path.name, premise)
