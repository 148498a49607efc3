"""Lint one sequence: read it, match its steps to the pack, run the cadence rules."""

from __future__ import annotations

from pathlib import Path

from msglint import i18n
from msglint.checks.engine import keep
from msglint.findings import Finding
from msglint import channels
from msglint.i18n import _
from msglint.checks.kinds import get_kind
from msglint.results import Result
from msglint.template import sequence_file as model
from msglint.sequence.cadence import build
from msglint.support.spelling import did_you_mean
from msglint.template.suppress import Suppressions



def prepare(path: Path, index, root: Path | None) -> tuple:
    """The sequence and the templates its steps send: (locale, template id) -> template."""
    sequence = model.load(path)
    templates = match_templates(sequence, index, root) if root is not None and not sequence.problems else {}
    return sequence, templates


def lint_sequence(path: Path, ruleset, index, root: Path | None) -> Result:
    return judge(*prepare(path, index, root), ruleset)


def judge(sequence, templates, ruleset) -> Result:
    """The cadence rules' findings on a prepared sequence (see :func:`prepare`)."""
    path = sequence.path
    cadence = build(sequence, templates) if not sequence.problems else build(_empty(sequence), {})
    findings = []
    for rule in ruleset.by_level["sequence"]:
        if rule.audiences is not None and sequence.audience not in rule.audiences:
            continue
        if sequence.problems and rule.kind != "sequence-file":
            continue  # a sequence that does not read is not judged on its timing
        for hit in get_kind(rule.kind).check_sequence(rule, cadence):
            findings.append(_finding(ruleset, rule, hit, sequence))
    try:
        suppressions = Suppressions.parse(path.read_text(encoding="utf-8"), yaml=True)
    except (OSError, UnicodeDecodeError):
        suppressions = None
    return Result(findings=keep(ruleset, findings, sequence.display, suppressions),
                  template=f"sequences/{sequence.name}", path=sequence.display, channel="sequence")


def _empty(sequence):
    return model.Sequence(path=sequence.path, name=sequence.name, problems=sequence.problems)


def _finding(ruleset, rule, hit, sequence) -> Finding:
    with i18n.reading(None):
        message = rule.format(dict(hit.values))
        suggestion = rule.suggestion()
    return Finding(rule=rule.id, severity=ruleset.severity(rule, hit), message=message, path=sequence.display,
                   line=hit.line, column=hit.column, template=f"sequences/{sequence.name}", channel="sequence",
                   suggestion=suggestion, source=rule.source if rule.cite else None)


def match_templates(sequence, index, root) -> dict:
    """(locale, template id) -> template, with a problem for every step the pack cannot serve."""
    templates = {}
    known = sorted({tid for locale in index.locales(root) for tid in index._scan(root).get(locale, {})})
    previous = None
    for step in sequence.steps:
        if step.action == "voicemail" and (previous is None or previous.action != "call"):
            _add(sequence, step, _("step {number}: a voicemail is left on a call that is not answered; put a "
                                   "call step right before it", number=step.number))
        previous = step
        if step.template is None:
            continue
        found = {locale: index.get(root, locale, step.template) for locale in sequence.locales}
        if not any(found.values()):
            _add(sequence, step, _("step {number}: no template '{template}' in the pack{hint}", number=step.number,
                                   template=step.template, hint=did_you_mean(step.template, known)))
            continue
        for locale, template in found.items():
            if template is None:
                _add(sequence, step, _("step {number}: '{template}' has no {locale} version, and the sequence is "
                                       "sent in {locale}", number=step.number, template=step.template, locale=locale))
            else:
                templates[(locale, step.template)] = template
        template = next((t for t in found.values() if t is not None and t.meta is not None), None)
        if template is None:
            continue
        if template.meta.channel not in channels.sent_by(step.action):
            _add(sequence, step, _("step {number}: '{action}' sends a {allowed} message, but '{template}' is "
                                   "a {channel} template", number=step.number, action=step.action,
                                   allowed=" / ".join(channels.sent_by(step.action)), template=step.template,
                                   channel=template.meta.channel))
        needed = sorted(name for name, var in template.meta.variables.items()
                        if var.required and name not in sequence.provides)
        if needed:
            _add(sequence, step, _("step {number}: '{template}' needs {names}, which nothing in the sequence "
                                   "provides; add them under 'provides:' if the trigger brings them",
                                   number=step.number, template=step.template, names=", ".join(needed)))
    return templates


def _add(sequence, step, message) -> None:
    sequence.problems.append(model.Problem(message, step.line, step.column))
