"""Config and inline suppressions decide which findings are reported."""

import json

import pytest

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


def test_a_config_extends_a_shared_one(tmp_path):
    from msglint.config import load_config

    shared = tmp_path / "shared"
    (shared / "team-rules").mkdir(parents=True)
    (shared / "base.yaml").write_text("ignore: [generic-phrase]\nseverity: {sms-length: error, exclamation-marks: info}\n"
                                      "rules: [team-rules/]\nlang: ko\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".msglint.yaml").write_text("extends: ../shared/base.yaml\nignore: exclamation-marks\n"
                                           "severity: {sms-length: warning}\nlang: en\n", encoding="utf-8")
    config = load_config(str(project / ".msglint.yaml"))
    assert config.ignore == {"generic-phrase", "exclamation-marks"}  # lists add up
    assert config.severity == {"sms-length": "warning", "exclamation-marks": "info"}  # this file wins per key
    assert config.rules == [str((shared / "team-rules").resolve())]  # read from the file that wrote it
    assert config.lang == "en"


@pytest.mark.parametrize("files, words", [
    ({"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"}, "loop"),
    ({"a.yaml": "extends: missing.yaml\n"}, "no such file"),
    ({"a.yaml": "extends: {base: x}\n"}, "shared config"),
    ({"a.yaml": "required-version: '>=99'\n"}, "requires msglint >=99"),
    ({"a.yaml": "required-version: 'soon'\n"}, "not a version requirement"),
])
def test_extends_and_required_version_say_what_is_wrong(cli, tmp_path, files, words):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = cli("lint", "--config", str(tmp_path / "a.yaml"), cwd=tmp_path)
    assert proc.returncode == 2 and words in proc.err, proc.err
    assert "Traceback" not in proc.err


def test_the_running_version_meets_a_required_version(cli, tmp_path):
    from msglint import __version__

    (tmp_path / "a.yaml").write_text(f"required-version: '=={__version__}'\n", encoding="utf-8")
    write_template(tmp_path, "en/sms/hi.txt.j2", SMS_FRONT, "Hi {{ name }}, about {{ topic }}.\n")
    assert cli("lint", "--config", str(tmp_path / "a.yaml"), cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("text", ["ignore: generic-phrase\n", "select: [ad-marker]\n", "sender-names: Leadway\n",
                                  "extends: base.yaml\n", "required-version: '>=0.1'\n", "lang: ko\n"])
def test_the_config_schema_accepts_what_the_loader_accepts(tmp_path, text):
    import jsonschema
    import yaml

    from msglint.commands.schema import config as config_schema
    from msglint.config import KEYS, load_config

    schema = config_schema()
    assert set(schema["properties"]) == set(KEYS)
    assert all(spec.get("description") for spec in schema["properties"].values())  # shown on hover in an editor
    (tmp_path / "base.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text(text, encoding="utf-8")
    load_config(str(tmp_path / ".msglint.yaml"))
    jsonschema.validate(yaml.safe_load(text), schema)
