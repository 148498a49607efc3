"""Rule packs: YAML files of rules, loaded and validated before anything is checked.

A bad rule file stops the run (exit 2) with the file, the rule and the problem: a rule that
silently never fires is worse than no rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from msglint import i18n, languages
from msglint.support import machine_cache
from msglint.errors import RuleFileError
from msglint.findings import SEVERITIES
from msglint.vocabulary import AUDIENCES
from msglint.checks.kinds import get_kind, kind_names, level_of
from msglint.vocabulary import AUDIENCES, CHANNELS, PURPOSES
from msglint.i18n import _
from msglint import __version__
from msglint.support.cache_dir import cache_dir
from msglint.checks import rule_fields

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
TEXT_SCOPES = ("body", "subject", "all", "first-line", "last-line")
COMMON_FIELDS = {
    "id", "kind", "severity", "message", "source", "link", "description",
    "channels", "locales", "purposes", "audiences", "stages", "registers", "scope", "examples",
    "not_stages", "suggestion", "cite", "fix", "measured",
}
SETTINGS = ("speech_rate", "schedule")
#: Bounds checked before a rule file is parsed or its rules built: the shipped packs are a tenth of
#: these; a bigger file is a mistake (or an attack) that would cost minutes and gigabytes.
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_RULES_PER_FILE = 1_000


class _Lazy:
    """Not compiled yet. Pickles as this module's ``LAZY``, so a rule sent to a worker stays lazy."""

    def __reduce__(self):
        return "LAZY"


LAZY = _Lazy()


@dataclass
class Rule:
    """One rule of a rule file, as loaded: what it checks, where it applies, what it says."""

    id: str
    kind: str
    severity: str
    message: str | dict  # one text, or {ko: ..., en: ...}
    source: str
    file: str
    description: str | dict = ""  # one text, or {ko: ..., en: ...}
    link: str | None = None
    channels: tuple | None = None
    locales: tuple | None = None
    purposes: tuple | None = None
    audiences: tuple | None = None
    stages: tuple | None = None
    registers: tuple | None = None
    not_stages: tuple = ()
    cite: bool = False  # findings carry the rule's source (the law packs: the article they enforce)
    scope: str = "body"
    options: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    fix: object = None  # a FixSpec: how a finding's text is repaired (msglint fix)
    # How the rule did on real messages nobody on the team wrote: {precision, recall, findings,
    # corpus, date}. It decides the severity: an error only where the question is objective or
    # the precision is at least 0.98.
    measured: dict | None = None
    # Its file's very text passed every check before (see _marker): each of its patterns compiled
    # on its own then, so the rule's kind need not compile them one by one again.
    known: bool = field(default=False, repr=False, compare=False)
    # It comes from a shipped rule pack (vetted by the tests): its patterns run on Python's re,
    # compiled once per machine; a team's own patterns run with a timeout.
    shipped: bool = field(default=False, repr=False, compare=False)
    _compiled: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._compiled is None:
            self._compiled = LAZY

    @property
    def compiled(self):
        """The kind's prepared form of the rule (patterns compiled...), made on first use: a check
        of one English SMS compiles the rules for English SMS, not the Korean email ones."""
        if self._compiled is LAZY:
            try:
                self._compiled = get_kind(self.kind).compile(self)
            except (ValueError, TypeError, re.error) as exc:
                raise RuleFileError(self.file, exc.args[0] if exc.args else str(exc), self.id) from None
        return self._compiled

    @compiled.setter
    def compiled(self, value):
        self._compiled = value

    @property
    def level(self) -> str:
        return level_of(self.kind)

    def applies_to(self, channel, locale, purpose=None, audience=None, stage=None, register=None) -> bool:
        language = languages.primary(locale) if locale else None
        checks = (
            (self.channels, channel), (self.purposes, purpose), (self.audiences, audience),
            (self.stages, stage), (self.registers, register),
        )
        for allowed, value in checks:
            if allowed is not None and value not in allowed:
                return False
        if self.locales is not None and locale not in self.locales and language not in self.locales:
            return False
        return stage not in self.not_stages

    def applies(self, message) -> bool:
        return self.applies_to(message.channel, message.locale, message.purpose, message.audience,
                               message.stage, message.register)

    def format(self, values: dict) -> str:
        """The finding's message in the reader's language, its fields filled in."""
        return i18n.fill(i18n.pick(self.message), values)

    def suggestion(self) -> str | None:
        return i18n.pick(self.options.get("suggestion"))


