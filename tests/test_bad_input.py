"""Bad input gives a finding with file and line, or one clear line and exit 2: never a traceback."""

import json

import pytest

from conftest import SMS_FRONT, write_template


def lint_json(cli, *paths):
    proc = cli("lint", *paths, "--format", "json")
    assert "Traceback" not in proc.err, proc.err
    return proc.returncode, json.loads(proc.out)


def findings(data, rule=None):
    return [f for m in data["messages"] for f in m["findings"] if rule is None or f["rule"] == rule]


def test_malformed_front_matter_points_at_the_line(cli, pack):
    path = pack / "templates/en/sms/hello.txt.j2"
    path.write_text("---\nchannel: sms\nstage: [nurture\npurpose: transactional\n---\nHi\n", encoding="utf-8")
    code, data = lint_json(cli)
    assert code == 1
    (f,) = findings(data, "front-matter")
    assert f["path"] == "templates/en/sms/hello.txt.j2"
    assert f["line"] in (3, 4) and "not valid YAML" in f["message"]


def test_front_matter_not_closed(cli, pack):
    (pack / "templates/en/sms/hello.txt.j2").write_text("---\nchannel: sms\nHi there\n", encoding="utf-8")
    code, data = lint_json(cli)
    assert "not closed" in findings(data, "front-matter")[0]["message"]


def test_unknown_channel_and_typo_key(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT.replace("channel: sms", "channel: fax") + "\nchanel: sms",
                   "Hi {{ name }} about {{ topic }}\n")
    code, data = lint_json(cli)
    messages = {f["message"]: f["line"] for f in findings(data, "front-matter")}
    assert messages["'channel: fax' is not one of sms, voicemail, email, call-script, alimtalk, friendtalk"] == 2
    assert any("unknown front-matter key 'chanel' (did you mean 'channel'?)" in m for m in messages)


def test_required_variable_without_sample(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT.replace("sample: {name: Priya, topic: CRM rollout}",
                                                                  "sample: {name: Priya}"),
                   "Hi {{ name }} about {{ topic }}\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "front-matter")
    assert "required variable 'topic' has no sample value" in f["message"]
    assert f["line"] == 8


def test_jinja_syntax_error_has_line(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }},\nabout {{ topic }\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "template-syntax")
    assert f["line"] == 11 and "Jinja syntax error" in f["message"]


def test_undeclared_variable_names_it_with_line_and_column(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }},\nabout {{ topic }} for {{ company }}.\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "template-syntax")
    assert (f["line"], f["column"]) == (11, 26)
    assert "variable 'company' is used but not declared" in f["message"]


def test_sandbox_escape_is_a_finding_not_a_leak(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT,
                   "Hi {{ name }} {{ topic }} {{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "template-unsafe")
    assert f["line"] == 10 and "sandbox" in f["message"]
    assert "subprocess" not in json.dumps(data)


def test_a_misspelt_filter_or_test_is_named_with_the_closest_one(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name|tittle }}, {{ topic }}{% if name is strng %}!{% endif %}\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "template-syntax")
    assert code == 1 and "No filter named 'tittle'. (did you mean 'title'?)" in f["message"] and f["line"] == 10


def test_file_not_utf8(cli, pack):
    (pack / "templates/ko/sms/hello.txt.j2").write_bytes(
        "---\nchannel: sms\n---\n안녕하세요\n".encode("cp949"))
    code, data = lint_json(cli)
    (f,) = findings(data, "template-file")
    assert "UTF-8 텍스트가 아닙니다" in f["message"] and f["line"] == 4  # a Korean template's finding speaks Korean


def test_unknown_locale_folder(cli, pack):
    write_template(pack, "xx-nope/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }} {{ topic }}\n")
    code, data = lint_json(cli)
    assert any("'xx-nope' is not a locale" in f["message"] for f in findings(data, "template-file"))


def test_empty_pack_directory_is_a_usage_error(cli, tmp_path):
    (tmp_path / "templates").mkdir()
    proc = cli("lint", "templates")
    assert proc.returncode == 2
    assert "no templates found" in proc.err and "Traceback" not in proc.err


def test_missing_path(cli):
    proc = cli("lint", "nowhere")
    assert proc.returncode == 2 and proc.err.strip() == "msglint: error: nowhere: no such file or folder"


def test_unknown_rule_id_in_config(cli, pack):
    (pack / ".msglint.yaml").write_text("ignore: [generic-phrse]\n")
    proc = cli("lint")
    assert proc.returncode == 2
    assert "unknown rule id 'generic-phrse' in ignore" in proc.err


def test_unknown_config_key(cli, pack):
    (pack / ".msglint.yaml").write_text("ignored: [generic-phrase]\n")
    proc = cli("lint")
    assert proc.returncode == 2 and "unknown config key 'ignored'" in proc.err


