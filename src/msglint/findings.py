"""The finding: what a rule reports, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """One problem a rule found: what, how serious, where, and what to do about it."""

    rule: str
    severity: str
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    template: str | None = None
    locale: str | None = None
    channel: str | None = None
    excerpt: str | None = None
    suggestion: str | None = None
    source: str | None = None  # the law or study behind the rule, on rules that cite it
    fix: dict | None = None  # how `msglint fix` repairs it: {safety, action, text[, at]}
    # Where in the rendered text it fired: ("body" | "subject", start, end). For previews; not reported.
    span: tuple | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None and k != "span"}

    def sort_key(self):
        return (self.path or "", self.line or 0, self.column or 0, self.rule)


def count(findings) -> dict:
    summary = {"errors": 0, "warnings": 0, "infos": 0}
    for f in findings:
        summary[f.severity + "s"] += 1
    return summary
