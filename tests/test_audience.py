"""sequence-audience: a step sends a message written for the sequence's audience (issue #29).

A consumer has no team and no company: `post-consultation-b2c` once sent B2B copy ("김민수 님 팀에도",
"your team's", "비슷한 고객사들") and lint passed it. Both sides declare `audience:`, so a mismatch is an
error on the step's line; the shipped B2C sequence now sends its own `-b2c` templates.
"""

import json

import pytest
import yaml

from conftest import REPO, sequence_findings, sequence_project, step_line
from msglint.template import pack

SEQUENCE = REPO / "sequences" / "post-consultation-b2c.yaml"
# What the B2B copy says to a business and must never say to a consumer, in either locale.
BUSINESS_WORDS = ("팀", "고객사", "team", "company's", "companies")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sequence_project(tmp_path_factory)


def _sequence(project, name, audience, steps):
    data = {"name": name, "trigger": "consultation", "audience": audience, "locales": ["ko", "en"],
            "provides": ["name", "topic", "consulted_on", "key_point", "sender_name", "company", "case_company",
                         "case_metric", "case_change", "case_url"], "steps": steps}
    path = project / "sequences" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _lint(cli, project, path, *options):
    return sequence_findings(cli, project, path, "sequence-audience", *options)




def test_a_b2c_sequence_sending_a_b2b_template_is_an_error_on_the_step_line(cli, project):
    path = _sequence(project, "consumer-gets-b2b", "b2c", [
        {"after": "2h", "send": "sms/consultation-thanks-b2c"},
        {"after": "3d", "send": "sms/value-nudge"},  # "같은 방식이 김민수 님 팀에도 맞을지"
    ])
    code, findings = _lint(cli, project, path)
    assert code == 1
    assert [(f["line"], f["severity"]) for f in findings] == [(step_line(path, "sms/value-nudge"), "error")]
    assert "sms/value-nudge" in findings[0]["message"] and "b2b" in findings[0]["message"]
    assert "b2c" in findings[0]["message"] and findings[0]["suggestion"]


def test_a_b2b_sequence_sending_a_b2c_template_is_an_error_too(cli, project):
    path = _sequence(project, "business-gets-b2c", "b2b", [{"after": "1d", "send": "email/graceful-exit-b2c"}])
    code, findings = _lint(cli, project, path)
    assert code == 1 and [f["line"] for f in findings] == [step_line(path, "email/graceful-exit-b2c")]


@pytest.mark.parametrize("audience, template", [("b2c", "sms/consultation-thanks-b2c"),
                                                ("b2b", "sms/consultation-thanks")])
def test_matching_audiences_pass(cli, project, audience, template):
    path = _sequence(project, f"match-{audience}", audience, [{"after": "2h", "send": template}])
    assert _lint(cli, project, path)[1] == []


def test_the_finding_speaks_korean(cli, project):
    path = _sequence(project, "consumer-gets-b2b-ko", "b2c", [{"after": "2h", "send": "sms/consultation-thanks"}])
    _, (finding,) = _lint(cli, project, path, "--lang", "ko")
    assert finding["message"].startswith("1단계의 sms/consultation-thanks:") and "b2b 고객" in finding["message"]


def test_which_audiences_a_sequence_may_send_is_data(cli, project):
    # A team whose B2B copy also fits consumers says so in its own rule file; no Python.
    (project / "team.yaml").write_text(yaml.safe_dump({"rules": [{
        "id": "team-audience", "kind": "sequence-audience", "severity": "error", "source": "our playbook",
        "message": "step {step}: {template} is for {found}", "sends": {"b2c": ["b2c", "b2b"]}}]}), encoding="utf-8")
    (project / ".msglint.yaml").write_text("rules: [team.yaml]\nignore: [sequence-audience]\n", encoding="utf-8")
    try:
        path = _sequence(project, "team-allows-b2b", "b2c", [{"after": "2h", "send": "sms/consultation-thanks"}])
        proc = cli("lint", str(path.relative_to(project)), "--format", "json", "--no-cache", cwd=project)
        findings = json.loads(proc.out)["sequences"][0]["findings"]
        assert not [f for f in findings if f["rule"].endswith("audience")], proc.out
        # An audience the team's rule does not list still sends only its own templates.
        other = _sequence(project, "team-b2b-gets-b2c", "b2b", [{"after": "1d", "send": "email/graceful-exit-b2c"}])
        proc = cli("lint", str(other.relative_to(project)), "--format", "json", "--no-cache", cwd=project)
        findings = json.loads(proc.out)["sequences"][0]["findings"]
        assert [f["rule"] for f in findings if f["rule"].endswith("audience")] == ["team-audience"], proc.out
        (project / "team.yaml").write_text(
            (project / "team.yaml").read_text(encoding="utf-8").replace("- b2b", "- b2x"), encoding="utf-8")
        proc = cli("lint", str(path.relative_to(project)), "--no-cache", cwd=project)
        assert proc.returncode == 2 and "b2x" in proc.err
    finally:
        (project / ".msglint.yaml").unlink()
        (project / "team.yaml").unlink()


def test_the_shipped_b2c_sequence_sends_consumer_templates_and_lints_clean(cli):
    steps = yaml.safe_load(SEQUENCE.read_text(encoding="utf-8"))["steps"]
    sent = [step.get("send") or step.get("voicemail") for step in steps if step.get("send") or step.get("voicemail")]
    templates = {(t.locale, t.id): t for t in (pack.load(p, r) for p, r in pack.discover([REPO / "templates"]))}
    for template_id in sent:
        assert template_id.endswith("-b2c"), template_id
        for locale in ("ko", "en"):
            assert templates[(locale, template_id)].meta.audience == "b2c", (locale, template_id)
    proc = cli("lint", "sequences/post-consultation-b2c.yaml", "--format", "json", "--no-cache", cwd=REPO)
    assert proc.returncode == 0, proc.out
    assert json.loads(proc.out)["sequences"][0]["findings"] == []


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_the_b2c_messages_speak_to_a_person_not_a_business(cli, locale):
    proc = cli("schedule", "sequences/post-consultation-b2c.yaml", "--start", "2026-11-24T10:00", "--locale", locale,
               "--format", "json", cwd=REPO)
    assert proc.returncode == 0, proc.err
    bodies = [(step["template"], step["body"]) for step in json.loads(proc.out)["steps"] if step.get("body")]
    assert len(bodies) == 6
    for template, body in bodies:
        assert not [word for word in BUSINESS_WORDS if word in body], (template, body)
