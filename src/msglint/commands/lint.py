"""``msglint lint``: every template of a pack, rendered with its sample and checked, and the
sequences beside it."""

from __future__ import annotations

import click

from msglint.checks.rulebook import rule_files
from msglint.commands.common import CONFIG, NO_CACHE, REPORT_FORMAT, SELECT, emit, fails_cleanly, ruleset_for, run_config
from msglint.i18n import _
from msglint.results import Report
from msglint.run.changed import changed_templates
from msglint.run.lint import lint_paths
from msglint.run.result_cache import ResultCache
from msglint.support import cache_dir, cores


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@REPORT_FORMAT
@CONFIG
@SELECT
@NO_CACHE
@click.option("--changed", is_flag=False, flag_value="", default=None, metavar="[REF]",
              help="Only templates changed since REF (default: the merge base with main), with the same id in every locale.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for big packs (default: one per CPU core this process may use).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even with error findings (for a report such as SARIF; usage and internal errors still fail).")
@fails_cleanly
def lint(paths, fmt, config_path, no_cache, changed, jobs, exit_zero):
    """Lint the pack(s) under PATH: a project, a templates folder, or template files."""
    if no_cache:
        cache_dir.turn_off()
    config = run_config(config_path)
    cache = ResultCache.for_run(rule_files(config.rules), config.file, extra=repr(sorted(config.given)).encode())
    if not paths:
        paths = (config.templates or ".",)
    if changed is not None:
        watched = [*rule_files(config.rules), *([config.file] if config.file else [])]
        paths = changed_templates(paths, changed or None, watched, echo=lambda text: click.echo(text, err=True))
        if not paths:
            click.echo(_("msglint: no templates changed"), err=True)
            emit(Report([]), fmt, "lint", config=config)
    report = lint_paths(paths, lambda: ruleset_for(config), cache, jobs=jobs or cores.usable(), config=config)
    emit(report, fmt, "lint", config=config, exit_zero=exit_zero)
