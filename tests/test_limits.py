"""Hostile input ends in seconds with a finding or one clear error: templates that ask for huge
numbers, texts or loops, deep nesting, YAML bombs, catastrophic regexes, internal errors."""

import json
import resource
import time

import pytest
from conftest import SMS_FRONT, write_template

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f'{c}: &{c} [{",".join(["*" + p] * 9)}]\n' for p, c in zip("abcdefgh", "bcdefghi"))

HOSTILE_BODIES = {
    "power": "{{ 9**(9**9) }}",
    "repetition": "{{ 'a'*10**9 }}",
    "center": "{{ 'a'|center(10**9) }}",
    "center-literal": "{{ 'a'|center(1000000000) }}",
    "percent-width": "{{ '%01000000000d'%1 }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "nested-ranges": "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    "silent-loops": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "lipsum": "{{ lipsum(1000000) }}",
    "doubling": "{% set a = 'a'*100000 %}{% set b = a~a %}{% set c = b~b %}{% set d = c~c %}{{ d~d~d }}",
    "recursion": "{% macro m(n) %}{{ m(n+1) }}{% endmacro %}{{ m(0) }}",
}

DEEP_BODIES = {
    "parentheses": "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
    "brackets": "{{ " + "[" * 300 + "1" + "]" * 300 + " }}",
    "for-loops": "{% for x in [1] %}" * 25 + "x" + "{% endfor %}" * 25,
    "ifs": "{% if 1 %}" * 120 + "x" + "{% endif %}" * 120,
    "filters": "{{ 'a'" + "|upper" * 400 + " }}",
}


def lint(cli, *extra):
    start = time.monotonic()
    proc = cli("lint", "--no-cache", "--format", "json", *extra)
    assert "Traceback" not in proc.err, proc.err
    assert proc.returncode in (0, 1), proc.err
    return json.loads(proc.out), time.monotonic() - start


def findings(data, rule):
    return [f for m in data["messages"] for f in m["findings"] if f["rule"] == rule]


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_a_hostile_template_is_one_finding_and_the_others_still_lint(cli, pack, name):
    write_template(pack, "en/sms/hostile.txt.j2", SMS_FRONT, "Hi {{ name }}, {{ topic }} " + HOSTILE_BODIES[name] + "\n")
    write_template(pack, "ko/sms/hostile.txt.j2", SMS_FRONT, "{{ name }} 님, {{ topic }} 안내입니다.\n")
    data, _ = lint(cli)
    (finding,) = [f for f in findings(data, "template-render") if f["path"].endswith("en/sms/hostile.txt.j2")]
    assert "limits" in finding["message"] and finding["line"] == 10
    assert len(data["messages"]) == 4  # every template accounted for


@pytest.mark.parametrize("name", sorted(DEEP_BODIES))
def test_deep_nesting_is_a_syntax_finding(cli, pack, name):
    write_template(pack, "en/sms/deep.txt.j2", SMS_FRONT, "Hi {{ name }}, {{ topic }} " + DEEP_BODIES[name] + "\n")
    data, _ = lint(cli)
    (finding,) = findings(data, "template-syntax")
    assert "nested too deeply" in finding["message"]
    assert finding["path"].endswith("en/sms/deep.txt.j2")


def test_rendering_stays_within_a_few_hundred_megabytes(pack):
    # In-process so the memory figure is this render's: the limits refuse before allocating.
    from msglint.render.jinja import CompiledText, RenderError

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for body in HOSTILE_BODIES.values():
        with pytest.raises(RenderError):
            CompiledText(body, "hostile").render({}, "en")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 300


def test_values_that_look_like_anchors_reach_the_message_unchanged(tmp_path):
    from msglint.render.jinja import CompiledText

    text = CompiledText("Hi {{ name }}\nsecond \ue000 line {{ name }}", "t").render(
        {"name": "A\ue0001\ue001B\ue000\ue0029"}, "en").text
    assert text == "Hi A\ue0001\ue001B\ue000\ue0029\nsecond \ue000 line A\ue0001\ue001B\ue000\ue0029"


@pytest.mark.parametrize("where", ["front-matter", "config", "rules", "leads"])
def test_a_yaml_bomb_is_refused_quickly(cli, pack, where):
    if where == "front-matter":
        write_template(pack, "en/sms/bomb.txt.j2", SMS_FRONT + "\ndescription:\n  " + BOMB.replace("\n", "\n  "), "Hi\n")
        data, seconds = lint(cli)
        (finding,) = findings(data, "front-matter")
        assert "aliases" in finding["message"] and seconds < 20
        return
    if where == "config":
        (pack / ".msglint.yaml").write_text(BOMB, encoding="utf-8")
        proc = cli("lint")
    elif where == "rules":
        (pack / "bomb.yaml").write_text(BOMB, encoding="utf-8")
        (pack / ".msglint.yaml").write_text("rules: [bomb.yaml]\n", encoding="utf-8")
        proc = cli("lint")
    else:
        (pack / "leads.yaml").write_text(BOMB, encoding="utf-8")
        proc = cli("render", "sms/hello", "--locale", "en", "--data", "leads.yaml", "--templates", "templates")
    assert proc.returncode == 2, proc.err
    assert "aliases" in proc.err and "Traceback" not in proc.err


def test_an_internal_error_exits_3_with_one_line_and_debug_shows_the_traceback(cli, pack):
    # A rule file naming a kind that crashes would be a bug; simulate one through the API hook.
    env = {"MSGLINT_CRASH_FOR_TESTS": "1"}
    crash = ("import msglint.run.lint as r\n"
             "def boom(*a, **k): raise KeyError('boom')\n"
             "r.lint_paths = boom\n"
             "from msglint.cli import main\n"
             "main()\n")
    import subprocess
    import sys

    for extra, traceback_expected in (([], False), (["--debug"], True)):
        proc = subprocess.run([sys.executable, "-c", crash, *extra, "lint"], cwd=pack, capture_output=True,
                              text=True, env={**__import__("os").environ, **env})
        assert proc.returncode == 3
        assert "internal error" in proc.stderr and "please report" in proc.stderr
        assert ("Traceback" in proc.stderr) is traceback_expected


