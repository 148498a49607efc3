"""The word prefilter changes speed, never findings: an alternation cut to the alternatives whose
words a text holds finds exactly what the whole alternation finds, a rule the word scan skips
would have found nothing, and the words one pass finds are those a search for each would find —
on the corpora, every rule example, and generated text full of the rules' own words and of the
characters that fold to ASCII letters."""

import importlib.util
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, corpus_texts
from msglint.support import shortcut
from msglint.config import Config
from msglint.checks.engine import build_ruleset
from msglint.checks.kinds import prefilter
from msglint.checks.kinds.prefilter import WordScan, clauses, narrowed, probe

RULES = [r for r in build_ruleset(Config()).rules if r.kind in ("phrases", "pattern")]
TEXTS = corpus_texts(RULES)
VOCABULARY = sorted({w for r in RULES for w in narrowed(r).vocabulary})
SCAN = WordScan(VOCABULARY)


def _spans(regex, text):
    return [] if regex is None else [(m.span(), m.lastgroup, m.group()) for m in regex.finditer(text)]


def _sound(rule, text):
    cut = narrowed(rule)
    whole = _spans(cut.full, text)
    assert _spans(cut.regex(text), text) == whole, (rule.id, text)
    present = SCAN.present(text)
    assert _spans(cut.regex(text, present), text) == whole, (rule.id, text)
    if present is not None and cut.gated and not cut.admits(present):
        assert whole == [], (rule.id, text)


def test_most_rules_are_gated_and_every_cut_finds_what_the_whole_finds():
    assert sum(narrowed(r).gated for r in RULES) >= 0.8 * len(RULES)
    assert len(TEXTS) > 500
    for rule in RULES:
        for text in TEXTS:
            _sound(rule, text)
            _sound(rule, text.upper())


WORDS = sorted(set(VOCABULARY) |
               {w for r in RULES if r.kind == "phrases" for e in r.options["phrases"]
                for w in re.findall(r"[\w'’-]+", e if isinstance(e, str) else str(e.get("phrase", "")))})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "\n", ", ", ". ", "?", "'", "’", "-", "!", "$",
                                                                    "\u0130", "\u0131", "\u017f", "\u212a"])),
                max_size=30), st.booleans())
def test_generated_text_is_never_skipped_where_a_rule_matches(pieces, upper):
    text = " ".join(pieces)
    text = text.upper() if upper else text
    for rule in RULES:
        _sound(rule, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set("".join(VOCABULARY)) | set(" \nAİıſK"))), max_size=80))
def test_one_pass_finds_the_words_a_search_for_each_finds(text):
    seen = probe(text)
    expected = None if seen is None else frozenset(w for w in VOCABULARY if w in seen)
    assert SCAN.present(text) == expected


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"(?:I\s+)?just\s+(?:checking|following)", 0, (("checking", "following"), ("just",))),
    (r"(?i)Hello there", 0, (("hello there",),)),
    (r"[Ff]ree", 0, (("free",),)),  # a small class is spelt out
    (r"act now|limited time", re.IGNORECASE, (("act now", "limited time"),)),
    (r"(?:you|you've) (?:won|been selected)", 0, (("you",), ("been selected", "won"))),  # each clause must hold
    (r"(?:진행|검토)\s*부탁", 0, (("부탁",), ("검토", "진행"))),
    (r"[!！]{2,}", 0, (("!", "！"),)),  # characters without case match only themselves
    (r"a|b", 0, None),  # a letter or a space alone skips nothing
    (r"(?:x|)yz?", 0, None),  # an empty branch needs nothing
    (r"(?=free)\w+", 0, None),  # what a look-ahead sees is not in the match
    (r"(?:buy){2,}", 0, (("buy",),)),
    (r"(?:buy)*", 0, None),
    (r"[a-z]{4,}", 0, None),  # a wide class is no word
])
def test_clauses_read_off_a_pattern(pattern, flags, expected):
    assert clauses(pattern, flags) == expected


def test_a_text_with_a_character_that_folds_to_ascii_is_always_scanned():
    assert probe("Fınal attempt") is None and SCAN.present("Fınal attempt") is None
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
        # Nothing folds onto a character without case, and lower() leaves one as it is: such a
        # character in a word is matched, and found, only as itself.
        assert lower == code or _sre.unicode_iscased(lower), hex(code)
        if not _sre.unicode_iscased(code):
            assert chr(code).lower() == chr(code), hex(code)
    for letter in range(ord("a"), ord("z") + 1):
        for extra in _EXTRA_CASES.get(letter, ()):
            folds.add(chr(extra))
    assert folds <= prefilter.CONFUSABLE, sorted(folds - prefilter.CONFUSABLE)
    # Hangul has no case: a syllable or a jamo folds to nothing else.
    for code in hangul:
        assert _sre.unicode_tolower(code) == code and code not in _EXTRA_CASES


def test_a_phrase_rule_is_cut_to_the_phrases_a_text_can_match():
    (rule,) = [r for r in RULES if r.id == "generic-phrase" and r.locales == ("en",) and r.stages is None]
    cut = narrowed(rule)
    sms = "Hi Priya, I just wanted to follow up on the CRM rollout. Hope you're doing well."
    assert cut.regex(sms) is cut.full  # one text does not repay a compile
    regex = cut.regex(sms)  # a second one does: every lead of a batch, messages sharing lines
    assert regex is not None and regex is not cut.full and len(regex.pattern) < len(cut.full.pattern) / 4
    assert [m.group() for m in regex.finditer(sms)] == ["I just wanted to follow up", "Hope you're doing well"]
    assert cut.regex(sms) is regex  # compiled once
    assert cut.regex("Thanks, see you on Tuesday.") is None  # no alternative's words: no scan at all
    assert cut.regex("Thanks, see you on Tuesday.", SCAN.present("Thanks, see you on Tuesday.")) is None


_spec = importlib.util.spec_from_file_location("accuracy", REPO / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("accuracy", accuracy)
_spec.loader.exec_module(accuracy)


def test_every_corpus_message_gets_the_same_findings_with_and_without_the_word_scan(monkeypatch):
    from msglint.checks.text import check_text

    ruleset = build_ruleset(Config())

    def findings(case):
        context = {k: case[k] for k in accuracy.CONTEXT if k in case}
        for text in (case["text"], case["text"].upper()):
            yield [f.to_dict() for f in check_text(text, ruleset, **context).findings]

    every = [case for _file, _measured, case in accuracy.cases()]
    fast = [list(findings(case)) for case in every]
    monkeypatch.setattr(shortcut, "ON", False)
    slow = [list(findings(case)) for case in every]
    assert len(every) > 600 and sum(bool(f[0]) for f in fast) > 300
    assert fast == slow
