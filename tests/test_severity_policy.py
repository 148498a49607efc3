"""An error from msglint is right: a rule ships at error only where the question is objective (law,
placeholders, charset, length, syntax) or its precision measured on real text is at least 0.98;
tone and phrasing are warnings. The measurement is in the rule file and in `msglint explain`."""

from __future__ import annotations

from msglint.checks.engine import build_ruleset
from msglint.report.explain import as_data
from msglint.config import Config

RULESET = build_ruleset(Config())
# Kinds that judge tone or phrasing: a reader's call, never an error.
TONE_KINDS = {"speech-level", "honorific-address", "phrases", "vague-ask", "subject-relevance"}


def test_an_error_measured_on_real_text_is_right_at_least_98_times_in_100():
    low = [(r.id, r.measured["precision"]) for r in RULESET.rules
           if r.severity == "error" and r.measured and r.measured["precision"] < 0.98]
    assert low == []


def test_tone_and_phrasing_rules_warn():
    assert [(r.id, r.kind) for r in RULESET.rules if r.kind in TONE_KINDS and r.severity == "error"] == []


def test_explain_shows_the_measurement_and_where_it_was_made():
    variant = next(v for v in as_data(RULESET, "ko-speech-level")["variants"] if v["measured"])
    assert variant["severity"] == "warning"
    assert set(variant["measured"]) >= {"precision", "recall", "corpus", "date"}
    assert "real" in variant["measured"]["corpus"]
