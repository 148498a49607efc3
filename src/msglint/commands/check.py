"""``msglint check``: messages already written (files, folders or standard input), checked by the
same rules as the pack's templates."""

from __future__ import annotations

import codecs
import os
import sys

import click

from msglint.checks.text import check_text
from msglint.commands import completion
from msglint.commands.common import CONFIG, REPORT_FORMAT, SELECT, STATISTICS, Choice, emit, fails_cleanly, setup
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.report import resolve as resolve_format
from msglint.report.json_format import encode_share, write_shares
from msglint.results import Report
from msglint.run.files import check_files, message_files
from msglint.support import cores
from msglint.languages import default_zone
from msglint.support.send_time import parse_send_at
from msglint.vocabulary import AUDIENCES, CHANNELS, PURPOSES, stage_problem


class MessageFile(click.Path):
    """A message's file name, completed by the shell as a file. It is not looked at on the command
    line: ``check`` names any problem with a file when it reads it (as for standard input), and a
    run over thousands of files would otherwise look at each twice."""

    def convert(self, value, param, ctx):
        return value



@click.command()
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
@STATISTICS
@REPORT_FORMAT
@CONFIG
@SELECT
@fails_cleanly
def check(files, channel, locale, subject, purpose, audience, stage, register, send_at, tz, fixing, unsafe, jobs,
          statistics, fmt, config_path):
    """Lint already-written messages, one per FILE ('-' or nothing: standard input).

    A FOLDER stands for the message files under it (.txt, .text, .md, .markdown).
    """
    config, ruleset = setup(config_path)
    if stage is not None:
        problem = stage_problem(stage, config.stages)
        if problem:
            raise click.BadParameter(problem, param_hint="'--stage'")
    if tz is not None and not tz.strip():
        raise click.BadParameter(str(_("give a time zone name, e.g. Asia/Seoul or America/Chicago")), param_hint="'--tz'")
    if tz and not send_at:
        raise click.UsageError(str(_("--tz needs --send-at")))
    if send_at and not tz:
        tz = default_zone(locale)
        click.echo(_("msglint: reading --send-at in {zone}, the usual zone for '{locale}' recipients; give --tz "
                     "for the recipient's own", zone=tz, locale=locale), err=True)
    moment = None
    if send_at:
        moment = parse_send_at(send_at, tz)
    files = message_files(files or ("-",), echo=lambda text: click.echo(text, err=True))
    if not files:  # only folders that hold no message: nothing checked, which is said above
        emit(Report([]), fmt, "check", ruleset=ruleset, statistics=statistics)
    if fixing:
        # Only --fix needs the template machinery (YAML, the source map, Jinja for the fixed text):
        # a plain check starts without it, which is most of a short check's time.
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

    if resolve_format(fmt) == "json" and len(files) > 1 and not sys.stdout.isatty() and not statistics:
        # For a program: each process writes out the messages it checked (see check_files).
        summary = write_shares(check_files(files, check_one, jobs or cores.usable(), encode_share), sys.stdout)
        sys.exit(1 if summary["errors"] else 0)
    results = check_files(files, check_one, jobs or cores.usable())
    emit(Report(results), fmt, "check", label="<stdin>", ruleset=ruleset, statistics=statistics)


#: The most of one message that check reads (bytes): far more than it checks (the message-size
#: rule's 20,000 characters), so a long message is still measured as too long, yet `check <
#: /dev/zero` or `yes | msglint check -` ends at once instead of filling memory.
READ_LIMIT = 1 << 20


def _read_bytes(name) -> bytes:
    """The file's first READ_LIMIT + 1 bytes, read without a buffered file object: over thousands
    of short messages the object costs more than the reading."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks, size = [], 0
        while size <= READ_LIMIT and (chunk := os.read(fd, READ_LIMIT + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _read_message(name):
    if name == "-":
        if sys.stdin.isatty():
            click.echo(_("msglint: reading the message from standard input; end it with Ctrl-D (or pass a file name)"),
                       err=True)
        data = sys.stdin.buffer.read(READ_LIMIT + 1)
        path = None
    else:
        try:
            data = _read_bytes(name)
        except FileNotFoundError:
            raise MsglintError(_("{path}: no such file", path=name)) from None
        except OSError as exc:
            raise MsglintError(_("{path}: cannot read it ({reason})", path=name, reason=exc.strerror)) from None
        path = name
    cut = len(data) > READ_LIMIT
    if cut:
        click.echo(_("msglint: {path}: read the first {size} only; a message is checked up to its first 20,000 "
                     "characters", path=path or _("standard input"), size="1 MiB"), err=True)
    try:
        # A cut may fall inside a character: the decoder keeps back an unfinished one at the end.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data[:READ_LIMIT], final=not cut), path
    except UnicodeDecodeError:
        raise MsglintError(_("{path}: not UTF-8 text; save it as UTF-8", path=name if path else _("standard input"))) from None
