"""A typo or a misplaced file is a finding or a clear error, never a rule switched off in silence;
one mistake gives one finding, with advice that fits the case."""

import json
import subprocess

import pytest

from conftest import REPO, SMS_FRONT, write_template


def lint(cli, *args):
    proc = cli("lint", "--no-cache", "--format", "json", *args)
    assert "Traceback" not in proc.err and proc.returncode in (0, 1), proc.err
    return json.loads(proc.out)


def findings(data, rule=None):
    return [f for m in data["messages"] for f in m["findings"] if rule is None or f["rule"] == rule]


def test_a_misspelt_stage_is_a_finding_not_rules_switched_off(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT.replace("inbound-response", "nuture"), "Hi there.\n")
    (f,) = findings(lint(cli), "front-matter")
    assert "'nuture' is not a stage (did you mean 'nurture'?)" in f["message"] and f["line"] == 3


def test_a_team_declares_its_own_stages(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT.replace("inbound-response", "renewal"),
                   "Hi {{ name }}, about {{ topic }}.\n")
    assert findings(lint(cli), "front-matter")
    (pack / ".msglint.yaml").write_text("stages: [renewal]\n", encoding="utf-8")
    assert not findings(lint(cli), "front-matter")


def test_check_stage_and_channel_typos_are_usage_errors(cli):
    proc = cli("check", "--channel", "sms", "--locale", "en", "--stage", "inbound-respons", input="Hi")
    assert proc.returncode == 2 and "did you mean 'inbound-response'?" in proc.err
    proc = cli("check", "--channel", "smss", "--locale", "en", input="Hi")
    assert proc.returncode == 2


