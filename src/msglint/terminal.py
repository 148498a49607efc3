"""Text printed to a person's terminal: lead data must not drive it.

A lead's value may carry escape sequences (ESC [ 2J clears the screen, OSC 8 forges a link, some
terminals answer queries into the input). When output goes to a terminal, C0 and C1 control
characters other than newline and tab are shown as visible escapes instead.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def defanged(text: str) -> str:
    """``text`` with control characters written as ``\\x1b``-style escapes."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def for_stream(text: str, stream) -> str:
    """``text`` as it may be written to ``stream``: defanged when the stream is a terminal."""
    isatty = getattr(stream, "isatty", None)
    return defanged(text) if isatty and isatty() else text
