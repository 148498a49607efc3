"""Every follow-up brings something new: two messages of one channel whose rendered bodies are
nearly the same text (rapidfuzz's token-sort ratio — the same words in any order — at or over
``threshold`` %) say nothing new the second time."""

from __future__ import annotations

from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _

FIELDS = {"threshold": True}


def compile(rule):
    threshold = rule.options["threshold"]
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold <= 100:
        raise ValueError(_("'threshold' must be a similarity between 1 and 100"))
    return float(threshold)


def check_sequence(rule, cadence):
    from rapidfuzz import fuzz

    threshold = rule.compiled
    messages = [p for p in cadence.points if p.bodies and p.step.action in ("send", "voicemail")]
    for i, later in enumerate(messages):
        for earlier in messages[:i]:
            if earlier.channel != later.channel:
                continue
            scores = [fuzz.token_sort_ratio(earlier.bodies[loc], later.bodies[loc])
                      for loc in later.bodies if loc in earlier.bodies]
            if scores and max(scores) >= threshold:
                yield at_step(later.step, other=earlier.step.number, similarity=round(max(scores)))
                break
