"""Run rules and turn their hits into findings placed on the source."""

from __future__ import annotations

import re
from dataclasses import replace

from msglint import i18n
from msglint.findings import Finding
from msglint.checks.fix_spec import describe
from msglint.i18n import _
from msglint.checks.kinds import PATTERN_TIMEOUT, PatternTimeout, Segment, get_kind, stages_named
from msglint.checks.rulebook import load_rules
from msglint.errors import RuleFileError
from msglint.vocabulary import stage_problem
from msglint.checks.plan import Plan


DEFAULT_CHECKED_CHARS = 20_000


class Ruleset:
    """Loaded rules plus the config that selects, re-levels and silences them."""

    def __init__(self, rules, config, settings=None):
        self.rules = rules
        self.config = config
        self.settings = settings or {}
        self._applicable: dict = {}
        self.by_level = {"message": [], "template": [], "pack": [], "sequence": []}
        # Every id a suppression comment may name; a ruleset cut down to one rule (its examples)
        # still knows the others.
        self.known_ids = {r.id for r in rules}
        # How much of a message the text rules read: the ``message-size`` rule's limit.
        self.checked_chars = next((int(r.options["error"]) for r in rules
                                   if r.id == "message-size" and r.options.get("error")), DEFAULT_CHECKED_CHARS)
        for rule in rules:
            if config.enabled(rule.id):
                self.by_level[rule.level].append(rule)

    def ids(self) -> set:
        return {r.id for r in self.rules}

    def for_message(self, message) -> list:
        """The message rules whose scope covers this message (memoised per context)."""
        return self.plan_for(message).rules

    def plan_for(self, message):
        """How this message's rules run (see msglint.checks.plan), memoised per context."""
        key = (message.channel, message.locale, message.purpose, message.audience, message.stage, message.register)
        found = self._applicable.get(key)
        if found is None:
            found = self._applicable[key] = Plan([r for r in self.by_level["message"] if r.applies(message)])
        return found

    def severity(self, rule, hit) -> str:
        return self.config.severity.get(rule.id) or hit.severity or rule.severity


def build_ruleset(config) -> Ruleset:
    """Load the shipped and configured rule packs; reject config that names unknown rule ids."""
    packs = load_rules(config.rules)
    _use_config_names(packs.rules, config)
    ruleset = Ruleset(packs.rules, config, packs.settings)
    config.check_rule_ids(ruleset.ids())
    _check_rule_stages(packs.rules, config.stages)
    return ruleset


def _use_config_names(rules, config) -> None:
    """Rules that say ``config_names: sender-names`` require the team's own brand names, when the
    config gives them, instead of their generic patterns; ``config_names: contact-number`` the
    contact number, when the config says it is not the number the texts are sent from."""
    names = {"sender-names": [_word(name) for name in config.sender_names],
             "contact-number": [_number(config.contact_number)] if _differs(config) else []}
    for rule in rules:
        wanted = names.get(rule.options.get("config_names"))
        if wanted:
            rule.options["any"] = ["|".join(wanted)]
            rule.compiled = get_kind(rule.kind).compile(rule)


def _word(name: str) -> str:
    return r"(?<![\w])(?:" + re.escape(name) + r")(?![\w])"


def _digits(number) -> str:
    return "".join(ch for ch in str(number or "") if ch.isdigit())


def _number(number: str) -> str:
    """The number as people write it: any of - . ( ) or a space between its digits."""
    return r"(?<!\d)" + r"[-.()\s]*".join(_digits(number)) + r"(?!\d)"


def _differs(config) -> bool:
    return bool(config.contact_number) and _digits(config.contact_number) != _digits(config.sender_number)


def _check_rule_stages(rules, stages) -> None:
    """A rule scoped to a misspelt stage would never run: say so when the rules load."""
    for rule in rules:
        for stage in (*(rule.stages or ()), *rule.not_stages, *stages_named(rule)):
            problem = stage_problem(stage, stages)
            if problem:
                raise RuleFileError(rule.file, _("stages: {problem}", problem=problem), rule.id)


def _beginning(text: str, limit: int | None) -> str:
    """At most ``limit`` characters of ``text``, cut at a line or sentence end where there is one."""
    if limit is None or len(text) <= limit:
        return text
    cut = max(text.rfind("\n", 0, limit), *(text.rfind(mark, 0, limit) + 1 for mark in (". ", "? ", "! ")))
    return text[:cut] if cut > limit // 2 else text[:limit]


def segments(scope: str, body: str, subject: str | None) -> tuple[Segment, ...]:
    """What a rule of ``scope`` reads of a message."""
    if scope == "body":
        return (Segment("body", body, 0),)
    if scope == "all":
        return (Segment("body", body, 0), Segment("subject", subject, 0)) if subject else (Segment("body", body, 0),)
    if scope == "subject":
        return (Segment("subject", subject, 0),) if subject else ()
    lines = [(i, line) for i, line in _lines(body) if line.strip()]
    if not lines:
        return ()
    offset, line = lines[0] if scope == "first-line" else lines[-1]
    return (Segment("body", line, offset),)


