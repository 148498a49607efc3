"""Output formats: one small module each, all taking a Report."""

from __future__ import annotations

import importlib
import os
import sys

FORMATS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "junit": "junit"}
CHOICES = ["auto", *FORMATS]


def resolve(fmt: str) -> str:
    """``auto``: GitHub annotations inside GitHub Actions, text anywhere else."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def write(report, fmt: str, stream, *, kind: str = "lint", label: str | None = None, rules=None) -> None:
    module = importlib.import_module(f"msglint.report.{FORMATS[resolve(fmt)]}")
    module.write(report, stream, kind=kind, label=label, rules=rules)


def needs_rules(fmt: str) -> bool:
    return resolve(fmt) == "sarif"
