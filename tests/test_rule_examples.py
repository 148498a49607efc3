"""Every rule ships examples that must fire and must pass; each one runs here."""

import functools

import pytest

from msglint.config import Config
from msglint.checks.engine import Ruleset
from msglint.run.rule_examples import run_examples
from msglint.checks.rulebook import load_rules

PACKS = load_rules()
RULESET = Ruleset(PACKS.rules, Config(), PACKS.settings)
# (rule id, expect, example) of every example, in the order run_examples runs them: read from the
# rule files while pytest collects; running them waits for the tests (outcomes()).
EXAMPLES = [(rule.id, expect, example) for rule in RULESET.rules for expect in ("fire", "pass", "fix")
            for example in rule.examples.get(expect) or []]


@functools.cache
def outcomes():
    """Every example run once, when a test first asks: Korean examples analyse text, which must
    happen under conftest's shared_cache fixture, not in the checkout while pytest collects."""
    return run_examples(RULESET)


def _label(rule, expect, example):
    text = example if isinstance(example, str) else (
        example.get("body") or example.get("before") or example.get("template", ""))
    return f"{rule}-{expect}-{' '.join(str(text).split())[:40]}"


@pytest.mark.parametrize("position", range(len(EXAMPLES)), ids=[_label(*e) for e in EXAMPLES])
def test_rule_example(position):
    outcome = outcomes()[position]
    rule, expect, example = EXAMPLES[position]
    assert (outcome.rule, outcome.expect) == (rule, expect) and outcome.example is example, \
        "run_examples runs the examples in another order than EXAMPLES lists them"
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
    assert proc.out.strip().endswith(f"{len(outcomes())} passed, 0 failed")


def test_rule_reference_is_current():
    from conftest import REPO
    from msglint.commands.rules import rules_markdown

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(RULESET), \
        "docs/rules.md is stale: msglint rules --format markdown > docs/rules.md"
