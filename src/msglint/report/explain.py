"""A rule explained as data: what ``msglint explain`` prints and an editor shows on hover, in the
reader's language."""

from __future__ import annotations

from msglint import i18n
from msglint.checks.fix_spec import summary
from msglint.errors import MsglintError
from msglint.i18n import N_, _
from msglint.support.spelling import did_you_mean

LABELS = {
    "all": N_("all"), "disabled": N_("disabled"), "says": N_("says"), "suggests": N_("suggests"), "why": N_("why"),
    "fires": N_("fires on"), "passes": N_("passes"), "silence": N_("silence it"),
    "fix": N_("fix"), "measured": N_("measured on real text"), "line": N_("on one line and the next"), "file": N_("in one file"), "config": N_("everywhere (.msglint.yaml)"),
}

# Fields that are not settings a reader tunes: shown elsewhere, or too long to print.
_SHOWN = {"suggestion", "suggestions", "messages", "examples"}
# How a kind reads a text, not what a marketer tunes: left out of the settings shown.
_MECHANICS = {"ignore_case", "word_boundaries", "particles", "config_names", "report", "max_matches", "worst_case"}
# Regular expressions: counted, not printed (a reader learns what the rule does from its examples).
_PATTERNS = {"patterns", "any", "unless_sentence_has", "honorific", "pattern"}


def variants(ruleset, rule_id: str) -> list:
    found = [r for r in ruleset.rules if r.id == rule_id]
    if not found:
        raise MsglintError(_("'{rule}' is not a rule id{hint}; 'msglint rules' lists the ids", rule=rule_id,
                             hint=did_you_mean(rule_id, sorted(ruleset.known_ids))))
    return found


def _setting(value) -> str:
    if isinstance(value, list):
        # Phrase entries are mappings (a phrase, its suggestion in two languages): counted, not dumped.
        if len(value) > 6 or any(isinstance(v, dict) for v in value):
            return str(_("{count} entries", count=len(value)))
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        if set(value) <= set(i18n.LANGUAGES):
            return i18n.say(value)
        return str(_("{count} entries", count=len(value))) if len(value) > 6 else \
            ", ".join(f"{k}: {i18n.say(v) if isinstance(v, dict) else v}" for k, v in value.items())
    return str(value)


def _example(example) -> str:
    if isinstance(example, dict):
        body = example.get("body") or example.get("template") or ""
        example = f"{example['subject']} | {body}" if example.get("subject") else body
    return " ".join(str(example).split())[:160]


def _fix(rule) -> str | None:
    return None if rule.fix is None else str(summary(rule.fix, i18n.current()))


def _said(rule) -> str:
    """The rule's message as a reader sees it: a kind that words its own findings ({detail}) shows
    those words; a template's {{ {variable} }} shows as {{ name }}."""
    message = i18n.pick(rule.message)
    details = rule.options.get("messages")
    if message.strip() == "{detail}" and isinstance(details, dict):
        return " / ".join(i18n.fill(i18n.pick(text), {}) for text in details.values() if text)
    return i18n.fill(message, {"variable": "name"})


def _pattern_count(value) -> str:
    count = len(value) if isinstance(value, list) else 1
    return str(_("{count} patterns", count=count))


def measurement(measured: dict) -> str:
    return str(_("precision {precision:.2f}, recall {recall:.2f} ({findings} findings), {corpus}, {date}",
                 precision=measured["precision"], recall=measured["recall"], findings=measured.get("findings", "?"),
                 corpus=measured["corpus"], date=measured["date"]))


def as_data(ruleset, rule_id: str) -> dict:
    rules = variants(ruleset, rule_id)
    return {
        "id": rule_id,
        "description": i18n.pick(next((r.description for r in rules if r.description), "")),
        "variants": [{
            "kind": r.kind, "severity": ruleset.config.severity.get(r.id, r.severity),
            "enabled": ruleset.config.enabled(r.id), "channels": list(r.channels or []),
            "locales": list(r.locales or []), "purposes": list(r.purposes or []), "stages": list(r.stages or []),
            "message": _said(r), "suggestion": r.suggestion(), "source": r.source,
            "settings": {k: _pattern_count(v) if k in _PATTERNS else _setting(v) for k, v in r.options.items()
                         if k not in _SHOWN and k not in _MECHANICS},
            "fires": [_example(e) for e in r.examples.get("fire", [])],
            "passes": [_example(e) for e in r.examples.get("pass", [])],
            "fix": _fix(r),
            "measured": r.measured,
            "file": r.file,
        } for r in rules],
        "silence": {
            "line": f"{{# msglint: disable={rule_id} #}}",
            "file": f"{{# msglint: disable-file={rule_id} #}}",
            "config": f"ignore: [{rule_id}]",
        },
    }