def test_bare_command_prints_help_and_short_version_flag_works(cli):
    proc = cli()
    assert proc.returncode == 0 and "Commands:" in proc.out and "Exit codes" in proc.out
    proc = cli("-V")
    assert proc.returncode == 0 and "msglint, version" in proc.out


CUSTOM_RULE = """
rules:
  - id: slow-pattern
    kind: pattern
    severity: warning
    message: "slow {match}"
    source: a team's own rule, for the test
    patterns: ['(a|aa)+$']
"""


def test_a_catastrophic_custom_pattern_times_out_into_a_finding(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(CUSTOM_RULE, encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    start = time.monotonic()
    proc = cli("check", "--channel", "sms", "--locale", "en", "--format", "json", input="a" * 60 + "!")
    assert time.monotonic() - start < 30
    assert proc.returncode == 1, proc.err
    (finding,) = [f for f in json.loads(proc.out)["findings"] if f["rule"] == "slow-pattern"]
    assert "stopped after" in finding["message"] and "rewrite the pattern" in finding["message"]


@pytest.mark.parametrize("message, complaint", [
    ("'{match:>999999999}'", "simple width"),
    ("'{0} is wrong'", "not a placeholder"),
    ("'unbalanced {'", "literal brace"),
    ("'{match.__class__}'", "not a placeholder"),
])
def test_rule_messages_are_checked_when_rules_load(cli, tmp_path, message, complaint):
    (tmp_path / "team.yaml").write_text(CUSTOM_RULE.replace('"slow {match}"', message).replace("(a|aa)+$", "x"),
                                        encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="x")
    assert proc.returncode == 2 and complaint in proc.err and "slow-pattern" in proc.err, proc.err


def test_every_shipped_pattern_is_linear_on_long_hostile_text():
    # 20,000 characters is the most any rule reads (message-size); a quadratic pattern would take
    # minutes on these, a linear one well under a second each.
    from msglint.config import Config
    from msglint.checks.engine import Ruleset
    from msglint.checks.rulebook import load_rules
    from msglint.checks.text import check_text

    packs = load_rules()
    ruleset = Ruleset(packs.rules, Config(), packs.settings)
    texts = ["a" * 20_000, "a." * 10_000, "A " * 10_000, "0" * 20_000, "1-" * 10_000, "from " * 4_000,
             "[" * 20_000, "{{" * 10_000, "가" * 20_000, "님 " * 10_000]
    start = time.monotonic()
    for text in texts:
        for channel in ("sms", "email"):
            for locale in ("en", "ko"):
                check_text(text, ruleset, channel=channel, locale=locale, purpose="advertising")
    assert time.monotonic() - start < 60


def test_a_huge_message_is_one_finding_and_only_its_beginning_is_read(cli):
    text = "가나다라마바사 안내드립니다. " * 20_000
    proc = cli("check", "--channel", "email", "--locale", "ko", "--format", "json", input=text)
    rules = [f["rule"] for f in json.loads(proc.out)["findings"]]
    assert "message-size" in rules and "ko-speech-level" not in rules


def test_a_huge_email_with_a_subject_is_measured_once(cli, tmp_path):
    (tmp_path / "long.txt").write_text("Subject: Your CRM rollout inquiry\n\n" + "Thanks for the call today. " * 1_000,
                                       encoding="utf-8")
    proc = cli("check", "long.txt", "--channel", "email", "--locale", "en", "--format", "json")
    found = [(f["rule"], f["line"]) for f in json.loads(proc.out)["findings"] if f["rule"] == "message-size"]
    assert found == [("message-size", 3)]  # on the body, not once more on the subject


def test_rules_test_never_writes_outside_its_temporary_folder(cli, tmp_path):
    (tmp_path / "work").mkdir()
    rule = """
rules:
  - id: odd-example
    kind: template-syntax
    severity: error
    message: "{problem}"
    source: a team's own rule, for the test
    examples:
      fire: ["---\\nchannel: ../../../escaped\\nstage: nurture\\npurpose: transactional\\n---\\n{{ x }\\n"]
"""
    (tmp_path / "work" / "team.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / "work" / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    for _ in range(2):
        proc = cli("rules", "--test", cwd=tmp_path / "work")
        assert "Traceback" not in proc.err and proc.returncode in (0, 1), proc.err
    assert set(tmp_path.rglob("*")) - before <= {p for p in tmp_path.rglob("*") if ".msglint_cache" in str(p)}


def test_damaged_caches_are_misses_rebuilt_silently(cli, pack, tmp_path):
    cache = tmp_path / "cache"
    env = {"MSGLINT_CACHE_DIR": str(cache)}
    first = cli("lint", "--format", "json", env=env)
    assert first.returncode in (0, 1)
    # A sqlite file with a valid first page and garbage after it; result files of the wrong shape.
    database = cache / "korean.sqlite3"
    raw = database.read_bytes()
    database.write_bytes(raw[:4096] + b"\x00garbage" * 4096)
    for entry in (cache / "results").rglob("*.json"):
        entry.write_text('{"findings": [{"rule": 1}], "facts": []}', encoding="utf-8")
    for _ in range(2):
        again = cli("lint", "--format", "json", env=env)
        assert again.returncode == first.returncode and "Traceback" not in again.err, again.err
        assert json.loads(again.out) == json.loads(first.out)
