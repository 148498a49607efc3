"""Rule kinds: the Python behind the YAML rules. One small module per kind.

The registry below names each kind's module and its level: ``message`` (checks rendered or
pasted text), ``template`` (a template's source and front matter), ``pack`` (templates against
each other) or ``sequence`` (a cadence: its steps, their timing and what they send). A kind
module declares:

- ``FIELDS``: its rule fields, name -> required;
- ``compile(rule)``: validate the fields and prepare them once (raise ValueError to reject);
- ``check(rule, message, segment)`` for message kinds, ``check_template(rule, template)`` for
  template kinds, ``check_pack(rule, templates)`` for pack kinds, ``check_sequence(rule, cadence)`` for
  sequence kinds, each yielding ``Hit``;
- optionally ``narrowed(compiled)``: the rule's ``prefilter.Narrowed`` alternation, for a kind
  that scans with one, so the engine's word scan can skip the rule on text without its words;
- optionally ``WHOLE_MESSAGE = True``: the kind measures the whole message once (``metric``): it
  reads the uncut body, and a template's example values do not repeat its findings (the worst
  case already measures the longest values);
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from msglint.i18n import _
from msglint.support import machine_cache

# Each kind's module and what it checks, so loading the rules imports only the kinds a run uses.
_KINDS = {
    "message": {
        "phrases": "phrases",
        "pattern": "pattern",
        "required": "required",
        "metric": "metric",
        "charset": "charset",
        "subject-relevance": "subject_relevance",
        "speech-level": "speech_level",
        "send-window": "send_window",
        "send-day": "send_day",
        "proposed-time": "proposed_time",
        "honorific-address": "honorific",
        "vague-ask": "vague",
    },
    "template": {
        "honorific-variable": "honorific_variable",
        "particle-after-variable": "particle",
        "front-matter": "problems",
        "template-file": "problems",
        "template-syntax": "problems",
        "template-render": "problems",
        "template-unsafe": "problems",
        "suppression": "problems",
        "lossy-format": "problems",
        "personalization": "personalization",
        "kakao-review": "kakao_review",
    },
    "pack": {
        "locale-parity": "parity",
    },
    "sequence": {
        "first-touch": "first_touch",
        "voicemail-follow-up": "voicemail_follow_up",
        "call-spacing": "call_spacing",
        "daily-run": "daily_run",
        "daily-contacts": "daily_contacts",
        "follow-up-gaps": "follow_up_gaps",
        "touch-count": "touch_count",
        "graceful-exit": "graceful_exit",
        "stage-order": "stage_order",
        "sequence-premise": "premise",
        "sequence-audience": "audience",
        "new-information": "new_information",
        "sequence-file": "sequence_file",
    },
}
# Fields whose keys name stages ("*": any other), checked like a rule's ``stages:`` when the rules
# load; kept here, not in the kind's module, so that check imports no kind.
_STAGE_FIELDS = {"personalization": "require"}
_MODULES = {name: module for kinds in _KINDS.values() for name, module in kinds.items()}
_LEVELS = {name: level for level, kinds in _KINDS.items() for name in kinds}
_loaded: dict = {}


def kind_names() -> list[str]:
    return sorted(_MODULES)


def level_of(name: str) -> str:
    """What a kind checks: ``message``, ``template``, ``pack`` or ``sequence``."""
    return _LEVELS[name]


def stages_named(rule) -> list:
    """The stages a rule names in its kind's own fields (a personalization's ``require:``)."""
    field_name = _STAGE_FIELDS.get(rule.kind)
    named = rule.options.get(field_name) if field_name else None
    return [stage for stage in (named or {}) if stage != "*"]


def get_kind(name: str):
    if name not in _loaded:
        _loaded[name] = importlib.import_module(f"msglint.checks.kinds.{_MODULES[name]}")
    return _loaded[name]


class Segment:
    """The text a rule looks at: part of a message's body or subject. (A class with slots: one is
    made for every text of every message.)"""

    __slots__ = ("part", "text", "offset", "words", "woken")

    def __init__(self, part: str, text: str, offset: int = 0):
        self.part = part  # "body" or "subject"
        self.text = text
        self.offset = offset  # where ``text`` starts within the part
        # The words ``text`` holds and the gated steps that must read it, when the engine has
        # looked (see msglint.checks.plan); None: not looked, every rule reads the text in full.
        self.words: frozenset | None = None
        self.woken: frozenset | None = None

    def __repr__(self) -> str:
        return f"Segment({self.part!r}, {self.text!r}, {self.offset!r})"


@dataclass
class Hit:
    """One place a rule fires. Offsets are within ``part``; line/column for template kinds."""

    start: int | None = None
    end: int | None = None
    part: str = "body"
    values: dict = field(default_factory=dict)
    suggestion: str | None = None
    excerpt: str | None = None
    severity: str | None = None  # a kind may pick the level (metric: warning vs error threshold)
    line: int | None = None
    column: int | None = None
    path: str | None = None
    locale: str | None = None
    replacement: str | None = None  # the kind's own plain form of the match, for a rule's fix


def flags(rule) -> int:
    import re

    return re.IGNORECASE if rule.options.get("ignore_case", True) else 0


#: Seconds a pattern from a team's own rule file may spend on one message.
PATTERN_TIMEOUT = 1.0


class PatternTimeout(Exception):
    """A rule's pattern ran out of time on a message (catastrophic backtracking). ``again``: it
    ran out before in this run and was not tried on this message."""

    def __init__(self, pattern: str, again: bool = False):
        super().__init__(pattern)
        self.again = again


class TimedPattern:
    """A pattern from a team's own rule file, run by the ``regex`` package with a timeout, so a
    pattern such as ``(a|aa)+$`` that backtracks without end stops with a finding, not a hang.
    Once it has run out of time it is not tried again in the run: one slow rule costs a second,
    not a second per message of the pack."""

    def __init__(self, pattern):
        self._pattern = pattern
        self.pattern = pattern.pattern
        self.exhausted = False

    def _timed(self, method, *args):
        if self.exhausted:
            raise PatternTimeout(self.pattern, again=True)
        try:
            return method(*args, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            self.exhausted = True
            raise PatternTimeout(self.pattern) from None

    def search(self, text, pos=0):
        return self._timed(self._pattern.search, text, pos)

    def match(self, text, pos=0):
        return self._timed(self._pattern.match, text, pos)

    def fullmatch(self, text, pos=0):
        return self._timed(self._pattern.fullmatch, text, pos)

    def finditer(self, text, pos=0):
        if self.exhausted:
            raise PatternTimeout(self.pattern, again=True)
        try:
            yield from self._pattern.finditer(text, pos, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            self.exhausted = True
            raise PatternTimeout(self.pattern) from None


def check_patterns(rule, patterns) -> None:
    """Raise ValueError naming the first of a rule's ``patterns`` that is not a valid regular
    expression (with re's reason), for every kind that takes patterns from a rule file. Each is
    compiled on its own: inside an alternation, 'a)|(b' would pass as '(?:a)|(b)'. A rule from
    a file that passed before (``rule.known``) is not checked again."""
    import re

    if rule.known:
        return
    for pattern in patterns:
        try:
            machine_cache.compile(pattern)
        except re.error as exc:
            raise ValueError(_bad_pattern(pattern, exc)) from None


def pattern_list(rule, field_name: str) -> list:
    """The rule's ``field_name``: one regular expression or a list of them, each checked."""
    patterns = rule.options[field_name]
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns:
        raise ValueError(_("'{field}' must be a regex or a list of them", field=field_name))
    check_patterns(rule, patterns)
    return patterns


def _bad_pattern(pattern: str, exc) -> str:
    return _("pattern '{pattern}' is not a valid regular expression: {exc}", pattern=pattern, exc=exc)


def compile_regex(rule, source: str, flag_bits: int = 0):
    """The rule's pattern: Python's ``re`` for the shipped rule packs (vetted by the tests, faster,
    and compiled once per machine), the ``regex`` package with a timeout for patterns from
    anywhere else."""
    if rule.shipped:
        return machine_cache.compile(source, flag_bits)
    import regex

    try:
        return TimedPattern(regex.compile(source, flag_bits))
    except regex.error as exc:
        raise ValueError(_bad_pattern(source, exc)) from None
