"""What every command shares: its options, how it reads the config and rules, how it reports, and
how it fails (one line on stderr, never a traceback unless --debug)."""

from __future__ import annotations

import functools
import os
import sys

import click
from click.core import ParameterSource

from msglint import __version__, i18n
from msglint.checks.engine import build_ruleset
from msglint.commands import completion
from msglint.config import find_config, load_config
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.report import CHOICES as REPORT_CHOICES, needs_rules, write
from msglint.support.spelling import did_you_mean


class Choice(click.Choice):
    """click's Choice that names the closest choice when a value is misspelt (--channel smss)."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            exc.message = f"{exc.message}{did_you_mean(str(value), list(self.choices))}"
            raise


FORMAT = click.option("--format", "fmt", type=Choice(["text", "json"]), default="text",
                      show_default=True, help="Output format.")
REPORT_FORMAT = click.option(
    "--format", "fmt", type=Choice(REPORT_CHOICES), default="auto",
    show_default=True, help="auto: GitHub annotations inside GitHub Actions, text elsewhere.")
_CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                       help="Config file (default: .msglint.yaml or [tool.msglint] in pyproject.toml, looked up from here).")


def _set_lang(context, parameter, value):
    if value:
        i18n.configure(value)
    return value


LANG = click.option(
    "--lang", type=Choice(i18n.LANGUAGES), callback=_set_lang, expose_value=False, is_eager=True,
    help="Language of findings and errors (default: 'lang' in the config, else the template's locale for its "
         "findings and LANG for the rest).")


def CONFIG(command):  # noqa: N802 - used as a decorator like the click options beside it
    """--config and --lang: every command that reads the config also speaks its language."""
    return LANG(_CONFIG(command))


def _rule_ids(context, parameter, value):
    ids = tuple(i.strip() for v in value for i in v.split(",") if i.strip())
    context.meta[f"msglint.{parameter.name}"] = ids
    return ids


STATISTICS = click.option("--statistics", is_flag=True,
                          help="Print how many findings each rule made (and how many msglint fix repairs), "
                               "most first, instead of the findings; with --format json as JSON.")


def SELECT(command):  # noqa: N802
    """--select/--ignore: rule ids for this run, as ruff takes them (comma-separated or repeated)."""
    for name, said in (("ignore", "Also silence these rule ids (adds to the config's 'ignore')."),
                       ("select", "Only these rule ids (replaces the config's 'select').")):
        command = click.option(f"--{name}", f"{name}_ids", multiple=True, metavar="IDS", callback=_rule_ids,
                               expose_value=False, shell_complete=completion.rule_ids, help=said)(command)
    return command


NO_CACHE = click.option("--no-cache", is_flag=True, help="Neither read nor write .msglint_cache/.")

INTERNAL_ERROR = 3
STOPPED = 130  # 128 + SIGINT, as shells report a run stopped by Ctrl-C


def _debugging() -> bool:
    context = click.get_current_context(silent=True)
    flag = bool(context and context.find_root().params.get("debug"))
    return flag or os.environ.get("MSGLINT_DEBUG", "") not in ("", "0")


def fails_cleanly(func):
    """Usage and config problems end with one line on stderr and exit 2; anything unexpected is
    a bug, reported in one line with exit 3 (the traceback with --debug), never exit 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except MsglintError as exc:
            click.echo(_("msglint: error: {problem}", problem=exc), err=True)
            sys.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`msglint rules | head`): not an error of ours.
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            # Ctrl-C, SIGTERM or SIGHUP (msglint.support.atomic): stopped, which is neither clean nor a
            # verdict; click would say "Aborted!" and exit 1, the code for error findings.
            click.echo(_("msglint: stopped before the end; files it writes are left as they were"), err=True)
            sys.exit(STOPPED)
        except Exception as exc:  # noqa: BLE001 - the last line of defence, by design
            if _debugging():
                import traceback  # only a crash needs it: not part of every start-up

                traceback.print_exc()
            click.echo(_("msglint: internal error: {error}. This is a bug in msglint {version}; please report it "
                         "(run again with --debug for the traceback).", error=f"{type(exc).__name__}: {_one_line(exc)}",
                         version=__version__), err=True)
            sys.exit(INTERNAL_ERROR)

    return wrapper


def _one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")


def given(parameter: str) -> bool:
    """Whether the user typed the option (not just its default)."""
    context = click.get_current_context()
    return context.get_parameter_source(parameter) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)


def run_config(config_path):
    """The project's config (or --config's), narrowed by this run's --select and --ignore."""
    config = load_config(config_path) if config_path else find_config()
    context = click.get_current_context(silent=True)
    meta = context.meta if context else {}
    return config.narrow(meta.get("msglint.select_ids", ()), meta.get("msglint.ignore_ids", ()))


def ruleset_for(config):
    return build_ruleset(config)


def setup(config_path):
    config = run_config(config_path)
    return config, ruleset_for(config)


def emit(report, fmt, kind, label=None, ruleset=None, config=None, exit_zero=False, statistics=False):
    """Write the report and end the run with its exit code."""
    show(report, fmt, kind, label, ruleset, config, statistics)
    sys.exit(0 if exit_zero else report.exit_code)


def show(report, fmt, kind, label=None, ruleset=None, config=None, statistics=False) -> None:
    """Write the report (``lint --watch`` writes one per change and goes on)."""
    if statistics:
        from msglint.report import statistics as counts  # only when counts are asked for instead of findings

        counts.write(report, "json" if fmt == "json" else "text", sys.stdout)
        return
    rules = None
    if needs_rules(fmt):
        rules = (ruleset or ruleset_for(config)).rules
    write(report, fmt, sys.stdout, kind=kind, label=label, rules=rules)
    sys.stdout.flush()


