"""The message: rendered (or pasted) text with its context and facts.

Rules see only this value, never the template, so the same checks run on a rendered template
and on any text a rep pastes into ``msglint check``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from msglint import languages
from msglint.channels.facts import compute_facts

_NEWLINE = re.compile("\n")


class Location(NamedTuple):
    """A place in the source: line and column, and the expression when a variable printed it."""

    line: int
    column: int
    expr: str | None = None

    @property
    def from_variable(self) -> bool:
        return self.expr is not None


class TextMap:
    """Positions in plain text (a message a rep pasted): offset -> line, column."""

    def __init__(self, text: str, line_offset: int = 0):
        self._text = text
        self._starts = None  # where each line starts, worked out when a finding is placed
        self._line_offset = line_offset

    def locate(self, offset: int) -> Location:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self._text)]
        row = bisect.bisect_right(self._starts, offset) - 1
        return Location(row + 1 + self._line_offset, offset - self._starts[row] + 1)


@dataclass
class Message:
    """A message as the rules read it: its text, what kind of message it is, and its facts."""

    body: str
    channel: str
    locale: str
    subject: str | None = None
    purpose: str = "transactional"
    audience: str = "b2b"
    stage: str | None = None
    register: str = "neutral"
    send_at: dt.datetime | None = None
    template: str | None = None  # template id when rendered from the pack
    path: str | None = None
    body_map: object = None  # SourceMap or TextMap: body offsets -> source positions
    subject_map: object = None
    html: str | None = None  # an HTML email as sent; ``body`` is its text, which the rules read
    facts: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)  # filled by msglint.api when asked to check
    name_variables: frozenset = frozenset()  # variables that hold the lead's name (role: name)
    # The times the message offers the lead (variables with role: proposed), which the
    # proposed-time rule checks against ``send_at``.
    proposed: tuple = ()
    meetings: tuple = ()  # the booked meetings it speaks of (role: meeting): it must arrive before them
    buttons: tuple = ()  # a KakaoTalk message's buttons (their names count toward Kakao's limit)

    def __post_init__(self):
        if self.body_map is None:
            self.body_map = TextMap(self.body)

    @cached_property
    def name_spans(self) -> tuple:
        """(start, end) of each stretch of the body that a name variable printed: the Korean
        analysis reads a stand-in there, so a line is analysed once for every lead's name."""
        if not self.name_variables or not hasattr(self.body_map, "variable_spans"):
            return ()
        return tuple((start, end) for start, end, expr in self.body_map.variable_spans()
                     if expr.strip() in self.name_variables)

    def measure(self, settings: dict | None = None) -> "Message":
        """Fill ``facts``; ``settings`` come from the rule packs (speech rates...)."""
        self.facts = compute_facts(self, settings)
        return self

    @property
    def language(self) -> str:
        return _language(self.locale)


@lru_cache(maxsize=64)  # asked several times for every message: a run has a locale or two
def _language(locale: str) -> str:
    return languages.primary(locale)
