"""CPython's private regex internals are read in one module (msglint.support.internals), and
without them every message gets the same findings: the guards, the skipped scans and the kept
engine code are speed, never a verdict."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PRIVATE = {"_sre", "sre_parse", "sre_compile", "sre_constants", "_sha1", "re._parser", "re._compiler",
           "re._constants", "re._casefix"}

# Checks every corpus text (every 2nd one: the families repeat) and prints the findings. With
# "missing" the private names are taken away before any rule is compiled; with "broken" the parser
# is there but fails on every pattern, as a changed one would.
SCRIPT = """
import json, sys
from msglint.support import internals
if sys.argv[1] == "missing":
    internals.parser = internals.ops = internals.engine_code = internals._sre = None
elif sys.argv[1] == "broken":
    class Parser:
        @staticmethod
        def parse(pattern, flags=0):
            raise TypeError("the parser changed")
    internals.parser = Parser
    internals.engine_code = None
from msglint import check
cases = json.loads(sys.stdin.read())
print(json.dumps([[f.to_dict() for f in check(text, **context)] for text, context in cases], sort_keys=True))
"""


def _cases() -> list:
    import yaml

    keys = ("channel", "locale", "purpose", "audience", "stage", "register", "subject")
    out = []
    for path in sorted((REPO / "tests" / "corpus").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = data.get("defaults") or {}
        for case in data.get("cases", []):
            if isinstance(case.get("text"), str):
                full = {**defaults, **case}
                context = {k: full[k] for k in keys if k in full}
                context.setdefault("channel", "sms")
                context.setdefault("locale", "en")
                out.append([case["text"], context])
    return out[::2]


def _findings(mode: str, cases: list) -> list:
    env = {**os.environ, "MSGLINT_NO_CACHE": "1", "LANG": "C.UTF-8"}  # nothing kept from another run
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], input=json.dumps(cases), capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.slow  # every second corpus text, checked in two processes of their own
@pytest.mark.parametrize("mode", ["missing", "broken"])
def test_without_the_private_internals_every_finding_is_the_same(mode):
    cases = _cases()
    assert len(cases) > 300
    assert _findings(mode, cases) == _findings("present", cases)


def test_the_fallback_for_cased_characters_errs_on_the_safe_side(monkeypatch):
    """A character taken for caseless lets the word scan skip a rule: without _sre, any character
    with another case or a case fold counts as cased (never the reverse of _sre's answer)."""
    from msglint.support import internals

    with_sre = {ch for ch in map(chr, range(0x30000)) if internals.is_cased(ch)}
    monkeypatch.setattr(internals, "_sre", None)
    without = {ch for ch in map(chr, range(0x30000)) if internals.is_cased(ch)}
    assert with_sre <= without


def test_no_other_module_imports_a_private_name_of_the_standard_library():
    found = []
    for path in (REPO / "src" / "msglint").rglob("*.py"):
        if path.name == "internals.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [f"{path.relative_to(REPO)}: {n}" for n in names if n in PRIVATE]
    assert found == []
