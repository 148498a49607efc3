"""``msglint fix`` and ``check --fix``: what is fixed, what is left alone and why, run as users do."""

import os
import shutil
import textwrap

import pytest

from conftest import REPO, write_template

FIXTURES = REPO / "tests" / "fixtures" / "fix"


def _place(tmp_path, name, locale):
    target = tmp_path / "templates" / locale / "sms" / "offer.txt.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / f"{name}.before.txt.j2", target)
    return target


@pytest.mark.parametrize("name, locale", [("ko-offer", "ko"), ("en-offer", "en")])
def test_diff_then_fix_then_nothing_left(cli, tmp_path, name, locale):
    target = _place(tmp_path, name, locale)
    before = target.read_bytes()
    assert cli("lint", ".").returncode == 1

    shown = cli("fix", "--diff")
    assert shown.returncode == 1, shown.err
    assert target.read_bytes() == before, "--diff writes nothing"
    expected = (FIXTURES / f"{name}.after.txt.j2").read_text(encoding="utf-8")
    removed = [line[1:] for line in shown.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in shown.out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert shown.out.startswith(f"--- a/templates/{locale}/sms/offer.txt.j2\n+++ b/templates/{locale}/sms/offer.txt.j2\n")
    assert added and all(line in expected.splitlines() for line in added)
    assert all(line not in expected.splitlines() for line in removed)

    fixed = cli("fix", "--lang", "en")
    assert fixed.returncode == 0, fixed.err
    assert target.read_text(encoding="utf-8") == expected
    assert "left: 0 errors, 0 warnings" in fixed.err

    again = cli("fix", "--lang", "en")
    assert again.returncode == 0
    assert target.read_text(encoding="utf-8") == expected
    assert "fixed 0 findings" in again.err
    assert cli("fix", "--diff").returncode == 0

    linted = cli("lint", ".", "--lang", "en")
    assert linted.returncode == 0, linted.out
    assert "0 errors, 0 warnings" in linted.out


def test_ko_diff_says_what_it_fixes_in_korean(cli, tmp_path):
    _place(tmp_path, "ko-offer", "ko")
    shown = cli("fix", "--diff", "--lang", "ko")
    assert "ad-marker" in shown.err and "opt-out" in shown.err
    assert "sms-charset ×2" in shown.err, "the quotes made plain with the opt-out line are counted as fixed"
    assert "고칠 수 있습니다" in shown.err or "고칩니다" in shown.err


def test_the_shipped_pack_has_nothing_to_fix(repo_cli):
    proc = repo_cli("fix", "--diff")
    assert proc.returncode == 0, proc.out
    assert proc.out == ""


EN_EMAIL = """
channel: email
stage: follow-up
purpose: transactional
subject: "Pricing for {{ seats }} seats"
variables:
  name: {required: true, role: name, examples: [Priya]}
  seats: {required: true, type: number, examples: [40]}
  topic: {required: true, examples: [CRM rollout]}
sample: {name: Priya, seats: 40, topic: CRM rollout}
"""


def test_unsafe_fixes_wait_for_unsafe(cli, tmp_path):
    path = write_template(tmp_path, "en/email/pricing.txt.j2", EN_EMAIL, """\
        Hi {{ name }},

        I hope this email finds you well. Here is the {{ topic }} pricing for {{ seats }} seats: $40 a seat per month.
        Would Tuesday 10:00 suit you for a 20-minute call?

        Daniel
        """)
    before = path.read_text(encoding="utf-8")
    safe = cli("fix")
    assert path.read_text(encoding="utf-8") == before
    assert "1 more with --unsafe" in safe.err
    unsafe = cli("fix", "--unsafe")
    assert unsafe.returncode == 0, unsafe.err
    after = path.read_text(encoding="utf-8")
    assert "I hope" not in after
    assert "Hi {{ name }},\n\nHere is the {{ topic }} pricing for {{ seats }} seats" in after
    assert "generic-phrase" in unsafe.err


SMS_AD = """
channel: sms
stage: offer
purpose: advertising
audience: b2b
variables:
  name: {required: true, role: name, max_length: 3, examples: [김민수]}
  company: {required: true, max_length: 4, examples: ["리드웨이"]}
  sender_phone: {required: true, type: phone, max_length: 12, examples: [02-1234-5678]}
sample: {name: 김민수, company: 리드웨이, sender_phone: 02-1234-5678}
"""


def test_a_fix_that_would_not_render_is_left_with_the_reason(cli, tmp_path):
    # The opt-out line uses {{ optout_number }}, which this template does not declare.
    path = write_template(tmp_path, "ko/sms/offer.txt.j2", SMS_AD, """\
        [광고] {{ company }} {{ sender_phone }}
        {{ name }} 님, 연말 특가 20% 할인 중
        """)
    proc = cli("fix", "--lang", "en")
    text = path.read_text(encoding="utf-8")
    assert "(광고) {{ company }}" in text, "the marker is still fixed"
    assert "optout_number" not in text
    assert "opt-out not fixed: the template would no longer render" in proc.err
    assert proc.returncode == 1  # the opt-out error is left


def test_never_inside_a_tag_nor_on_text_a_variable_printed(cli, tmp_path):
    front = SMS_AD.replace("sample: {name: 김민수, company: 리드웨이,", "sample: {name: 김민수, company: \"[광고]\",")
    front = front.replace('examples: ["리드웨이"]', 'examples: ["[광고]"]').replace("max_length: 4,", "max_length: 6,")
    path = write_template(tmp_path, "ko/sms/offer.txt.j2", front, """\
        {{ company }} {{ "[광고]" }} {{ sender_phone }}
        {{ name }} 님, 연말 특가 20% 할인 중
        """)
    before = path.read_text(encoding="utf-8")
    proc = cli("fix", "--format", "json", "--lang", "en")
    import json

    data = json.loads(proc.out)
    reasons = [s["reason"] for s in data["templates"][0]["skipped"] if s["rule"] == "ad-marker"]
    assert any("{{ company }}" in r for r in reasons), reasons
    assert any('{{ "[광고]" }}' in r for r in reasons), reasons
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.startswith('{{ company }} {{ "[광고]" }} {{ sender_phone }}\n'), body
    assert path.read_text(encoding="utf-8").split("---\n", 2)[1] == before.split("---\n", 2)[1], "front matter untouched"


NOTE_FRONT = """\
channel: sms
stage: follow-up
purpose: transactional
variables:
  name: {required: true, role: name, examples: [Priya]}
"""


def test_text_between_tags_is_fixed_and_the_tags_are_kept(cli, tmp_path):
    front = NOTE_FRONT + "  topic: {required: true, examples: [CRM rollout]}\n" + "sample: {name: Priya, topic: CRM rollout}\n"
    path = write_template(tmp_path, "en/sms/note.txt.j2", front,
                          "Hi {{ name }}.{% if true %} It’s booked{% endif %} for {{ topic }} – see you then.\n")
    assert cli("fix").returncode == 0
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "Hi {{ name }}.{% if true %} It's booked{% endif %} for {{ topic }} - see you then.\n"


def test_an_edit_is_made_only_where_the_source_holds_the_text():
    """A source map that points at other text (a filter changed it, whitespace control moved it)
    gets no edit, only the reason."""
    from msglint.findings import Finding
    from msglint.fixes.edits import TemplateSource, plan_template
    from msglint.message import Message
    from msglint.render.sourcemap import Anchor, SourceMap

    source = TemplateSource("---\nchannel: sms\n---\n{{ note|replace('-', '–') }} today\n", 4)
    body = "Booked – today"
    message = Message(body=body, channel="sms", locale="en", body_map=SourceMap([0], [Anchor(4, 1)]))
    finding = Finding(rule="sms-charset", severity="warning", message="", line=4, span=("body", 7, 8),
                      fix={"safety": "safe", "action": "replace", "text": "-"})
    edits, skipped = plan_template(source, message, [finding], unsafe=False)
    assert edits == []
    assert "does not hold this text" in str(skipped[0].reason)


def test_the_subject_is_front_matter_and_left_alone(cli, tmp_path):
    front = """
    channel: email
    stage: offer
    purpose: advertising
    subject: "[광고] 연말 특가 안내"
    variables:
      name: {required: true, role: name, examples: [김민수]}
      unsubscribe_url: {required: true, type: url, examples: ["https://leadway.example/u/1"]}
    sample: {name: 김민수, unsubscribe_url: "https://leadway.example/u/1"}
    """
    path = write_template(tmp_path, "ko/email/offer.txt.j2", front, """\
        {{ name }} 님, 리드웨이 02-1234-5678 연말 특가를 안내해 드립니다.
        수신을 원하지 않으시면 {{ unsubscribe_url }} 에서 수신거부해 주세요.
        """)
    proc = cli("fix", "--lang", "en")
    assert 'subject: "[광고] 연말 특가 안내"' in path.read_text(encoding="utf-8")
    assert "the subject is front matter" in proc.err


def test_a_silenced_finding_is_not_fixed(cli, tmp_path):
    front = NOTE_FRONT + "sample: {name: Priya}\n"
    path = write_template(tmp_path, "en/sms/note.txt.j2", front,
                          "{# msglint: disable=sms-charset #}\nHi {{ name }}, it’s booked for Tuesday 10:00.\n")
    cli("fix")
    assert "it’s booked" in path.read_text(encoding="utf-8")


def test_a_template_that_does_not_render_is_named_and_counted(cli, tmp_path):
    front = "channel: sms\nstage: follow-up\nvariables:\n  name: {required: true}\nsample: {name: Priya}\n"
    write_template(tmp_path, "en/sms/note.txt.j2", front, "Hi {{ name }} – thanks.\n")
    proc = cli("fix")
    assert proc.returncode == 1
    assert "templates/en/sms/note.txt.j2: not fixed: an error in the front matter" in proc.err
    assert "left: 1 errors" in proc.err


def test_writes_keep_permissions_and_leave_no_temporary_files(cli, tmp_path):
    target = _place(tmp_path, "en-offer", "en")
    os.chmod(target, 0o640)
    # The one end-to-end run of `msglint fix`: `python -m msglint` in a process of its own.
    assert cli("fix", process=True).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["offer.txt.j2"]


def test_json_report(cli, tmp_path):
    _place(tmp_path, "en-offer", "en")
    code, data = cli.json("fix", "--diff")
    assert code == 1
    item = data["templates"][0]
    assert item["path"] == "templates/en/sms/offer.txt.j2" and item["changed"] is True
    assert {f["rule"] for f in item["fixed"]} == {"sms-charset", "opt-out"}
    assert all(f["safety"] == "safe" for f in item["fixed"])
    assert item["diff"].startswith("--- a/templates/en/sms/offer.txt.j2")
    assert data["summary"]["fixed"] == 5 and data["summary"]["changed"] == 1


def test_check_fix_prints_the_fixed_message(cli):
    message = "[광고] 리드웨이 02-1234-5678\n연말 특가 안내!!!\n"
    proc = cli("check", "--fix", "--channel", "sms", "--locale", "ko", "--purpose", "advertising", "-", input=message)
    assert proc.out == "(광고) 리드웨이 02-1234-5678\n연말 특가 안내!\n"
    # The opt-out line needs the template's 080 number: said, and the error stays.
    assert "optout_number" in proc.err and "[opt-out]" in proc.err
    assert proc.returncode == 1


def test_check_fix_english_clean_after(cli):
    proc = cli("check", "--fix", "--channel", "sms", "--locale", "en", "--purpose", "advertising", "-",
               input="Leadway: it’s 20% off – this week only. Reply HELP for help.\n")
    assert proc.out == "Leadway: it's 20% off - this week only. Reply HELP for help.\nReply STOP to opt out.\n"
    assert proc.returncode == 0, proc.err


def test_unsafe_needs_fix(cli):
    proc = cli("check", "--unsafe", "--channel", "sms", "--locale", "en", "-", input="Hi\n")
    assert proc.returncode == 2


def test_every_fix_rule_has_a_fixture_and_it_holds():
    from msglint.config import Config
    from msglint.checks.engine import build_ruleset
    from msglint.run.rule_examples import run_examples

    ruleset = build_ruleset(Config())
    fixing = [r for r in ruleset.rules if r.fix is not None]
    assert len(fixing) >= 10
    for rule in fixing:
        assert rule.examples.get("fix"), f"{rule.id} ({rule.file}) has a fix but no fix example"
    outcomes = [o for o in run_examples(ruleset, fixing) if o.expect == "fix"]
    failed = [(o.rule, o.messages) for o in outcomes if not o.ok]
    assert not failed


def test_a_bad_fix_in_a_rule_file_is_a_config_error(cli, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "team.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: team-dash
            kind: pattern
            severity: info
            message: "a dash"
            source: house style
            patterns: ['–']
            fix: {safety: maybe, replace: "-"}
        """), encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    proc = cli("rules")
    assert proc.returncode == 2
    assert "team-dash" in proc.err and "safety" in proc.err


def test_a_korean_address_is_rewritten_only_with_unsafe(cli, tmp_path):
    front = """
    channel: sms
    stage: meeting-reminder
    purpose: transactional
    register: formal
    variables:
      name: {required: true, role: name, max_length: 4, examples: [김민수]}
    sample: {name: 김민수}
    """
    path = write_template(tmp_path, "ko/sms/remind.txt.j2", front,
                          "{{ name }} 님, 내일 미팅 전에 귀하가 편한 장소를 알려 주세요.\n")
    safe = cli("fix", "--lang", "en")
    assert "귀하가" in path.read_text(encoding="utf-8")
    assert "1 more with --unsafe" in safe.err
    assert cli("fix", "--unsafe").returncode == 0
    assert "{{ name }} 님, 내일 미팅 전에 고객님이 편한 장소를 알려 주세요.\n" in path.read_text(encoding="utf-8")


def test_an_html_email_gets_replacements_but_no_line_after_its_markup(cli, tmp_path):
    front = """
    channel: email
    stage: offer
    purpose: advertising
    subject: "20% off your {{ topic }}"
    variables:
      name: {required: true, role: name, examples: [Priya]}
      topic: {required: true, examples: [CRM rollout]}
      company: {required: true, examples: [Leadway]}
      company_address: {required: true, examples: ["500 Market St, San Francisco, CA 94105"]}
      unsubscribe_url: {required: true, type: url, examples: ["https://leadway.example/u/1"]}
    sample: {name: Priya, topic: CRM rollout, company: Leadway, company_address: "500 Market St, San Francisco, CA 94105",
             unsubscribe_url: "https://leadway.example/u/1"}
    """
    path = write_template(tmp_path, "en/email/offer.html.j2", front, """\
        <html><body>
        <p>Hi {{ name }},</p>
        <p>Teams planning a {{ topic }} get 20% off their first three months until December 15!!</p>
        <p>{{ company }}, {{ company_address }}</p>
        </body></html>
        """)
    proc = cli("fix", "--lang", "en")
    text = path.read_text(encoding="utf-8")
    assert "until December 15!</p>" in text and text.endswith("</body></html>\n")
    assert "opt-out not fixed: an HTML email" in proc.err
