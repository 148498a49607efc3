"""The same message in every locale: an id present in one locale must exist in the others of
its pack, declaring the same variables (the CRM fills them the same way whatever the language).
"""

from __future__ import annotations

from msglint import channels, i18n
from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS: dict = {}


def compile(rule):
    return None


def check_pack(rule, template, index):
    """``index`` knows every id per locale of the template's pack and loads counterparts."""
    if template.meta is None:
        return
    known = channels.get(template.meta.channel)
    for locale in index.locales(template.root):
        if locale == template.locale or (known is not None and known.locales and locale not in known.locales):
            continue  # a KakaoTalk message has no English version to keep in step with
        other = index.get(template.root, locale, template.id)
        if other is None:
            yield Hit(
                line=1, column=1, values={"other": locale, "problem": _("'{template}' has no {locale} version", template=template.id,
                                                                     locale=locale)},
                suggestion=_("add templates/{locale}/{template}... with the same variables, or remove this one",
                             locale=locale, template=template.id),
            )
            continue
        if other.meta is None:
            continue
        mine, theirs = set(template.meta.variables), set(other.meta.variables)
        if mine != theirs:
            parts = []
            if mine - theirs:
                parts.append(_("{locale} lacks {names}", locale=locale, names=", ".join(sorted(mine - theirs))))
            if theirs - mine:
                parts.append(_("{locale} also declares {names}", locale=locale, names=", ".join(sorted(theirs - mine))))
            line, column = template.doc.where("variables")
            yield Hit(
                line=line, column=column, values={"other": locale, "problem": i18n.Lazy(lambda language, parts=parts, locale=locale: str(_(
                    "variables differ from {locale}: {parts}", locale=locale,
                    parts="; ".join(p.say(language) for p in parts))))},
                suggestion=_("declare the same variables in every locale"),
            )
