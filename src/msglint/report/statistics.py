"""``--statistics``: how many findings each rule made, most first (as ``ruff --statistics``), for a
team deciding which rule to fix its templates for, or to tune, first."""

from __future__ import annotations

import json
from collections import Counter

from msglint import i18n
from msglint.i18n import _


def counted(report) -> list[dict]:
    """One row per (rule, severity): its count and whether ``msglint fix`` repairs some of them."""
    counts: Counter = Counter()
    fixable: Counter = Counter()
    for result in report.results:
        for finding in result.findings:
            counts[(finding.rule, finding.severity)] += 1
            fixable[(finding.rule, finding.severity)] += bool(finding.fix)
    return [{"rule": rule, "severity": severity, "count": number, "fixable": fixable[(rule, severity)]}
            for (rule, severity), number in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def write(report, fmt: str, stream) -> None:
    rows = counted(report)
    if fmt == "json":
        stream.write(json.dumps({"statistics": rows, "summary": report.summary()}, ensure_ascii=False) + "\n")
        return
    languages = {i18n.language_of(r.locale) for r in report.results if r.channel != "sequence"}
    language = languages.pop() if len(languages) == 1 else None
    width = max((len(str(row["count"])) for row in rows), default=1)
    for row in rows:
        fixable = f"  [{i18n.said_for(language, _('{count} fixable', count=row['fixable']))}]" if row["fixable"] else ""
        stream.write(f"{row['count']:>{width}}  {row['severity']:<7}  {row['rule']}{fixable}\n")
    summary = report.summary()
    stream.write(str(i18n.said_for(language, _("{errors} errors, {warnings} warnings, {infos} infos",
                                               **summary))) + "\n")
