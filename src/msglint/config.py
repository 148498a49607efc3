"""Project configuration: ``.msglint.yaml`` or ``[tool.msglint]`` in pyproject.toml.

Looked up from the current folder upwards. Paths in it are relative to the file that holds it.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from msglint import i18n, languages
from msglint.i18n import _
from msglint.errors import ConfigError
from msglint.findings import SEVERITIES
from msglint.support.spelling import did_you_mean
from msglint.vocabulary import STAGES

_KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
KEYS = ("select", "ignore", "severity", "per-file-ignores", "rules", "templates", "formal-locales", "stages", "sender-names",
        "sender-number", "contact-number", "lang", "extends", "required-version")
# What a config that extends another adds to it rather than replaces; paths are read from the file
# that wrote them.
_ADDED_LISTS = ("ignore", "rules", "formal-locales", "stages", "sender-names")
_MERGED_MAPPINGS = ("severity", "per-file-ignores")
_PATHS = ("rules", "templates")
MAX_EXTENDS = 10  # a chain of shared configs deeper than this is a loop someone will not find by eye
FILENAMES = (".msglint.yaml", ".msglint.yml")


@dataclass
class Config:
    """The team's .msglint.yaml (and what the command line adds to it)."""

    file: Path | None = None
    select: set | None = None
    ignore: set = field(default_factory=set)
    severity: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    templates: str | None = None
    # Markets where strangers expect a formal greeting (「발굴 도구 - 전화」 (Liferay 영업 플레이북): many European countries):
    # a neutral-register message in these locales is checked as formal.
    formal_locales: set = field(default_factory=set)
    extra_stages: tuple = ()  # the team's own stages, beside msglint's
    sender_names: tuple = ()  # the team's brand names, which its marketing texts must carry
    # The number its texts are sent from, and the contact its advertising gives: Korean law lets a
    # text leave the contact out when it is the sending number (KISA's guide to 제50조 ④).
    sender_number: str | None = None
    contact_number: str | None = None
    lang: str | None = None  # the language of findings and errors for everyone on the team (ko, en)
    given: tuple = ()  # ("--select" | "--ignore", rule id) typed on the command line, checked like the file's

    def narrow(self, select=(), ignore=()) -> "Config":
        """The command line's --select (replaces the file's) and --ignore (adds to it)."""
        if select:
            self.select = set(select)
        self.ignore = self.ignore | set(ignore)
        self.given = tuple(("--select", i) for i in select) + tuple(("--ignore", i) for i in ignore)
        return self

    @property
    def stages(self) -> tuple:
        return STAGES + tuple(s for s in self.extra_stages if s not in STAGES)

    def register_for(self, locale: str, register: str) -> str:
        if register == "neutral" and self.formal_locales:
            language = languages.primary(locale)
            if locale in self.formal_locales or locale.replace("_", "-") in self.formal_locales \
                    or language in self.formal_locales:
                return "formal"
        return register

    @property
    def base(self) -> Path:
        return self.file.parent if self.file else Path.cwd()

    def enabled(self, rule_id: str, path: str | None = None) -> bool:
        if self.select is not None and rule_id not in self.select:
            return False
        if rule_id in self.ignore:
            return False
        if path:
            for pattern, ids in self.per_file_ignores.items():
                if (rule_id in ids or "all" in ids) and fnmatch.fnmatch(path, pattern):
                    return False
        return True

    def check_rule_ids(self, known: set) -> None:
        for option, rule_id in self.given:
            if rule_id not in known:
                raise ConfigError(_("{option}: unknown rule id '{rule}'{hint}; 'msglint rules' lists the ids",
                                    option=option, rule=rule_id, hint=did_you_mean(rule_id, sorted(known))))
        where = self.file.name if self.file else "config"
        named = [("select", i) for i in (self.select or ())] + [("ignore", i) for i in self.ignore]
        named += [("severity", i) for i in self.severity]
        named += [("per-file-ignores", i) for ids in self.per_file_ignores.values() for i in ids]
        for key, rule_id in named:
            if rule_id != "all" and rule_id not in known:
                hint = did_you_mean(rule_id, sorted(known))
                raise ConfigError(_("{file}: unknown rule id '{rule}' in {key}{hint}; 'msglint rules' lists the ids",
                                    file=where, rule=rule_id, key=key, hint=hint))


