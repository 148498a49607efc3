"""Facts about a message that rules and people read: length, and each channel's arithmetic."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def compute_facts(message) -> dict:
    body = message.body
    facts = {"chars": len(body), "words": count_words(body)}
    if message.subject is not None:
        facts["subject_chars"] = len(message.subject)
        facts["subject_words"] = count_words(message.subject)
    return facts
