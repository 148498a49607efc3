"""Words as every channel counts them: a run of letters or digits, joined by an apostrophe, a dot
or a hyphen (don't, U.S., follow-up)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
