"""Validate a template's front matter into typed metadata.

Every problem is returned (not raised) with the key path it concerns, so one lint run shows a
marketer all the mistakes in a file at once, each on its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from msglint import channels
from msglint.i18n import _
from msglint.support.spelling import did_you_mean
from msglint.vocabulary import AUDIENCES, CHANNELS, PURPOSES, REGISTERS, ROLES, STAGES, stage_problem
from msglint.errors import MsglintError
from msglint.support.send_time import check_zone
from msglint.template.buttons import read_buttons

VARIABLE_TYPES = ("string", "number", "date", "datetime", "datetime-list", "list", "url", "phone", "email")
TOP_KEYS = (
    "channel", "stage", "purpose", "audience", "register", "subject", "description",
    "variables", "sample", "timezone", "requires", "buttons", "review",
)
VARIABLE_KEYS = ("required", "type", "description", "max_length", "examples", "role")
_KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Variable:
    name: str
    required: bool = True
    type: str = "string"
    description: str = ""
    max_length: int | None = None
    examples: list = field(default_factory=list)
    role: str | None = None


@dataclass
class Meta:
    channel: str
    stage: str
    purpose: str = "transactional"
    audience: str = "b2b"
    register: str = "neutral"
    subject: str | None = None
    description: str = ""
    variables: dict = field(default_factory=dict)  # name -> Variable
    sample: dict = field(default_factory=dict)
    timezone: str | None = None
    # What must already be true for its sentences to be true ("문의 잘 받았습니다" needs an
    # inquiry); the sequence-premise rule checks it against each sequence that sends it.
    requires: tuple = ()
    buttons: tuple = ()  # KakaoTalk buttons (template.buttons.Button)
    # Kakao's approval of an 알림톡 text: {code: its template code, digest: what was approved}.
    review: dict | None = None


@dataclass
class Problem:
    message: str
    key: tuple = ()


def _one_of(value, allowed, key, problems, required=True):
    if value is None:
        if required:
            problems.append(Problem(_("'{key}' is missing: set it to one of {allowed}", key=key, allowed=", ".join(allowed)), (key,)))
        return None
    if value not in allowed:
        problems.append(Problem(_("'{key}: {value}' is not one of {allowed}{hint}", key=key, value=value,
                                  allowed=", ".join(allowed), hint=did_you_mean(value, allowed)), (key, "<value>")))
        return None
    return value




def validate(raw: dict, stages=STAGES) -> tuple[Meta | None, list[Problem]]:
    problems: list[Problem] = []
    for key in raw:
        if key not in TOP_KEYS:
            problems.append(Problem(
                _("unknown front-matter key '{key}'{hint}; known keys: {keys}", key=key,
                  hint=did_you_mean(key, TOP_KEYS), keys=", ".join(TOP_KEYS)),
                (key,),
            ))

    channel = _one_of(raw.get("channel"), CHANNELS, "channel", problems)
    stage = raw.get("stage")
    if stage is None:
        problems.append(Problem(_("'stage' is missing: e.g. inbound-response, follow-up, meeting-proposal, graceful-exit"), ("stage",)))
    elif not isinstance(stage, str) or not _KEBAB.match(stage):
        problems.append(Problem(_("'stage: {stage}' must be a kebab-case word such as follow-up", stage=stage), ("stage", "<value>")))
        stage = None
    elif stage_problem(stage, stages):
        problems.append(Problem(stage_problem(stage, stages), ("stage", "<value>")))
        stage = None
    purpose = _one_of(raw.get("purpose"), PURPOSES, "purpose", problems)
    audience = _one_of(raw.get("audience", "b2b"), AUDIENCES, "audience", problems)
    register = _one_of(raw.get("register", "neutral"), REGISTERS, "register", problems)

    subject = raw.get("subject")
    if subject is not None and not isinstance(subject, str):
        problems.append(Problem(_("'subject' must be text"), ("subject", "<value>")))
        subject = None
    if channel is not None and channels.get(channel).subject == "required" and not subject:
        problems.append(Problem(_("an email template needs a 'subject' (itself a Jinja template)"), ("subject",)))
    if channel is not None and channels.get(channel).subject == "none" and subject:
        problems.append(Problem(_("a {channel} message has no subject: remove 'subject'", channel=channel), ("subject",)))

    variables = _variables(raw.get("variables"), problems)
    sample = raw.get("sample") if raw.get("sample") is not None else {}
    if not isinstance(sample, dict):
        problems.append(Problem(_("'sample' must be a mapping of variable: value"), ("sample", "<value>")))
        sample = {}
    for name, var in variables.items():
        if var.required and name not in sample:
            problems.append(Problem(
                _("required variable '{name}' has no sample value: add '{name}: ...' under sample", name=name),
                ("sample",) if "sample" in raw else ("variables", name),
            ))
    for name in sample:
        if name not in variables:
            problems.append(Problem(
                _("sample sets '{name}', which is not declared under variables{hint}", name=name,
                  hint=did_you_mean(name, list(variables))),
                ("sample", name),
            ))

    timezone = raw.get("timezone")
    if timezone is not None:
        try:
            check_zone(timezone)
        except MsglintError as exc:
            problems.append(Problem(exc.args[0] if exc.args else str(exc), ("timezone", "<value>")))
            timezone = None

    requires = _requires(raw.get("requires"), problems)
    known = channels.get(channel) if channel is not None else None
    buttons = read_buttons(raw.get("buttons"), known, lambda message, key: problems.append(Problem(message, key)))
    if known is not None and known.purposes and purpose is not None and purpose not in known.purposes:
        problems.append(Problem(_("{channel} messages carry only {purposes} content, not {purpose}: send "
                                  "advertising on another channel (friendtalk, sms)", channel=channel,
                                  purposes=", ".join(known.purposes), purpose=purpose), ("purpose", "<value>")))
    review = raw.get("review")
    if isinstance(review, dict) and isinstance(review.get("digest"), (int, float)) \
            and not isinstance(review.get("digest"), bool):
        review = {**review, "digest": str(review["digest"])}  # an unquoted all-digit digest reads as a number
    if review is not None and not (isinstance(review, dict) and set(review) <= {"code", "digest"}
                                   and isinstance(review.get("digest"), str)):
        problems.append(Problem(_("'review' records Kakao's approval: {{code: TEMPLATE_CODE, digest: …}} "
                                  "(msglint lint prints the digest)"), ("review", "<value>")))
        review = None
    description = raw.get("description") or ""
    if None in (channel, stage, purpose, audience, register):
        return None, problems
    meta = Meta(
        channel=channel, stage=stage, purpose=purpose, audience=audience, register=register,
        subject=subject, description=str(description), variables=variables, sample=sample,
        timezone=timezone, requires=requires, buttons=buttons, review=review,
    )
    return meta, problems


def _requires(raw, problems) -> tuple:
    # Which names are premises is the sequence-premise rule's business (rules/cadence.yaml): here
    # only the shape, so a typo is named by that rule with the premises a sequence can provide.
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) and _KEBAB.match(item) for item in raw):
        problems.append(Problem(_("'requires' must list premises in kebab-case, e.g. [inquiry] or "
                                  "[consultation, email-sent]"), ("requires", "<value>")))
        return ()
    return tuple(raw)


def _variables(raw, problems) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(Problem(_("'variables' must map each variable name to its description"), ("variables", "<value>")))
        return {}
    out = {}
    for name, spec in raw.items():
        key = ("variables", name)
        if not isinstance(name, str) or not _IDENT.match(name):
            problems.append(Problem(_("variable name '{name}' must be a plain identifier (letters, digits, _)", name=name), key))
            continue
        spec = {} if spec is None else spec
        if not isinstance(spec, dict):
            problems.append(Problem(_("variable '{name}' must be a mapping such as {example}", name=name,
                                      example="{required: true, description: ...}"), key))
            continue
        for k in spec:
            if k not in VARIABLE_KEYS:
                problems.append(Problem(
                    _("variable '{name}': unknown key '{key}'{hint}; known: {keys}", name=name, key=k,
                      hint=did_you_mean(k, VARIABLE_KEYS), keys=", ".join(VARIABLE_KEYS)),
                    key + (k,),
                ))
        var = Variable(name=name)
        if "required" in spec:
            if isinstance(spec["required"], bool):
                var.required = spec["required"]
            else:
                problems.append(Problem(_("variable '{name}': required must be true or false", name=name), key + ("required",)))
        vtype = spec.get("type", "string")
        if vtype not in VARIABLE_TYPES:
            problems.append(Problem(_("variable '{name}': type '{type}' is not one of {types}", name=name, type=vtype,
                                      types=", ".join(VARIABLE_TYPES)), key + ("type",)))
        else:
            var.type = vtype
        max_length = spec.get("max_length")
        if max_length is not None:
            if isinstance(max_length, int) and not isinstance(max_length, bool) and max_length > 0:
                var.max_length = max_length
            else:
                problems.append(Problem(_("variable '{name}': max_length must be a positive whole number", name=name), key + ("max_length",)))
        examples = spec.get("examples", [])
        if not isinstance(examples, list):
            problems.append(Problem(_("variable '{name}': examples must be a list", name=name), key + ("examples",)))
        else:
            var.examples = examples
            if var.max_length:
                for example in examples:
                    if len(str(example)) > var.max_length:
                        problems.append(Problem(
                            _("variable '{name}': example '{example}' is longer than max_length {max_length}",
                              name=name, example=example, max_length=var.max_length),
                            key + ("examples",)))
        var.description = str(spec.get("description") or "")
        role = spec.get("role")
        # Roles are open (a personalization rule names its own: topic, company…); a near miss of a
        # role the tools act on ("propsed") is the one mistake worth stopping.
        if role is not None and role not in ROLES and (not isinstance(role, str) or did_you_mean(role, ROLES)):
            problems.append(Problem(_("variable '{name}': role '{role}' is not one of {roles}{hint}", name=name,
                                      role=role, roles=", ".join(ROLES), hint=did_you_mean(str(role), ROLES)),
                                    key + ("role",)))
        elif role in ("proposed", "next-contact", "meeting", "trigger") and var.type not in ("datetime", "datetime-list",
                                                                                           "date"):
            problems.append(Problem(_("variable '{name}': a variable with role '{role}' holds a time: give it "
                                      "type datetime or datetime-list", name=name, role=role), key + ("type",)))
        else:
            var.role = role
        out[name] = var
    return out
