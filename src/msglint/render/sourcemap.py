"""Map rendered text back to the template line and column it came from.

Before compiling, we put an invisible anchor at the first visible character of every literal
line and in front of every ``{{ ... }}``. After rendering, the anchors are stripped out and
remembered as (offset in the clean text -> source line, column, origin). A finding at any
offset then lands on the source line that produced it, and we know whether the text there was
written in the template or came out of a variable: CI annotations land on the right line, and
rules can tell the template's words from the lead's data.

Anchors sit after leading whitespace and inside their own ``{{ }}``, so Jinja's whitespace
control (``{%-``, ``-%}``, trim_blocks, lstrip_blocks) behaves exactly as without them.

Anchors are private-use characters, and a lead's data may hold those too. So a bare U+E000 is
only ever an anchor: every U+E000 in the lead's values (:func:`escape_data`) and in the template's
own text is written as U+E000 U+E002 before rendering, and turned back when the anchors are
stripped. Values reach the message exactly as given, and no value can forge an anchor.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from msglint.message import Location

OPEN, CLOSE, ESCAPED = "\ue000", "\ue001", "\ue002"
_ANCHOR = re.compile(f"{OPEN}(?:(\\d+){CLOSE}|{ESCAPED})")


def escape_data(value):
    """``value`` with every U+E000 in its text escaped, through lists and mappings."""
    if isinstance(value, str):
        return value.replace(OPEN, OPEN + ESCAPED) if OPEN in value else value
    if isinstance(value, dict):
        return {k: escape_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(escape_data(v) for v in value)
    return value
_TAG_OPEN = re.compile(r"\{\{|\{%|\{#")
_NEWLINE = re.compile("\n")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


class Anchor(NamedTuple):
    """Where a run of rendered text came from in the template's source."""

    line: int  # 1-based line in the source the template was read from
    column: int  # 1-based
    expr: str | None = None  # the expression's source when the text came from {{ ... }}


def _tag_end(source: str, start: int, closer: str) -> int:
    """Index just past the tag closer, skipping quoted strings inside the tag."""
    i, n, quote = start + 2, len(source), None
    while i < n:
        ch = source[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"" and closer != "#}":
            quote = ch
        elif source.startswith(closer, i):
            return i + 2
        i += 1
    return n


def tag_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of every ``{{ }}``, ``{% %}`` and ``{# #}`` in ``source``, and of raw blocks:
    the places a fix must never write into."""
    spans = []
    pos = 0
    raw_start = None
    for match in _TAG_OPEN.finditer(source):
        start = match.start()
        if start < pos:
            continue
        end = _tag_end(source, start, _CLOSERS[match.group()])
        tag = source[start:end]
        if raw_start is None and re.match(r"\{%-?\s*raw\b", tag):
            raw_start = start
        elif raw_start is not None:
            if re.match(r"\{%-?\s*endraw\b", tag):
                spans.append((raw_start, end))
                raw_start = None
        else:
            spans.append((start, end))
        pos = end
    if raw_start is not None:
        spans.append((raw_start, len(source)))
    return spans


def instrument(source: str, line_offset: int = 0, column_offset: int = 0) -> tuple[str, list[Anchor]]:
    """Return the source with anchors inserted, and the anchors by index.

    ``line_offset``/``column_offset`` shift positions when the source is embedded in a larger
    file (the body after front matter; a subject inside a YAML line).
    """
    anchors: list[Anchor] = []
    out: list[str] = []
    source = escape_data(source)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]

    def position(index: int) -> tuple[int, int]:
        row = bisect.bisect_right(line_starts, index) - 1
        column = index - line_starts[row] + 1
        return row + 1 + line_offset, column + (column_offset if row == 0 else 0)

    def anchor(index: int, expr: str | None = None) -> str:
        line, column = position(index)
        anchors.append(Anchor(line, column, expr))
        return f"{OPEN}{len(anchors) - 1}{CLOSE}"

    def data(start: int, end: int):
        at_line_start = True
        for i in range(start, end):
            ch = source[i]
            if ch == "\n":
                at_line_start = True
            elif at_line_start and not ch.isspace():
                out.append(anchor(i))
                at_line_start = False
            out.append(ch)

    pos = 0
    in_raw = False
    for match in _TAG_OPEN.finditer(source):
        start = match.start()
        if start < pos:
            continue
        opener = match.group()
        end = _tag_end(source, start, _CLOSERS[opener])
        tag = source[start:end]
        if in_raw:
            if opener == "{%" and re.match(r"\{%-?\s*endraw\b", tag):
                data(pos, start)
                out.append(tag)
                pos, in_raw = end, False
            continue
        data(pos, start)
        if opener == "{{":
            inner = tag[2:-2]
            left = inner[0] if inner[:1] in ("-", "+") else ""
            right = inner[-1] if inner[-1:] in ("-", "+") and len(inner) > len(left) else ""
            core = inner[len(left):len(inner) - len(right)]
            # An anchor before the value (its text came from a variable) and one after it (the
            # template's own words resume), so a finding knows exactly which text is the lead's.
            # Whitespace control moves onto the anchors, which print nothing in the end.
            before = anchor(start, core.strip())
            out.append(f'{{{{{left} "{before}" }}}}{{{{{core}}}}}{{{{ "{anchor(end)}" {right}}}}}')
        else:
            out.append(tag)
            if opener == "{%" and re.match(r"\{%-?\s*raw\b", tag):
                in_raw = True
        pos = end
    data(pos, len(source))
    return "".join(out), anchors


class SourceMap:
    """Offsets in a clean rendered text -> template source positions."""

    def __init__(self, offsets: list[int], anchors: list[Anchor]):
        self._offsets = offsets
        self._anchors = anchors

    @classmethod
    def strip(cls, rendered: str, table: list[Anchor]) -> tuple[str, "SourceMap"]:
        # One split in C gives text, anchor index (None: an escaped U+E000), text, ...: every
        # message of a batch goes through here, so no match object per anchor.
        pieces = _ANCHOR.split(rendered)
        clean = [pieces[0]]
        offsets: list[int] = []
        anchors: list[Anchor] = []
        length = len(pieces[0])
        known = len(table)
        for i in range(1, len(pieces), 2):
            index = pieces[i]
            if index is None:  # an escaped U+E000 from a value or the template's own text
                clean.append(OPEN)
                length += 1
            elif int(index) < known:
                offsets.append(length)
                anchors.append(table[int(index)])
            text = pieces[i + 1]
            clean.append(text)
            length += len(text)
        return "".join(clean), cls(offsets, anchors)

    def variable_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, expression) of each stretch of text a ``{{ }}`` printed."""
        out = []
        for i, anchor in enumerate(self._anchors):
            if anchor.expr is not None and i + 1 < len(self._offsets):
                out.append((self._offsets[i], self._offsets[i + 1], anchor.expr))
        return out

    def shifted(self, by: int) -> "SourceMap":
        """The map for the same text with its first ``by`` characters cut off."""
        return SourceMap([max(0, o - by) for o in self._offsets], self._anchors)

    def locate(self, offset: int) -> Location | None:
        i = bisect.bisect_right(self._offsets, offset) - 1
        if i < 0:
            return None
        anchor = self._anchors[i]
        if anchor.expr is not None:
            return Location(anchor.line, anchor.column, anchor.expr)
        return Location(anchor.line, anchor.column + (offset - self._offsets[i]))
