"""The ``msglint`` command: the group, its global options, and the way out of the process.

Each subcommand is one module of :mod:`msglint.commands`, named after it, and is imported only when
it is run (or listed by ``--help``): ``msglint check`` does not load what ``msglint preview`` needs.

Exit codes: 0 clean, 1 error-severity findings, 2 usage or config, 3 an internal error (a bug in
msglint: one line, the traceback only with ``--debug``), so CI can tell a crash from findings.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from msglint import __version__, i18n
from msglint.commands.common import Choice

#: Every subcommand, in the order ``--help`` lists them; each is ``msglint.commands.<name>.<name>``.
COMMANDS = ("check", "explain", "fix", "lint", "new", "preview", "render", "rules", "schedule", "schema", "server",
            "templates")


class LazyGroup(click.Group):
    """A group that imports a subcommand's module when that subcommand is asked for (click's own
    recipe for large command lines)."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f"msglint.commands.{name}"), name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(__version__, "-V", "--version", prog_name="msglint")
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback (also: MSGLINT_DEBUG=1).")
@click.option("--lang", type=Choice(i18n.LANGUAGES), help="Language of findings and errors (ko, en).")
@click.pass_context
def main(context, debug, lang):
    """Lint sales message templates and the messages rendered from them.

    \b
    Exit codes: 0 clean · 1 error-severity findings · 2 bad usage or config
                3 internal error (a bug in msglint; please report it) · 130 stopped
    """
    i18n.configure(lang)  # a subcommand's own --lang, parsed after this, wins
    if context.invoked_subcommand is None:
        click.echo(context.get_help())


def run() -> None:
    """The ``msglint`` command: :func:`main`, then out without the interpreter's teardown.

    Freeing every object of a large run one by one takes longer than a short check itself (15 to
    20 ms after 2,000 files); by the time ``main`` returns every file of the run is closed, and the
    output is flushed here. Under a profiler, a debugger or coverage measurement the exit is the
    usual one, so what they write at exit is written."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if sys.getprofile() is not None or sys.gettrace() is not None or os.environ.get("COVERAGE_PROCESS_START"):
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("text"): the text on stderr, exit 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
            pass
    os._exit(code)
