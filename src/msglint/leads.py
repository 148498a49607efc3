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
from msglint.i18n import _


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
            raise DataError(_("{path}: cannot read it as {encoding}: {problem}", path=path, encoding=encoding, problem=exc)) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            line = raw[:exc.start + 3].count(b"\n") + 1
            raise DataError(_("{path}: starts with a UTF-8 mark (BOM) but line {line} is not UTF-8; save the whole "
                              "file as UTF-8, or name its encoding with --encoding", path=path, line=line)) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949"), "CP949"
    except UnicodeDecodeError:
        raise DataError(_("{path}: neither UTF-8 nor CP949; name the encoding with --encoding", path=path)) from None


# A cell may hold up to this many characters before the row fails (a lead's value is far shorter;
# see data.MAX_VALUE). The csv module's own default of 128 KiB would end the whole file instead.
MAX_CELL = 1 << 20


def _csv_rows(text: str, path: str) -> tuple[list, list]:
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataError(_("{path}: the header row cannot be read as CSV ({problem})", path=path, problem=exc)) from None
    columns = [c.strip() for c in (header or [])]
    if not any(columns):
        raise DataError(_("{path}: no header row; the first row names the variables (name, topic, ...)", path=path))
    seen: dict[str, int] = {}
    for position, name in enumerate(columns, start=1):
        if name in seen:
            raise DataError(_("{path}: the header names '{name}' twice (columns {first} and {second}); rename or "
                              "remove one, or msglint cannot tell which value to use", path=path, name=name,
                              first=seen[name], second=position))
        seen[name] = position
    rows: list = []
    number = 1
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            if "unexpected end of data" in str(exc):
                rows.append((number, _("a quote (\") opened on line {start} is never closed, so every line from there to the "
                                       "end ({end}) was read as one cell; close the quote", start=start_line,
                                       end=reader.line_num)))
                break
            rows.append((number, _("cannot be read as CSV: {problem}", problem=exc)))
            continue
        number += 1
        if not any(c.strip() for c in cells):
            number -= 1  # a blank line is not a lead
            continue
        if len(cells) > len(columns):
            rows.append((number, _("has {count} more cells than the header has columns", count=len(cells) - len(columns))))
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(columns)}
        swallowed = _swallowed_rows(row, len(columns))
        if swallowed:
            rows.append((number, _("cell '{cell}' spans lines {start}–{end} that look like rows of their own: a quote is "
                                   "probably not closed where it should be", cell=swallowed, start=start_line,
                                   end=reader.line_num)))
            continue
        rows.append((number, row))
    return columns, rows


def _swallowed_rows(row: dict, width: int) -> str | None:
    """The column whose multi-line cell holds a line shaped like (most of) a CSV row, if any: the
    mark of a quote opened by mistake and closed, much later, by another one."""
    if width < 3:
        return None
    for name, value in row.items():
        if "\n" in value and any(line.count(",") >= max(2, width - 2) for line in value.split("\n")):
            return name
    return None


def read(path: str, encoding: str | None = None) -> LeadFile:
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(_("{path}: no such file", path=path)) from None
    except OSError as exc:
        raise DataError(_("{path}: cannot read it ({reason})", path=path, reason=exc.strerror)) from None
    suffix = file.suffix.lower()
    text, used = _decode(raw, path, encoding)
    if suffix == ".csv":
        columns, rows = _csv_rows(text, path)
        return LeadFile(path, used, columns, rows)
    if suffix in (".jsonl", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((number, _("not valid JSON: {problem}", problem=exc.msg)))
                continue
            rows.append((number, value if isinstance(value, dict) else _("not a JSON object")))
        return LeadFile(path, None, None, rows)
    if suffix in (".yaml", ".yml", ".json"):
        try:
            data = json.loads(text) if suffix == ".json" else safe_yaml.load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise DataError(_("{path}: not valid {format}: {problem}", path=path, problem=exc,
                                        format="JSON" if suffix == ".json" else "YAML")) from None
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise DataError(_("{path}: expected a list of leads (mappings)", path=path))
        return LeadFile(path, None, None, [(i, v if isinstance(v, dict) else _("not a mapping"))
                                           for i, v in enumerate(data, start=1)])
    raise DataError(_("{path}: unknown lead file type; use .csv, .jsonl, .yaml or .json", path=path))
