"""Every rule ships examples that must fire and must pass; each one runs here."""

import pytest

from msglint.config import Config
from msglint.checks.engine import Ruleset
from msglint.run.rule_examples import run_examples
from msglint.checks.rulebook import load_rules

PACKS = load_rules()
RULESET = Ruleset(PACKS.rules, Config(), PACKS.settings)
OUTCOMES = run_examples(RULESET)


def _label(outcome):
    text = outcome.example if isinstance(outcome.example, str) else (
        outcome.example.get("body") or outcome.example.get("before") or outcome.example.get("template", ""))
    return f"{outcome.rule}-{outcome.expect}-{' '.join(str(text).split())[:40]}"


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[_label(o) for o in OUTCOMES])
def test_rule_example(outcome):
    if outcome.expect == "fix":
        assert outcome.ok, f"{outcome.rule}: the fix of {outcome.example['before']!r} gives {outcome.messages[0]!r}"
    elif outcome.expect == "fire":
        assert outcome.fired, f"{outcome.rule} should fire on {outcome.example!r}"
    else:
        assert not outcome.fired, f"{outcome.rule} fired on {outcome.example!r}: {outcome.messages}"


def test_every_message_rule_has_examples_both_ways():
    missing = sorted({r.id for r in RULESET.rules if r.level == "message" and not (
        r.examples.get("fire") and r.examples.get("pass"))})
    assert missing == []


def test_every_rule_cites_a_source():
    assert all(len(r.source) > 10 for r in RULESET.rules)


def test_rules_test_command_reports_counts(repo_cli):
    proc = repo_cli("rules", "--test")
    assert proc.returncode == 0, proc.out
    assert proc.out.strip().endswith(f"{len(OUTCOMES)} passed, 0 failed")


def test_rule_reference_is_current():
    from conftest import REPO
    from msglint.commands.rules import rules_markdown

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(RULESET), \
        "docs/rules.md is stale: msglint rules --format markdown > docs/rules.md"
