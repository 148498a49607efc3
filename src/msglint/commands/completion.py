"""Shell completion of the names people type: template ids, rule ids, locales, sequences.

Completion runs on every Tab, so it reads file names and rule ids with a glance at the files —
no rule compiling, no template rendering — and never fails: a broken config completes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

_RULE_ID = re.compile(r"^\s*-\s*id:\s*['\"]?([a-z][a-z0-9-]*)", re.M)


def _templates_root() -> Path:
    try:
        from msglint.config import find_config  # on every Tab: only what completing this name needs

        configured = find_config().templates
    except Exception:  # noqa: BLE001 - a broken config must not break the shell
        configured = None
    root = Path(configured or ".")
    return root / "templates" if (root / "templates").is_dir() else root


def _safe(func):
    def complete(context, parameter, incomplete):
        try:
            return [name for name in func() if name.startswith(incomplete)]
        except Exception:  # noqa: BLE001
            return []

    return complete


@_safe
def template_ids():
    root = _templates_root()
    ids = set()
    for file in root.glob("*/*/**/*.j2"):
        parts = file.relative_to(root).parts
        ids.add("/".join((*parts[1:-1], parts[-1].split(".")[0])))
    return sorted(ids)


@_safe
def locales():
    root = _templates_root()
    found = sorted(d.name for d in root.iterdir() if d.is_dir() and not d.name.startswith(".")) if root.is_dir() else []
    return found or ["en", "ko"]


@_safe
def rule_ids():
    from msglint.checks.rulebook import rule_files  # on every Tab: only what completing this name needs

    ids = set()
    for path in rule_files():
        ids.update(_RULE_ID.findall(path.read_text(encoding="utf-8")))
    return sorted(ids)


@_safe
def sequences():
    folder = _templates_root().resolve().parent / "sequences"
    return sorted(p.stem for p in folder.glob("*.y*ml"))
