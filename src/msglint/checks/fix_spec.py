"""A rule's ``fix:``: what a finding's text becomes, and whether meaning can change.

Written in the rule file, next to the rule it repairs::

    fix: {safety: safe, replace: "(광고)"}                   # the matched text becomes this
    fix: {safety: safe, sub: ['드$', ' 드']}                  # a regex substitution on the match
    fix: {safety: unsafe, sub: [['^귀하가', '고객님이'], ['^귀하', '고객님']]}   # several, in order
    fix: {safety: unsafe, delete: true}                      # the match goes (with its sentence's mark)
    fix: {safety: safe, insert: {at: end, text: "Reply STOP to opt out."}}   # a line the message lacks
    fix: {safety: safe}                                      # the kind's own plain form (charset)

``safe`` fixes cannot change what the message says (markers, quotes, dashes, spacing, the lines
the law asks for); ``unsafe`` ones change wording and run only with ``--unsafe``. Texts may be one
text or ``{ko: …, en: …}``; an inserted line may use the template's variables (``{{ company }}``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from msglint.i18n import _

SAFETIES = ("safe", "unsafe")
ACTIONS = ("replace", "sub", "delete", "insert")
PLACES = ("start", "end")


class FixSpec(NamedTuple):
    """How a rule's finding is repaired: how safe it is, and what replaces, deletes or inserts what."""

    safety: str
    action: str  # replace | sub | delete | insert | kind (the kind's own plain form)
    text: object = None  # replace/insert: one text or {lang: text}
    pattern: object = None  # sub: ((compiled pattern, replacement), ...), applied in order
    at: str | None = None  # insert: start | end

    def wording(self, language: str) -> str | None:
        if isinstance(self.text, dict):
            return self.text.get(language) or self.text.get("en") or next(iter(self.text.values()))
        return self.text


def _text(value, what: str):
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    raise ValueError(_("fix: '{what}' must be text or one text per language such as {{ko: …, en: …}}", what=what))


def parse(raw) -> FixSpec:
    """The rule file's ``fix:`` value, validated (ValueError names what is wrong)."""
    if not isinstance(raw, dict):
        raise ValueError(_("'fix' must be a mapping such as {{safety: safe, replace: \"(광고)\"}}"))
    unknown = set(raw) - {"safety", *ACTIONS}
    if unknown:
        raise ValueError(_("fix: unknown key(s) {keys}; a fix has 'safety' and one of {actions}",
                           keys=", ".join(sorted(map(str, unknown))), actions=", ".join(ACTIONS)))
    safety = raw.get("safety")
    if safety not in SAFETIES:
        raise ValueError(_("fix: 'safety' must be safe (meaning cannot change) or unsafe (wording changes)"))
    actions = [a for a in ACTIONS if a in raw]
    if len(actions) > 1:
        raise ValueError(_("fix: give one of {actions}, not {given}", actions=", ".join(ACTIONS), given=" and ".join(actions)))
    if not actions:
        return FixSpec(safety, "kind")
    action = actions[0]
    value = raw[action]
    if action == "replace":
        return FixSpec(safety, action, text=_text(value, "replace"))
    if action == "delete":
        if value is not True:
            raise ValueError(_("fix: write 'delete: true' to remove the matched text"))
        return FixSpec(safety, action)
    if action == "sub":
        pairs = value if isinstance(value, list) and value and all(isinstance(v, list) for v in value) else [value]
        if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in pairs):
            raise ValueError(_("fix: 'sub' is [pattern, replacement], e.g. ['드$', ' 드'], or a list of them"))
        compiled = []
        for pattern, repl in pairs:
            try:
                compiled.append((re.compile(pattern), repl))
                compiled[-1][0].sub(repl, "")
            except (re.error, IndexError) as exc:
                raise ValueError(_("fix: 'sub' pattern '{pattern}': {exc}", pattern=pattern, exc=exc)) from None
        return FixSpec(safety, action, pattern=tuple(compiled))
    if not (isinstance(value, dict) and value.get("at") in PLACES and "text" in value and set(value) <= {"at", "text"}):
        raise ValueError(_("fix: 'insert' is {{at: start|end, text: …}}"))
    return FixSpec(safety, action, text=_text(value["text"], "insert.text"), at=value["at"])


def replacement(spec: FixSpec, matched: str, language: str, kind_plain: str | None) -> str | None:
    """What ``matched`` becomes under the fix; None when the fix has nothing to offer here."""
    if spec.action == "replace":
        return spec.wording(language)
    if spec.action == "sub":
        for pattern, repl in spec.pattern:
            matched = pattern.sub(repl, matched)
        return matched
    if spec.action == "delete":
        return ""
    if spec.action == "kind":
        return kind_plain
    return None


def describe(spec: FixSpec, matched: str | None, language: str, kind_plain: str | None) -> dict | None:
    """The finding's ``fix`` as reported (JSON and text): safety, action, the new text."""
    if spec.action == "insert":
        return {"safety": spec.safety, "action": "insert", "at": spec.at, "text": spec.wording(language)}
    if matched is None:
        return None
    new = replacement(spec, matched, language, kind_plain)
    if new is None or new == matched:
        return None
    return {"safety": spec.safety, "action": "delete" if new == "" else "replace", "text": new}


def summary(spec: FixSpec, language: str) -> str:
    """One line for ``msglint explain`` and the rule reference: what the fix does."""
    if spec.action == "replace":
        said = _("replaces the match with “{text}”", text=spec.wording(language))
    elif spec.action == "sub":
        said = _("rewrites the match: {pattern} → {repl}", pattern=spec.pattern[0][0].pattern, repl=spec.pattern[0][1])
    elif spec.action == "delete":
        said = _("deletes the match")
    elif spec.action == "insert":
        said = (_("adds the first line “{text}”", text=spec.wording(language)) if spec.at == "start"
                else _("adds the last line “{text}”", text=spec.wording(language)))
    else:
        said = _("writes the plain form the rule lists")
    kind = _("safe") if spec.safety == "safe" else _("unsafe, with --unsafe")
    return f"{said} ({kind})"
