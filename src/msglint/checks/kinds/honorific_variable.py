"""In a Korean template, a variable holding a person's name must be followed by 님 or a title
with 님 ({{ name }} 님, {{ name }} 대표님). Checked on the source, so it holds for every lead,
not only for the sample.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint.checks.kinds import Hit, compile_regex
from msglint.i18n import _

FIELDS = {"name_variables": True, "honorific": False}
_EXPR = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)[^}]*\}\}")
_NEXT_EXPR = re.compile(r"^\s*\{\{[^}]*\}\}")


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "names honorific")


def compile(rule):
    names = rule.options["name_variables"]
    if not isinstance(names, list):
        raise ValueError(_("'name_variables' must be a list of variable names"))
    return Compiled(set(names), compile_regex(rule, str(rule.options.get("honorific", r"^\s*[가-힣]{0,4}님"))))


def check_template(rule, template):
    names, honorific = rule.compiled
    if template.meta is None or template.doc is None:
        return
    names = names | {v.name for v in template.meta.variables.values() if v.role == "name"}
    offset = template.doc.body_line - 1
    for number, line in enumerate(template.doc.body.split("\n"), start=offset + 1):
        for match in _EXPR.finditer(line):
            if match.group(1) not in names:
                continue
            rest = line[match.end():]
            while _NEXT_EXPR.match(rest):  # {{ name }} {{ title }}님
                rest = rest[_NEXT_EXPR.match(rest).end():]
            if honorific.match(rest):
                continue
            yield Hit(line=number, column=match.start() + 1, excerpt=line.strip(),
                      values={"variable": match.group(1)},
                      suggestion=f"{match.group(0)} 님")
