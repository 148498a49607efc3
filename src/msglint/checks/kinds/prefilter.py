"""Words a pattern cannot match without: a rule whose words are absent skips its scan.

Most messages hold none of a spam or guilt-trip rule's words, yet each rule's regular expression
would try its alternation at every word of every message. Every match of a pattern, though,
contains fixed text that the pattern spells out ("free", "act now", "확인"): re's own parser reads
it off as *clauses*, each a set of words one of which every match contains ("you" and one of
"won", "been" for "(you|you've) (won|been selected)"), and a text that fails a clause cannot
match, so the scan is skipped. A rule's alternatives (its patterns; a phrase rule's phrases and
families) each have their own clauses, and the alternation is cut, per text, to the alternatives
the text can match (``Narrowed``): a message that holds one stock phrase is scanned for that
phrase, not for sixty.

The words are sound by construction: only text the pattern must match literally counts (not
optional parts, wide classes or look-arounds), and case is folded only where that is exact (see
``probe``). The words of all the rules that read one message are looked for together, in one
pass over the text (``WordScan``, an Aho-Corasick automaton), so the test costs the same for one
word or a thousand.
"""

from __future__ import annotations

import json
import re
from operator import itemgetter

from msglint.support import internals, shortcut
from msglint.support.internals import REPEATS as _REPEATS
from msglint.checks.kinds import get_kind
from msglint.support import machine_cache
from msglint.checks.kinds import compile_regex

# A class such as [Ff] or [!！] is spelt out into the words around it while the spellings of one
# run of text stay this few; past that it ends the run.
SPELLINGS = 16
# The most selective clauses kept per pattern: more would cost time and skip little more.
CLAUSES = 4
# One-character words a message is full of: a clause with one is dropped (it would wake the scan
# at every space or comma and skip nothing), where "!" or "$" stays.
COMMON = frozenset(" \t\n.,:;'’\"-()?/&")
# Parts of the machine cache's names: change one with the way its values are worked out.
READING = "needs-3"
ALTERNATION = "alternation-3"
# Characters that re's IGNORECASE takes for an ASCII letter although lower() does not give it
# (İ→i, ı~i, ſ~s, K~k): a text holding one is scanned in full. tests/test_prefilter.py derives
# the set from re itself, so a Python that adds one fails the test, not a finding.
CONFUSABLE = frozenset("\u0130\u0131\u017f\u212a")


_second = itemgetter(1)  # of an automaton's (end, word) matches, the word


def _plain(ch: str) -> bool:
    """A character whose every IGNORECASE equivalent is its lower() or upper() form: ASCII, Hangul,
    and characters without case (！, ○, %), which re matches only as themselves (nothing folds
    onto one: tests/test_prefilter.py checks that over all of Unicode)."""
    return ch.isascii() or "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" or not internals.is_cased(ch)


def clauses(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...] | None:
    """Sets of lower-case words such that every match of ``pattern`` contains a word of each set,
    most selective first, or None when none is known (the scan then always runs)."""
    try:
        items = internals.parse(pattern, flags)
        if items is None:  # re's parser is not there: no words known, the scan always runs
            return None
        found = _required(items)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    kept = sorted(set(found), key=_rank, reverse=True)[:CLAUSES]
    return tuple(tuple(sorted(clause)) for clause in kept) or None


def _required(items) -> list[frozenset]:
    """The clauses of a sequence of items: the runs of literal text it spells out, and those of
    the groups, repeats and alternations it must go through."""
    found: list[frozenset] = []
    run = [""]  # every spelling of the literal text since the last item that is not one

    def close():
        if run != [""] and not any(len(s) == 1 and (s.isalnum() or s in COMMON) for s in run):
            found.append(frozenset(spelling.lower() for spelling in run))
        run[:] = [""]

    for op, av in items:
        chars = chr(av) if op is internals.ops.LITERAL else _spelt(av) if op is internals.ops.IN else None
        if chars and all(_plain(ch) for ch in chars) and len(run) * len(chars) <= SPELLINGS:
            run[:] = [spelling + ch for spelling in run for ch in chars]
            continue
        close()
        if op is internals.ops.SUBPATTERN:
            found += _required(list(av[-1]))
        elif op is internals.ops.BRANCH:
            options = [_best(_required(list(branch))) for branch in av[1]]
            if all(options):
                found.append(frozenset().union(*options))
        elif op in _REPEATS and av[0] >= 1:
            found += _required(list(av[2]))
        # wide classes, look-arounds, anchors, back-references: nothing they match is a fixed word
    close()
    return found


def _spelt(items) -> str | None:
    """The characters of a class made of single characters only ([Ff], [!！]), else None."""
    if all(op is internals.ops.LITERAL for op, _ in items):
        return "".join(chr(av) for _, av in items)
    return None


def _rank(clause):
    return (min(map(len, clause)), -len(clause))  # longer words, fewer of them: rarer


def _best(found: list[frozenset]) -> frozenset | None:
    return max(found, key=_rank) if found else None


def probe(text: str) -> str | None:
    """``text`` as the words are looked for in it (lower case), or None when a character in it
    could make a word match under IGNORECASE that lower() would not show."""
    if not text.isascii() and not CONFUSABLE.isdisjoint(text):
        return None
    return text.lower()


def satisfied(needs, present: frozenset) -> bool:
    """Whether a text holding the words ``present`` has a word of each clause of ``needs``."""
    return needs is None or all(not present.isdisjoint(clause) for clause in needs)


