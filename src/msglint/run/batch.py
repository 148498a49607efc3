"""``msglint render ID --data leads.csv --out rendered.jsonl``: one message per lead.

Every row is accounted for: rendered, or failed with its row number and field, and the summary
adds up. The output appears whole or not at all (written to a temporary file, then renamed).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from functools import partial
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from msglint.checks.engine import check_message, keep
from msglint.render.lead_data import lead_values, missing_required
from msglint.errors import DataError, MsglintError
from msglint.run.lead_files import read
from msglint.render.jinja import RenderError
from msglint.render.lead import render_message
from msglint.support.terminal import for_stream
from msglint.support import cores, pool
from msglint import i18n, languages
from msglint.i18n import _
from msglint.support.atomic import is_special, same_file, writing


@dataclass
class Summary:
    rendered: int = 0
    failed: int = 0
    seconds: float = 0.0
    internal: int = 0  # rows that failed on a bug in msglint, not on their data

    @property
    def total(self) -> int:
        return self.rendered + self.failed


def check_out(out: str, inputs=()) -> Path:
    """The output file's path, or a clear error before any lead is read: never one of the files
    the run reads (``inputs``), which it would overwrite with its own output."""
    if not out or not out.strip():
        raise MsglintError(_("--out needs a file name, e.g. --out rendered.jsonl"))
    target = Path(out)
    for source in inputs:
        if source and same_file(target, source):
            raise MsglintError(_("--out {out} is {source}, which this run reads: write the messages to another file",
                                 out=out, source=source))
    if target.is_dir():
        raise MsglintError(_("--out {out}: is a folder; name a file in it, e.g. {example}", out=out,
                             example=target / "rendered.jsonl"))
    folder = target.parent
    if not folder.is_dir():
        raise MsglintError(_("--out {out}: the folder {folder}/ does not exist; create it first", out=out, folder=folder))
    if is_special(target):
        return target  # a device or a FIFO: written through, so its folder need not be writable
    if not os.access(folder, os.W_OK):
        raise MsglintError(_("--out {out}: cannot write in {folder}/", out=out, folder=folder))
    return target


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}.msglint-"


def _remove_stale(target: Path) -> None:
    """Remove what a killed run left beside ``target`` (it may hold lead data), unless its
    process is still running."""
    for stale in target.parent.glob(_tmp_prefix(target) + "*.tmp"):
        pid = stale.name[len(_tmp_prefix(target)):].split(".", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        try:
            stale.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def _atomic(out: str | None):
    if out is None:
        yield sys.stdout
        return

    target = check_out(out)
    if not is_special(target):
        _remove_stale(target)
    with writing(target, prefix=f"{_tmp_prefix(target)}{os.getpid()}.") as handle:
        yield handle


def _progress(total: int):
    """A progress bar for a person at a terminal; nothing in CI logs or pipes."""
    if total < 200 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.progress import Progress

    return Progress(transient=True)


def render_batch(template, ruleset, data_file: str, out: str | None, encoding: str | None, echo,
                 defaults: dict | None = None, fmt: str = "json", jobs: int | None = None) -> Summary:
    """Render every lead of ``data_file``; ``defaults`` fill what a row leaves empty (the sender's
    name, the company): a lead's own value always wins. ``jobs`` worker processes share the work
    (default: every core for a large file); the output keeps the order of the input."""
    if out is not None:
        check_out(out, inputs=(data_file,))
    defaults = defaults or {}
    leads = read(data_file, encoding)
    if leads.columns is not None:
        missing = missing_required(template.meta.variables, [*leads.columns, *defaults])
        if missing:
            raise DataError(_("{file} has no column for {missing} (its columns: {columns}); {template} needs them "
                              "on every row (or give a value for every lead with --var {first}=...)", file=data_file,
                              missing=", ".join(missing), columns=", ".join(leads.columns), template=template.id,
                              first=missing[0]))
    if leads.encoding:
        echo(_("msglint: read {file} as {encoding}", file=data_file, encoding=leads.encoding))
    summary = Summary()
    start = time.perf_counter()
    progress = _progress(leads.total or 0)
    jobs = jobs or (cores.usable() if (leads.total or 0) >= PARALLEL_ROWS else 1)
    _STATE.update(template=template, ruleset=ruleset, defaults=defaults, language=i18n.explicit())
    with _atomic(out) as stream:
        task = None
        if progress:
            progress.start()
            task = progress.add_task(str(_("rendering {template}", template=template.id)), total=leads.total)
        try:
            for number, status, error, written in _rendered(leads.rows, jobs, fmt):
                if status == "ok":
                    summary.rendered += 1
                else:
                    summary.failed += 1
                    if status == "internal":
                        summary.internal += 1
                        echo(_("msglint: {file} row {row}: {problem}; please report it", file=data_file, row=number,
                               problem=error))
                    else:
                        echo(_("msglint: {file} row {row}: {problem}", file=data_file, row=number, problem=error))
                stream.write(for_stream(written, stream) if fmt == "text" else written)
                if progress:
                    progress.advance(task)
        finally:
            if progress:
                progress.stop()
            _STATE.clear()
    summary.seconds = time.perf_counter() - start
    return summary


# From this many rows a batch uses every core by default: below it, starting workers costs more
# than it saves (bench/batch.py measures both).
PARALLEL_ROWS = 2000
# Rows a worker takes at a time, and how many such chunks may be out at once: memory holds a few
# chunks, never the whole file, and a worker finds the next chunk waiting when it finishes one.
CHUNK = 200
IN_FLIGHT_PER_JOB = 4
_STATE: dict = {}  # what the workers render with, set before they fork so it is shared, not pickled


def _rendered(rows, jobs: int, fmt: str = "json"):
    """(row number, "ok" | "failed" | "internal", the error or None, the output text) in input order.

    Workers send back the text to write, not the row's data: the parent only reads the leads and
    writes, so it does not become the bottleneck the workers wait on."""
    rows = iter(rows)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in rows:
            yield _written(item, fmt)
        return
    # The first lead is rendered here, before the fork: Kiwi, the template's analysis and every
    # memo it fills are then shared copy-on-write by the workers instead of built once by each.
    first = next(rows, None)
    if first is None:
        return
    written = _written(first, fmt)
    yield written
    if written[1] != "ok" and languages.primary(_STATE["template"].locale) == "ko":
        from msglint.korean.morph import kiwi  # Kiwi: loaded only for Korean

        kiwi()  # the first lead failed before its analysis: load the model here, not in each worker
    yield from pool.stream_map(partial(_written_chunk, fmt=fmt), rows, jobs, CHUNK, IN_FLIGHT_PER_JOB)


def _written_chunk(chunk, fmt):
    return [_written(item, fmt) for item in chunk]


def _written(item, fmt):
    number, row = item
    line, status = _render_row(number, row)
    text = _text_line(line) if fmt == "text" else json.dumps(line, ensure_ascii=False, default=str) + "\n"
    return number, status, line.get("error"), text


def _render_row(number, row) -> tuple[dict, str]:
    template, ruleset, defaults = _STATE["template"], _STATE["ruleset"], _STATE["defaults"]
    i18n.configure(_STATE.get("language"))
    line = {"row": number, "template": template.id, "locale": template.locale}
    try:
        if not isinstance(row, dict):  # the reader's reason why the row is unusable
            raise DataError(row)
        values = lead_values(template.meta.variables, _with_defaults(row, defaults))
        message = render_message(template, values, with_sample=False)
        message.measure(ruleset.settings)
        findings = keep(ruleset, check_message(ruleset, message, with_location=False))
        line.update(subject=message.subject, body=message.body,
                    **({"html": message.html} if message.html is not None else {}),
                    facts=message.facts, findings=[f.to_dict() for f in findings])
        return line, "ok"
    except (DataError, RenderError) as exc:
        line["error"] = str(exc)
        return line, "failed"
    except Exception as exc:  # noqa: BLE001 - a bug must not cost the other leads
        line["error"] = str(_("internal error (a bug in msglint): {error}", error=f"{type(exc).__name__}: {exc}"))
        return line, "internal"


def _with_defaults(row: dict, defaults: dict) -> dict:
    """The lead's values, with a default wherever the lead has none (an empty cell included)."""
    if not defaults:
        return row
    merged = dict(row)
    for key, value in defaults.items():
        if merged.get(key) in ("", None):
            merged[key] = value
    return merged


def _text_line(line: dict) -> str:
    """One lead as a person reads it (``--format text``): the row, the message, its findings."""
    head = f"── row {line['row']} · {line['template']} [{line['locale']}]"
    if "error" in line:
        return f"{head}\n   failed: {line['error']}\n\n"
    parts = [head]
    if line.get("subject"):
        parts.append(f"Subject: {line['subject']}")
    parts.append(line["body"])
    for f in line["findings"]:
        parts.append(f"   {f['severity']} {f['rule']}: {f['message']}")
    return "\n".join(parts) + "\n\n"
