"""An email's arithmetic: its words counted paragraph by paragraph, its questions, its longest paragraph."""

from __future__ import annotations

import re

from msglint.channels.words import count_words

_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def measure(message, settings: dict, facts: dict) -> None:
    # No word runs across a blank line: the body's words are its paragraphs' words.
    paragraphs = [count_words(p) for p in _PARAGRAPH.split(message.body)]
    facts["words"] = sum(paragraphs)
    facts["questions"] = message.body.count("?") + message.body.count("？")
    facts["paragraph_words"] = max(paragraphs, default=0)
