"""Characters the channel cannot carry as written.

``charset: gsm7``: a character with a plain GSM-7 replacement (a curly quote, a dash, a
non-breaking space) in a message that would otherwise be GSM-7 silently makes it UCS-2, cutting
each segment from 160 to 70 characters. ``charset: cp949``: a character Korean SMS gateways
cannot encode (emoji, many symbols) is rejected or turned into "?". ``charset: cp949`` with
``bytes_limit: 90`` and ``replacements``: the two-byte look-alikes (curly quotes, dashes) that push
a Korean text just over the SMS limit, so it goes out as a dearer LMS, when their one-byte plain
forms would keep it an SMS.
"""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.channels import korean_carrier

FIELDS = {"charset": True, "replacements": False, "bytes_limit": False}
CHARSETS = ("gsm7", "cp949")


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "charset replacements")


def compile(rule):
    charset = rule.options["charset"]
    if charset not in CHARSETS:
        raise ValueError(_("'charset' must be one of {choices}", choices=", ".join(CHARSETS)))
    replacements = rule.options.get("replacements") or {}
    if not isinstance(replacements, dict):
        raise ValueError(_("'replacements' must map a character to its plain form"))
    limit = rule.options.get("bytes_limit")
    if limit is not None and (charset != "cp949" or not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValueError(_("'bytes_limit' is a whole number of bytes, for charset cp949"))
    return Compiled(charset, {str(k): str(v) for k, v in replacements.items()})


def _describe(ch: str) -> str:
    import unicodedata

    names = [unicodedata.name(c, f"U+{ord(c):04X}") for c in ch]
    return " + ".join(n.lower() for n in names)


def check(rule, message, segment):
    from msglint.channels import (  # their tables load with the first SMS checked
        korean_carrier,
        sms,
    )

    charset, replacements = rule.compiled
    text = segment.text
    if rule.options.get("bytes_limit"):
        yield from _costly(rule, segment, replacements, rule.options["bytes_limit"])
        return
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
            replacement=plain,
        ))
    yield from hits


def _costly(rule, segment, replacements, limit):
    """Look-alikes that cost a byte more each, when they alone push the text past ``limit``."""
    text = segment.text
    size = korean_carrier.byte_length(text)
    if size <= limit:
        return
    if not any(ch in text for ch in replacements):
        return  # the common case: no look-alike at all, decided without walking the text
    found = [(i, ch) for i, ch in enumerate(text) if ch in replacements]
    saved = sum(korean_carrier.byte_length(ch) - korean_carrier.byte_length(replacements[ch]) for _i, ch in found)
    if not found or size - saved > limit:
        return
    for i, ch in found:
        plain = replacements[ch]
        yield Hit(start=segment.offset + i, end=segment.offset + i + 1, part=segment.part,
                  values={"char": ch, "name": _describe(ch), "code": f"U+{ord(ch):04X}", "bytes": size, "limit": limit},
                  suggestion=_("write “{plain}” instead", plain=plain), replacement=plain)
