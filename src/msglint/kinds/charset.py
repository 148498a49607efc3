"""Characters the channel cannot carry as written.

``charset: gsm7``: a character with a plain GSM-7 replacement (a curly quote, a dash, a
non-breaking space) in a message that would otherwise be GSM-7 silently makes it UCS-2, cutting
each segment from 160 to 70 characters. ``charset: cp949``: a character Korean SMS gateways
cannot encode (emoji, many symbols) is rejected or turned into "?".
"""

from __future__ import annotations

from msglint.channels import korean_carrier, sms
from msglint.i18n import _
from msglint.kinds import Hit

LEVEL = "message"
FIELDS = {"charset": True, "replacements": False}
CHARSETS = ("gsm7", "cp949")


def compile(rule):
    charset = rule.options["charset"]
    if charset not in CHARSETS:
        raise ValueError(_("'charset' must be one of {choices}", choices=", ".join(CHARSETS)))
    replacements = rule.options.get("replacements") or {}
    if not isinstance(replacements, dict):
        raise ValueError(_("'replacements' must map a character to its plain form"))
    return charset, {str(k): str(v) for k, v in replacements.items()}


def _describe(ch: str) -> str:
    import unicodedata

    names = [unicodedata.name(c, f"U+{ord(c):04X}") for c in ch]
    return " + ".join(n.lower() for n in names)


def check(rule, message, segment):
    charset, replacements = rule.compiled
    text = segment.text
    if charset == "cp949" and korean_carrier.encodable(text):
        return  # the common case, decided in one call
    if charset == "gsm7" and set(text) <= sms.GSM_ALL:
        return
    offset = 0
    hits = []
    for g in sms.graphemes(text):
        start, offset = offset, offset + len(g)
        if charset == "cp949":
            if all(korean_carrier.encodable(c) for c in g):
                continue
        else:
            if len(g) == 1 and sms.is_gsm(g):
                continue
            if g not in replacements:
                return  # a character with no GSM form: the message is UCS-2 whatever we suggest
        plain = replacements.get(g)
        hits.append(Hit(
            start=segment.offset + start, end=segment.offset + offset, part=segment.part,
            values={"char": g, "name": _describe(g), "code": " ".join(f"U+{ord(c):04X}" for c in g)},
            suggestion=(_("write “{plain}” instead", plain=plain) if plain else _("remove it or write it out in words")),
        ))
    yield from hits