def _lines(text):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def check_message(ruleset: Ruleset, message, *, with_location=True) -> list[Finding]:
    register = ruleset.config.register_for(message.locale, message.register)
    if register != message.register:  # the config's formal locales: the rules read a copy, the caller's stays
        message = replace(message, register=register)
    findings = []
    limit = ruleset.checked_chars
    # Variants of one rule id report one place once: where two overlap, the narrower (more precise)
    # finding stays ("[광고] is not the marker" over "the first line lacks (광고)").
    spans: dict = {}  # rule id -> [(part, start, end, index in findings)]
    parts: dict = {}  # (scope, reads the uncut body) -> segments: rules of one scope read the same ones
    seen: dict = {}  # text -> the gate words it holds
    plan = ruleset.plan_for(message)
    body, subject = message.body, message.subject
    # A metric measures the whole message; the other rules read at most ``limit`` characters of
    # it, which for all but a huge message is the whole too: then they share their segments.
    cut = _beginning(body, limit)
    whole = cut is body
    for index, (rule, kind, gated, (scope, metric)) in enumerate(plan.steps):
        shape = (scope, metric and not whole)
        if shape not in parts:
            parts[shape] = segments(scope, body, subject) if shape[1] else \
                plan.read(segments(scope, cut, subject), seen)
        # A metric measures the message once, placed on the first part its scope reads (a
        # message of scope "all" is one message, not a body and a subject of that size).
        for segment in parts[shape][:1] if metric else parts[shape]:
            if gated is not None and segment.woken is not None and index not in segment.woken:
                continue  # the text lacks words every finding of the rule needs
            try:
                for hit in kind.check(rule, message, segment):
                    finding = _finding(ruleset, rule, hit, message, with_location)
                    if hit.start is None:
                        findings.append(finding)
                        continue
                    taken = spans.setdefault(rule.id, [])
                    clash = next((t for t in taken if t[0] == hit.part and hit.start < t[2] and t[1] < hit.end), None)
                    if clash is None:
                        taken.append((hit.part, hit.start, hit.end, len(findings)))
                        findings.append(finding)
                    elif hit.end - hit.start < clash[2] - clash[1]:
                        findings[clash[3]] = finding
                        taken[taken.index(clash)] = (hit.part, hit.start, hit.end, clash[3])
            except PatternTimeout as exc:
                if not exc.again:  # one finding names the rule; the run then goes on without it
                    findings.append(timeout_finding(rule, str(exc), template=message.template, locale=message.locale,
                                                      channel=message.channel, path=message.path))
    return findings


def timeout_finding(rule, pattern, *, template, locale, channel, path) -> Finding:
    """A team's own pattern that backtracks without end: reported, never a hang."""
    return Finding(
        rule=rule.id, severity="error", template=template, locale=locale, channel=channel, path=path,
        message=i18n.said_for(locale, _("rule '{rule}' ({file}) was stopped after {seconds} s on this message: its pattern "
                           "backtracks without end (nested repeats such as (a+)+ or (a|aa)+); rewrite the pattern",
                           rule=rule.id, file=rule.file, seconds=f"{PATTERN_TIMEOUT:g}")),
        excerpt=_short(pattern),
    )


def _said(rule, hit, values: dict, locale) -> tuple[str, str | None]:
    """The finding's message and suggestion, in the language of its reader."""
    with i18n.reading(locale):
        suggestion = i18n.say(hit.suggestion) or rule.suggestion()
        if suggestion:
            values.setdefault("suggestion", suggestion)
        return rule.format(values), suggestion


def _finding(ruleset, rule, hit, message, with_location) -> Finding:
    text = message.subject if hit.part == "subject" else message.body
    excerpt = hit.excerpt
    if excerpt is None and hit.start is not None:
        excerpt = text[hit.start:hit.end]
    said, hit.suggestion = _said(rule, hit, {"match": excerpt or "", **hit.values}, message.locale)
    finding = Finding(
        rule=rule.id, severity=ruleset.severity(rule, hit), message=said,
        template=message.template, locale=message.locale, channel=message.channel,
        excerpt=_short(excerpt), suggestion=hit.suggestion, source=rule.source if rule.cite else None,
        span=(hit.part, hit.start, hit.end) if hit.start is not None else None,
    )
    if rule.fix is not None:
        matched = text[hit.start:hit.end] if hit.start is not None and text is not None else None
        finding.fix = describe(rule.fix, matched, message.language, hit.replacement)
    if with_location:
        source_map = message.subject_map if hit.part == "subject" else message.body_map
        if source_map is not None:
            location = source_map.locate(hit.start if hit.start is not None else 0)
            if location is not None:
                finding.line, finding.column = location.line, location.column
        finding.path = message.path
    return finding


def _short(text, limit=120):
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def template_finding(ruleset, rule, hit, template) -> Finding:
    said, hit.suggestion = _said(rule, hit, dict(hit.values), hit.locale or template.locale)
    return Finding(
        rule=rule.id, severity=ruleset.severity(rule, hit), message=said,
        path=hit.path or template.display, line=hit.line, column=hit.column,
        template=template.id, locale=hit.locale or template.locale, channel=template.channel,
        excerpt=hit.excerpt, suggestion=hit.suggestion, source=rule.source if rule.cite else None,
    )


def keep(ruleset, findings, path=None, suppressions=None) -> list[Finding]:
    """Drop findings the config or an inline comment silences, and exact duplicates."""
    out, seen = [], set()
    for f in findings:
        if not ruleset.config.enabled(f.rule, path or f.path):
            continue
        if suppressions is not None and suppressions.covers(f.rule, f.line):
            continue
        key = (f.rule, f.line, f.column, f.message, f.excerpt)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return sorted(out, key=Finding.sort_key)
