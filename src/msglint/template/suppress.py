"""Inline suppression written in the file's own language: a Jinja comment in a template, a YAML
comment in a sequence.

``{# msglint: disable=rule-a,rule-b #}`` silences those rules on its own line and the next;
``{# msglint: disable-file=rule-a #}`` silences them for the whole file; ``all`` means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from msglint.support.spelling import closest

_DIRECTIVE = re.compile(r"\{#-?\s*msglint:\s*(disable|disable-file)\s*=\s*([a-z0-9,\s-]+?)\s*-?#\}")
# In a sequence file the same directive is a YAML comment: "# msglint: disable=daily-run".
_YAML_DIRECTIVE = re.compile(r"#\s*msglint:\s*(disable|disable-file)\s*=\s*([a-z0-9,-]+(?:\s*,\s*[a-z0-9-]+)*)")


@dataclass
class Suppressions:
    lines: dict = field(default_factory=dict)  # line -> set of rule ids
    file: set = field(default_factory=set)
    named: list = field(default_factory=list)  # (rule id, line, column) as written, to check the ids

    @classmethod
    def parse(cls, text: str, yaml: bool = False) -> "Suppressions":
        found = cls()
        if "msglint:" not in text:
            return found
        directive = _YAML_DIRECTIVE if yaml else _DIRECTIVE
        for number, line in enumerate(text.splitlines(), start=1):
            for match in directive.finditer(line):
                rules = {r.strip() for r in match.group(2).split(",") if r.strip()}
                found.named.extend((r, number, match.start(2) + 1) for r in sorted(rules))
                if match.group(1) == "disable-file":
                    found.file |= rules
                else:
                    for target in (number, number + 1):
                        found.lines.setdefault(target, set()).update(rules)
        return found

    def covers(self, rule: str, line: int | None) -> bool:
        if rule in self.file or "all" in self.file:
            return True
        if line is None:
            return False
        ids = self.lines.get(line, ())
        return rule in ids or "all" in ids

    def unknown(self, known) -> list:
        """(id, line, column, close match) for each id a comment names that is not a rule."""
        out = []
        for rule, line, column in self.named:
            if rule != "all" and rule not in known:
                out.append((rule, line, column, closest(rule, sorted(known))))
        return out

    def rule_ids(self) -> set:
        ids = set(self.file)
        for rules in self.lines.values():
            ids |= rules
        return ids - {"all"}
