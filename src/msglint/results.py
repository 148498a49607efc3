"""Results: one per message (a template in a locale, or a checked text), and the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.findings import Finding, count
from msglint.findings import SEVERITIES


@dataclass
class Result:
    """One message: a template in one locale, or one checked text."""

    findings: list
    facts: dict = field(default_factory=dict)
    template: str | None = None
    path: str | None = None
    locale: str | None = None
    channel: str | None = None
    message: object = None  # the Message, when rendered in this process
    # What linting a template found wrong with it besides the loader's problems (a render that
    # failed, an unknown rule id in a comment), when linted in this process.
    problems: list = field(default_factory=list, repr=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        return cls(findings=[Finding(**f) for f in data["findings"]], facts=data["facts"],
                   template=data.get("template"), path=data.get("path"), locale=data.get("locale"),
                   channel=data.get("channel"))

    @classmethod
    def from_cache(cls, data) -> "Result | None":
        """A cached result, or None when the entry is not one (damaged, or from another tool)."""
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list) \
                or not isinstance(data.get("facts"), dict):
            return None
        fields = set(Finding.__dataclass_fields__) - {"span"}
        for f in data["findings"]:
            if not isinstance(f, dict) or set(f) - fields or f.get("severity") not in SEVERITIES \
                    or not isinstance(f.get("rule"), str) or not isinstance(f.get("message"), str):
                return None
        if any(not isinstance(data.get(k), (str, type(None))) for k in ("template", "path", "locale", "channel")):
            return None
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None

    def to_dict(self) -> dict:
        head = {"template": self.template} if self.template else {"path": self.path}
        if self.template and self.path:
            head["path"] = self.path
        return {**head, "locale": self.locale, "channel": self.channel, "facts": self.facts,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class Report:
    """The results of one run, in the order their messages were named."""

    results: list

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def summary(self) -> dict:
        return count(self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.summary()["errors"] else 0
