"""Lead data files for batch rendering: CSV (UTF-8, UTF-8 with BOM or CP949, as Excel writes
them in Korea), JSON Lines, and YAML or JSON lists. Rows come with the number a person would look
for: the spreadsheet row for CSV (the header is row 1), the line for JSON Lines, the item for lists.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from msglint import safe_yaml
from msglint.errors import DataError


@dataclass
class LeadFile:
    path: str
    encoding: str | None  # what CSV text was read as
    columns: list | None  # CSV header; None for formats without one
    rows: list  # (row number, mapping or an error text)


def _decode(raw: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataError(f"{path}: cannot read it as {encoding}: {exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949"), "CP949"
    except UnicodeDecodeError:
        raise DataError(f"{path}: neither UTF-8 nor CP949; name the encoding with --encoding") from None


def read(path: str, encoding: str | None = None) -> LeadFile:
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read it ({exc.strerror})") from None
    suffix = file.suffix.lower()
    text, used = _decode(raw, path, encoding)
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [c.strip() for c in (reader.fieldnames or [])]
        if not columns:
            raise DataError(f"{path}: no header row; the first row names the variables (name, topic, ...)")
        reader.fieldnames = columns
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row:
                rows.append((number, f"has {len(row[None])} more cells than the header has columns"))
                continue
            rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
        return LeadFile(path, used, columns, rows)
    if suffix in (".jsonl", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((number, f"not valid JSON: {exc.msg}"))
                continue
            rows.append((number, value if isinstance(value, dict) else "not a JSON object"))
        return LeadFile(path, None, None, rows)
    if suffix in (".yaml", ".yml", ".json"):
        try:
            data = json.loads(text) if suffix == ".json" else safe_yaml.load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise DataError(f"{path}: not valid {'JSON' if suffix == '.json' else 'YAML'}: {exc}") from None
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise DataError(f"{path}: expected a list of leads (mappings)")
        return LeadFile(path, None, None, [(i, v if isinstance(v, dict) else "not a mapping")
                                           for i, v in enumerate(data, start=1)])
    raise DataError(f"{path}: unknown lead file type; use .csv, .jsonl, .yaml or .json")
