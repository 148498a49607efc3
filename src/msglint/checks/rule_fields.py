"""The fields of one rule, read and checked as its file is loaded: names it is scoped to, its
texts and their placeholders, its fix, its measurement on real text, the fields its kind takes.
Each problem is a RuleFileError naming the file and the rule."""

from __future__ import annotations

import re
import string

from msglint import i18n
from msglint.checks.fix_spec import parse
from msglint.checks.kinds import get_kind
from msglint.errors import RuleFileError
from msglint.i18n import _
from msglint.support.spelling import did_you_mean


def names(path, rid, raw, key, allowed=None):
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(path, _("'{key}' must be a list of names", key=key), rid)
    if allowed:
        for v in value:
            if v not in allowed:
                raise RuleFileError(path, _("'{key}' has '{value}', which is not one of {choices}", key=key, value=v, choices=", ".join(allowed)), rid)
    return tuple(value)


_FIELD = re.compile(r"^[a-z_]+$")
_SPEC = re.compile(r"^[<>^]?\d{0,3},?$")


def check_message_template(path, rid, message: str) -> None:
    """A rule's message is filled in for every finding: check its {placeholders} once, at load,
    so a typo is an error naming the rule, not a crash (or a 3 GB padding) at check time."""
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise RuleFileError(path, _("message: {exc}; write a literal brace as {{{{ or }}}}", exc=exc), rid) from None
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if not _FIELD.match(name) and name not in i18n.PARTICLES:
            raise RuleFileError(path, _("message: '{field}' is not a placeholder; use names such as {{match}} or "
                                        "{{suggestion}} (write a literal brace as {{{{ or }}}})", field="{" + name + "}"), rid)
        if conversion or (spec and not _SPEC.match(spec)):
            written = "{" + name + ("!" + conversion if conversion else "") + ":" + (spec or "") + "}"
            raise RuleFileError(path, _("message: '{field}' — placeholders take at most a simple width such as "
                                        "{{match:<20}}", field=written), rid)


def texts(path, rid, raw, key, required=False):
    """``message``/``suggestion``: one text, or the same text per language ``{ko: …, en: …}``."""
    value = raw.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and value and all(isinstance(v, str) and v.strip() for v in value.values()):
        unknown = [lang for lang in value if lang not in i18n.LANGUAGES]
        if unknown:
            raise RuleFileError(path, _("'{key}' has a text for '{language}'; languages: {choices}{hint}", key=key,
                                        language=unknown[0], choices=", ".join(i18n.LANGUAGES),
                                        hint=did_you_mean(unknown[0], i18n.LANGUAGES)), rid)
        return {lang: text.strip() for lang, text in value.items()}
    if value is None and not required:
        return None
    raise RuleFileError(path, _("'{key}' is missing or not text: write one text, or one per language such as "
                                "{{ko: …, en: …}}", key=key), rid)


def fix(path, rid, raw, level, examples):
    """The rule's ``fix:`` and its ``examples: fix:`` fixtures ({before, after} pairs)."""
    if "fix" not in raw:
        if examples.get("fix"):
            raise RuleFileError(path, _("'examples: fix:' needs a 'fix:' on the rule"), rid)
        return None
    if level != "message":
        raise RuleFileError(path, _("'fix' works on message rules; kind '{kind}' checks {level}s",
                                    kind=raw["kind"], level=level), rid)
    try:
        spec = parse(raw["fix"])
    except ValueError as exc:
        raise RuleFileError(path, exc.args[0], rid) from None
    cases = examples.get("fix") or []
    if not isinstance(cases, list) or not all(isinstance(c, dict) and {"before", "after"} <= set(c) for c in cases):
        raise RuleFileError(path, _("'examples: fix:' is a list of {{before: …, after: …}}"), rid)
    return spec


def measured(path, rid, value) -> dict | None:
    if value is None:
        return None
    shape_ok = isinstance(value, dict) and set(value) <= {"precision", "recall", "findings", "corpus", "date"} \
        and all(isinstance(value.get(k), (int, float)) and 0 <= value[k] <= 1 for k in ("precision", "recall")) \
        and isinstance(value.get("corpus"), str) and value.get("date") is not None
    if not shape_ok:
        raise RuleFileError(path, _("'measured' needs precision and recall (0 to 1), the corpus and the date, e.g. "
                                    "{{precision: 0.97, recall: 0.8, corpus: ..., date: 2026-12-07}}"), rid)
    return {**value, "date": str(value["date"])}


def check_fields(path, rid, name: str, options: dict) -> None:
    """The rule's own fields are the ones its kind takes, and it has those the kind needs."""
    fields = get_kind(name).FIELDS
    unknown = set(options) - set(fields) - {"suggestion"}
    if unknown:
        known = ", ".join(sorted(fields)) or "none"
        raise RuleFileError(path, _("unknown field(s) {choices} for kind '{kind}' (its fields: {known})", choices=", ".join(sorted(unknown)), kind=name, known=known), rid)
    for field_name, required in fields.items():
        if required and field_name not in options:
            raise RuleFileError(path, _("kind '{kind}' needs the field '{name}'", kind=name, name=field_name), rid)
