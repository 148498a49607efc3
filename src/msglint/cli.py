"""The ``msglint`` command.

Exit codes: 0 clean, 1 error-severity findings, 2 usage or config, 3 an internal error (a bug in
msglint: one line, the traceback only with ``--debug``), so CI can tell a crash from findings.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from msglint import __version__, i18n
from msglint.commands import completion
from msglint.support import cores
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.report import CHOICES as REPORT_CHOICES, resolve as resolve_format
from msglint.vocabulary import AUDIENCES, CHANNELS, PURPOSES


class Choice(click.Choice):
    """click's Choice that names the closest choice when a value is misspelt (--channel smss)."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            from msglint.support.spelling import did_you_mean

            exc.message = f"{exc.message}{did_you_mean(str(value), list(self.choices))}"
            raise


class MessageFile(click.Path):
    """A message's file name, completed by the shell as a file. It is not looked at on the command
    line: ``check`` names any problem with a file when it reads it (as for standard input), and a
    run over thousands of files would otherwise look at each twice."""

    def convert(self, value, param, ctx):
        return value


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


def SELECT(command):  # noqa: N802
    """--select/--ignore: rule ids for this run, as ruff takes them (comma-separated or repeated)."""
    for name, said in (("ignore", "Also silence these rule ids (adds to the config's 'ignore')."),
                       ("select", "Only these rule ids (replaces the config's 'select').")):
        command = click.option(f"--{name}", f"{name}_ids", multiple=True, metavar="IDS", callback=_rule_ids,
                               expose_value=False, shell_complete=completion.rule_ids, help=said)(command)
    return command


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
                import traceback

                traceback.print_exc()
            click.echo(_("msglint: internal error: {error}. This is a bug in msglint {version}; please report it "
                         "(run again with --debug for the traceback).", error=f"{type(exc).__name__}: {_one_line(exc)}",
                         version=__version__), err=True)
            sys.exit(INTERNAL_ERROR)

    return wrapper


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


def _one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")


def _given(parameter: str) -> bool:
    """Whether the user typed the option (not just its default)."""
    from click.core import ParameterSource

    context = click.get_current_context()
    return context.get_parameter_source(parameter) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)


def _config(config_path):
    from msglint.config import find_config, load_config

    config = load_config(config_path) if config_path else find_config()
    context = click.get_current_context(silent=True)
    meta = context.meta if context else {}
    return config.narrow(meta.get("msglint.select_ids", ()), meta.get("msglint.ignore_ids", ()))


def _ruleset(config):
    from msglint.checks.engine import build_ruleset

    return build_ruleset(config)


def _setup(config_path):
    config = _config(config_path)
    return config, _ruleset(config)


