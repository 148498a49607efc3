"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Fingerprints hash the rule, file and offending text (not the line), so a finding keeps its
identity when lines above it move.
"""

from __future__ import annotations

import hashlib
import json

from msglint import __version__, i18n

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
HELP_URI = "https://pypi.org/project/msglint/"


def _rules(rules) -> list[dict]:
    described = {}
    for rule in rules or []:
        if rule.description:
            described.setdefault(rule.id, i18n.pick(rule.description))
    seen, out = set(), []
    for rule in rules or []:
        if rule.id in seen:
            continue
        seen.add(rule.id)
        text = described.get(rule.id) or rule.id.replace("-", " ")
        out.append({
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": text[:200]},
            "fullDescription": {"text": rule.source},
            "help": {"text": f"{rule.source}"},
            "helpUri": rule.link or HELP_URI,
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"kind": rule.kind, "tags": list(rule.channels or ()) + list(rule.locales or ())},
        })
    return out


def _fingerprint(f) -> str:
    basis = "\0".join([f.rule, f.path or "", f.locale or "", f.excerpt or f.message])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _result(f, rule_index) -> dict:
    result = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")},
        "partialFingerprints": {"msglintFingerprint/v1": _fingerprint(f)},
        "properties": {k: v for k, v in (("template", f.template), ("locale", f.locale), ("channel", f.channel),
                                          ("excerpt", f.excerpt)) if v},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.path:
        region = {"startLine": f.line or 1}
        if f.column:
            region["startColumn"] = f.column
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": f.path.replace("\\", "/"), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }}]
    return result


def as_data(report, rules=None) -> dict:
    descriptors = _rules(rules)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "msglint", "version": __version__, "informationUri": HELP_URI,
                                "rules": descriptors}},
            "results": [_result(f, index) for f in report.findings],
            "columnKind": "unicodeCodePoints",
        }],
    }


def write(report, stream, *, kind="lint", label=None, rules=None) -> None:
    json.dump(as_data(report, rules), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
