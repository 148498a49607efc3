"""Config and inline suppressions decide which findings are reported."""

import json

from conftest import SMS_FRONT, write_template

BODY = "Hi {{ name }}, just checking in about {{ topic }}.\n"


def lint(cli):
    proc = cli("lint", "--format", "json")
    return proc.returncode, [f for m in json.loads(proc.out)["messages"] for f in m["findings"]]


def test_generic_phrase_found_without_config(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BODY)
    code, found = lint(cli)
    assert code == 0 and [f["rule"] for f in found] == ["generic-phrase"]
    assert (found[0]["line"], found[0]["column"]) == (10, 16)


def test_ignore_and_select(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BODY)
    (pack / ".msglint.yaml").write_text("ignore: [generic-phrase]\n")
    assert lint(cli)[1] == []
    (pack / ".msglint.yaml").write_text("select: [unfilled-placeholder]\n")
    assert lint(cli)[1] == []


def test_severity_override_in_pyproject(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BODY)
    (pack / "pyproject.toml").write_text('[tool.msglint]\nseverity = {generic-phrase = "error"}\n')
    code, found = lint(cli)
    assert code == 1 and found[0]["severity"] == "error"


def test_per_file_ignores(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BODY)
    (pack / ".msglint.yaml").write_text("per-file-ignores:\n  'templates/en/*': [generic-phrase]\n")
    assert lint(cli)[1] == []


def test_inline_disable_on_line_and_next_line(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT,
                   "{# msglint: disable=generic-phrase #}\n" + BODY)
    assert lint(cli)[1] == []
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT,
                   "{# msglint: disable=generic-phrase #}\nHello.\n\n" + BODY)
    assert [f["rule"] for f in lint(cli)[1]] == ["generic-phrase"]


def test_inline_disable_file(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hello.\n\n" + BODY + "{# msglint: disable-file=generic-phrase #}\n")
    assert lint(cli)[1] == []


def test_team_rule_file_adds_a_rule_without_python(cli, pack):
    (pack / "team.yaml").write_text(
        "rules:\n"
        "  - id: no-discount-talk\n"
        "    kind: phrases\n"
        "    severity: error\n"
        "    locales: [en]\n"
        "    message: 'do not promise “{match}” in a first message'\n"
        "    source: Our pricing playbook, section 2\n"
        "    phrases: [{phrase: special discount, suggestion: talk about value first}]\n")
    (pack / ".msglint.yaml").write_text("rules: [team.yaml]\n")
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, a special discount on {{ topic }}.\n")
    code, found = lint(cli)
    assert code == 1 and found[0]["rule"] == "no-discount-talk"
    assert found[0]["message"] == "do not promise “special discount” in a first message"


def test_formal_locales_make_a_first_name_greeting_a_finding(cli, pack):
    write_template(pack, "en-GB/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, thank you for asking about {{ topic }}.\n")
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, thank you for asking about {{ topic }}.\n")
    assert not [f for f in lint(cli)[1] if f["rule"] == "greeting-formality"]
    (pack / ".msglint.yaml").write_text("formal-locales: [en-GB, de]\n")
    found = [f for f in lint(cli)[1] if f["rule"] == "greeting-formality"]
    assert [(f["locale"], f["excerpt"]) for f in found] == [("en-GB", "Hi Priya,")]