def find_config(start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file():
                return _from_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            section = _pyproject_section(pyproject)
            if section is not None:
                return parse(section, pyproject)
    return Config()


def load_config(path: str) -> Config:
    file = Path(path)
    if not file.is_file():
        raise ConfigError(_("{file}: config file not found", file=path))
    if file.name == "pyproject.toml":
        return parse(_pyproject_section(file) or {}, file)
    return _from_yaml(file)


def _from_yaml(file: Path) -> Config:
    return parse(_read(file), file)


def _pyproject_section(file: Path):
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{file}: not valid TOML: {problem}", file=file, problem=exc)) from None
    return data.get("tool", {}).get("msglint")


def _ids(file, key, value) -> set:
    if value is None:
        return set()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("{file}: '{key}' must be a list of rule ids", file=file, key=key))
    return set(value)


def _extended(data: dict, file: Path, chain: tuple = ()) -> dict:
    """``data`` with what its ``extends:`` (a shared config file, or a list of them) gives it: the
    base's values unless this file sets them, lists such as ``ignore`` added together, mappings
    such as ``severity`` merged key by key."""
    bases = data.get("extends")
    if bases is None:
        return data
    if isinstance(bases, str):
        bases = [bases]
    if not isinstance(bases, list) or not all(isinstance(b, str) and b.strip() for b in bases):
        raise ConfigError(_("{file}: 'extends' names a shared config file, or a list of them, e.g. "
                            "../shared/.msglint.yaml", file=file))
    merged: dict = {}
    for base in bases:
        path = (file.parent / base).resolve()
        if path in chain or len(chain) >= MAX_EXTENDS:
            raise ConfigError(_("{file}: 'extends' goes round in a loop through {path}", file=file, path=path))
        if not path.is_file():
            raise ConfigError(_("{file}: 'extends: {base}': no such file ({path})", file=file, base=base, path=path))
        loaded = _read(path)
        if not isinstance(loaded, dict):
            raise ConfigError(_("{file}: msglint config must be a mapping", file=path))
        loaded = _absolute(_extended(loaded, path, (*chain, file.resolve())), path)
        merged = _merge(merged, loaded)
    return _merge(merged, {k: v for k, v in data.items() if k != "extends"})


def _absolute(data: dict, file: Path) -> dict:
    """A base config's paths, made independent of where the extending file is."""
    out = dict(data)
    for key in _PATHS:
        value = out.get(key)
        values = [value] if isinstance(value, str) else value
        if isinstance(values, list):
            resolved = [v if not isinstance(v, str) or v.startswith("builtin:") else str((file.parent / v).resolve())
                        for v in values]
            out[key] = resolved[0] if isinstance(value, str) else resolved
    return out


