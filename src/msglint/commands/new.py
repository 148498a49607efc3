"""``msglint new ID --channel C``: a new template in every locale, lint-clean as written.

The starting points are files in ``skeletons/<locale>/<channel>[-advertising].txt.j2``: complete
front matter (variables with descriptions, lengths and examples, a sample) and a short, specific
message a marketer rewrites. ``$stage`` and ``$description`` are filled in; the rest is Jinja.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import click

from msglint import channels, languages
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.vocabulary import CHANNELS, PURPOSES, stage_problem
from msglint.commands.common import CONFIG, Choice, emit, fails_cleanly, ruleset_for, run_config
from msglint.run.lint import lint_paths
from msglint.template.pack import known_locale
from msglint.support.spelling import did_you_mean

SKELETONS = Path(__file__).resolve().parents[1] / "skeletons"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def template_id(raw: str, channel: str) -> str:
    """``sms/webinar-invite`` or ``webinar-invite`` with ``--channel sms`` -> ``sms/webinar-invite``."""
    head, _sep, name = raw.strip("/").rpartition("/")
    if head and head != channel:
        hint = did_you_mean(head, CHANNELS) if head not in CHANNELS else ""
        raise MsglintError(_("'{id}' is under '{folder}/' but --channel is {channel}{hint}: an id is "
                             "<channel>/<name>, e.g. {channel}/{name}", id=raw, folder=head, channel=channel,
                             name=name or "new-message", hint=hint))
    if len(name) > 80:
        raise MsglintError(_("'{name}…' is too long for a template name ({length} characters): keep it under 80",
                             name=name[:40], length=len(name)))
    if not _NAME.match(name):
        raise MsglintError(_("'{name}' is not a template name: use lower-case words joined by hyphens, e.g. "
                             "webinar-invite", name=name))
    return f"{channel}/{name}"


def skeleton(locale: str, channel: str, purpose: str) -> Path:
    language = languages.primary(locale)
    suffix = "-advertising" if purpose == "advertising" else ""
    path = SKELETONS / language / f"{channel}{suffix}.txt.j2"
    if not path.is_file():
        have = sorted(p.name for p in SKELETONS.iterdir()) if SKELETONS.is_dir() else []
        raise MsglintError(_("no {purpose} {channel} skeleton for '{locale}' (skeletons: {have}); copy a template "
                             "of that channel from the pack instead", purpose=purpose, channel=channel, locale=locale,
                             have=", ".join(have)))
    return path


def create(root: Path, raw_id: str, channel: str, locales: list[str], stage: str, purpose: str) -> list[Path]:
    """Write the template in each locale under ``root`` (a templates folder); never overwrite."""
    tid = template_id(raw_id, channel)
    planned = []
    for locale in locales:
        target = root / locale / f"{tid}.txt.j2"
        if target.exists():
            raise MsglintError(_("{path} already exists; pick another name or edit that file", path=target))
        text = string.Template(skeleton(locale, channel, purpose).read_text(encoding="utf-8")).substitute(
            stage=stage, description=languages.of(locale).new_description.format(channel=channel))
        planned.append((target, text))
    for target, text in planned:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:  # "x": a file that appeared meanwhile is kept
            handle.write(text)
    return [target for target, _text in planned]


def _for_channel(channel, locales: list[str], purpose: str) -> list[str]:
    """The locales a channel exists in (an 알림톡 is written in Korean only), and a purpose it may carry."""
    if channel.purposes and purpose not in channel.purposes:
        raise MsglintError(_("{channel} messages carry only {purposes} content, not {purpose}: send "
                             "advertising on another channel (friendtalk, sms)", channel=channel.name,
                             purposes=", ".join(channel.purposes), purpose=purpose))
    if not channel.locales:
        return locales
    kept = [locale for locale in locales if languages.primary(locale) in channel.locales]
    if not kept:
        raise MsglintError(_("{channel} messages are sent in {locales} only: pass --locales {first}",
                             channel=channel.name, locales=", ".join(channel.locales), first=channel.locales[0]))
    return kept


@click.command()
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
    config = run_config(config_path)
    problem = stage_problem(stage, config.stages)
    if problem:
        raise click.BadParameter(problem, param_hint="'--stage'")
    folder = Path(root or config.templates or "templates")
    wanted = [x.strip() for x in locales.split(",") if x.strip()] if locales else (
        sorted(d.name for d in folder.iterdir() if d.is_dir() and known_locale(d.name)) if folder.is_dir() else [])
    wanted = _for_channel(channels.get(channel), wanted or ["ko", "en"], purpose)
    written = create(folder, template_id, channel, wanted, stage, purpose)
    for path in written:
        click.echo(_("msglint: wrote {path}", path=path), err=True)
    report = lint_paths([str(p) for p in written], lambda: ruleset_for(config), None, config=config)
    emit(report, "text", "lint", config=config)
