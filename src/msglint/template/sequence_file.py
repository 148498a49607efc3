"""A sequence file: when each touch of a cadence happens, read and validated like front matter.

```yaml
name: inbound-lead
trigger: inquiry            # inquiry | consultation | meeting-booked | proposal-sent | closed-won | cold
audience: b2b               # b2b | b2c
pace: standard              # standard | busy | engaged: how the lead answers, which sets the gaps
locales: [ko, en]
provides: [name, topic]     # the lead data the trigger brings (a web form: name, topic, phone)
steps:
  - after: 5m               # from the trigger (first step) or the previous step; 3-5d is a range
    send: sms/inbound-first-response
  - after: 10m
    call: first attempt
  - voicemail: voicemail/first-attempt   # left on the call before it, when nobody answers
    if: no-answer
  - after: 2m
    send: email/inbound-response
```

A call step may name the script the rep reads when the lead answers (a ``call-script`` template):
``{after: 1d, call: discovery call, script: call-script/discovery}``. It stays a call for the
cadence rules; the script's stage and premises are judged like any message's.

Every problem is a ``sequence-file`` finding with the line it is on; a sequence with problems is
not scheduled.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from msglint.support import safe_yaml
from msglint.support.offsets import UNITS, ZERO, Offset, parse_offset  # noqa: F401 - where sequences read them
from msglint.i18n import _
from msglint.support.spelling import did_you_mean
from msglint.template.frontmatter import _walk
from msglint.template.frontmatter import where
from msglint.template.pack import display_path

TRIGGERS = ("inquiry", "consultation", "meeting-booked", "proposal-sent", "closed-won", "cold")
AUDIENCES = ("b2b", "b2c")
#: How the lead answers, which sets the gaps the follow-up-gaps rules allow (「상담 후 문자·전화 주기」: a
#: lead who says they are busy, or does not answer, gets 2–3 weeks; an engaged one 2–3 days).
PACES = ("standard", "busy", "engaged")
ACTIONS = ("send", "call", "voicemail")
#: When a step happens. "answered": the call before it connected (its summary follows at once);
#: "after-hours": only when the trigger came outside the lead's contact hours,
#: on a weekend or on a public holiday (the auto-reply that says when we will call); the schedule
#: decides it with the call policy of rules/cadence.yaml.
CONDITIONS = ("always", "no-reply", "no-answer", "answered", "after-hours")
#: Parts of the day a step may name instead of a clock time ("at: afternoon"); the hour each one
#: means is data (``settings.schedule.parts_of_day`` in rules/cadence.yaml). "another-time-of-day"
#: is the other half of the day from the step before: a second call when the first went unanswered.
PARTS_OF_DAY = ("morning", "afternoon", "another-time-of-day")
TOP_KEYS = ("name", "description", "trigger", "audience", "pace", "locales", "provides", "steps")
# `script:` belongs to a call step: the call-script template the rep reads when the lead answers.
STEP_KEYS = ("after", "send", "call", "voicemail", "script", "if", "at", "note")
_AT = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass
class Step:
    number: int  # 1-based, as people count them
    action: str  # send | call | voicemail
    template: str | None  # the template id for send and voicemail; a call's script, if it names one
    after: Offset
    condition: str = "always"
    at: dt.time | str | None = None  # a time of day the step waits for ("at: 10:00", "at: afternoon")
    note: str = ""
    line: int = 1
    column: int = 1


@dataclass
class Problem:
    message: object
    line: int = 1
    column: int = 1


@dataclass
class Sequence:
    path: Path
    name: str = ""
    trigger: str | None = None
    audience: str = "b2b"
    pace: str = "standard"
    locales: tuple = ()
    provides: tuple = ()
    steps: list = field(default_factory=list)
    description: str = ""
    problems: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # key path -> (line, column)

    def where(self, *path) -> tuple[int, int]:
        return where(self.lines, *path)

    @property
    def display(self) -> str:
        return display_path(self.path)


#: Bounds checked before a sequence is read: a cadence touches a lead a few dozen times at most,
#: days or weeks apart.
MAX_GAP = dt.timedelta(days=365)
MAX_STEPS = 100
MAX_BYTES = 256 * 1024


def load(path: Path, text: str | None = None) -> Sequence:
    """Read the sequence at ``path``; ``text``, when given, stands for the file's content (a buffer
    open in an editor)."""
    sequence = Sequence(path=Path(path), name=Path(path).stem)
    try:
        size = len(text.encode("utf-8")) if text is not None else sequence.path.stat().st_size
        if size > MAX_BYTES:
            sequence.problems.append(Problem(_("the file is over {limit}: a sequence is a few dozen steps",
                                               limit=f"{MAX_BYTES // 1024} KiB")))
            return sequence
        if text is None:
            text = sequence.path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        sequence.problems.append(Problem(_("file is not UTF-8 text: save it as UTF-8")))
        return sequence
    except OSError as exc:
        sequence.problems.append(Problem(_("cannot read the file: {reason}", reason=exc.strerror)))
        return sequence
    try:
        node, loader = safe_yaml.compose(text)
        data = loader.construct_document(node) if node is not None else {}
        loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        sequence.problems.append(Problem(_("not valid YAML: {problem}", problem=exc.problem or exc.context),
                                         (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1))
        return sequence
    except yaml.YAMLError as exc:
        sequence.problems.append(Problem(_("not valid YAML: {problem}", problem=exc)))
        return sequence
    if not isinstance(data, dict):
        sequence.problems.append(Problem(_("a sequence is a mapping with trigger:, audience:, locales: and steps:")))
        return sequence

    _walk(node, (), sequence.lines, 1)
    _read(sequence, data)
    return sequence


def _problem(sequence, message, *path):
    line, column = sequence.where(*path)
    sequence.problems.append(Problem(message, line, column))


def _read(sequence: Sequence, data: dict) -> None:
    for key in data:
        if key not in TOP_KEYS:
            _problem(sequence, _("unknown key '{key}'{hint}; known keys: {keys}", key=key,
                                 hint=did_you_mean(key, TOP_KEYS), keys=", ".join(TOP_KEYS)), key)
    sequence.name = str(data.get("name") or sequence.name)
    sequence.description = str(data.get("description") or "")
    trigger = data.get("trigger")
    if trigger not in TRIGGERS:
        message = (_("'trigger' is missing: set it to one of {choices}", choices=", ".join(TRIGGERS)) if trigger is None
                   else _("'trigger: {value}' is not one of {choices}{hint}", value=trigger,
                          choices=", ".join(TRIGGERS), hint=did_you_mean(trigger, TRIGGERS)))
        _problem(sequence, message, "trigger", "<value>")
    else:
        sequence.trigger = trigger
    audience = data.get("audience", "b2b")
    if audience not in AUDIENCES:
        _problem(sequence, _("'audience: {value}' is not one of {choices}", value=audience,
                             choices=", ".join(AUDIENCES)), "audience", "<value>")
    else:
        sequence.audience = audience
    pace = data.get("pace", "standard")
    if pace not in PACES:
        _problem(sequence, _("'pace: {value}' is not one of {choices}{hint}", value=pace, choices=", ".join(PACES),
                             hint=did_you_mean(str(pace), PACES)), "pace", "<value>")
    else:
        sequence.pace = pace
    locales = data.get("locales")
    if not isinstance(locales, list) or not locales or not all(isinstance(x, str) for x in locales):
        _problem(sequence, _("'locales' must list the languages the sequence is sent in, e.g. [ko, en]"), "locales")
    else:
        sequence.locales = tuple(locales)
    provides = data.get("provides") or []
    if not isinstance(provides, list) or not all(isinstance(x, str) for x in provides):
        _problem(sequence, _("'provides' must list the lead data the trigger brings, e.g. [name, topic]"), "provides")
    else:
        sequence.provides = tuple(provides)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        _problem(sequence, _("'steps' must list the touches in order"), "steps")
        return
    if len(steps) > MAX_STEPS:
        _problem(sequence, _("{count} steps: a sequence has at most {limit} (the playbooks' longest has about 15)",
                             count=f"{len(steps):,}", limit=MAX_STEPS), "steps")
        return
    for index, raw in enumerate(steps):
        step = _step(sequence, index, raw)
        if step is not None:
            sequence.steps.append(step)


def _step(sequence, index, raw) -> Step | None:
    path = ("steps", index)
    if not isinstance(raw, dict):
        _problem(sequence, _("step {number} must be a mapping such as {example}", number=index + 1,
                             example="{after: 2d, send: email/value-follow-up}"), *path)
        return None
    ok = True
    for key in raw:
        if key not in STEP_KEYS:
            _problem(sequence, _("step {number}: unknown key '{key}'{hint}; known keys: {keys}", number=index + 1,
                                 key=key, hint=did_you_mean(key, STEP_KEYS), keys=", ".join(STEP_KEYS)), *path, key)
            ok = False
    actions = [a for a in ACTIONS if a in raw]
    if len(actions) != 1:
        _problem(sequence, _("step {number} needs exactly one action: send: <template>, call: <note> or "
                             "voicemail: <template>", number=index + 1), *path)
        return None
    action = actions[0]
    template = None
    named = action if action in ("send", "voicemail") else "script" if "script" in raw else None
    if "script" in raw and action != "call":
        _problem(sequence, _("step {number}: 'script' names what the rep reads on a call; put it on a call step",
                             number=index + 1), *path, "script")
        ok = False
    elif named is not None:
        template = raw[named]
        if not isinstance(template, str) or "/" not in template:
            _problem(sequence, _("step {number}: '{action}' names a template id such as sms/missed-call",
                                 number=index + 1, action=named), *path, named, "<value>")
            ok = False
    default = ZERO if action == "voicemail" else None
    after = parse_offset(raw["after"]) if "after" in raw else default
    if after is None:
        message = (_("step {number}: 'after' is missing: how long after the previous step (5m, 2h, 3d, 3-5d, 1w)",
                     number=index + 1) if "after" not in raw else
                   _("step {number}: 'after: {value}' is not an offset such as 5m, 2h, 3d, 3-5d or 1w",
                     number=index + 1, value=raw["after"]))
        _problem(sequence, message, *path, "after", "<value>")
        ok = False
    elif after.high > MAX_GAP:
        # No playbook waits a year between two touches; the bound also keeps a long sequence's
        # dates inside the calendar.
        _problem(sequence, _("step {number}: 'after: {value}' waits more than a year; a sequence's steps are days "
                             "or weeks apart", number=index + 1, value=raw["after"]), *path, "after", "<value>")
        ok = False
    condition = raw.get("if", "always")
    if condition not in CONDITIONS:
        _problem(sequence, _("step {number}: 'if: {value}' is not one of {choices}", number=index + 1,
                             value=condition, choices=", ".join(CONDITIONS)), *path, "if", "<value>")
        ok = False
    at = None
    if "at" in raw:
        text = str(raw["at"]) if not isinstance(raw["at"], int) else f"{raw['at'] // 60:02d}:{raw['at'] % 60:02d}"
        match = _AT.match(text)
        if text in PARTS_OF_DAY:
            at = text
        elif match is None:
            _problem(sequence, _("step {number}: 'at: {value}' is not a time of day such as 10:00, nor one of "
                                 "{parts}{hint}", number=index + 1, value=raw["at"], parts=", ".join(PARTS_OF_DAY),
                                 hint=did_you_mean(text, PARTS_OF_DAY)), *path, "at", "<value>")
            ok = False
        else:
            at = dt.time(int(match.group(1)), int(match.group(2)))
    if not ok:
        return None
    line, column = sequence.where(*path)
    return Step(number=index + 1, action=action, template=template, after=after, condition=condition, at=at,
                note=str(raw.get("note") or (raw["call"] if action == "call" and isinstance(raw["call"], str) else "")),
                line=line, column=column)
