"""Every pattern from a team's own rule file runs with a timeout, in every field that takes one
(patterns, unless_followed_by, unless_sentence_has, an honorific-variable's honorific), and a rule
that runs out of time is one finding naming it: the rest of the run goes on without it, so one
slow rule costs seconds, not a second per message."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import SMS_FRONT, write_template

REPO = Path(__file__).resolve().parents[1]
SLOW = r"(a|aa)+$"  # backtracks without end on "aaaa…a!"
TEXT = "hello " + "a" * 60 + "!"

FIELDS = {
    "unless_followed_by": f"""
  - id: team-slow
    kind: phrases
    severity: warning
    message: "slow"
    source: a team's own rule, for the test
    phrases:
      - {{phrase: hello, unless_followed_by: '\\s*{SLOW}'}}
""",
    "unless_sentence_has": f"""
  - id: team-slow
    kind: phrases
    severity: warning
    message: "slow"
    source: a team's own rule, for the test
    unless_sentence_has: '{SLOW}'
    phrases: [hello]
""",
}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_slow_pattern_in_any_field_is_one_finding_not_a_hang(cli, tmp_path, field):
    (tmp_path / "team.yaml").write_text("rules:" + FIELDS[field], encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    start = time.monotonic()
    proc = cli("check", "--channel", "sms", "--locale", "en", "--format", "json", input=TEXT)
    assert time.monotonic() - start < 10
    found = [f for f in json.loads(proc.out)["findings"] if f["rule"] == "team-slow"]
    assert len(found) == 1 and "stopped after" in found[0]["message"], found


def test_a_slow_honorific_pattern_is_one_finding_on_the_template(cli, pack):
    (pack / "team.yaml").write_text(f"""rules:
  - id: team-slow
    kind: honorific-variable
    severity: warning
    locales: [ko]
    message: "slow"
    source: a team's own rule, for the test
    name_variables: [name]
    honorific: '{SLOW}'
""", encoding="utf-8")
    (pack / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    write_template(pack, "ko/sms/hello.txt.j2", SMS_FRONT.replace("Priya", "김민수").replace("CRM rollout", "CRM 도입"),
                   "{{ name }}" + "a" * 60 + "! {{ topic }} 문의 감사합니다.\n")
    start = time.monotonic()
    code, data = cli.json("lint", "--no-cache", "templates/ko")
    assert time.monotonic() - start < 10
    found = [f for m in data["messages"] for f in m["findings"] if f["rule"] == "team-slow"]
    assert len(found) == 1 and "team-slow" in found[0]["message"] and found[0]["severity"] == "error"


@pytest.mark.slow  # the whole pack (97 templates) with a backtracking rule: a big batch
def test_a_slow_rule_over_the_whole_pack_ends_in_seconds(cli, tmp_path):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "team.yaml").write_text("""rules:
  - id: team-slow
    kind: pattern
    severity: warning
    message: "slow {match}"
    source: a team's own rule, for the test
    patterns: ['(.|\\s)*(.|\\s)*x$']
""", encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    start = time.monotonic()
    code, data = cli.json("lint", "--no-cache", "--jobs", "1")
    assert time.monotonic() - start < 10  # a second per message was 159 s
    found = [f for m in data["messages"] for f in m["findings"] if f["rule"] == "team-slow"]
    assert len(found) == 1 and "team-slow" in found[0]["message"]
