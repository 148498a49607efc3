"""Facts about a message that rules and people read: length, and each channel's arithmetic."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def compute_facts(message, settings: dict | None = None) -> dict:
    settings = settings or {}
    body = message.body
    facts: dict = {"chars": len(body)}
    if message.channel == "email":
        # No word runs across a blank line: the body's words are its paragraphs' words.
        paragraphs = [count_words(p) for p in _PARAGRAPH.split(body)]
        facts["words"] = sum(paragraphs)
    else:
        facts["words"] = count_words(body)
    # Each channel's arithmetic is imported when a message of it is measured: the tables behind
    # SMS segments are start-up time an email check does not need.
    if message.channel == "sms":
        from msglint.channels import korean_carrier, sms

        seg = sms.segment(body)
        # What a phone shows as one character (an emoji with modifiers is one), as carriers count.
        facts.update(chars=seg.characters, encoding=seg.encoding, segments=seg.segments, units=seg.units)
        if message.language == "ko":
            nbytes = korean_carrier.byte_length(body)
            facts.update(kr_bytes=nbytes, kr_type=korean_carrier.message_type(nbytes))
            if message.subject:
                facts["kr_subject_bytes"] = korean_carrier.byte_length(message.subject)
    elif message.channel == "voicemail":
        from msglint.channels import speech

        facts["seconds"] = speech.seconds(body, message.language, settings.get("speech_rate"))
    elif message.channel == "email":
        facts["questions"] = body.count("?") + body.count("？")
        facts["paragraph_words"] = max(paragraphs, default=0)
    if message.subject is not None:
        facts["subject_chars"] = len(message.subject)
        facts["subject_words"] = count_words(message.subject)
    return facts