def narrowed(rule) -> Narrowed | None:
    """The rule's ``Narrowed`` alternation, when its kind scans with one."""
    of = getattr(get_kind(rule.kind), "narrowed", None)
    return None if of is None else of(rule.compiled)


class WordScan:
    """The words of a set of rules, found in a text in one pass: which of them it holds (as
    ``word in probe(text)`` would say for each, in one walk of the text however many there are)."""

    def __init__(self, words):
        self._words = frozenset(words)
        self._automaton = None

    def present(self, text: str) -> frozenset | None:
        """The words ``text`` holds, or None when it must be read in full (see ``probe``)."""
        seen = probe(text)
        if seen is None:
            return None
        if not self._words:
            return frozenset()
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for word in self._words:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self._automaton = automaton
        return frozenset(map(_second, self._automaton.iter(seen)))


class Narrowed:
    """A rule's alternation cut, for each text, to the alternatives the text can match.

    An alternative that cannot match anywhere in a text changes nothing about what the others
    match (the alternation tries them in order at each position), so dropping it gives the same
    matches, sooner. ``units`` are the alternatives' own patterns (read for their clauses);
    ``assemble(kept)``, a partial of plain values, writes the alternation of those kept, in their
    order. The cut-down patterns are compiled once per set kept, from the second text that
    needs it on (a batch from one template keeps the same set for every lead), up to ``LIMIT``
    sets a run; otherwise a text is scanned with the whole."""

    LIMIT = 64

    def __init__(self, rule, units: list[str], assemble, flags: int):
        self._rule, self._assemble, self._flags = rule, assemble, flags
        self._signature = None
        self.full = self._compiled((True,) * len(units))
        found = machine_cache.remembered(
            READING, f"{flags}\0" + "\0\0".join(units),
            lambda: [clauses(unit, flags) for unit in units]) if rule.shipped else None
        self._needs = None if found is None else [
            None if c is None else tuple(frozenset(words) for words in c) for c in found]
        self._cut: dict = {}
        self._wanted: set = set()  # alternatives kept for one text so far, not compiled yet
        self._keep: dict = {}  # the words a text holds -> the alternatives kept
        needs = self._needs or ()
        self.vocabulary = frozenset(w for c in needs if c for clause in c for w in clause)
        # Whether a text's words alone can rule every alternative out.
        self.gated = bool(needs) and None not in needs
        self._always = tuple(i for i, c in enumerate(needs) if c is None)
        self._by_word: dict = {}  # word -> the alternatives whose first clause holds it
        for index, c in enumerate(needs):
            for word in c[0] if c else ():
                self._by_word.setdefault(word, []).append(index)
        # A text that holds none of these cannot match a gated alternation.
        self.triggers = frozenset(self._by_word)

    def regex(self, text: str, present: frozenset | None = None):
        """The pattern to scan ``text`` with, or None when no alternative can match it.
        ``present``: the words ``text`` holds when a ``WordScan`` that knew ``vocabulary`` has
        found them already (other rules' words among them are ignored)."""
        if self._needs is None or not shortcut.ON:
            return self.full
        if present is None:
            seen = probe(text)
            if seen is None:
                return self.full
            present = frozenset(w for w in self.vocabulary if w in seen)
        keep = self._kept(present)
        if len(keep) == len(self._needs):
            return self.full
        if not keep:
            return None
        cut = self._cut.get(keep)
        if cut is None:
            # A cut costs a compile (or a read from the machine cache) that one text does not
            # repay: it is made when a second text needs the same one (every lead of a batch,
            # messages that share their lines), up to LIMIT a run.
            if keep not in self._wanted or len(self._cut) >= self.LIMIT:
                if len(self._wanted) >= 4 * self.LIMIT:
                    self._wanted.clear()
                self._wanted.add(keep)
                return self.full
            kept = set(keep)
            cut = self._cut[keep] = self._compiled(tuple(i in kept for i in range(len(self._needs))))
        return cut

    def admits(self, present: frozenset) -> bool:
        """Whether an alternative can match a text holding the words ``present``."""
        return bool(self._kept(present))

    def _kept(self, present: frozenset) -> tuple[int, ...]:
        """The alternatives a text holding ``present`` can match. Leads of one template hold the
        same words, so this is worked out once for them."""
        present = present & self.vocabulary
        keep = self._keep.get(present)
        if keep is None:
            if len(self._keep) >= 4 * self.LIMIT:
                self._keep.clear()
            candidates = set(self._always)
            for word in present:
                candidates.update(self._by_word.get(word, ()))
            keep = self._keep[present] = tuple(sorted(i for i in candidates if satisfied(self._needs[i], present)))
        return keep

    def _compiled(self, keep: tuple[bool, ...]):
        # A cut depends on the alternatives alone (``assemble`` is a partial of plain values): it
        # is named by them and those kept, and for the shipped rules its text and engine code
        # are kept per machine under that name.
        if self._signature is None:
            self._signature = machine_cache.digest(json.dumps(
                [self._assemble.func.__module__, self._assemble.func.__qualname__, self._assemble.args],
                ensure_ascii=False).encode("utf-8", "surrogatepass"))
        key = self._signature + "\0" + "".join("1" if kept else "0" for kept in keep)
        if self._rule.shipped:
            return machine_cache.compile_named(ALTERNATION, key, lambda: self._assemble(keep), self._flags)
        return compile_regex(self._rule, machine_cache.remembered(ALTERNATION, key, lambda: self._assemble(keep)),
                             self._flags)
