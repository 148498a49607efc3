"""The word prefilter changes speed, never matches: a pattern rule skips its scan only where the
scan would find nothing, and a phrase rule's alternation cut to the branches whose words a text
holds finds exactly what the whole alternation finds, on the corpora, every rule example, and
generated text full of the rules' own words and of the characters that fold to ASCII letters."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_texts
from msglint.config import Config
from msglint.engine import build_ruleset
from msglint.kinds import prefilter
from msglint.kinds.prefilter import possible, probe, words

RULES = [r for r in build_ruleset(Config()).rules if r.kind in ("phrases", "pattern")]


def _needed(rule):
    """A pattern rule's words; a phrase rule's words are per branch, inside its Narrowed."""
    return rule.compiled[2] if rule.kind == "pattern" else None


TEXTS = corpus_texts(RULES)


def _spans(regex, text):
    return [] if regex is None else [(m.span(), m.lastgroup) for m in regex.finditer(text)]


def _sound(rule, text):
    full = rule.compiled[0]
    if rule.kind == "phrases":
        assert _spans(rule.compiled[7].regex(text), text) == _spans(full, text), (rule.id, text)
    elif full.search(text) is not None:
        assert possible(_needed(rule), probe(text)), (rule.id, text)


def test_most_rules_have_words_and_a_matched_text_always_holds_one():
    assert sum(_needed(r) is not None for r in RULES) >= 5
    assert len(TEXTS) > 500
    for rule in RULES:
        for text in TEXTS:
            _sound(rule, text)
            _sound(rule, text.upper())


WORDS = sorted({w for r in RULES for w in (_needed(r) or ())} |
               {w for r in RULES if r.kind == "phrases" for found in (r.compiled[7]._words or ()) for w in (found or ())} |
               {w for r in RULES if r.kind == "phrases" for e in r.options["phrases"]
                for w in re.findall(r"[\w'’-]+", e if isinstance(e, str) else str(e.get("phrase", "")))})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "\n", ", ", ". ", "?", "'", "’", "-",
                                                                    "\u0130", "\u0131", "\u017f", "\u212a"])),
                max_size=30), st.booleans())
def test_generated_text_is_never_skipped_where_a_rule_matches(pieces, upper):
    text = " ".join(pieces)
    text = text.upper() if upper else text
    for rule in RULES:
        _sound(rule, text)


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"(?:I\s+)?just\s+(?:checking|following)", 0, ("checking", "following")),
    (r"(?i)Hello there", 0, ("hello there",)),
    (r"[Ff]ree", 0, ("ree",)),
    (r"act now|limited time", re.IGNORECASE, ("act now", "limited time")),
    (r"(?:진행|검토)\s*부탁", 0, ("부탁",)),
    (r"a|b", 0, None),  # one letter skips nothing
    (r"(?:x|)yz?", 0, None),  # an empty branch needs nothing
    (r"(?=free)\w+", 0, None),  # what a look-ahead sees is not in the match
    (r"(?:buy){2,}", 0, ("buy",)),
    (r"(?:buy)*", 0, None),
])
def test_words_read_off_a_pattern(pattern, flags, expected):
    assert words(pattern, flags) == expected


def test_a_text_with_a_character_that_folds_to_ascii_is_always_scanned():
    assert probe("Fınal attempt") is None and possible(("final",), probe("Fınal attempt"))
    assert re.search("final", "Fınal attempt", re.IGNORECASE)  # re takes ı for i: so must the prefilter
    assert probe("Final attempt") == "final attempt"


def test_the_confusable_characters_are_all_that_re_folds_to_ascii():
    import _sre

    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - before 3.11 the fixes lived elsewhere
        pytest.skip("re._casefix is a 3.11+ module")
    hangul = set(range(0xAC00, 0xD7A4)) | set(range(0x3131, 0x318F))
    folds = set()
    for code in range(128, sys.maxunicode + 1):
        lower = _sre.unicode_tolower(code)
        if lower < 128:
            folds.add(chr(code))
        assert lower == code or lower not in hangul, hex(code)  # nothing folds onto Hangul
    for letter in range(ord("a"), ord("z") + 1):
        for extra in _EXTRA_CASES.get(letter, ()):
            folds.add(chr(extra))
    assert folds <= prefilter.CONFUSABLE, sorted(folds - prefilter.CONFUSABLE)
    # Hangul has no case: a syllable or a jamo folds to nothing else.
    for code in hangul:
        assert _sre.unicode_tolower(code) == code and code not in _EXTRA_CASES


def test_a_phrase_rule_is_cut_to_the_branches_a_text_can_match():
    (rule,) = [r for r in RULES if r.id == "generic-phrase" and r.locales == ("en",)]
    narrowed = rule.compiled[7]
    sms = "Hi Priya, Daniel at Leadway. I just called about your CRM rollout inquiry. Would Tue 2 PM suit you?"
    cut = narrowed.regex(sms)
    assert cut is not None and cut is not narrowed.full and len(cut.pattern) < len(narrowed.full.pattern) / 2
    assert narrowed.regex(sms) is cut  # compiled once for every lead of a batch
    assert narrowed.regex("Thanks, see you on Tuesday.") is None  # no branch's words: no scan at all
