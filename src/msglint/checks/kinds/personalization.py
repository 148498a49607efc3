"""Each stage's message must use the lead data that makes it personal (「상담 후 문자·전화 주기」: name, the
consultation's topic, interests).

``roles`` names the variables that count for each role; a template may also mark a variable
with ``role:`` in its front matter. ``require`` maps a stage (or ``*`` for any stage) to roles.
"""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS = {"roles": True, "require": True, "role_names": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "roles require")


def compile(rule):
    roles, require = rule.options["roles"], rule.options["require"]
    if not isinstance(roles, dict) or not all(isinstance(v, list) for v in roles.values()):
        raise ValueError(_("'roles' must map a role to a list of variable names"))
    if not isinstance(require, dict) or not all(isinstance(v, list) for v in require.values()):
        raise ValueError(_("'require' must map a stage to a list of roles"))
    for stage, needed in require.items():
        for role in needed:
            if role not in roles:
                raise ValueError(_("stage '{stage}' requires role '{role}', which 'roles' does not define", stage=stage, role=role))
    return Compiled(roles, require)


def check_template(rule, template):
    roles, require = rule.compiled
    meta = template.meta
    if meta is None or template.body is None:  # no body to read (a syntax error says why)
        return
    needed = require.get(meta.stage, require.get("*", []))
    used = template.used_variables()
    line, column = template.doc.where("stage")
    for role in needed:
        names = set(roles[role]) | {v.name for v in meta.variables.values() if v.role == role}
        if used & names:
            continue
        label = (rule.options.get("role_names") or {}).get(role, role)  # what the reader calls it: 이름, name
        yield Hit(
            line=line, column=column,
            values={"role": label, "stage": meta.stage, "variables": ", ".join(sorted(names))},
            suggestion=_("use the lead's {role} in the message, e.g. {example}", role=label,
                         example=f"{{{{ {sorted(names)[0]} }}}}"),
        )
