"""What to offer where the cursor is: a template's variables inside ``{{ }}``, filters after
``|``, rule ids in a ``msglint: disable=`` comment, template ids after a sequence step's
``send:`` / ``voicemail:`` / ``script:``."""

from __future__ import annotations

import re
from pathlib import Path

from msglint.editor.documents import kind_of
from msglint.template.frontmatter import FrontMatterError, split
from msglint.template.index import PackIndex, templates_of
from msglint.template.metadata import Variable

_IN_EXPRESSION = re.compile(r"\{\{(?:(?!\}\}).)*$")
_AFTER_PIPE = re.compile(r"\|\s*\w*$")
_DISABLE = re.compile(r"msglint:\s*disable(?:-file)?\s*=\s*[\w,\s-]*$")
_STEP = re.compile(r"^\s*(?:-\s*)?(?:send|voicemail|script)\s*:\s*[\w/-]*$")


def complete(path: Path, text: str, before: str, checked, documents) -> list[tuple[str, str, str]]:
    """(label, kind, detail) for the cursor after ``before`` on its line."""
    if _DISABLE.search(before):
        project = documents.project_for(path)
        ruleset = project.ready()
        return [(rule_id, "Reference", "rule") for rule_id in sorted(ruleset.known_ids)] if ruleset else []
    kind = kind_of(path)
    if kind == "sequence" and _STEP.match(before):
        root = templates_of(path.parent.parent)
        if root is None:
            return []
        index = PackIndex()
        ids = sorted({tid for locale in index.locales(root) for tid in index.ids(root, locale)})
        return [(tid, "File", "template") for tid in ids]
    if kind != "template" or not _IN_EXPRESSION.search(before):
        return []
    if _AFTER_PIPE.search(before):
        from msglint.render.jinja import environment  # Jinja: loaded only when filters are offered

        return [(name, "Function", "filter") for name in sorted(environment().filters)]
    return [(name, "Variable", variable.description or variable.type) for name, variable in _variables(checked, text)]


def _variables(checked, text: str) -> list:
    template = getattr(checked, "template", None)
    if template is not None and template.meta is not None:
        return sorted(template.meta.variables.items())
    try:  # the front matter as typed, when the template does not load yet
        raw = split(text).meta.get("variables") or {}
    except FrontMatterError:
        return []
    return sorted((str(name), Variable(name=str(name))) for name in raw) if isinstance(raw, dict) else []

