"""Words a pattern cannot match without: a rule whose words are all absent skips its scan.

Most messages hold none of a spam or guilt-trip rule's words, yet each rule's regular expression
would try its alternation at every word of every message. Every match of a pattern, though,
contains one of a few fixed words that the pattern spells out ("free", "act now", "확인"): those
are read off the pattern by re's own parser, and a text that holds none of them cannot match, so
the scan is skipped. A phrase rule goes one step further: its alternation is cut, per text, to
the branches whose own words the text holds (``Narrowed``). The words are sound by construction:
only text the pattern must match literally counts (not optional parts, classes or look-arounds),
and case is folded only where that is exact (see ``probe``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from msglint.kinds.phrase_index import _REPEATS, _c, _parser  # re's own parser, as the guards read it

# Fewer characters than this make a word too common to skip anything.
SHORTEST = 2
# Characters that re's IGNORECASE takes for an ASCII letter although lower() does not give it
# (İ→i, ı~i, ſ~s, K~k): a text holding one is scanned in full. tests/test_prefilter.py derives
# the set from re itself, so a Python that adds one fails the test, not a finding.
CONFUSABLE = frozenset("\u0130\u0131\u017f\u212a")


def _plain(ch: str) -> bool:
    """A character whose every IGNORECASE equivalent is its lower() or upper() form."""
    return ch.isascii() or "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"


def needed(rule, regex) -> tuple[str, ...] | None:
    """The words a match of a rule's compiled pattern cannot do without, for the shipped packs
    (whose patterns ``re`` compiles, and so reads as this parser does); None for any other."""
    from msglint import machine_cache
    from msglint.kinds import _shipped

    if not _shipped(rule):
        return None
    found = machine_cache.remembered("needs-1", f"{regex.flags}\0{regex.pattern}",
                                     lambda: words(regex.pattern, regex.flags))
    return None if found is None else tuple(found)


class Narrowed:
    """A rule's alternation cut, for each text, to the branches whose words the text holds.

    A branch that cannot match anywhere in a text changes nothing about what the others match
    (the alternation tries branches in order at each position), so dropping it gives the same
    matches, sooner. The cut-down patterns are compiled once per set of branches kept (a batch
    from one template keeps the same set for every lead), up to ``LIMIT`` sets a run."""

    LIMIT = 64

    def __init__(self, rule, parts: list[str], at_word_start: int, flags: int, full):
        from msglint import machine_cache
        from msglint.kinds import _shipped

        self._rule, self._parts, self._at_word_start, self._flags = rule, parts, at_word_start, flags
        self.full = full
        found = [machine_cache.remembered("needs-1", f"{flags}\0{part}", lambda part=part: words(part, flags))
                 for part in parts] if _shipped(rule) else None
        self._words = None if found is None else [None if w is None else frozenset(w) for w in found]
        self._all = sorted({w for ws in self._words or () if ws for w in ws})
        self._cut: dict = {}
        self._keep: dict = {}  # the words a text holds -> the branches kept

    def regex(self, text: str):
        """The pattern to scan ``text`` with, or None when no branch can match it."""
        if self._words is None:
            return self.full
        seen = probe(text)
        if seen is None:
            return self.full
        # Each word is looked for once, whichever branches share it; leads of one template hold
        # the same words, so the branches kept are worked out once for them.
        present = frozenset(w for w in self._all if w in seen)
        keep = self._keep.get(present)
        if keep is None:
            if len(self._keep) >= 4 * self.LIMIT:
                self._keep.clear()
            keep = self._keep[present] = tuple(ws is None or not present.isdisjoint(ws) for ws in self._words)
        if all(keep):
            return self.full
        if not any(keep):
            return None
        cut = self._cut.get(keep)
        if cut is None:
            if len(self._cut) >= self.LIMIT:
                return self.full  # a run over very varied texts: the whole pattern, not more compiles
            from msglint.kinds import compile_regex
            from msglint.kinds.phrases import assembled

            source = assembled(self._parts, self._at_word_start, keep)
            cut = self._cut[keep] = compile_regex(self._rule, source, self._flags)
        return cut


def words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of ``pattern`` contains, or None when no such
    small set is known (the scan then always runs)."""
    try:
        found = _required(list(_parser.parse(pattern, flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if not found or min(map(len, found)) < SHORTEST:
        return None
    return tuple(sorted(found))


def _required(items) -> frozenset | None:
    """The most selective requirement of a sequence of items: a set of words, one of which any
    match of the sequence contains."""
    best, run = None, []

    def close():
        nonlocal best
        if run and all(_plain(ch) for ch in run):
            best = _better(best, frozenset(["".join(run).lower()]))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is _c.SUBPATTERN:
            best = _better(best, _required(list(av[-1])))
        elif op is _c.BRANCH:
            options = [_required(list(branch)) for branch in av[1]]
            if all(options):
                best = _better(best, frozenset().union(*options))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(list(av[2])))
        # classes, look-arounds, anchors, back-references: nothing they match is a fixed word
    close()
    return best


def _better(current, candidate):
    if not candidate:
        return current
    if not current:
        return candidate
    rank = lambda words: (min(map(len, words)), -len(words))  # noqa: E731 - longer, fewer: rarer
    return candidate if rank(candidate) > rank(current) else current


@lru_cache(maxsize=16)  # the rules of one message look at the same few texts in turn
def probe(text: str) -> str | None:
    """``text`` as the words are looked for in it (lower case), or None when a character in it
    could make a word match under IGNORECASE that lower() would not show."""
    if not text.isascii() and any(ch in CONFUSABLE for ch in text):
        return None
    return text.lower()


def possible(needed: tuple[str, ...] | None, seen: str | None) -> bool:
    """Whether a pattern that needs one of ``needed`` could match the text ``seen`` (its probe)."""
    return needed is None or seen is None or any(word in seen for word in needed)
