"""``msglint render ID --data leads.csv --out rendered.jsonl``: one message per lead.

Every row is accounted for: rendered, or failed with its row number and field, and the summary
adds up. The output appears whole or not at all (written to a temporary file, then renamed).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from msglint.engine import check_message, keep
from msglint.data import lead_values, missing_required
from msglint.errors import DataError
from msglint.leads import read
from msglint.render import RenderError
from msglint.runner import render_message


@dataclass
class Summary:
    rendered: int = 0
    failed: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.rendered + self.failed


@contextmanager
def _atomic(out: str | None):
    if out is None:
        yield sys.stdout
        return
    target = Path(out)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _progress(total: int):
    """A progress bar for a person at a terminal; nothing in CI logs or pipes."""
    if total < 200 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.progress import Progress

    return Progress(transient=True)


def render_batch(template, ruleset, data_file: str, out: str | None, encoding: str | None, echo) -> Summary:
    leads = read(data_file, encoding)
    if leads.columns is not None:
        missing = missing_required(template.meta.variables, leads.columns)
        if missing:
            raise DataError(f"{data_file} has no column for {', '.join(missing)} (its columns: "
                            f"{', '.join(leads.columns)}); {template.id} needs them on every row")
    if leads.encoding:
        echo(f"msglint: read {data_file} as {leads.encoding}")
    summary = Summary()
    start = time.perf_counter()
    progress = _progress(len(leads.rows))
    with _atomic(out) as stream:
        task = None
        if progress:
            progress.start()
            task = progress.add_task(f"rendering {template.id}", total=len(leads.rows))
        try:
            for number, row in leads.rows:
                line = {"row": number, "template": template.id, "locale": template.locale}
                try:
                    if isinstance(row, str):
                        raise DataError(row)
                    message = render_message(template, lead_values(template.meta.variables, row), with_sample=False)
                    message.measure(ruleset.settings)
                    findings = keep(ruleset, check_message(ruleset, message, with_location=False))
                    line.update(subject=message.subject, body=message.body, facts=message.facts,
                                findings=[f.to_dict() for f in findings])
                    summary.rendered += 1
                except (DataError, RenderError) as exc:
                    line["error"] = str(exc)
                    summary.failed += 1
                    echo(f"msglint: {data_file} row {number}: {exc}")
                stream.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
                if progress:
                    progress.advance(task)
        finally:
            if progress:
                progress.stop()
    summary.seconds = time.perf_counter() - start
    return summary