def test_bad_rule_file_names_file_rule_and_problem(cli, pack):
    rules = pack / "team-rules"
    rules.mkdir()
    (rules / "ours.yaml").write_text(
        "rules:\n  - id: no-discount\n    kind: pattern\n    severity: fatal\n    message: x\n    source: our playbook\n"
        "    patterns: ['discount']\n")
    (pack / ".msglint.yaml").write_text("rules: [team-rules]\n")
    proc = cli("lint")
    assert proc.returncode == 2
    assert "ours.yaml, rule 'no-discount': severity 'fatal' is not one of error, warning, info" in proc.err


def test_rule_with_bad_regex(cli, pack):
    rules = pack / "ours.yaml"
    rules.write_text("rules:\n  - id: no-discount\n    kind: pattern\n    severity: error\n    message: x\n"
                     "    source: our playbook\n    patterns: ['(discount']\n")
    (pack / ".msglint.yaml").write_text("rules: [ours.yaml]\n")
    proc = cli("lint")
    assert proc.returncode == 2 and "not a valid regular expression" in proc.err


def test_a_phrase_rule_names_its_bad_pattern(cli, pack):
    (pack / "ours.yaml").write_text("rules:\n  - id: no-discount\n    kind: phrases\n    severity: error\n    message: x\n"
                                    "    source: our playbook\n    phrases: [big savings, {pattern: 'disc(ount'}]\n")
    (pack / ".msglint.yaml").write_text("rules: [ours.yaml]\n")
    proc = cli("lint")
    assert proc.returncode == 2
    assert "pattern 'disc(ount' is not a valid regular expression" in proc.err and "Traceback" not in proc.err


@pytest.mark.parametrize("kind, field", [("phrases", "phrases: [{pattern: 'alpha)|(beta'}]"),
                                         ("pattern", "patterns: ['alpha)|(beta']"), ("required", "any: ['alpha)|(beta']")])
def test_a_pattern_that_is_only_valid_inside_an_alternation_is_named(cli, pack, kind, field):
    # Wrapped as (?:alpha)|(beta) it would compile, and match something else than was written.
    (pack / "ours.yaml").write_text(f"rules:\n  - id: alpha-beta\n    kind: {kind}\n    severity: error\n    message: x\n"
                                    f"    source: our playbook\n    {field}\n")
    (pack / ".msglint.yaml").write_text("rules: [ours.yaml]\n")
    for _ in range(2):  # the file is never marked as checked
        proc = cli("check", "--channel", "sms", "--locale", "en", "-", input="Hi Priya, beta test here.\n")
        assert proc.returncode == 2, proc.err
        assert "'alpha-beta': pattern 'alpha)|(beta' is not a valid regular expression" in proc.err


def test_rule_with_unknown_field(cli, pack):
    (pack / "ours.yaml").write_text("rules:\n  - id: no-discount\n    kind: pattern\n    severity: error\n"
                                    "    message: x\n    source: our playbook\n    pattern: discount\n")
    (pack / ".msglint.yaml").write_text("rules: [ours.yaml]\n")
    proc = cli("lint")
    assert proc.returncode == 2 and "unknown field(s) pattern for kind 'pattern'" in proc.err


def test_locale_missing_a_template(cli, pack):
    write_template(pack, "en/sms/extra.txt.j2", SMS_FRONT, "Hi {{ name }}, {{ topic }}\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "locale-parity")
    assert f["path"] == "templates/en/sms/extra.txt.j2" and "'sms/extra' has no ko version" in f["message"]


def test_locales_declaring_different_variables(cli, pack):
    write_template(pack, "ko/sms/hello.txt.j2", SMS_FRONT.replace("sample: {", "  company: {required: false}\nsample: {"),
                   "{{ name }} 님, {{ topic }} 문의 감사합니다.\n")
    code, data = lint_json(cli)
    messages = sorted(f["message"] for f in findings(data, "locale-parity"))
    # Each template's finding in its own language: the Korean one in Korean, the English one in English.
    assert messages == ["en과 변수가 다릅니다: en에는 company가 없습니다", "variables differ from ko: ko also declares company"]


def test_personalization_missing_for_follow_up(cli, pack):
    for locale in ("en", "ko"):
        write_template(pack, f"{locale}/sms/hello.txt.j2", SMS_FRONT.replace("inbound-response", "follow-up"),
                       "Hi {{ name }}, any news?\n")
    code, data = lint_json(cli)
    found = findings(data, "personalization-missing")
    assert len(found) == 2 and "needs the lead's topic" in found[0]["message"]
    assert found[0]["line"] == 3  # the stage line


def test_include_is_a_clear_syntax_finding(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }} {{ topic }}\n{% include 'footer.j2' %}\n")
    code, data = lint_json(cli)
    (f,) = findings(data, "template-syntax")
    assert f["line"] == 11 and "stands alone" in f["message"]
