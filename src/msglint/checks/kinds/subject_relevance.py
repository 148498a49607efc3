"""A subject that says nothing the body says: none of its content words appear in the message.

A deliberately cautious test (CAN-SPAM forbids subjects likely to mislead about the contents):
it fires only when the subject has at least ``min_words`` content words and not one of them,
nor its first ``stem`` letters, is found in the body.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS = {"stopwords": False, "min_words": False, "stem": False}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "stopwords min_words stem")


def compile(rule):
    stopwords = rule.options.get("stopwords") or []
    if not isinstance(stopwords, list):
        raise ValueError(_("'stopwords' must be a list of words"))
    min_words = rule.options.get("min_words", 2)
    stem = rule.options.get("stem", 5)
    if not isinstance(min_words, int) or not isinstance(stem, int) or min_words < 1 or stem < 2:
        raise ValueError(_("'min_words' must be ≥ 1 and 'stem' ≥ 2"))
    return Compiled({w.lower() for w in stopwords}, min_words, stem)


def _folded(text: str) -> str:
    """Case and hyphens folded: "Real-time" in a subject is "real time" in the body."""
    return re.sub(r"[-‐‑–\s]+", "", text.casefold())


def check(rule, message, segment):
    if segment.part != "subject" or not message.body:
        return
    stopwords, min_words, stem = rule.compiled
    words = [w for w in _WORD.findall(segment.text) if len(w) >= 3 and w.lower() not in stopwords]
    if len(words) < min_words:
        return
    body = _folded(message.body)
    if any(_folded(w)[:stem] in body for w in words):
        return
    yield Hit(start=segment.offset, end=segment.offset + len(segment.text), part="subject",
              values={"words": ", ".join(words)})
