"""One template linted: rendered with its sample (and each example value), checked, placed on
the source, filtered by its suppressions."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from msglint import i18n
from msglint.checks.engine import Ruleset, check_message, keep, template_finding, timeout_finding
from msglint.checks.kinds import Hit, PatternTimeout, get_kind
from msglint.errors import DataError
from msglint.i18n import _
from msglint.render.lead import render_message
from msglint.render.lead_data import to_datetime, worst_case
from msglint.results import Result
from msglint.template import pack
from msglint.template.index import PackIndex

if TYPE_CHECKING:
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

RENDER_KINDS = {"syntax": "template-syntax", "undefined": "template-render", "unsafe": "template-unsafe",
                "limit": "template-render", "runtime": "template-render"}


def lint_template(template: pack.Template, ruleset: Ruleset, index: PackIndex, data=None,
                  with_sample: bool = True) -> Result:
    """Render and check one template; its findings speak its locale's language (or --lang's)."""
    with i18n.reading(template.locale):
        return _lint_template(template, ruleset, index, data, with_sample)


def _lint_template(template, ruleset, index, data, with_sample) -> Result:
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    findings = []
    found = []  # problems this lint finds: the cached template itself is never changed
    message = None
    if template.renderable:
        try:
            message = render_message(template, data or {}, with_sample).measure(ruleset.settings)
            if not data:
                _add_worst_case(template, message, ruleset.settings)
                found.extend(_check_time_formats(template, message))
        except RenderError as exc:
            found.append(pack.Problem(RENDER_KINDS[exc.kind], _render_problem(exc, template),
                                      exc.line or template.doc.body_line))
        except DataError as exc:
            line, column = template.doc.where("sample")
            reason = exc.args[0] if exc.args else ""
            said = _("lead data: {reason}", reason=reason) if data else _("sample data: {reason}", reason=reason)
            found.append(pack.Problem("template-render", said, line, column))
    for rule_id, line, column, close in template.suppressions.unknown(ruleset.known_ids):
        hint = _(" (did you mean '{name}'?)", name=close) if close else ""
        problem = pack.Problem("suppression", _("'{rule}' is not a rule id{hint}, so this comment silences nothing; "
                                                "'msglint rules' lists the ids", rule=rule_id, hint=hint),
                               line, column, excerpt=rule_id)
        if problem not in template.problems and problem not in found:
            found.append(problem)
    # The rule kinds read the template's problems: the loader's and this lint's.
    template = replace(template, problems=[*template.problems, *found])
    for rule in ruleset.by_level["template"]:
        if _applies(rule, template):
            try:
                for hit in get_kind(rule.kind).check_template(rule, template):
                    findings.append(template_finding(ruleset, rule, hit, template))
            except PatternTimeout as exc:  # a team's pattern that backtracks without end
                if not exc.again:
                    findings.append(timeout_finding(rule, str(exc), template=template.id, locale=template.locale,
                                                    channel=template.channel, path=template.display))
    for rule in ruleset.by_level["pack"] if not template.misplaced else ():
        if _applies(rule, template):
            for hit in get_kind(rule.kind).check_pack(rule, template, index):
                findings.append(template_finding(ruleset, rule, hit, template))
    if message is not None:
        # A mistake seen in the source (``{{ name }}`` without 님) is also seen in the rendered
        # text; the source finding says more (it holds for every lead), so it is the one reported.
        seen_in_source = {(f.rule, f.line) for f in findings}
        findings.extend(f for f in check_message(ruleset, message) if (f.rule, f.line) not in seen_in_source)
        if not data:
            seen = {(f.rule, f.line, f.message) for f in findings} | {(r, ln, None) for r, ln in seen_in_source}
            findings.extend(_example_findings(template, ruleset, seen))
    return Result(
        findings=keep(ruleset, findings, template.display, template.suppressions),
        facts=message.facts if message else {}, template=template.id, path=template.display,
        locale=template.locale, channel=template.channel, message=message, problems=found,
    )


def _example_findings(template, ruleset, seen: set) -> list:
    """Findings that only another example value brings out: a particle right after "견적서" and
    wrong after "CRM 도입", a greeting that breaks with a long name. Each variable's examples are
    rendered in turn (the rest from the sample); a finding new to a value names the value.
    Lengths are left to the worst case, which already measures the longest values."""
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    meta = template.meta
    metric_rules = {r.id for r in ruleset.rules if getattr(get_kind(r.kind), "WHOLE_MESSAGE", False)}
    out = []
    for name, var in meta.variables.items():
        for example in var.examples:
            if example == meta.sample.get(name):
                continue
            try:
                message = render_message(template, {name: example}).measure(ruleset.settings)
            except (RenderError, DataError) as exc:
                line, column = template.doc.where("variables", name, "examples")
                rule = next(r for r in ruleset.rules if r.id == "template-render")
                problem = _("example {name} = “{example}” does not render: {reason}", name=name, example=example,
                            reason=exc.args[0] if exc.args else "")
                hit = Hit(line=line, column=column, values={"problem": problem})
                out.append(template_finding(ruleset, rule, hit, template))
                continue
            for f in check_message(ruleset, message):
                key = (f.rule, f.line, f.message)
                if f.rule in metric_rules or key in seen or (f.rule, f.line, None) in seen:
                    continue
                seen.add(key)
                f.message = f"{f.message} ({name} = “{example}”)"
                f.span = None  # its offsets are in the example's text, not the sample's
                out.append(f)
    return out


def _check_time_formats(template, message) -> list:
    """A date-time shown in a format that drops information: with the sample moved to :30, the
    message must change, or a 14:30 slot reaches the lead as "2시" / "2 PM". Returns the problems."""
    import datetime as dt

    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    meta = template.meta
    problems = []
    for name, var in meta.variables.items():
        value = meta.sample.get(name)
        if var.type not in ("datetime", "datetime-list") or value in (None, ""):
            continue
        values = value if isinstance(value, list) else [value]
        try:
            moments = [to_datetime(v) for v in values]
        except ValueError:
            continue
        if not all(isinstance(m, dt.datetime) for m in moments):
            continue
        shifted = [m.replace(minute=30 if m.minute != 30 else 0) for m in moments]
        try:
            other = render_message(template, {name: shifted if isinstance(value, list) else shifted[0]})
        except (RenderError, DataError):  # the sample render reports any real problem
            continue
        if (other.body, other.subject) == (message.body, message.subject) and name in template.used_variables():
            line, column = template.doc.where("variables", name)
            problems.append(pack.Problem(
                "lossy-format", _("'{name}' is shown without its minutes: a {hour}:30 slot would read the same as "
                                  "{hour}:00; use the slot filter (오후 2시 30분 / 2:30 PM) or a format with minutes",
                                  name=name, hour=f"{moments[0]:%H}"),
                line, column, excerpt=name))
    return problems


def _add_worst_case(template, message, settings) -> None:
    """Facts for the longest values the variables allow, where they differ from the sample's."""
    meta = template.meta
    data = worst_case(meta.variables, meta.sample)
    if data == meta.sample:
        return
    worst = render_message(template, data).measure(settings).facts
    changed = {k: v for k, v in worst.items() if v != message.facts.get(k)}
    if changed:
        message.facts["worst"] = changed


def _applies(rule, template) -> bool:
    meta = template.meta
    if meta is None:
        return rule.channels is None or template.channel in rule.channels
    return rule.applies_to(meta.channel, template.locale, meta.purpose, meta.audience, meta.stage, meta.register)


def _render_problem(exc: RenderError, template) -> str:
    if exc.kind == "undefined" and exc.variable:
        return _("variable '{name}' has no value in the sample: add it under 'sample:' (and declare it under "
                 "'variables:')", name=exc.variable)
    return exc.args[0] if exc.args else str(exc)