def builtin_rules_dir() -> Path:
    """Shipped rule packs: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parents[1]  # src/msglint, or msglint/ in a wheel
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "rules"


def rule_files(extra=()) -> list[Path]:
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    for entry in extra:
        # "builtin:profiles/us-florida.yaml" names an opt-in profile shipped with msglint.
        path = builtin_rules_dir() / entry.split("builtin:", 1)[1] if "builtin:" in entry else Path(entry)
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleFileError(path, _("rule file or folder not found (check 'rules:' in your msglint config)"))
    return files


class RulePacks(NamedTuple):
    """The rules of every rule file of a run, and the settings the files give."""

    rules: list
    settings: dict  # channel arithmetic parameters (speech rates...), later files override


def load_rules(extra=()) -> RulePacks:
    packs = RulePacks([], {})
    for path in rule_files(extra):
        rules, settings = load_file(path)
        packs.rules.extend(rules)
        for key, value in settings.items():
            packs.settings.setdefault(key, {}).update(value)
    return packs


def load_file(path: Path) -> tuple[list[Rule], dict]:
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(path, _("the file is over {limit}; split it into several rule files",
                                        limit=f"{MAX_RULE_FILE_BYTES // 1024:,} KiB"))
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(path, _("not UTF-8 text; save it as UTF-8")) from None
    # A file read before is not parsed again (machine_cache): YAML is most of loading the rules.
    named = machine_cache.key_digest(text)  # names both its parsed form and its "checked" marker
    data = machine_cache.remembered("rules-1", text, lambda: _parsed(path, text), named)
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list) or set(data) - {"rules", "settings", "cite"}:
        raise RuleFileError(path, _("a rule file is a mapping with a 'rules:' list (and optional 'settings:', 'cite:')"))
    if len(data.get("rules") or []) > MAX_RULES_PER_FILE:
        raise RuleFileError(path, _("{count} rules in one file: at most {limit}; split it into several rule files",
                                    count=f"{len(data['rules']):,}", limit=f"{MAX_RULES_PER_FILE:,}"))
    settings = data.get("settings") or {}
    if not isinstance(settings, dict) or set(settings) - set(SETTINGS) - {"source"}:
        raise RuleFileError(path, _("'settings' may hold {choices} (and their source)", choices=", ".join(SETTINGS)))
    settings = {k: v for k, v in settings.items() if k != "source"}
    for name in SETTINGS:
        if name in settings and not isinstance(settings[name], dict):
            raise RuleFileError(path, _("settings: '{name}' must be a mapping (see the shipped rules/channels.yaml)",
                                        name=name))
    for rates in settings.get("speech_rate", {}).values():
        if not (isinstance(rates, dict) and rates.get("unit") in ("words", "syllables")
                and isinstance(rates.get("per_minute"), (int, float)) and rates["per_minute"] > 0):
            raise RuleFileError(path, _("speech_rate: each language needs {{unit: words|syllables, per_minute: N}}"))
    for channel, policy in settings.get("schedule", {}).items():
        if channel == "countries":
            if not (isinstance(policy, dict) and all(isinstance(v, str) for v in policy.values())):
                raise RuleFileError(path, _("schedule: countries maps a language to a country code, e.g. {{ko: KR}}"))
            continue
        if channel == "parts_of_day":
            if not (isinstance(policy, dict) and set(policy) == {"morning", "afternoon"} and all(
                    isinstance(v, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v) for v in policy.values())):
                raise RuleFileError(path, _("schedule: parts_of_day gives morning and afternoon a time each, "
                                            "e.g. {{morning: '10:00', afternoon: '16:00'}}"))
            continue
        if channel == "proposals":
            times = policy.get("times", []) if isinstance(policy, dict) else None
            if not (isinstance(times, list) and all(isinstance(t, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t)
                                                    for t in times)
                    and all(isinstance(policy.get(k, 1), int) and policy.get(k, 1) >= 0 for k in ("count", "days_ahead"))):
                raise RuleFileError(path, _("schedule: proposals gives the times to offer and how many, e.g. "
                                            "{{times: ['14:00', '10:00'], count: 3, days_ahead: 1}}"))
            continue
        hours = policy.get("hours") if isinstance(policy, dict) else None
        days = [policy.get(key, False) for key in ("working_days", "holidays")] if isinstance(policy, dict) else [None]
        if not (isinstance(hours, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d", hours)
                and all(isinstance(d, bool) or (isinstance(d, list) and set(d) <= set(AUDIENCES)) for d in days)
                and isinstance(policy.get("any_day", []), list)):
            raise RuleFileError(path, _("schedule: {channel} needs {{hours: 'HH:MM-HH:MM', working_days: true|false|[b2b, b2c]}}",
                                        channel=channel))
    marker = _marker(named)
    # A file whose very text passed every check before needs only its rules built: the kinds'
    # fields are checked (and their modules imported) for a file not seen before.
    known = marker is not None and marker.exists()
    shipped = _is_shipped(path)
    rules = [_rule(path, index, raw, known, shipped) for index, raw in enumerate(data.get("rules", []))]
    if not known:
        _validate(rules, marker)
    if data.get("cite"):
        for rule in rules:
            rule.cite = True
    return rules, settings


def _parsed(path: Path, text: str):
    # YAML (some 10 ms of imports) loads only when a file must be parsed: rules come from the
    # machine cache, and most projects have no config file.
    import yaml

    from msglint.support import safe_yaml

    try:
        return safe_yaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise RuleFileError(path, _("not valid YAML{where}: {exc}", where=where, exc=getattr(exc, 'problem', exc))) from None


def _marker(named: str) -> Path | None:
    """Where a rule file's text (``named`` by its digest) is marked as checked by this version of
    msglint: in this machine's cache (see machine_cache), so a check in a new folder does not
    check every rule again; without one, in the project's. None: nowhere to keep it."""
    folder = machine_cache.folder() or cache_dir()
    return folder / "rules" / f"{named}-{__version__}" if folder else None


