"""The message rules that read one kind of message, and the one pass that lets most of them skip.

A rule that scans with a cut-down alternation (``kinds.prefilter.Narrowed``) knows the words its
alternatives need. The plan looks for the words of all its rules at once in each text a message's
rules read, and a rule that no word it needs came up for is not run: a message that holds no
spam word, guilt trip or stock phrase costs one scan, not one per rule.
"""

from __future__ import annotations

from msglint.support import shortcut
from msglint.checks.kinds import Segment, get_kind
from msglint.checks.kinds.prefilter import WordScan, narrowed


class Plan:
    def __init__(self, rules: list):
        self.rules = rules
        self.steps = []  # (rule, kind, its gate or None, the shape of the segments it reads)
        vocabulary: set = set()
        self._by_word: dict = {}  # word -> the gated rules (their steps) a text holding it may wake
        for index, rule in enumerate(rules):
            cut = narrowed(rule)
            admits = None
            if cut is not None:
                vocabulary |= cut.vocabulary
                if cut.gated:
                    admits = cut.admits
                    for word in cut.triggers:
                        self._by_word.setdefault(word, set()).add(index)
            kind = get_kind(rule.kind)
            self.steps.append((rule, kind, admits, (rule.scope, getattr(kind, "WHOLE_MESSAGE", False))))
        self._scan = WordScan(vocabulary)
        self._woken: dict = {}  # the words a text holds -> the gated steps that may run on it

    def read(self, segments, seen: dict) -> tuple[Segment, ...]:
        """``segments`` with the words each holds and the gated steps that must read it; ``seen``
        remembers both per text for one message."""
        out = []
        for segment in segments:
            found = seen.get(segment.text)
            if found is None:
                words = self._scan.present(segment.text) if shortcut.ON else None
                found = seen[segment.text] = (words, self._woken_by(words))
            segment.words, segment.woken = found
            out.append(segment)
        return tuple(out)

    def _woken_by(self, words) -> frozenset | None:
        """The gated steps a text holding ``words`` can give a finding to (worked out once per set
        of words: the messages of one template hold the same ones)."""
        if words is None:
            return None  # the text is read in full by every rule
        woken = self._woken.get(words)
        if woken is None:
            if len(self._woken) >= 1024:
                self._woken.clear()
            candidates = {i for word in words for i in self._by_word.get(word, ())}
            woken = self._woken[words] = frozenset(i for i in candidates if self.steps[i][2](words))
        return woken