def _merge(base: dict, own: dict) -> dict:
    out = dict(base)
    for key, value in own.items():
        if key in _ADDED_LISTS and key in out:
            first = out[key] if isinstance(out[key], list) else [out[key]]
            second = value if isinstance(value, list) else [value]
            out[key] = [*first, *(v for v in second if v not in first)]
        elif key in _MERGED_MAPPINGS and isinstance(out.get(key), dict) and isinstance(value, dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _read(file: Path):
    if file.name == "pyproject.toml":
        return _pyproject_section(file) or {}
    # YAML (some 10 ms of imports) loads only when a file must be parsed: rules come from the
    # machine cache, and most projects have no config file.
    import yaml

    from msglint.support import safe_yaml

    try:
        return safe_yaml.load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(_("{file}: not valid YAML: {problem}", file=file, problem=exc)) from None


def _check_version(file: Path, wanted) -> None:
    """``required-version: ">=0.3"``: a team pins the msglint its templates were checked with."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet  # only a config that pins a version

    from msglint import __version__

    try:
        specifier = SpecifierSet(str(wanted))
    except InvalidSpecifier:
        raise ConfigError(_("{file}: 'required-version: {value}' is not a version requirement such as >=0.3 or "
                            "==0.3.1", file=file, value=wanted)) from None
    if __version__ not in specifier:
        raise ConfigError(_("{file}: this project requires msglint {wanted}, and this is msglint {version}: "
                            "pip install 'msglint{wanted}'", file=file, wanted=specifier, version=__version__))


def parse(data, file: Path) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(_("{file}: msglint config must be a mapping", file=file))
    data = _extended(data, file)
    config = Config(file=file)
    lang = data.get("lang")
    if lang is not None:
        if not isinstance(lang, str) or lang not in i18n.LANGUAGES:
            lang = str(lang)  # shown as written, whatever its YAML type
            raise ConfigError(_("{file}: 'lang: {value}' is not one of {choices}", file=file, value=lang,
                                choices=", ".join(i18n.LANGUAGES)))
        config.lang = lang
        if not i18n.explicit():  # --lang wins over the config
            i18n.configure(lang)
    for key in data:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS)
            raise ConfigError(_("{file}: unknown config key '{key}'{hint}; known keys: {keys}", file=file, key=key,
                                hint=hint, keys=", ".join(KEYS)))
    if data.get("required-version") is not None:
        _check_version(file, data["required-version"])
    if "select" in data:
        config.select = _ids(file, "select", data["select"])
    config.ignore = _ids(file, "ignore", data.get("ignore"))
    severity = data.get("severity") or {}
    if not isinstance(severity, dict):
        raise ConfigError(_("{file}: 'severity' must map rule ids to error, warning or info", file=file))
    for rule_id, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(_("{file}: severity of '{rule}' must be one of {choices} (got '{value}')", file=file,
                                rule=rule_id, choices=", ".join(SEVERITIES), value=level))
    config.severity = dict(severity)
    ignores = data.get("per-file-ignores") or {}
    if not isinstance(ignores, dict):
        raise ConfigError(_("{file}: 'per-file-ignores' must map file patterns to lists of rule ids", file=file))
    config.per_file_ignores = {pattern: _ids(file, f"per-file-ignores.{pattern}", ids) for pattern, ids in ignores.items()}
    config.formal_locales = _ids(file, "formal-locales", data.get("formal-locales"))
    stages = data.get("stages") or []
    if not isinstance(stages, list) or not all(isinstance(s, str) and _KEBAB.match(s) for s in stages):
        raise ConfigError(_("{file}: 'stages' must be a list of kebab-case names such as renewal or win-back", file=file))
    config.extra_stages = tuple(stages)
    names = data.get("sender-names") or []
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ConfigError(_("{file}: 'sender-names' must be a list of your brand names, e.g. [Leadway]", file=file))
    config.sender_names = tuple(n.strip() for n in names)
    for key in ("sender-number", "contact-number"):
        number = data.get(key)
        if number is not None and not (isinstance(number, (str, int)) and sum(c.isdigit() for c in str(number)) >= 7):
            raise ConfigError(_("{file}: '{key}' must be a phone number, e.g. 02-1234-5678", file=file, key=key))
        setattr(config, key.replace("-", "_"), None if number is None else str(number))
    extra = data.get("rules") or []
    if isinstance(extra, str):
        extra = [extra]
    if not isinstance(extra, list) or not all(isinstance(p, str) and p.strip() for p in extra):
        raise ConfigError(_("{file}: 'rules' names rule files or folders: one path, or a list of paths such as "
                            "[team-rules/]", file=file))
    config.rules = [p if str(p).startswith("builtin:") else str((file.parent / p).resolve()) for p in extra]
    if data.get("templates") is not None:
        config.templates = str((file.parent / str(data["templates"])).resolve())
    return config