def _validate(rules, marker: Path | None) -> None:
    """Compile every rule of a file the first time its content is seen, so a bad pattern stops
    the run whichever messages it would have judged; once marked, each rule is compiled when it
    is first used."""
    for rule in rules:
        rule.compiled  # noqa: B018 - compiling is the check
    if marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only checkout validates every time


def _is_shipped(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(builtin_rules_dir().resolve())
    except (OSError, ValueError):
        return False


def _rule(path: Path, index: int, raw, known: bool = False, shipped: bool = False) -> Rule:
    """The rule at ``index`` of a file; ``known``: the file's text was checked whole before (see
    ``_marker``), so the fields its kind takes are not checked again."""
    if not isinstance(raw, dict):
        raise RuleFileError(path, _("rule #{number} must be a mapping with id, kind, severity, message", number=index + 1))
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID.match(rid):
        raise RuleFileError(path, _("rule #{number}: 'id' must be kebab-case such as generic-phrase (got '{id}')", number=index + 1, id=rid))
    for key in ("kind", "severity", "source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            why = _(" (say why the rule exists: a law, a study, a playbook)") if key == "source" else ""
            raise RuleFileError(path, _("'{key}' is missing or not text{why}", key=key, why=why), rid)
    try:
        level = level_of(raw["kind"])
    except KeyError:
        raise RuleFileError(path, _("unknown kind '{kind}'; kinds: {choices}", kind=raw['kind'], choices=", ".join(kind_names())), rid) from None
    if raw["severity"] not in SEVERITIES:
        raise RuleFileError(path, _("severity '{severity}' is not one of {choices}", severity=raw['severity'], choices=", ".join(SEVERITIES)), rid)
    scope = raw.get("scope", "body")
    if scope not in TEXT_SCOPES:
        raise RuleFileError(path, _("scope '{scope}' is not one of {choices}", scope=scope, choices=", ".join(TEXT_SCOPES)), rid)
    message = rule_fields.texts(path, rid, raw, "message", required=True)
    options = {k: v for k, v in raw.items() if k not in COMMON_FIELDS}
    if raw.get("suggestion") is not None:
        options["suggestion"] = rule_fields.texts(path, rid, raw, "suggestion")
    if not known:
        rule_fields.check_fields(path, rid, raw["kind"], options)
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"fire", "pass", "fix"}:
        raise RuleFileError(path, _("'examples' must have 'fire:' and/or 'pass:' lists (and 'fix:' for a rule that fixes)"), rid)
    fix = rule_fields.fix(path, rid, raw, level, examples)
    rule = Rule(
        id=rid, kind=raw["kind"], severity=raw["severity"], message=message,
        source=" ".join(str(raw["source"]).split()), file=str(path),
        description=rule_fields.texts(path, rid, raw, "description") or "", link=raw.get("link"),
        channels=rule_fields.names(path, rid, raw, "channels", CHANNELS),
        locales=rule_fields.names(path, rid, raw, "locales"),
        purposes=rule_fields.names(path, rid, raw, "purposes", PURPOSES),
        audiences=rule_fields.names(path, rid, raw, "audiences", AUDIENCES),
        stages=rule_fields.names(path, rid, raw, "stages"),
        registers=rule_fields.names(path, rid, raw, "registers"),
        not_stages=rule_fields.names(path, rid, raw, "not_stages") or (),
        scope=scope, options=options, examples=examples, fix=fix, known=known, shipped=shipped,
        measured=rule_fields.measured(path, rid, raw.get("measured")),
    )
    if not known:
        for text in message.values() if isinstance(message, dict) else [message]:
            rule_fields.check_message_template(path, rid, text)
    return rule
