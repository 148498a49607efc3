"""The Python API, for a CRM or a sending service that renders and checks in-process.

    from msglint import Pack, check

    pack = Pack("templates")                       # loads and compiles every template once
    message = pack.render("sms/missed-call", "ko", lead)
    message.body, message.facts["kr_type"], message.findings
    findings = check("안녕하세요, 계약 진행 어떠신가요?", channel="sms", locale="ko")

Rendering a compiled template for one lead costs tens of microseconds; checking it depends on
the rules (Korean morphology is cached per line).
"""

from __future__ import annotations

from pathlib import Path

from msglint.template import pack as _pack
from msglint.checks.text import check_text
from msglint.config import Config, find_config, load_config
from msglint.checks.engine import Ruleset, build_ruleset, check_message, keep
from msglint.render.lead_data import lead_values
from msglint.errors import DataError, MsglintError
from msglint.findings import Finding
from msglint.message import Message
from msglint.template.index import PackIndex
from msglint.checks.template import lint_template
from msglint.render.lead import render_message
from msglint.support.send_time import parse_send_at
from msglint.i18n import _

__all__ = ["Pack", "check", "Message", "Finding", "MsglintError"]


def _ruleset(config: Config | str | None) -> Ruleset:
    if config is None:
        config = find_config()
    elif isinstance(config, (str, Path)):
        config = load_config(str(config))
    return build_ruleset(config)


class Pack:
    """A template pack, loaded and compiled once."""

    def __init__(self, path: str | Path = "templates", config: Config | str | None = None):
        self.ruleset = _ruleset(config)
        self._index = PackIndex(self.ruleset.config.stages)
        self._templates = {}
        for file, root in _pack.discover([path]):
            template = self._index.load(file, root)
            self._templates[(template.id, template.locale)] = template

    def ids(self) -> list[str]:
        return sorted({template_id for template_id, _ in self._templates})

    def locales(self, template_id: str) -> list[str]:
        return sorted(locale for tid, locale in self._templates if tid == template_id)

    def template(self, template_id: str, locale: str) -> _pack.Template:
        try:
            return self._templates[(template_id, locale)]
        except KeyError:
            raise MsglintError(_("no template '{template}' for locale '{locale}'", template=template_id, locale=locale)) from None

    def render(self, template_id: str, locale: str, lead: dict, *, check: bool = True) -> Message:
        """The message for one lead. Raises MsglintError for missing or invalid lead data."""
        from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

        template = self.template(template_id, locale)
        if not template.renderable:
            raise MsglintError(_("{path}: the template does not load; run msglint lint on it", path=template.display))
        try:
            message = render_message(template, lead_values(template.meta.variables, lead), with_sample=False)
        except (RenderError, DataError) as exc:
            raise MsglintError(_("{template} ({locale}): {problem}", template=template_id, locale=locale,
                                 problem=exc.args[0] if exc.args else exc)) from None
        message.measure(self.ruleset.settings)
        if check:
            message.findings = keep(self.ruleset, check_message(self.ruleset, message, with_location=False))
        return message

    def lint(self) -> list[Finding]:
        """Every finding of the pack, as ``msglint lint`` reports them."""
        findings = []
        for template in self._templates.values():
            findings.extend(lint_template(template, self.ruleset, self._index).findings)
        return findings


_default: dict = {}


def check(text: str, *, channel: str, locale: str, subject: str | None = None, purpose: str = "transactional",
          audience: str = "b2b", stage: str | None = None, register: str = "neutral",
          send_at: str | None = None, tz: str | None = None, config: Config | str | None = None) -> list[Finding]:
    """The findings for a message written by hand (what ``msglint check`` reports)."""
    if config is None:
        ruleset = _default.get("ruleset") or _default.setdefault("ruleset", _ruleset(None))
    else:
        ruleset = _ruleset(config)
    moment = parse_send_at(send_at, tz) if send_at else None
    return check_text(text, ruleset, channel=channel, locale=locale, subject=subject, purpose=purpose,
                      audience=audience, stage=stage, register=register, send_at=moment).findings
