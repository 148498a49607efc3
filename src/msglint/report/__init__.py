"""Output formats: one small module each, all taking a Report."""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "json_format"}


def write(report, fmt: str, stream, *, kind: str = "lint", label: str | None = None) -> None:
    importlib.import_module(f"msglint.report.{FORMATS[fmt]}").write(report, stream, kind=kind, label=label)
