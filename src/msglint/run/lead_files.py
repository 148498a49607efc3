"""Lead data files for batch rendering: CSV (UTF-8, UTF-8 with BOM or CP949, as Excel writes
them in Korea), JSON Lines, and YAML or JSON lists. Rows come with the number a person would look
for: the spreadsheet row for CSV (the header is row 1), the line for JSON Lines, the item for lists.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from msglint.support import safe_yaml
from msglint.errors import DataError
from msglint import i18n
from msglint.i18n import _
from msglint.render.lead_data import json_strict


@dataclass
class LeadFile:
    path: str
    encoding: str | None  # what CSV text was read as
    columns: list | None  # CSV header; None for formats without one
    rows: Iterable  # (row number, mapping or an error text), read as they are used
    total: int | None = None  # how many rows at most (lines of the file), for a progress bar


CHUNK = 1 << 20


def _encoding(path: str, encoding: str | None) -> tuple[str, str, int]:
    """(Python codec, what to call it, number of lines) after one pass over the file in chunks, so
    a million-row file is checked without being held in memory. A file that is not UTF-8 (with or
    without a BOM) is read as CP949, as Excel saves CSV in Korea."""
    candidates = [(encoding, encoding)] if encoding else [("utf-8-sig", "UTF-8"), ("cp949", "CP949")]
    for codec, label in candidates:
        try:
            decoder = codecs.getincrementaldecoder(codec)()
        except LookupError as exc:
            raise DataError(_("{path}: cannot read it as {encoding}: {problem}", path=path, encoding=encoding,
                              problem=exc)) from None
        lines, offset, bom = 0, 0, False
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    if offset == 0 and chunk.startswith(codecs.BOM_UTF8):
                        bom = True
                    decoder.decode(chunk)
                    lines += chunk.count(b"\n")
                    offset += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            if encoding:
                raise DataError(_("{path}: cannot read it as {encoding}: {problem}", path=path, encoding=encoding,
                                  problem=exc)) from None
            if bom:  # the bytes the decoder was given: lines before this chunk, then up to the bad byte
                line = lines + exc.object[:exc.start].count(b"\n") + 1
                raise DataError(_("{path}: starts with a UTF-8 mark (BOM) but line {line} is not UTF-8; save the whole "
                                  "file as UTF-8, or name its encoding with --encoding", path=path, line=line)) from None
            continue
        if codec == "utf-8-sig" and bom:
            label = "UTF-8 with BOM"
        return codec, label, lines
    raise DataError(_("{path}: neither UTF-8 nor CP949; name the encoding with --encoding", path=path))


# A cell may hold up to this many characters before the row fails (a lead's value is far shorter;
# see data.MAX_VALUE). The csv module's own default of 128 KiB would end the whole file instead.
MAX_CELL = 1 << 20


def _csv_rows(path: str, codec: str) -> tuple[list, Iterator]:
    """The header, read now (a bad one stops the batch), and the rows, read one by one."""
    csv.field_size_limit(MAX_CELL)
    handle = open(path, encoding=codec, newline="")
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader, None)
        columns = _columns(header, path)
    except csv.Error as exc:
        handle.close()
        raise DataError(_("{path}: the header row cannot be read as CSV ({problem})", path=path, problem=exc)) from None
    except DataError:
        handle.close()
        raise
    return columns, _csv_body(handle, reader, columns)


def _columns(header, path) -> list:
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
    return columns


def _csv_body(handle, reader, columns) -> Iterator:
    with handle:
        yield from _csv_lines(reader, columns)


def _csv_lines(reader, columns) -> Iterator:
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
                yield number, _("a quote (\") opened on line {start} is never closed, so every line from there to the "
                                "end ({end}) was read as one cell; close the quote", start=start_line, end=reader.line_num)
                break
            yield number, _("cannot be read as CSV: {problem}", problem=exc)
            continue
        number += 1
        if not any(c.strip() for c in cells):
            number -= 1  # a blank line is not a lead
            continue
        if len(cells) > len(columns):
            yield number, _("has {count} more cells than the header has columns", count=len(cells) - len(columns))
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(columns)}
        swallowed = _swallowed_rows(row, len(columns))
        if swallowed:
            yield number, _("cell '{cell}' spans lines {start}–{end} that look like rows of their own: a quote is "
                            "probably not closed where it should be", cell=swallowed, start=start_line,
                            end=reader.line_num)
            continue
        yield number, row


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
    """The lead file at ``path``; CSV and JSON Lines rows are read as the batch uses them, so
    memory does not grow with the number of leads (a YAML or JSON list is one document and is
    read whole)."""
    file = Path(path)
    if not file.exists():
        raise DataError(_("{path}: no such file", path=path))
    if file.suffix.lower() == ".parquet":
        return _parquet(path)
    try:
        codec, label, lines = _encoding(path, encoding)
    except OSError as exc:
        raise DataError(_("{path}: cannot read it ({reason})", path=path, reason=exc.strerror)) from None
    suffix = file.suffix.lower()
    if suffix == ".csv":
        columns, rows = _csv_rows(path, codec)
        return LeadFile(path, label, columns, rows, total=max(lines, 1))
    if suffix in (".jsonl", ".ndjson"):
        return LeadFile(path, None, None, _json_lines(path, codec), total=lines + 1)
    if suffix in (".yaml", ".yml", ".json"):
        text = file.read_text(encoding=codec)
        try:
            data = json_strict(text) if suffix == ".json" else safe_yaml.load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise DataError(_("{path}: not valid {format}: {problem}", path=path, problem=exc,
                              format="JSON" if suffix == ".json" else "YAML")) from None
        except RecursionError:
            raise DataError(_("{path}: nested too deeply to be lead data (a lead is a mapping of values)",
                              path=path)) from None
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise DataError(_("{path}: expected a list of leads (mappings)", path=path))
        rows = [(i, v if isinstance(v, dict) else _("not a mapping")) for i, v in enumerate(data, start=1)]
        return LeadFile(path, None, None, rows, total=len(rows))
    raise DataError(_("{path}: unknown lead file type; use .csv, .jsonl, .parquet, .yaml or .json", path=path))


def _json_lines(path: str, codec: str) -> Iterator:
    with open(path, encoding=codec, newline=None) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json_strict(line)
            except json.JSONDecodeError as exc:
                yield number, _("not valid JSON: {problem}", problem=i18n.library(exc.msg))
                continue
            except RecursionError:  # one row nested thousands deep: that row fails, the batch goes on
                yield number, _("nested too deeply to be a lead (a lead is a mapping of values)")
                continue
            yield number, value if isinstance(value, dict) else _("not a JSON object")


PARQUET_BATCH = 4096  # rows read at a time: a row group may be far larger than memory should hold


def _parquet(path: str) -> LeadFile:
    """A Parquet export from a warehouse or CRM, read a batch of rows at a time (pyarrow, the
    ``msglint[parquet]`` extra). Rows are numbered from 1, as a data tool shows them."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DataError(_("{path}: reading Parquet needs pyarrow: pip install 'msglint[parquet]'", path=path)) from None
    try:
        reader = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a damaged file
        raise DataError(_("{path}: not a readable Parquet file: {problem}", path=path, problem=exc)) from None
    return LeadFile(path, None, list(reader.schema_arrow.names), _parquet_rows(reader), total=reader.metadata.num_rows)


def _parquet_rows(reader) -> Iterator:
    number = 0
    for batch in reader.iter_batches(batch_size=PARQUET_BATCH):
        for row in batch.to_pylist():
            number += 1
            yield number, {k: ("" if v is None else v) for k, v in row.items()}
