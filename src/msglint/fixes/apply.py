"""Apply fixes until nothing more can be fixed, keeping only those that make the text better.

Each pass lints, turns the fixable findings into edits, and tries them on a copy: a batch is kept
when the copy still renders, no finding appears that was not there before, and the findings it
meant to fix are fewer; otherwise its edits are tried one by one and the bad ones are set aside
with the reason. Replacements go first and new lines only when no replacement is left, because
fixing "[광고]" in place may make the "(광고) header" line it would otherwise add unneeded. A
second run finds nothing to do: every kept fix removed its finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from msglint import channels, i18n
from msglint.fixes.edits import Skipped, TemplateSource, apply, plan_template, plan_text
from msglint.i18n import _
from msglint.template import pack
from msglint.render.html_text import is_html
from msglint.checks.template import lint_template
from msglint.checks.text import check_text, split_subject

MAX_PASSES = 8


@dataclass
class Outcome:
    """What fixing one template or message did."""

    display: str
    before: str
    after: str
    applied: list = field(default_factory=list)  # Edit
    skipped: list = field(default_factory=list)  # Skipped
    findings: list = field(default_factory=list)  # what is left after fixing
    problem: object = None  # why nothing could be tried (the template does not render)
    locale: str | None = None  # its findings and notes are said in this language

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _counts(findings) -> Counter:
    return Counter((f.rule, f.severity) for f in findings)


def _verdict(old, new, edits):
    """None when ``new`` findings are better than ``old`` for these edits, else the reason."""
    if new is None:
        return _("the template would no longer render")
    before, after = _counts(old), _counts(new)
    appeared = sorted({rule for rule, _severity in after - before})
    if appeared:
        return _("it would bring new findings: {rules}", rules=", ".join(appeared))
    rules = {e.rule for e in edits}
    if sum(n for (r, _s), n in after.items() if r in rules) >= sum(n for (r, _s), n in before.items() if r in rules):
        return _("the finding stays after the fix")
    return None


def _batch(edits):
    """This pass's edits: every replacement, or (when none is left) one new line per place."""
    replacements = [e for e in edits if e.action != "insert"]
    if replacements:
        return replacements
    first: dict = {}
    for e in edits:
        first.setdefault(e.start, e)
    return list(first.values())


def _improve(text, findings, edits, evaluate, plan, rejected, skipped):
    """Try ``edits`` on ``text``; return (text, findings, state, kept edits), nothing kept (and
    state None) when no edit helps."""
    tried, _reason = _attempt(text, findings, edits, evaluate, plan)
    if tried is not None:
        return tried
    # One by one: the first edit that helps is kept, and the next pass plans the rest anew on the
    # changed text (their offsets moved).
    for edit in edits:
        tried, reason = _attempt(text, findings, [edit], evaluate, plan)
        if tried is not None:
            return tried
        rejected.add(edit.key)
        skipped.append(Skipped(edit.rule, edit.line, reason))
    return text, findings, None, []


def _attempt(text, findings, edits, evaluate, plan):
    """((text, findings, state, edits applied), None) after ``edits``, or (None, why not) if that is
    worse. A new line may bring findings that a safe replacement clears at once (a line that makes
    “ ” cost the text an SMS): those replacements are tried with it before it is judged."""
    candidate = apply(text, edits)
    linted = evaluate(candidate)
    reason = _verdict(findings, linted[0] if linted else None, edits)
    if linted is None and getattr(evaluate, "problem", None):
        # Say why it would not render (an undeclared variable the fix uses, say), not only that.
        reason = _("the template would no longer render: {problem}", problem=evaluate.problem)
    if reason is None:
        return (candidate, *linted, edits), None
    if linted is None:
        return None, reason
    appeared = {rule for rule, _severity in _counts(linted[0]) - _counts(findings)}
    follow, _skipped = plan(candidate, *linted)
    follow = [e for e in follow if e.action != "insert" and e.rule in appeared]
    if not follow:
        return None, reason
    second = apply(candidate, follow)
    linted = evaluate(second)
    if linted is None or _verdict(findings, linted[0], edits) is not None:
        return None, reason
    return (second, *linted, [*edits, *follow]), None


def _loop(outcome: Outcome, lint, plan) -> Outcome:
    """The passes, shared by templates and pasted messages. ``lint(text)`` -> (findings, state)
    or None; ``plan(text, findings, state)`` -> (edits, skipped)."""
    text = outcome.before
    first = lint(text)
    if first is None:
        outcome.problem = _("not fixed: an error in the front matter or the Jinja stops it from rendering; "
                            "'msglint lint' says which")
        return outcome
    findings, state = first
    rejected: set = set()
    set_aside: list = []
    skipped: list = []
    for _pass in range(MAX_PASSES):
        edits, skipped = plan(text, findings, state)
        edits = [e for e in edits if e.key not in rejected]
        if not edits:
            break
        text, findings, new_state, kept = _improve(text, findings, _batch(edits), lint, plan, rejected, set_aside)
        if kept:
            outcome.applied.extend(kept)
            state = new_state
    outcome.after = text
    outcome.findings = findings
    outcome.skipped = _unique(set_aside + skipped)
    return outcome


def _unique(skipped):
    seen, out = set(), []
    for s in skipped:
        key = (s.rule, s.line, str(s.reason))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def fix_template(path: Path, root: Path, ruleset, index, unsafe: bool, stages=None, text: str | None = None) -> Outcome:
    """Fix one template file's source (the caller writes ``outcome.after``); ``text``, when given,
    stands for the file's content (a buffer open in an editor)."""
    loaded = pack.load(path, root, stages, text=text)
    outcome = Outcome(loaded.display, loaded.text or "", loaded.text or "", locale=loaded.locale)
    if loaded.text is None:
        outcome.problem = _("not fixed: the file cannot be read as a template; 'msglint lint' says why")
        return outcome

    def lint(text):
        lint.problem = None  # why this text does not render, for the reason a fix is skipped
        template = pack.load(path, root, stages, text=text)
        if not template.renderable:
            problem = next(iter(template.problems), None)
            lint.problem = i18n.say(problem.message) if problem else None
            return None
        result = lint_template(template, ruleset, index)
        if result.message is None:
            problem = next((p for p in result.problems if p.kind.startswith("template-")), None)
            lint.problem = i18n.say(problem.message) if problem else None
            return None
        return result.findings, (template, result.message)

    def plan(text, findings, state):
        template, message = state
        return plan_template(TemplateSource(text, template.doc.body_line), message, findings, unsafe,
                             html=is_html(path.name))

    _loop(outcome, lint, plan)
    if outcome.problem:  # what stops it rendering still counts among what is left
        outcome.findings = lint_template(loaded, ruleset, index).findings
    return outcome


def fix_message(body: str, ruleset, unsafe: bool, values: dict | None = None, **context) -> Outcome:
    """Fix a message a rep pasted (``msglint check --fix``) or a rule's fix example."""
    header = ""
    if (known := channels.get(context.get("channel"))) is not None and known.subject == "required" \
            and context.get("subject") is None:
        subject, body, header = split_subject(body)
        context["subject"] = subject
    outcome = Outcome(context.get("path") or "<stdin>", body, body)

    def lint(text):
        result = check_text(text, ruleset, **context)
        return result.findings, None

    def plan(text, findings, _state):
        return plan_text(text, findings, unsafe, values)

    _loop(outcome, lint, plan)
    outcome.before, outcome.after = header + outcome.before, header + outcome.after
    return outcome
