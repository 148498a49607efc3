"""Problems found while loading or rendering a template: bad file, front matter, syntax, sandbox.

The loader records them; these rule kinds report them, so they can be configured and
suppressed like any other rule.
"""

from __future__ import annotations

from msglint.checks.kinds import Hit

FIELDS: dict = {}


def compile(rule):
    return None


def check_template(rule, template):
    for problem in template.problems:
        if problem.kind == rule.kind:
            yield Hit(
                line=problem.line, column=problem.column, values={"problem": problem.message},
                excerpt=problem.excerpt,
            )
