"""Text printed to a person's terminal: lead data must not drive it, and a reader that goes away
is no error.

A lead's value may carry escape sequences (ESC [ 2J clears the screen, OSC 8 forges a link, some
terminals answer queries into the input). When output goes to a terminal, C0 and C1 control
characters other than newline and tab are shown as visible escapes instead.
"""

from __future__ import annotations

import os
import re
import sys

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def defanged(text: str) -> str:
    """``text`` with control characters written as ``\\x1b``-style escapes."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def for_stream(text: str, stream) -> str:
    """``text`` as it may be written to ``stream``: defanged when the stream is a terminal."""
    isatty = getattr(stream, "isatty", None)
    return defanged(text) if isatty and isatty() else text


def console(**options):
    """A ``rich.console.Console`` (rich imported only when a command prints with it) for which a
    reader that goes away (`msglint rules | head`) ends the run with exit 0, as for every other
    output; rich's own default is exit 1, which here would mean error findings."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0)

    return _Console(**options)