def test_a_rule_scoped_to_a_misspelt_stage_fails_to_load(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(
        "rules:\n  - {id: x, kind: phrases, severity: error, message: m, source: ours, stages: [folow-up], phrases: [a]}\n",
        encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    proc = cli("rules")
    assert proc.returncode == 2 and "did you mean 'follow-up'?" in proc.err


def test_a_misspelt_rule_id_in_a_comment_is_a_finding(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT,
                   "{# msglint: disable-file=sms-lenght #}\nHi {{ name }}, about {{ topic }}.\n")
    (f,) = findings(lint(cli), "suppression")
    assert "did you mean 'sms-length'?" in f["message"] and f["line"] == 10


def test_misplaced_files_give_one_clear_finding_each(cli, pack):
    (pack / "templates/ko/sms/thanks.txt").write_text("감사합니다.\n", encoding="utf-8")
    body = (pack / "templates/ko/sms/hello.txt.j2").read_text(encoding="utf-8")
    (pack / "templates/ko/welcome.txt.j2").write_text(body, encoding="utf-8")
    (pack / "templates/kr/sms").mkdir(parents=True)
    (pack / "templates/kr/sms/hello.txt.j2").write_text(body, encoding="utf-8")
    data = lint(cli)
    by_path = {}
    for f in findings(data):
        by_path.setdefault(f["path"], []).append(f)
    assert [f["rule"] for f in by_path["templates/ko/sms/thanks.txt"]] == ["template-file"]
    assert "이름을 thanks.txt.j2로 바꾸세요" in by_path["templates/ko/sms/thanks.txt"][0]["message"]
    assert [f["rule"] for f in by_path["templates/ko/welcome.txt.j2"]] == ["template-file"]
    assert "move it to templates/ko/<channel>/welcome.txt.j2" in by_path["templates/ko/welcome.txt.j2"][0]["message"]
    (kr,) = by_path["templates/kr/sms/hello.txt.j2"]
    assert kr["rule"] == "template-file" and "did you mean 'ko'?" in kr["message"]
    assert "Error" not in json.dumps(data)  # no Python exception names in findings


def test_an_unclosed_if_is_one_syntax_finding(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "{% if name %}Hi {{ name }}, about {{ topic }}.\n")
    assert [f["rule"] for f in findings(lint(cli))] == ["template-syntax"]


def test_a_bad_time_zone_in_lead_data_names_the_close_match(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("name: Ann\ntopic: CRM\ntimezone: America/Los_Angles\n", encoding="utf-8")
    proc = cli("render", "sms/missed-call", "--locale", "en", "--templates", REPO / "templates", "--data", lead,
               "--var", "sender_name=Dana", "--var", "company=Leadway", "--var", "slots=2026-11-24T14:00")
    assert proc.returncode == 2 and "did you mean 'America/Los_Angeles'?" in proc.err
    assert "ZoneInfoNotFoundError" not in proc.err


def test_a_misspelt_var_is_an_error_and_sample_values_are_named(cli):
    base = ("render", "sms/missed-call", "--locale", "en", "--templates", REPO / "templates")
    proc = cli(*base, "--var", "nmae=Jordan")
    assert proc.returncode == 2 and "did you mean 'name'?" in proc.err
    proc = cli(*base, "--var", "name=Jordan", "--format", "json")
    data = json.loads(proc.out)
    assert data["body"].startswith("Hi Jordan") and "name" not in data["from_sample"] and "topic" in data["from_sample"]
    proc = cli(*base, "--var", "name=Jordan")
    assert "from the template's sample, not the lead: topic" in proc.out
    proc = cli("render", "sms/missed-cal", "--locale", "en", "--templates", REPO / "templates")
    assert proc.returncode == 2 and "did you mean 'sms/missed-call'?" in proc.err


def test_render_text_output_defangs_terminal_escapes():
    from msglint.support.terminal import defanged

    assert defanged("Hi \x1b[2J\x9b31mAnn\x07\n\tok") == "Hi \\x1b[2J\\x9b31mAnn\\x07\n\tok"


def test_one_honorific_mistake_is_one_finding(cli, pack):
    write_template(pack, "ko/sms/hello.txt.j2", SMS_FRONT.replace("Priya", "김민수"), "{{ name }}, {{ topic }} 문의 감사합니다.\n")
    assert len(findings(lint(cli, "templates/ko"), "ko-honorific-address")) == 1


@pytest.mark.parametrize("locale, text, advice", [
    ("ko", "가" * 1200, "2,000바이트"),
    ("ko", "가" * 60, "SMS 단가"),
    ("en", "word " * 200, "3 segments at most"),
    ("en", "word " * 40, "one segment"),
])
def test_length_advice_fits_the_case(cli, locale, text, advice):
    proc = cli("check", "--channel", "sms", "--locale", locale, "--format", "json", input=text)
    (f,) = [f for f in json.loads(proc.out)["findings"] if f["rule"] == "sms-length"]
    assert advice in f["suggestion"]


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=a@b", "-c", "user.name=a", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_lints_everything_when_rules_or_config_change(cli, pack):
    write_template(pack, "en/sms/other.txt.j2", SMS_FRONT, "Hi {{ name }}, thanks about {{ topic }}.\n")
    write_template(pack, "ko/sms/other.txt.j2", SMS_FRONT, "{{ name }} 님, {{ topic }} 안내드립니다.\n")
    (pack / "team.yaml").write_text("rules: []\n", encoding="utf-8")
    (pack / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    git(pack, "init", "-q", "-b", "main")
    git(pack, "add", ".")
    git(pack, "commit", "-qm", "pack")
    git(pack, "checkout", "-q", "-b", "feature")
    (pack / "team.yaml").write_text(
        "rules:\n  - {id: no-thanks, kind: phrases, severity: error, message: 'x', source: ours, locales: [en], "
        "phrases: [thanks]}\n", encoding="utf-8")
    proc = cli("lint", "--changed", "--format", "json")
    assert proc.returncode == 1 and "linting every template" in proc.err
    data = json.loads(proc.out)
    assert len(data["messages"]) == 4 and findings(data, "no-thanks")


def test_exit_zero_reports_but_does_not_fail(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi None, about {{ topic }} {{ name }}.\n")
    proc = cli("lint", "--format", "sarif", "--exit-zero")
    assert proc.returncode == 0 and json.loads(proc.out)["runs"][0]["results"]


def test_pre_commit_hook_runs_on_rule_and_config_changes():
    import re

    import yaml

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    for name in ("templates/ko/sms/x.txt.j2", "rules/core.yaml", ".msglint.yaml", "sequences/inbound.yaml",
                 "templates/ko/sms/thanks.txt"):
        assert files.search(name), name
    assert hook["pass_filenames"] is False


def test_a_template_linked_to_a_file_outside_the_pack_is_not_read(cli, pack, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("---\nchannel: sms\n---\nTOP SECRET\n", encoding="utf-8")
    (pack / "templates/en/sms/leak.txt.j2").symlink_to(secret)
    data = lint(cli)
    (f,) = [f for f in findings(data) if f["path"].endswith("leak.txt.j2")]
    assert f["rule"] == "template-file" and "outside the templates folder" in f["message"]
    assert "TOP SECRET" not in json.dumps(data)


def test_templates_listing_never_wraps_ids(cli, pack):
    write_template(pack, "en/email/a-rather-long-template-name-for-testing.txt.j2",
                   SMS_FRONT.replace("channel: sms", "channel: email") + "\nsubject: Hi", "Hi {{ name }} {{ topic }}\n")
    proc = cli("templates", env={"COLUMNS": "60"})
    assert "email/a-rather-long-template-name-for-testing" in proc.out


def test_pasted_text_findings_show_their_line_in_text_output(cli):
    proc = cli("check", "--channel", "email", "--locale", "en", "--subject", "Hello",
               input="Hi Priya,\nJust checking in on the rollout.\n")
    assert "<stdin>:2:1: warning generic-phrase" in proc.out


def test_every_example_value_is_rendered_and_a_finding_names_it(cli, pack):
    front = SMS_FRONT.replace("  name: {required: true}", "  name: {required: true, examples: [Priya, 'null']}")
    write_template(pack, "en/sms/hello.txt.j2", front, "Hi {{ name }}, about {{ topic }}.\n")
    (f,) = findings(lint(cli, "templates/en"), "unfilled-placeholder")
    assert f["message"].endswith("(name = “null”)") and f["line"] == 10


def test_a_time_format_that_drops_the_minutes_is_a_finding(cli, pack):
    front = SMS_FRONT.replace("  topic: {required: true}", "  topic: {required: true}\n  at: {type: datetime}").replace(
        "sample: {name: Priya, topic: CRM rollout}", "sample: {name: Priya, topic: CRM rollout, at: '2026-11-24T14:00:00-05:00'}")
    write_template(pack, "en/sms/hello.txt.j2", front, "Hi {{ name }}, {{ topic }} call at {{ at|datetime('h a') }}.\n")
    (f,) = findings(lint(cli, "templates/en"), "lossy-format")
    assert "without its minutes" in f["message"]
    write_template(pack, "en/sms/hello.txt.j2", front, "Hi {{ name }}, {{ topic }} call at {{ at|slot(false) }}.\n")
    assert not findings(lint(cli, "templates/en"), "lossy-format")
