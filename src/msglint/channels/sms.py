"""SMS segments the way carriers (and Twilio's segment calculator) count them.

A segment carries 140 octets (1,120 bits). GSM-7 characters take 7 bits, those of the extension
table (form feed, ``^ { } \\ [ ~ ] |`` and €) take 14 (an escape plus the character); one
character outside GSM-7 turns the whole message into UCS-2, 16 bits per UTF-16 unit. A message
that needs more than one segment spends 48 bits of each on a concatenation header, so the limits
are 160/153 septets and 70/67 units; a grapheme (an emoji's surrogate pair, an escape pair) is
never split, so a segment may hold one unit less.
"""

from __future__ import annotations

from dataclasses import dataclass

import re
from functools import lru_cache

from msglint.channels import korean_carrier

SEGMENT_BITS = 1120
HEADER_BITS = 48
GSM_BASIC = frozenset(
    "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
    "¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ"
)
GSM_EXTENDED = frozenset("\f[\\]^{|}~€")
GSM_ALL = GSM_BASIC | GSM_EXTENDED


@lru_cache(maxsize=1)
def _grapheme():
    # The regex package (for \X, grapheme clusters) loads only for text that needs it.
    import regex

    return regex.compile(r"\X")


# Text made only of characters that are each a grapheme of one UTF-16 unit (Latin, Greek,
# Cyrillic, punctuation, CJK, precomposed Hangul...): counted without grapheme segmentation.
_SIMPLE = re.compile(
    "[\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205f\u20a0-\u20bf"
    "\u2100-\u214f\u2190-\u23ff\u2500-\u25ff\u3000-\u303f\u3130-\u318f\u4e00-\u9fff"
    "\uac00-\ud7a3\uff00-\uffef]*"
)


@dataclass(frozen=True)
class Segmentation:
    encoding: str  # "GSM-7" or "UCS-2"
    segments: int
    characters: int  # graphemes
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)


def graphemes(text: str) -> list[str]:
    # Carriers see CR and LF as two characters even where Unicode joins them.
    out = []
    for g in _grapheme().findall(text):
        out.extend(("\r", "\n") if g == "\r\n" else (g,))
    return out


def is_gsm(ch: str) -> bool:
    return ch in GSM_BASIC or ch in GSM_EXTENDED


def _utf16_units(g: str) -> int:
    return len(g.encode("utf-16-le")) // 2


def segment(text: str) -> Segmentation:
    if _SIMPLE.fullmatch(text):
        return _segment_simple(text)
    parts = graphemes(text)
    gsm = all(len(g) == 1 and is_gsm(g) for g in parts)
    if gsm:
        sizes = [14 if g in GSM_EXTENDED else 7 for g in parts]
        units = sum(s // 7 for s in sizes)
    else:
        sizes = [16 * _utf16_units(g) for g in parts]
        units = sum(s // 16 for s in sizes)
    return Segmentation("GSM-7" if gsm else "UCS-2", _count_segments(sizes), len(parts), units)


def _segment_simple(text: str) -> Segmentation:
    """Every character is its own one-unit grapheme: only escape pairs can straddle a boundary."""
    if set(text) <= GSM_ALL:
        escapes = sum(text.count(ch) for ch in GSM_EXTENDED if ch in text)
        units = len(text) + escapes
        if units <= 160:
            segments = 1
        elif not escapes:
            segments = -(-units // 153)
        else:
            segments = _count_segments([14 if ch in GSM_EXTENDED else 7 for ch in text])
        return Segmentation("GSM-7", segments, len(text), units)
    units = len(text)
    return Segmentation("UCS-2", 1 if units <= 70 else -(-units // 67), len(text), units)


def _count_segments(sizes: list[int]) -> int:
    # Each segment: [used bits, list of char sizes, has header]. The first segment starts without
    # a header; when the message overflows it, the header is added to it and the characters
    # that no longer fit move on, exactly as the reference calculator does.
    segments = [[0, [], False]]
    for size in sizes:
        current = segments[-1]
        if SEGMENT_BITS - current[0] < size:
            new = [HEADER_BITS, [], True]
            previous = current
            segments.append(new)
            if not previous[2]:
                previous[2] = True
                previous[0] += HEADER_BITS
                moved = []
                while previous[0] > SEGMENT_BITS:
                    bits = previous[1].pop()
                    previous[0] -= bits
                    moved.insert(0, bits)
                for bits in moved:
                    new[0] += bits
                    new[1].append(bits)
            current = new
        current[0] += size
        current[1].append(size)
    return len(segments)


def measure(message, settings: dict, facts: dict) -> None:
    """A text's segments, as carriers bill them; a Korean text's carrier bytes and SMS/LMS type."""
    seg = segment(message.body)
    # What a phone shows as one character (an emoji with modifiers is one), as carriers count.
    facts.update(chars=seg.characters, encoding=seg.encoding, segments=seg.segments, units=seg.units)
    if message.language == "ko":
        nbytes = korean_carrier.byte_length(message.body)
        facts.update(kr_bytes=nbytes, kr_type=korean_carrier.message_type(nbytes))
        if message.subject:
            facts["kr_subject_bytes"] = korean_carrier.byte_length(message.subject)
