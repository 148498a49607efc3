"""``msglint lint``: every template of a pack, rendered with its sample and checked, and the
sequences beside it."""

from __future__ import annotations

import os

import click

from msglint.checks.rulebook import rule_files
from msglint.commands.common import (
    CONFIG, NO_CACHE, REPORT_FORMAT, SELECT, STATISTICS, emit, fails_cleanly, ruleset_for, run_config, show,
)
from msglint.errors import MsglintError
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
@STATISTICS
@click.option("--watch", is_flag=True, help="Lint again whenever a template, sequence, rule file or the config is saved "
                                              "(Ctrl-C to stop).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even with error findings (for a report such as SARIF; usage and internal errors still fail).")
@fails_cleanly
def lint(paths, fmt, config_path, no_cache, changed, jobs, statistics, watch, exit_zero):
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
            emit(Report([]), fmt, "lint", config=config, statistics=statistics)
    if watch:
        _watch(paths, config_path, fmt, statistics, jobs)
    report = lint_paths(paths, lambda: ruleset_for(config), cache, jobs=jobs or cores.usable(), config=config)
    emit(report, fmt, "lint", config=config, exit_zero=exit_zero, statistics=statistics)


# What a save that matters looks like: a template, a sequence or rule file, the config.
_WATCHED = (".j2", ".yaml", ".yml", ".toml")


def _watch(paths, config_path, fmt, statistics, jobs) -> None:
    """Lint, then lint again after every save, until Ctrl-C. The result cache makes a re-lint cost
    the changed templates (and their counterparts) only; a changed rule file or config reloads."""
    import watchfiles  # only a watching run needs the file watcher

    watched = [str(path) for path in paths]
    loaded: dict = {}  # the rules, built once and kept while no rule file or config changes
    while True:
        config = run_config(config_path)  # a saved config or rule file counts from the next lint on
        files = [*rule_files(config.rules), *([config.file] if config.file else [])]
        stamp = tuple((str(file), _mtime(file)) for file in files)
        cache = ResultCache.for_run(rule_files(config.rules), config.file, extra=repr(sorted(config.given)).encode())

        def rules(config=config, stamp=stamp):
            if stamp not in loaded:
                loaded.clear()
                loaded[stamp] = ruleset_for(config)
            return loaded[stamp]

        try:
            report = lint_paths(paths, rules, cache, jobs=jobs or cores.usable(), config=config)
            show(report, fmt, "lint", config=config, statistics=statistics)
            # A warm lint comes from the result cache without rules or the Korean analyser; the
            # first save after it would load them (a second or two): load them now instead.
            rules()
            if any((r.locale or "").startswith("ko") for r in report.results):
                from msglint.korean.morph import warm_up  # the analyser, loaded on purpose before the first save

                warm_up()
        except MsglintError as exc:  # a broken rule file or template folder: said, and the watch goes on
            click.echo(_("msglint: error: {problem}", problem=exc.args[0] if exc.args else exc), err=True)
        extra = [str(file) for file in files]
        saves = watchfiles.DefaultFilter()  # leaves out .git, .venv, node_modules, editor swap files
        announced = False
        # The watcher yields an empty set each time it waits 200 ms with nothing saved: the first
        # says it is watching (so "watching" is true when printed); a set of changes means lint
        # again; Ctrl-C ends it without an exception.
        for changes in watchfiles.watch(*watched, *extra, debounce=50, step=20, rust_timeout=200, yield_on_timeout=True,
                                        raise_interrupt=False,
                                        watch_filter=lambda change, name: saves(change, name) and name.endswith(_WATCHED)):
            if changes:
                break
            if not announced:
                click.echo(_("msglint: watching for changes (Ctrl-C to stop)"), err=True)
                announced = True
        else:
            raise SystemExit(0)


def _mtime(path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
