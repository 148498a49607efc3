"""The first-character guards in front of each phrase branch and each pattern change speed, never
matches: for every shipped phrase and pattern rule, the guarded and the plain alternation find the
same spans and branches on the corpora, every rule example, and generated text built from the
phrases themselves."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_texts
from msglint.config import Config
from msglint.checks.engine import build_ruleset
from msglint.checks.kinds import pattern, phrase_index, phrases
from msglint.checks.kinds.phrase_index import first_chars, guarded

RULES = [r for r in build_ruleset(Config()).rules if r.kind in ("phrases", "pattern")]


def _plain(rule):
    originals = phrases._guarded, phrase_index.guarded_alternation
    phrases._guarded = lambda part, bits: part
    phrase_index.guarded_alternation = lambda parts, bits: "|".join(parts)
    try:
        return (phrases if rule.kind == "phrases" else pattern).compile(rule)[0]
    finally:
        phrases._guarded, phrase_index.guarded_alternation = originals


PLAIN = {id(r): _plain(r) for r in RULES}


TEXTS = corpus_texts(build_ruleset(Config()).rules)


def _same(rule, text):
    guarded = [(m.span(), m.lastgroup) for m in rule.compiled[0].finditer(text)]
    plain = [(m.span(), m.lastgroup) for m in PLAIN[id(rule)].finditer(text)]
    assert guarded == plain, (rule.id, text)


def test_the_corpora_and_examples_match_alike():
    assert len(TEXTS) > 500
    for rule in RULES:
        for text in TEXTS:
            _same(rule, text)
            _same(rule, text.upper())


WORDS = sorted({w for r in RULES if r.kind == "phrases" for e in r.options["phrases"] if isinstance(e, dict) or isinstance(e, str)
                for w in re.findall(r"[\w'’-]+", e if isinstance(e, str) else str(e.get("phrase", "")))})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "\n", ", ", ". ", "!", "?", "'", "’",
                                                                    "-", "K", "ſ", "İ", "Ⅰ"])), max_size=30))
def test_generated_text_matches_alike(pieces):
    text = " ".join(pieces)
    for rule in RULES:
        _same(rule, text)


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"(?<!\w)(?:hi|hello)\b", 0, set("h")),
    (r"[Jj]ust (?:wanted|want)", 0, set("Jj")),
    (r"(?:I\s+)?(?:just\s+)?wanted", re.IGNORECASE, set("IiJjWw")),
    (r"(?m:^[ \t]*(?:hi|hey)\b)", 0, {" ", "\t", "h"}),
    (r"\w+ later", 0, None),
    (r"(?:x)?", 0, None),
    (r"(?i:dear) sir", 0, set("Dd")),
])
def test_first_characters(pattern, flags, expected):
    found = first_chars(pattern, flags)
    assert (found is None) if expected is None else (set(found) == expected)


def test_a_case_folding_group_gets_a_guard_that_folds_case_by_res_own_rules():
    # "ſ" is an s and "K" (the Kelvin sign) a k to re.IGNORECASE: a plain [Ss] guard would lose them.
    source = guarded(r"(?i:sir|king)\b")
    assert source.startswith("(?i:(?=[")
    for text in ("\u017fir", "\u212aing", "SIR", "King"):
        assert re.search(source, text) is not None and re.search(r"(?i:sir|king)\b", text) is not None
