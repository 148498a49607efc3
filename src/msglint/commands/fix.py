"""``msglint fix``: apply fixes to template sources, or show them as a diff.

Exit codes: with ``--diff``, 1 when there is something to fix (so CI can ask for it) and 0 when
not; when writing, 1 when error-severity findings are left after fixing, like ``msglint lint``.
"""

from __future__ import annotations

import codecs
import difflib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import click

from msglint import i18n
from msglint.template import pack
from msglint.findings import count
from msglint.fixes.apply import fix_template
from msglint.i18n import _
from msglint.commands.common import CONFIG, FORMAT, SELECT, fails_cleanly, setup
from msglint.template.index import PackIndex
from msglint.support.atomic import replacing
from msglint.fixes.apply import fix_message


def fix_paths(paths, config, ruleset, unsafe: bool, diff: bool, fmt: str) -> int:
    index = PackIndex(config.stages)
    outcomes = []
    for path, root in pack.discover(paths or (config.templates or ".",)):
        if not path.name.endswith(pack.SUFFIX):
            continue
        seen = _stat(path)  # before it is read: an edit made while it is fixed shows against this
        outcome = fix_template(path, root, ruleset, index, unsafe, config.stages)
        outcomes.append(outcome)
        if outcome.changed and not diff and not write_through(path, outcome.after, seen):
            outcome.problem = _("not written: the file changed while it was being fixed; run msglint fix again")
    if fmt == "json":
        _json(outcomes, diff)
    else:
        _text(outcomes, diff)
    if diff:
        return 1 if any(o.changed for o in outcomes) else 0
    return 1 if any(f.severity == "error" for o in outcomes for f in o.findings) else 0


def _stat(path: Path):
    try:
        return os.stat(path)
    except OSError:
        return None


def write_through(path: Path, text: str, seen) -> bool:
    """Write the fixed template where the user's file really is, keeping what they own: through a
    symlink (the link stays a link), and into the same file (its owner, group, mode and hard links
    kept) unless it is a plain file of our own, which is replaced in one step. False, and nothing
    written, when the file changed since ``seen`` (the user edited it while it was fixed)."""
    target = path.resolve()
    now = _stat(target)
    if now is None or seen is None or (now.st_mtime_ns, now.st_size) != (seen.st_mtime_ns, seen.st_size):
        return False
    with open(target, "rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            text = "\ufeff" + text  # the file keeps the byte-order mark it was saved with
    if now.st_nlink == 1 and now.st_uid == os.geteuid():
        with replacing(target, mode=now.st_mode & 0o7777, newline="") as handle:
            handle.write(text)
        try:
            os.chown(target, -1, now.st_gid)  # the group it had, where the user may set it
        except OSError:
            pass
        return True
    # Someone else's file, or one with other names (hard links): rewritten in place, so it stays
    # the same file for everyone; the text is complete before the file is opened.
    with open(target, "r+", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.truncate()
    return True


def unified(outcome) -> str:
    name = outcome.display
    return "".join(difflib.unified_diff(outcome.before.splitlines(keepends=True), outcome.after.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def _tally(edits) -> str:
    counts = Counter(e.rule for e in edits)
    return ", ".join(rule if n == 1 else f"{rule} ×{n}" for rule, n in sorted(counts.items()))


def _text(outcomes, diff: bool) -> None:
    for o in outcomes:
        if diff and o.changed:
            click.echo(unified(o), nl=False)
        with i18n.reading(o.locale):
            for line in _notes(o, diff):
                click.echo(line, err=True)
    fixed = sum(len(o.applied) for o in outcomes)
    files = sum(1 for o in outcomes if o.changed)
    held = sum(1 for o in outcomes for s in o.skipped if s.held)
    left = count(f for o in outcomes for f in o.findings)
    if diff:
        line = _("msglint: would fix {fixed} findings in {files} of {total} templates", fixed=fixed, files=files,
                 total=len(outcomes))
    else:
        line = _("msglint: fixed {fixed} findings in {files} of {total} templates; left: {errors} errors, "
                 "{warnings} warnings", fixed=fixed, files=files, total=len(outcomes), **left)
    if held:
        line = _("{line} ({held} more with --unsafe)", line=line, held=held)
    languages = {i18n.language_of(o.locale) for o in outcomes}
    click.echo(i18n.said_for(languages.pop() if len(languages) == 1 else None, line), err=True)


def _notes(o, diff: bool):
    if o.problem:
        yield f"{o.display}: {o.problem}"
    if o.applied:
        said = _("would fix {rules}", rules=_tally(o.applied)) if diff else _("fixed {rules}", rules=_tally(o.applied))
        yield f"{o.display}: {said}"
    for s in o.skipped:
        if not s.held:
            where = f"{o.display}:{s.line}" if s.line else o.display
            yield str(_("{where}: {rule} not fixed: {reason}", where=where, rule=s.rule, reason=s.reason))


def _json(outcomes, diff: bool) -> None:
    items = []
    for o in outcomes:
        item = {
            "path": o.display, "changed": o.changed,
            "fixed": [{"rule": e.rule, "line": e.line, "action": e.action, "safety": e.safety, "text": e.text}
                      for e in o.applied],
            "skipped": [{"rule": s.rule, "line": s.line, "reason": str(s.reason)} for s in o.skipped],
            "remaining": count(o.findings),
        }
        if o.problem:
            item["problem"] = str(o.problem)
        if diff:
            item["diff"] = unified(o)
        items.append(item)
    summary = {"fixed": sum(len(o.applied) for o in outcomes), "changed": sum(1 for o in outcomes if o.changed),
               "templates": len(outcomes), **count(f for o in outcomes for f in o.findings)}
    json.dump({"templates": items, "summary": summary}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def check_fix(results_input, ruleset, unsafe: bool, context: dict) -> int:
    """``msglint check --fix``: print each message fixed; what is left goes to stderr."""
    worst = 0
    for text, path in results_input:
        newline = "\n" if text.endswith("\n") else ""
        body = text[:-1] if newline else text
        outcome = fix_message(body, ruleset, unsafe, path=path, **context)
        if len(results_input) > 1:
            click.echo(f"==> {path or '<stdin>'} <==")
        click.echo(outcome.after + newline, nl=False)
        if outcome.applied:
            click.echo(_("{where}: fixed {rules}", where=path or "<stdin>", rules=_tally(outcome.applied)), err=True)
        for s in outcome.skipped:
            click.echo(_("{where}: {rule} not fixed: {reason}", where=path or "<stdin>", rule=s.rule, reason=s.reason),
                       err=True)
        for f in outcome.findings:
            click.echo(f"{path or '<stdin>'}: {f.severity}: [{f.rule}] {f.message}", err=True)
        if any(f.severity == "error" for f in outcome.findings):
            worst = 1
    return worst


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 if there are any).")
@click.option("--unsafe", is_flag=True, help="Also apply fixes that change wording, not just markers, quotes and spacing.")
@FORMAT
@CONFIG
@SELECT
@fails_cleanly
def fix(paths, diff, unsafe, fmt, config_path):
    """Apply rule fixes to template sources: never inside {{ }} or {% %}, never to front matter.

    \b
    A fix is kept only if the template still renders and lints no worse. Exit codes: with --diff,
    1 when there is something to fix; else 1 when error findings are left after fixing.
    """
    config, ruleset = setup(config_path)
    sys.exit(fix_paths(paths, config, ruleset, unsafe, diff, fmt))