def _emit(report, fmt, kind, label=None, ruleset=None, config=None, exit_zero=False):
    from msglint.report import needs_rules, write

    rules = None
    if needs_rules(fmt):
        rules = (ruleset or _ruleset(config)).rules
    write(report, fmt, sys.stdout, kind=kind, label=label, rules=rules)
    sys.exit(0 if exit_zero else report.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
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


NO_CACHE = click.option("--no-cache", is_flag=True, help="Neither read nor write .msglint_cache/.")


@main.command()
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
    import os

    from msglint.run.result_cache import ResultCache
    from msglint.checks.rulebook import rule_files
    from msglint.results import Report
    from msglint.run.lint import lint_paths

    if no_cache:
        os.environ["MSGLINT_NO_CACHE"] = "1"
    config = _config(config_path)
    cache = ResultCache.for_run(rule_files(config.rules), config.file, extra=repr(sorted(config.given)).encode())
    if not paths:
        paths = (config.templates or ".",)
    if changed is not None:
        from msglint.run.changed import changed_templates

        watched = [*rule_files(config.rules), *([config.file] if config.file else [])]
        paths = changed_templates(paths, changed or None, watched, echo=lambda text: click.echo(text, err=True))
        if not paths:
            click.echo(_("msglint: no templates changed"), err=True)
            _emit(Report([]), fmt, "lint", config=config)
    report = lint_paths(paths, lambda: _ruleset(config), cache, jobs=jobs or cores.usable(), config=config)
    _emit(report, fmt, "lint", config=config, exit_zero=exit_zero)


@main.command()
@click.argument("files", nargs=-1, type=MessageFile(allow_dash=True), metavar="[FILE|FOLDER]...")
@click.option("--channel", required=True, type=Choice(CHANNELS), help="How the message is sent.")
@click.option("--locale", required=True, shell_complete=completion.locales, help="Language of the message, e.g. ko or en.")
@click.option("--subject", help="Email subject (or start the file with a 'Subject: ...' line).")
@click.option("--purpose", type=Choice(PURPOSES), default="transactional", show_default=True)
@click.option("--audience", type=Choice(AUDIENCES), default="b2b", show_default=True)
@click.option("--stage", help="Sales stage, e.g. follow-up or meeting-proposal.")
@click.option("--register", type=Choice(["formal", "neutral", "casual"]), default="neutral", show_default=True)
@click.option("--send-at", help="When it will be sent, ISO 8601 (e.g. 2026-11-24T21:30); checks legal hours and days.")
@click.option("--tz", help="The recipient's time zone (IANA, e.g. Asia/Seoul, America/Chicago).")
@click.option("--fix", "fixing", is_flag=True, help="Print each message with its safe fixes applied; what is left goes to stderr.")
@click.option("--unsafe", is_flag=True, help="With --fix: also the fixes that change wording.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes to check many files with (default: one per CPU core; a few files use one).")
@REPORT_FORMAT
@CONFIG
@SELECT
@fails_cleanly
def check(files, channel, locale, subject, purpose, audience, stage, register, send_at, tz, fixing, unsafe, jobs, fmt,
          config_path):
    """Lint already-written messages, one per FILE ('-' or nothing: standard input).

    A FOLDER stands for the message files under it (.txt, .text, .md, .markdown).
    """
    from msglint.checks.text import check_text
    from msglint.results import Report

    config, ruleset = _setup(config_path)
    if stage is not None:
        from msglint.vocabulary import stage_problem

        problem = stage_problem(stage, config.stages)
        if problem:
            raise click.BadParameter(problem, param_hint="'--stage'")
    if tz and not send_at:
        raise click.UsageError(str(_("--tz needs --send-at")))
    if send_at and not tz:
        from msglint.support.send_time import default_zone

        tz = default_zone(locale)
        click.echo(_("msglint: reading --send-at in {zone}, the usual zone for '{locale}' recipients; give --tz "
                     "for the recipient's own", zone=tz, locale=locale), err=True)
    moment = None
    if send_at:
        from msglint.support.send_time import parse_send_at

        moment = parse_send_at(send_at, tz)
    from msglint.run.files import check_files, message_files

    files = message_files(files or ("-",), echo=lambda text: click.echo(text, err=True))
    if not files:  # only folders that hold no message: nothing checked, which is said above
        _emit(Report([]), fmt, "check", ruleset=ruleset)
    if fixing:
        from msglint.commands.fix import check_fix

        context = dict(channel=channel, locale=locale, subject=subject, purpose=purpose, audience=audience,
                       stage=stage, register=register, send_at=moment)
        sys.exit(check_fix([_read_message(name) for name in files], ruleset, unsafe, context))
    if unsafe:
        raise click.UsageError(str(_("--unsafe goes with --fix")))

    def check_one(name):
        text, path = _read_message(name)
        return check_text(text, ruleset, channel=channel, locale=locale, subject=subject, purpose=purpose,
                          audience=audience, stage=stage, register=register, send_at=moment, path=path)

    if resolve_format(fmt) == "json" and len(files) > 1 and not sys.stdout.isatty():
        # For a program: each process writes out the messages it checked (see check_files).
        from msglint.report.json_format import encode_share, write_shares

        summary = write_shares(check_files(files, check_one, jobs or cores.usable(), encode_share), sys.stdout)
        sys.exit(1 if summary["errors"] else 0)
    results = check_files(files, check_one, jobs or cores.usable())
    _emit(Report(results), fmt, "check", label="<stdin>", ruleset=ruleset)


def _read_bytes(name) -> bytes:
    """The file's bytes, read without a buffered file object: over thousands of short messages the
    object costs more than the reading."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _read_message(name):
    if name == "-":
        if sys.stdin.isatty():
            click.echo(_("msglint: reading the message from standard input; end it with Ctrl-D (or pass a file name)"),
                       err=True)
        data = sys.stdin.buffer.read()
        path = None
    else:
        try:
            data = _read_bytes(name)
        except FileNotFoundError:
            raise MsglintError(_("{path}: no such file", path=name)) from None
        except OSError as exc:
            raise MsglintError(_("{path}: cannot read it ({reason})", path=name, reason=exc.strerror)) from None
        path = name
    try:
        return data.decode("utf-8-sig"), path
    except UnicodeDecodeError:
        raise MsglintError(_("{path}: not UTF-8 text; save it as UTF-8", path=name if path else _("standard input"))) from None


@main.command()
@click.argument("template_id", metavar="ID", required=False, shell_complete=completion.template_ids)
@click.option("--sequence", shell_complete=completion.sequences,
              help="Render a whole sequence (a name under sequences/, or its file) for every lead of --data.")
@click.option("--start", help="Sequence: when the trigger happened, for leads without a 'start' column (ISO 8601).")
@click.option("--locale", required=True, shell_complete=completion.locales, help="Which locale's template to render.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False), help="Lead data, YAML or JSON.")
@click.option("--var", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A variable's value (repeatable); with a batch, the value for every lead that has none.")
@click.option("--defaults", "defaults_file", type=click.Path(dir_okay=False),
              help="Batch: values (YAML or JSON) for every lead that has none, e.g. the sender's name and phone.")
@click.option("--templates", "root", type=click.Path(file_okay=False), help="Templates folder (default: the project's).")
@click.option("--out", type=click.Path(dir_okay=False), help="Batch: write one JSON line per lead here (default: stdout).")
@click.option("--encoding", help="Batch: the CSV's encoding (default: detect UTF-8, UTF-8 with BOM, CP949).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Batch: worker processes (default: every core from 2,000 rows); the output keeps the input's order.")
@click.option("--format", "fmt", type=Choice(["text", "json", "eml"]), default="text", show_default=True,
              help="Output format; eml writes an email as a MIME message a mail client opens.")
@CONFIG
@fails_cleanly
def render(template_id, sequence, start, locale, data_file, pairs, defaults_file, root, out, encoding, jobs, fmt,
           config_path):
    """Print the message ID rendered for one lead, with its facts and findings.

    With --data leads.csv (or .jsonl, or a YAML/JSON list) it renders every lead: one JSON line
    per row, failures reported by row and field, and a summary on stderr. With --sequence NAME
    instead of ID: one JSON line per lead and step, with the time it is sent.
    """
    from msglint.commands.render import run

    if bool(template_id) == bool(sequence):
        raise click.UsageError(str(_("name a template ID or a --sequence, not both")) if template_id
                               else str(_("name the template ID to render (or --sequence NAME)")))
    config, ruleset = _setup(config_path)
    if sequence:
        from msglint.commands.schedule import run_batch

        sys.exit(run_batch(sequence, locale, data_file, pairs, defaults_file, out, encoding, start, ruleset,
                           config))
    sys.exit(run(template_id, locale, data_file, pairs, root or config.templates or ".", ruleset, fmt,
                 out=out, encoding=encoding, defaults_file=defaults_file, fmt_given=_given("fmt"), jobs=jobs))


@main.command()
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
    from msglint.commands.fix import run

    config, ruleset = _setup(config_path)
    sys.exit(run(paths, config, ruleset, unsafe, diff, fmt))


@main.command()
@click.argument("template_id", metavar="ID")
@click.option("--channel", required=True, type=Choice(CHANNELS), help="How the message is sent.")
@click.option("--locales", help="Comma-separated locales (default: those of the pack, else ko,en).")
@click.option("--stage", default="follow-up", show_default=True, help="Sales stage, e.g. inbound-response or offer.")
@click.option("--purpose", type=Choice(PURPOSES), default="transactional", show_default=True,
              help="advertising adds what the law asks for: (광고), sender, opt-out.")
@click.option("--templates", "root", type=click.Path(file_okay=False), help="Templates folder (default: the project's).")
@CONFIG
@fails_cleanly
def new(template_id, channel, locales, stage, purpose, root, config_path):
    """Scaffold template ID in every locale, with complete front matter, lint-clean as written."""
    from msglint.vocabulary import stage_problem
    from msglint.commands.new import create

    config = _config(config_path)
    problem = stage_problem(stage, config.stages)
    if problem:
        raise click.BadParameter(problem, param_hint="'--stage'")
    from msglint.template.pack import known_locale

    folder = Path(root or config.templates or "templates")
    wanted = [x.strip() for x in locales.split(",") if x.strip()] if locales else (
        sorted(d.name for d in folder.iterdir() if d.is_dir() and known_locale(d.name)) if folder.is_dir() else [])
    written = create(folder, template_id, channel, wanted or ["ko", "en"], stage, purpose)
    for path in written:
        click.echo(_("msglint: wrote {path}", path=path), err=True)
    from msglint.run.lint import lint_paths

    report = lint_paths([str(p) for p in written], lambda: _ruleset(config), None, config=config)
    _emit(report, "text", "lint", config=config)


@main.command()
@click.argument("rule_id", metavar="[RULE]", required=False, shell_complete=completion.rule_ids)
@click.option("--test", "run_tests", is_flag=True, help="Run every rule's examples (fire / pass) and report failures.")
@click.option("--format", "fmt", type=Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="Output format; markdown prints the rule reference in docs/rules.md.")
@CONFIG
@fails_cleanly
def rules(rule_id, run_tests, fmt, config_path):
    """List every rule: id, kind, severity, channels, locales, source (or explain RULE_ID)."""
    from msglint.commands.listing import print_example_outcomes, print_rules

    _, ruleset = _setup(config_path)
    if run_tests:
        sys.exit(print_example_outcomes(ruleset))
    if rule_id:
        from msglint.commands import explain as explaining

        explaining.write(ruleset, rule_id, "json" if fmt == "json" else "text")
        return
    print_rules(ruleset, fmt)


@main.command()
@click.argument("rule_id", metavar="RULE", shell_complete=completion.rule_ids)
@FORMAT
@CONFIG
@fails_cleanly
def explain(rule_id, fmt, config_path):
    """One rule: what it checks, why, where, its settings, examples, how to silence it."""
    from msglint.commands import explain as explaining

    _, ruleset = _setup(config_path)
    explaining.write(ruleset, rule_id, fmt)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="Output format; markdown prints the catalogue table used in README.md.")
@CONFIG
@fails_cleanly
def templates(paths, fmt, config_path):
    """List the pack: id, stage, channel, purpose, locales, description."""
    from msglint.config import find_config, load_config
    from msglint.commands.listing import print_templates

    config = load_config(config_path) if config_path else find_config()
    print_templates(paths or (config.templates or ".",), fmt, config.stages)


@main.command()
@click.argument("name", type=Choice(["front-matter", "rules", "config", "sequence"]))
@fails_cleanly
def schema(name):
    """The JSON Schema of template front matter, rule files, the config or sequences (for editors)."""
    import json

    from msglint.commands.schema import schema as build

    click.echo(json.dumps(build(name), ensure_ascii=False, indent=2))


@main.command()
@click.argument("sequence", metavar="SEQUENCE", shell_complete=completion.sequences)
@click.option("--start", required=True, help="When the trigger happened, ISO 8601 (e.g. 2026-02-13T20:30).")
@click.option("--locale", required=True, shell_complete=completion.locales,
              help="The lead's language: which locale's templates are sent.")
@click.option("--tz", help="The lead's time zone (IANA; default: the lead data's, else the locale's usual one).")
@click.option("--data", "data_file", type=click.Path(dir_okay=False),
              help="The lead (YAML or JSON); values it lacks come from each template's sample.")
@FORMAT
@CONFIG
@fails_cleanly
def schedule(sequence, start, locale, tz, data_file, fmt, config_path):
    """The sequence as the lead lives it: planned and actual times, moves and why, each message checked."""
    from msglint.render.lead_data import read_data_file
    from msglint.commands.schedule import run

    config, ruleset = _setup(config_path)
    data = read_data_file(data_file) if data_file else {}
    sys.exit(run(sequence, start, locale, tz, data, ruleset, fmt))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), help="Write the site to this folder.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False),
              help="A lead (YAML or JSON) to render every message for; values it lacks come from each sample.")
@click.option("--serve", is_flag=True, help="Serve it on 127.0.0.1, rebuilt on every page load.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@CONFIG
@fails_cleanly
def preview(paths, out, data_file, serve, port, config_path):
    """An HTML preview of every message as the recipient sees it, findings marked in place."""
    from pathlib import Path

    from msglint.render.lead_data import read_data_file
    from msglint.preview.site import build

    if not out and not serve:
        raise click.UsageError(str(_("say where the site goes (--out DIR) or serve it (--serve)")))
    config = _config(config_path)
    ruleset = _ruleset(config)
    paths = paths or (config.templates or ".",)
    data = read_data_file(data_file) if data_file else None
    if serve:
        from msglint.preview.serve import serve as run_server

        run_server(lambda: build(paths, ruleset, data), port, lambda text: click.echo(text, err=True))
        return
    pages = build(paths, ruleset, data)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
    click.echo(_("msglint: wrote {count} pages to {folder}/ (open {index})", count=len(pages), folder=folder,
                 index=folder / "index.html"), err=True)
